"""The runbook document model.

Frozen dataclasses built by :mod:`runwright.parser` and read by everything else (linter,
runner, index, audit, search, site). No I/O and no Markdown library here: every element carries
the 1-based line (and where it matters the column) it came from, so that any consumer can point
at the source.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

AttrValue = str | bool
FieldSource = Literal["information", "front_matter"]
BlockKind = Literal["heading", "paragraph", "list_item", "code", "html", "table", "quote"]

#: Fence languages whose content runwright treats as shell commands to run.
SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "zsh", "ksh"})
#: Fence languages that show a transcript (prompts and output), never run as they are.
#: The fence attributes runwright reads (docs/format.md, "Fence attributes").
RUNWRIGHT_ATTRIBUTES = frozenset({"id", "confirm", "timeout", "watch", "mutating", "readonly",
                                  "cwd", "capture", "skip-test", "interactive", "manual",
                                  "exit", "on", "serial", "max_fail", "become"})
_DIRECTIVE = re.compile(r"\{([A-Za-z][\w:.-]*)\}")
TRANSCRIPT_LANGUAGES = frozenset({"console", "shell-session", "shellsession", "terminal"})
#: Fence languages that hold output or plain text, never commands.
OUTPUT_LANGUAGES = frozenset({"text", "txt", "output", "log", "plaintext", "expect"})
#: The fence attributes runwright reads (docs/format.md, "Fence attributes").
FENCE_ATTRIBUTES = frozenset({"id", "confirm", "timeout", "watch", "mutating", "readonly", "cwd",
                              "capture", "skip-test", "interactive", "manual", "on", "serial",
                              "max_fail", "become"})


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser met and could not read as the format intends."""

    line: int
    message: str
    column: int = 1


@dataclass(frozen=True, slots=True)
class MetaField:
    """One metadata field as written (Information block or front matter)."""

    name: str  # canonical name ("last_updated", "owner", ...) or a normalised slug
    label: str  # the label as written ("Dernière mise à jour", "owner")
    value: str  # the raw value text
    line: int
    source: FieldSource


@dataclass(frozen=True, slots=True)
class Duration:
    """An estimated time, as a range in minutes (equal bounds for a single value)."""

    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Metadata:
    """Runbook metadata: parsed values plus every field with its raw text and line."""

    last_updated: _dt.date | None = None
    owner: str | None = None
    owners: tuple[str, ...] = ()
    estimated_time: str | None = None
    duration: Duration | None = None
    frequency: str | None = None
    frequency_key: str | None = None  # "daily", "weekly", "on-demand", "every-release", ...
    review_interval_days: int | None = None
    fields: tuple[MetaField, ...] = ()

    def field(self, name: str, source: FieldSource | None = None) -> MetaField | None:
        """The first field with this canonical name (from ``source`` when given)."""
        for f in self.fields:
            if f.name == name and (source is None or f.source == source):
                return f
        return None

    def fields_named(self, name: str) -> tuple[MetaField, ...]:
        return tuple(f for f in self.fields if f.name == name)


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced (or indented) code block."""

    language: str | None  # first word of the info string, lower-cased; None when unlabelled
    info: str  # the whole info string as written
    code: str
    line: int  # line of the opening fence (of the first code line for indented blocks)
    end_line: int  # last line of the block (closing fence included)
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    fenced: bool = True
    closed: bool = True
    indent: int = 0
    #: the exit statuses its ``{exit=0|3}`` attribute accepts (empty: 0 only, or the
    #: ``expect`` block's)
    exit_statuses: tuple[int, ...] = ()

    @property
    def first_code_line(self) -> int:
        """The file line of the first line of ``code``."""
        return self.line + 1 if self.fenced else self.line

    @property
    def is_shell(self) -> bool:
        return self.language in SHELL_LANGUAGES

    @property
    def is_transcript(self) -> bool:
        return self.language in TRANSCRIPT_LANGUAGES

    @property
    def is_expect(self) -> bool:
        return self.language == "expect"

    @property
    def directive(self) -> str | None:
        """The MyST/Sphinx directive a fence opens (```` ```{toctree} ```` -> ``toctree``,
        ```` ```{code-block} bash ```` -> ``code-block``), None for any other block: an info
        string that starts with a braced word that is not a runwright fence attribute."""
        if not self.fenced or self.language is not None:
            return None
        m = _DIRECTIVE.match(self.info.strip())
        return m.group(1) if m and m.group(1) not in RUNWRIGHT_ATTRIBUTES else None

    def flag(self, name: str) -> bool:
        """True when the attribute is set as a flag or to a true-looking value."""
        value = self.attributes.get(name)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        return value.strip().lower() not in {"false", "no", "0", "off"}


@dataclass(frozen=True, slots=True)
class ExpectLine:
    text: str
    regex: bool
    line: int


@dataclass(frozen=True, slots=True)
class Expectation:
    """An ``expect`` fence: output lines that must appear in order, and the exit status."""

    line: int
    lines: tuple[ExpectLine, ...]
    #: the accepted exit statuses (``{exit=2}``, ``{exit=0|3}``); empty: the block's, else 0
    exit_statuses: tuple[int, ...]
    command_index: int | None  # index in Step.commands of the command it follows
    code: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """A list item in Prerequisites or Verification (``- [ ]`` task or plain bullet)."""

    text: str
    checked: bool
    is_task: bool
    line: int
    commands: tuple[CodeBlock, ...] = ()
    inline_code: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    number: int | None
    #: the number as written ("4", "IV", "x"), None when unnumbered; for an item of an ordered
    #: list, as Markdown shows it ("1." "1." "1." are shown 1, 2, 3)
    number_text: str | None
    title: str
    line: int
    end_line: int
    commands: tuple[CodeBlock, ...] = ()  # every non-expect code block of the step
    expected_result: str | None = None
    expected_result_line: int | None = None
    expectations: tuple[Expectation, ...] = ()
    manual: bool = False  # explicitly marked manual ("Manual", "Manuel", {manual})
    text: str = ""  # the step's prose, for wording checks
    checklist: tuple[ChecklistItem, ...] = ()
    style: Literal["heading", "list"] = "heading"

    @property
    def runnable_commands(self) -> tuple[CodeBlock, ...]:
        return tuple(c for c in self.commands if c.is_shell)

    def flag(self, name: str) -> bool:
        """True when any of the step's commands carries the attribute ``name``."""
        return any(c.flag(name) for c in self.commands)


