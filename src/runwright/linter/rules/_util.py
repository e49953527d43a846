"""Small helpers shared by the rules: the file's language, section lookup, columns, prose lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from runwright.linter.rule import LintContext
from runwright.model import Runbook, Section
from runwright.names import SECTION_NAMES, Lang, preferred_section_name
from runwright.profiles import Profile

_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


def language(runbook: Runbook) -> Lang:
    """The file's language, English when it cannot be told."""
    return runbook.language or "en"


def section_title(name: str, lang: Lang, profile: Profile | None = None) -> str:
    """The title runwright writes for a required section: as the profile's config wrote it,
    else runwright's own name in the file's language (custom names stay as written)."""
    if profile is not None and name in profile.titles:
        return profile.titles[name]
    if name in SECTION_NAMES:
        return preferred_section_name(name, lang)
    return name


def requires(ctx: LintContext, name: str) -> bool:
    """Whether the active profile requires the section ``name``."""
    return name in ctx.profile.sections


def find_section(ctx: LintContext, name: str) -> Section | None:
    """The section satisfying the profile's required section ``name`` (canonical match first)."""
    rb = ctx.runbook
    return rb.section(name) or ctx.profile.find_section(rb, name)


def column_of(runbook: Runbook, line: int, needle: str, default: int = 1) -> int:
    """1-based column of ``needle`` on ``line`` of the source, ``default`` when absent."""
    lines = runbook.lines
    if 0 < line <= len(lines) and needle:
        pos = lines[line - 1].find(needle)
        if pos >= 0:
            return pos + 1
    return default


def source_line(runbook: Runbook, line: int) -> str:
    lines = runbook.lines
    return lines[line - 1] if 0 < line <= len(lines) else ""


def blank_code(text: str) -> str:
    """``text`` with inline code spans and HTML comments replaced by spaces (columns kept)."""
    if "`" not in text and "<!--" not in text:  # most lines: neither pattern can match
        return text
    text = _HTML_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text)


#: Sections that hold instructions (what to do), as opposed to descriptions.
INSTRUCTION_SECTIONS = frozenset({"prerequisites", "procedure", "verification", "rollback",
                                  "troubleshooting", "diagnosis", "mitigation"})


def prose_lines(runbook: Runbook, sections: frozenset[str] | None = None,
                ) -> Iterator[tuple[int, str]]:
    """(line, text) of every prose line (paragraphs, list items, quotes, tables, headings),
    with inline code and HTML comments blanked out so that columns stay exact; only in the
    given canonical ``sections`` when set."""
    lines = runbook.lines
    seen: set[int] = set()
    for block in runbook.blocks:
        if block.kind in ("code", "html"):
            continue
        if sections is not None and block.section not in sections:
            continue
        for ln in range(block.line, min(block.end_line, len(lines)) + 1):
            if ln in seen:
                continue
            seen.add(ln)
            yield ln, blank_code(lines[ln - 1])


def section_subtree_end(runbook: Runbook, section: Section) -> int:
    """The last line of a section including its sub-sections."""
    return section.end_line