@dataclass(frozen=True, slots=True)
class RollbackCase:
    title: str
    step: int | None  # the step it undoes, None for a case that applies to any failure
    line: int
    commands: tuple[CodeBlock, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class TroubleshootingEntry:
    title: str
    error: str | None
    cause: str | None
    solution: str | None
    line: int
    commands: tuple[CodeBlock, ...] = ()
    cause_line: int | None = None
    solution_line: int | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    role: str  # "on_call", "escalation" or a slug of the label ("incident_slack")
    label: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    line: int
    description: str | None = None
    default: str | None = None
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    secret: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the lines it spans (up to the next heading of the same or higher level)."""

    title: str
    level: int
    line: int
    end_line: int
    canonical: str | None = None  # "information", "procedure", "rollback", "meaning", ...
    language: Literal["fr", "en"] | None = None  # language of the name that matched
    empty: bool = False  # no content before the next heading of any level
    anchor: str = ""  # GitHub-style slug, de-duplicated within the document
    heading_id: str | None = None  # a {#id} attribute after the title (Hugo, kramdown, Pandoc)


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    text: str
    line: int
    column: int = 1
    image: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level or nested text block, for rules that read prose."""

    kind: BlockKind
    text: str
    line: int
    end_line: int
    section: str | None  # canonical name of the enclosing H2 section, else its title


@functools.lru_cache(maxsize=16)
def _split_lines(source: str) -> tuple[str, ...]:
    return tuple(source.split("\n"))


@dataclass(frozen=True, slots=True)
class Runbook:
    path: str
    source: str  # the text after decoding, BOM removed and line endings normalised
    title: str | None = None
    title_line: int | None = None
    title_source: Literal["heading", "front_matter"] | None = None
    kind: str = "generic"  # deployment, incident, maintenance, generic
    language: Literal["fr", "en"] | None = None
    metadata: Metadata = field(default_factory=Metadata)
    front_matter: Mapping[str, object] = field(default_factory=dict)
    front_matter_lines: tuple[int, int] | None = None  # first and last line, delimiters included
    prerequisites: tuple[ChecklistItem, ...] = ()
    steps: tuple[Step, ...] = ()
    verification: tuple[ChecklistItem, ...] = ()
    rollback: tuple[RollbackCase, ...] = ()
    troubleshooting: tuple[TroubleshootingEntry, ...] = ()
    contacts: tuple[Contact, ...] = ()
    variables: tuple[Variable, ...] = ()
    sections: tuple[Section, ...] = ()
    code_blocks: tuple[CodeBlock, ...] = ()  # every code block in the document, in order
    links: tuple[Link, ...] = ()
    blocks: tuple[Block, ...] = ()
    problems: tuple[Problem, ...] = ()
    content_hash: str = ""
    crlf: bool = False
    bom: bool = False

    @property
    def lines(self) -> list[str]:
        """The source lines (a new list each time; the split itself is cached)."""
        return list(_split_lines(self.source))

    def section(self, canonical: str) -> Section | None:
        """The first section with this canonical name."""
        for s in self.sections:
            if s.canonical == canonical:
                return s
        return None

    def has_section(self, canonical: str) -> bool:
        return self.section(canonical) is not None

    def contact(self, role: str) -> Contact | None:
        for c in self.contacts:
            if c.role == role:
                return c
        return None

    def step(self, number: int) -> Step | None:
        for s in self.steps:
            if s.number == number:
                return s
        return None

    def variable(self, name: str) -> Variable | None:
        for v in self.variables:
            if v.name == name:
                return v
        return None
