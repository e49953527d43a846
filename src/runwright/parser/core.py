"""Markdown text -> :class:`runwright.model.Runbook`.

The only module that imports markdown-it. One pass over the token stream collects headings and
content elements with their source lines; the standard sections are then read from those
elements. The parser never raises on text: what it cannot read becomes a :class:`Problem`.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from runwright import names
from runwright.digest import sha256
from runwright.model import (
    AttrValue,
    Block,
    ChecklistItem,
    CodeBlock,
    Contact,
    Expectation,
    ExpectLine,
    Link,
    Metadata,
    MetaField,
    Problem,
    RollbackCase,
    Runbook,
    Section,
    Step,
    TroubleshootingEntry,
    Variable,
)
from runwright.parser.fence import parse_info
from runwright.parser.values import (
    parse_date,
    parse_duration,
    parse_exit_statuses,
    parse_interval_days,
    parse_owners,
)

#: Block nesting (lists in lists, quotes in quotes) markdown-it follows before it gives up on
#: the rest of the file; a guard against recursion on hostile input, far above real runbooks.
MAX_NESTING = 40


class _QuietDebug:
    """A stand-in for a logger whose DEBUG level is off: ``debug`` costs one call, not three.

    markdown-it-py's block rules call ``LOGGER.debug(...)`` each time they try a line (about a
    million calls for the benchmark's 2,000 runbooks, 38 % of the block parser's time even when
    nothing is logged). Every other method goes to the real logger.
    """

    __slots__ = ("_logger",)

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def debug(self, *args: object, **kwargs: object) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


def quiet_block_rule_logs() -> None:
    """Give markdown-it-py's block rules a no-op ``debug`` when DEBUG is off for them.

    Nothing changes when someone turned DEBUG on for ``markdown_it`` (they see every message),
    nor when a release of markdown-it-py no longer has module loggers (the attribute is absent).
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("markdown_it.rules_block.") and name != "markdown_it.parser_block":
            continue
        logger = getattr(module, "LOGGER", None)
        if isinstance(logger, logging.Logger) and not logger.isEnabledFor(logging.DEBUG):
            setattr(module, "LOGGER", _QuietDebug(logger))  # noqa: B010 (a module attribute)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark + tables + front matter, with inline parsing left to :func:`_inline_text`.

    Inline parsing is most of markdown-it's work; the collector does it per inline token, and
    only when the text holds a character an inline rule acts on (see ``_INLINE_SPECIAL``).
    """
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.core.ruler.disable("inline")
    quiet_block_rule_logs()
    return md.use(front_matter_plugin)


#: Characters that start an inline construct in CommonMark (escape, code span, emphasis, link,
#: image, autolink or HTML, entity). Text without them parses to text and line breaks only.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]!<&]")


#: Template markup (Go/Hugo ``{{ .Name }}``, Jinja and Liquid ``{{ x }}`` / ``{% if %}``): front
#: matter holding it is a template that becomes YAML once filled in, not broken YAML.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return names.normalize(text)


# ---------------------------------------------------------------------------------------------
# First pass: elements


@dataclass(slots=True)
class _Heading:
    level: int
    title: str
    line: int
    index: int  # position in the element list
    end_line: int = 0
    canonical: str | None = None
    language: Literal["fr", "en"] | None = None
    custom_id: str | None = None  # from a {#id} attribute block


#: A heading attribute block as Hugo, kramdown and Pandoc write it, at the end of the title:
#: ``## Rollback {#rollback}``, ``## Rollback {: #rollback .wide}``, ``## Notes {.unnumbered}``.
_ATTR_TOKEN = r"(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
_HEADING_ATTRIBUTES = re.compile(r"\s*\{:?\s*(" + _ATTR_TOKEN + r"(?:\s+" + _ATTR_TOKEN
                                 + r")*)\s*\}\s*$")


@dataclass(slots=True)
class _Elem:
    kind: Literal["para", "code", "html", "table", "heading"]
    line: int
    end_line: int
    text: str = ""
    heading: int = -1  # index into headings of the enclosing heading (-1: before any)
    list_depth: int = 0  # 0: not in a list; 1: top-level list item; ...
    item_id: int = -1  # the list item this element belongs to (-1: none)
    item_first: bool = False  # first paragraph of its list item
    ordered: bool = False
    item_number: str | None = None
    task: bool | None = None  # None: not a task item; else checked state
    code: CodeBlock | None = None
    rows: list[list[str]] = field(default_factory=list)
    inline_code: tuple[str, ...] = ()
    in_quote: bool = False


_TASK = re.compile(r"^\[([ xX])\]\s+")


_PLAIN = r"[^\\`*_\[\]!<&]"
#: A task box, or a strong label like ``**Owner**:``, then plain text: the two shapes of
#: runbook text that need no inline parser (a box is never a link; the label is always strong).
_EASY = re.compile(
    rf"(?:\[[ xX]\] |\*\*(?P<label>[^\\`*_\[\]!<&\s](?:{_PLAIN}*[^\\`*_\[\]!<&\s])?)\*\*)"
    rf"(?P<rest>{_PLAIN}*)", re.S)


def _easy_match(content: str) -> re.Match[str] | None:
    m = _EASY.fullmatch(content)
    if m is None or m.group("label") is None:
        return m
    # "**a.**b" is not strong (the closing run is not right-flanking): leave it to the parser.
    rest = m.group("rest")
    if rest and not m.group("label")[-1].isalnum() and not (rest[0].isspace() or rest[0] in ":"):
        return None
    return m


def _easy_text(content: str) -> str | None:
    """The text of an inline token whose content needs no inline parser, else None."""
    if _INLINE_SPECIAL.search(content) is None:
        return _plain_text(content)
    m = _easy_match(content)
    if m is None:
        return None
    label = m.group("label")
    if label is None:
        return _plain_text(content)
    return _plain_text(label + m.group("rest"))


def _inline_parse(tok: Token, env: dict[str, Any]) -> bool:
    """Give an inline token its children when its text needs the inline parser.

    Returns False for easy text (no child tokens needed: see :func:`_easy_text`).
    """
    if tok.children:
        return True
    if _INLINE_SPECIAL.search(tok.content) is None or _easy_match(tok.content):
        return False
    md = _markdown()
    children: list[Token] = []
    md.inline.parse(tok.content, md, env, children)
    tok.children = children
    return True


def _plain_text(content: str) -> str:
    """What the inline parser makes of text without special characters (softbreaks as \\n)."""
    if "\n" not in content:
        return content
    return "\n".join(line.rstrip(" ").lstrip(" \t") for line in content.split("\n"))


def _inline_text(tok: Token, env: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    if not tok.children:
        easy = _easy_text(tok.content)
        if easy is not None:
            return easy, ()
        _inline_parse(tok, env)
    parts: list[str] = []
    codes: list[str] = []
    for child in tok.children or ():
        t = child.type
        if t == "text" or t == "html_inline" or t == "text_special":
            parts.append(child.content)
        elif t == "code_inline":
            parts.append(child.content)
            codes.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif t == "image":
            parts.append(child.content)
    return "".join(parts), tuple(codes)


def _links(tok: Token, line: int, lines: Sequence[str]) -> list[Link]:
    out: list[Link] = []
    children = tok.children or []
    for i, child in enumerate(children):
        if child.type == "link_open" or child.type == "image":
            target = str(child.attrs.get("href") or child.attrs.get("src") or "")
            text = ""
            if child.type == "link_open":
                j = i + 1
                buf: list[str] = []
                while j < len(children) and children[j].type != "link_close":
                    buf.append(children[j].content)
                    j += 1
                text = "".join(buf)
            else:
                text = child.content
            # Find the real line and column of the target inside a multi-line paragraph.
            found_line, col = line, 1
            end = tok.map[1] if tok.map else line
            for ln in range(line, max(line, end) + 1):
                if 0 < ln <= len(lines):
                    pos = lines[ln - 1].find(target) if target else -1
                    if pos >= 0:
                        found_line, col = ln, pos + 1
                        break
            out.append(Link(target=target, text=text, line=found_line, column=col,
                            image=child.type == "image"))
    return out


def _fence_closed(tok: Token, lines: Sequence[str]) -> bool:
    if tok.map is None:
        return True
    last = tok.map[1]  # 0-based exclusive end -> last line index is last-1
    if last - 1 <= tok.map[0]:
        return False
    closing = lines[last - 1].strip() if last - 1 < len(lines) else ""
    marker = tok.markup[0] if tok.markup else "`"
    return (
        len(closing) >= len(tok.markup)
        and set(closing) == {marker}
    )


#: Token types the collector has nothing to do with (checked first, as most tokens are these).
_SKIPPED_TOKENS = frozenset({
    "paragraph_open", "paragraph_close", "heading_close", "thead_open", "thead_close",
    "tbody_open", "tbody_close", "tr_close", "th_open", "th_close", "td_open", "td_close", "hr",
})


class _Collector:
    """Walks the token stream once and produces headings, elements, links and problems."""

    def __init__(self, tokens: Sequence[Token], lines: Sequence[str],
                 env: dict[str, Any] | None = None) -> None:
        self.tokens = tokens
        self.env: dict[str, Any] = env if env is not None else {}
        self.lines = lines
        self.headings: list[_Heading] = []
        self.elems: list[_Elem] = []
        self.links: list[Link] = []
        self.problems: list[Problem] = []
        self.code_blocks: list[CodeBlock] = []
        self.front_matter: str | None = None
        self.front_matter_map: tuple[int, int] | None = None
        self.too_deep = False
        #: the number each ordered list item is shown with (its list's start + its position:
        #: Markdown renders "1." "1." "1." as 1, 2, 3), by item id
        self.item_shown: dict[int, int] = {}

    def _nesting(self, tok: Token) -> None:
        """Record, once, that markdown-it stopped reading because the nesting is too deep."""
        if tok.level >= MAX_NESTING - 2 and not self.too_deep:
            self.too_deep = True
            line = tok.map[0] + 1 if tok.map else 1
            self.problems.append(Problem(
                line, f"lists or quotes nested {MAX_NESTING // 2} or more levels deep: reading "
                      "stops here, so the content below may be missing"))

    def run(self) -> None:
        list_stack: list[bool] = []  # ordered?
        list_next: list[int] = []  # the number the next item of each open list is shown with
        item_stack: list[tuple[int, str | None, bool]] = []  # (item id, number, first para seen)
        item_counter = 0
        quote_depth = 0
        pending_heading: tuple[int, int] | None = None
        table_rows: list[list[str]] | None = None
        table_start = 0
        lines = self.lines
        skip = _SKIPPED_TOKENS
        for tok in self.tokens:
            t = tok.type
            if t in skip:
                continue
            if t == "inline":
                if pending_heading is not None:
                    level, line = pending_heading
                    text, _codes = _inline_text(tok, self.env)
                    self._heading(level, text.strip(), line)
                    self.links.extend(_links(tok, line, lines))
                    pending_heading = None
                    continue
                if table_rows is not None:
                    if table_rows:
                        table_rows[-1].append(_inline_text(tok, self.env)[0].strip())
                    continue
                line = tok.map[0] + 1 if tok.map else 1
                end = tok.map[1] if tok.map else line
                text, codes = _inline_text(tok, self.env)
                elem = _Elem("para", line, end, text=text, inline_code=codes,
                             heading=len(self.headings) - 1, in_quote=quote_depth > 0)
                if item_stack:
                    item_id, number, seen = item_stack[-1]
                    elem.list_depth = len(item_stack)
                    elem.item_id = item_id
                    elem.ordered = list_stack[-1] if list_stack else False
                    elem.item_number = number
                    if not seen:
                        elem.item_first = True
                        item_stack[-1] = (item_id, number, True)
                        m = _TASK.match(text)
                        if m:
                            elem.task = m.group(1) != " "
                            elem.text = text[m.end():]
                self.elems.append(elem)
                if tok.children:
                    for child in tok.children:
                        if child.type in ("link_open", "image"):
                            self.links.extend(_links(tok, line, lines))
                            break
            elif t == "heading_open":
                pending_heading = (int(tok.tag[1]), tok.map[0] + 1 if tok.map else 1)
            elif t == "fence" or t == "code_block":
                self._code(tok, item_stack, list_stack, quote_depth)
            elif t == "bullet_list_open" or t == "ordered_list_open":
                list_stack.append(t == "ordered_list_open")
                start = tok.attrGet("start") if t == "ordered_list_open" else None
                list_next.append(int(start) if isinstance(start, int | str) else 1)
            elif t == "bullet_list_close" or t == "ordered_list_close":
                if list_stack:
                    list_stack.pop()
                    list_next.pop()
            elif t == "list_item_open":
                self._nesting(tok)
                item_counter += 1
                number = tok.info or None
                item_stack.append((item_counter, number, False))
                if list_stack and list_stack[-1]:
                    self.item_shown[item_counter] = list_next[-1]
                    list_next[-1] += 1
            elif t == "list_item_close":
                if item_stack:
                    item_stack.pop()
            elif t == "blockquote_open":
                self._nesting(tok)
                quote_depth += 1
            elif t == "blockquote_close":
                quote_depth = max(0, quote_depth - 1)
            elif t == "html_block":
                line = tok.map[0] + 1 if tok.map else 1
                end = tok.map[1] if tok.map else line
                self.elems.append(_Elem("html", line, end, text=tok.content,
                                        heading=len(self.headings) - 1))
            elif t == "table_open":
                table_rows = []
                table_start = tok.map[0] + 1 if tok.map else 1
            elif t == "tr_open":
                if table_rows is not None:
                    table_rows.append([])
            elif t == "table_close":
                end = tok.map[1] if tok.map else table_start
                self.elems.append(_Elem("table", table_start, end, rows=table_rows or [],
                                        heading=len(self.headings) - 1,
                                        text="\n".join(" | ".join(r) for r in table_rows or [])))
                table_rows = None
            elif t == "front_matter":
                self.front_matter = tok.content
                if tok.map:
                    self.front_matter_map = (tok.map[0] + 1, tok.map[1])

    def _heading(self, level: int, title: str, line: int) -> None:
        custom_id: str | None = None
        attrs = _HEADING_ATTRIBUTES.search(title)
        if attrs and attrs.start() > 0:
            title = title[:attrs.start()].rstrip()
            custom_id = next((t[1:] for t in attrs.group(1).split() if t.startswith("#")), None)
        canonical: str | None = None
        lang: Literal["fr", "en"] | None = None
        # "# Runbook: Steps" is a title, never the Procedure section.
        hit = None if level == 1 and _RUNBOOK_PREFIX.match(title) else \
            names.section_canonical(title)
        if hit is not None:
            canonical, lang = hit
        self.headings.append(_Heading(level, title, line, len(self.elems), 0, canonical, lang,
                                      custom_id))
        self.elems.append(_Elem("heading", line, line, text=title, heading=len(self.headings) - 1))

    def _code(self, tok: Token, item_stack: list[tuple[int, str | None, bool]],
              list_stack: list[bool], quote_depth: int) -> None:
        line = tok.map[0] + 1 if tok.map else 1
        end = tok.map[1] if tok.map else line
        fenced = tok.type == "fence"
        closed = True
        language: str | None = None
        attrs: dict[str, AttrValue] = {}
        code = tok.content
        if fenced:
            language, attrs, problem = parse_info(tok.info)
            if problem:
                self.problems.append(Problem(line, f"fence info {tok.info.strip()!r}: {problem}"))
            closed = _fence_closed(tok, self.lines)
            if not closed:
                self.problems.append(Problem(
                    line, f"code fence opened with {tok.markup} is never closed: it runs to the "
                          f"end of the file (line {end})"))
        raw_line = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        indent = len(raw_line) - len(raw_line.lstrip(" "))
        statuses: tuple[int, ...] = ()
        raw_exit = attrs.get("exit")
        if raw_exit is not None:
            parsed = parse_exit_statuses(raw_exit) if isinstance(raw_exit, str) else None
            if parsed is None:
                shown = raw_exit if isinstance(raw_exit, str) else ""
                self.problems.append(Problem(
                    line, f"{'expect ' if language == 'expect' else ''}exit={shown!r} is not an "
                          "exit status (0 to 255) or a list of them (exit=0|3)"))
            statuses = parsed or ()
        block = CodeBlock(language=language, info=tok.info.strip() if fenced else "", code=code,
                          line=line, end_line=end, attributes=attrs, fenced=fenced,
                          closed=closed, indent=indent, exit_statuses=statuses)
        self.code_blocks.append(block)
        elem = _Elem("code", line, end, text=code, heading=len(self.headings) - 1, code=block,
                     in_quote=quote_depth > 0)
        if item_stack:
            elem.list_depth = len(item_stack)
            elem.item_id = item_stack[-1][0]
            elem.ordered = list_stack[-1] if list_stack else False
            elem.item_number = item_stack[-1][1]
        self.elems.append(elem)


# ---------------------------------------------------------------------------------------------
# Second pass: sections


_LABEL = re.compile(r"^\s*([^:\n]{1,60}?)\s*[:：]\s*(.*)$", re.S)
#: A step heading: "Step 3: ...", "Étape 3 : ...", "3. ...", "3) ...". A decimal section number
#: ("1.3 Communication", "Step 2.1") is never a step number.
_STEP_HEADING = re.compile(
    r"^\s*(?:(?:step|[ée]tape)\s*#?\s*(?P<num>[^\s:.)\-–—]+)|(?P<bare>\d+))(?![.,]\d)"
    r"\s*(?:[:.)\-–—]+\s*|\s+|$)(?P<title>.*)$",
    re.I,
)
_STEP_REF = re.compile(r"\b(?:etape|step|stage|phase)s?\s*(?:n\s*)?#?\s*(\d+)\b")
_MANUAL_TITLE = re.compile(r"[(\[]\s*(manual|manuel|manuelle)\s*[)\]]", re.I)
_RUNBOOK_PREFIX = re.compile(r"^\s*runbook\s*[:\-–—]\s*", re.I)


def _split_label(text: str) -> tuple[str, str] | None:
    m = _LABEL.match(text)
    if not m:
        return None
    return m.group(1).strip().strip("*_ ").strip(), m.group(2).strip()


def _is_known_label(label: str) -> bool:
    return (names.is_expected_label(label) or names.is_cause_label(label)
            or names.is_solution_label(label) or names.is_error_label(label)
            or names.is_manual_marker(label))


def _chunks(e: _Elem) -> list[tuple[str | None, str, int]]:
    """Split a paragraph into (known label or None, text, line) chunks.

    "**Cause**: x\n**Solution**: y" is one Markdown paragraph but two labelled chunks.
    """
    out: list[tuple[str | None, str, int]] = []
    for offset, text_line in enumerate(e.text.split("\n")):
        parts = _split_label(text_line)
        if parts is not None and _is_known_label(parts[0]):
            out.append((parts[0], parts[1], e.line + offset))
        elif out:
            label, value, line = out[-1]
            out[-1] = (label, (value + "\n" + text_line).strip(), line)
        else:
            out.append((None, text_line, e.line + offset))
    return out


def _section_elems(elems: Sequence[_Elem], start: int, end: int) -> list[_Elem]:
    return [e for e in elems[start:end] if e.kind != "heading"]


class _Builder:
    def __init__(self, path: str, source: str, lines: list[str], col: _Collector) -> None:
        self.path = path
        self.source = source
        self.lines = lines
        self.col = col
        self.problems = list(col.problems)
        self.total_lines = len(lines)
        heads = col.headings
        n = len(heads)
        # end_line and element range of each heading
        self.elem_end: list[int] = [len(col.elems)] * n
        for i, h in enumerate(heads):
            h.end_line = self.total_lines
            for j in range(i + 1, n):
                if heads[j].level <= h.level:
                    h.end_line = heads[j].line - 1
                    self.elem_end[i] = heads[j].index
                    break

    # -- helpers ---------------------------------------------------------------------------

    def children(self, hi: int) -> list[int]:
        """Indexes of the direct sub-headings of heading ``hi`` (the shallowest level below)."""
        heads = self.col.headings
        h = heads[hi]
        sub = [j for j in range(hi + 1, len(heads))
               if heads[j].index < self.elem_end[hi] and heads[j].level > h.level]
        if not sub:
            return []
        top = min(heads[j].level for j in sub)
        return [j for j in sub if heads[j].level == top]

    def body(self, hi: int, stop_at_child: bool = False) -> list[_Elem]:
        """Content elements under heading ``hi`` (up to its first sub-heading if asked)."""
        start = self.col.headings[hi].index + 1
        end = self.elem_end[hi]
        if stop_at_child:
            kids = self.children(hi)
            if kids:
                end = self.col.headings[kids[0]].index
        return _section_elems(self.col.elems, start, end)

    def range_elems(self, start_elem: int, end_elem: int) -> list[_Elem]:
        return _section_elems(self.col.elems, start_elem, end_elem)

    # -- title, front matter ---------------------------------------------------------------

    def front_matter(self) -> dict[str, object]:
        raw = self.col.front_matter
        if raw is None:
            return {}
        first = self.col.front_matter_map[0] if self.col.front_matter_map else 1
        import yaml  # only for files with front matter: it costs start-up time

        try:
            data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            if _TEMPLATE.search(raw):
                return {}  # a template (a Hugo archetype, a cookiecutter file): YAML once filled
            mark = getattr(exc, "problem_mark", None)
            line = first + 1 + (mark.line if mark is not None else 0)
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problems.append(Problem(line, f"front matter is not valid YAML: {reason}"))
            return {}
        except Exception as exc:  # deep nesting, odd tags: still never raise on text
            self.problems.append(Problem(first, f"front matter could not be read: {exc}"))
            return {}
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problems.append(Problem(
                first, f"front matter is a YAML {type(data).__name__}, not a mapping of keys"))
            return {}
        return {str(k): v for k, v in data.items()}

    def fm_line(self, key: str) -> int:
        m = self.col.front_matter_map
        if m is None:
            return 1
        pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
        for ln in range(m[0] + 1, m[1]):
            if pattern.match(self.lines[ln - 1]):
                return ln
        return m[0]

    # -- metadata --------------------------------------------------------------------------

    def label_lines(self, elems: Sequence[_Elem]) -> list[tuple[str, str, int]]:
        """(label, value, line) from "Label: value" list items, paragraph lines and tables."""
        out: list[tuple[str, str, int]] = []
        for e in elems:
            if e.kind == "para":
                for offset, text_line in enumerate(e.text.split("\n")):
                    parts = _split_label(text_line)
                    if parts and parts[0]:
                        out.append((parts[0], parts[1], e.line + offset))
            elif e.kind == "table":
                for r, row in enumerate(e.rows):
                    if r == 0 or len(row) < 2:
                        continue  # header row
                    out.append((row[0].strip("*_ "), row[1], e.line + r + 1))
        return out

    # -- sections ----------------------------------------------------------------------------

    def checklist(self, elems: Sequence[_Elem]) -> tuple[ChecklistItem, ...]:
        items: list[ChecklistItem] = []
        depth = min((e.list_depth for e in elems if e.list_depth), default=0)
        if depth == 0:
            return ()
        by_item: dict[int, list[_Elem]] = {}
        order: list[int] = []
        for e in elems:
            if e.list_depth >= depth and e.item_id >= 0:
                key = e.item_id if e.list_depth == depth else (order[-1] if order else e.item_id)
                if key not in by_item:
                    by_item[key] = []
                    order.append(key)
                by_item[key].append(e)
        for key in order:
            group = by_item[key]
            first = next((g for g in group if g.item_first and g.list_depth == depth), None)
            if first is None:
                continue
            commands = tuple(g.code for g in group if g.code is not None and not g.code.is_expect)
            items.append(ChecklistItem(
                text=first.text.strip(), checked=bool(first.task), is_task=first.task is not None,
                line=first.line, commands=commands, inline_code=first.inline_code))
        return tuple(items)

    def steps_from_headings(self, heads: Sequence[int]) -> list[Step]:
        steps: list[Step] = []
        for hi in heads:
            h = self.col.headings[hi]
            number, number_text, title = self.step_number(h.title)
            steps.append(self.make_step(number, number_text, title, h.line, h.end_line,
                                        self.body(hi), "heading"))
        return steps

    @staticmethod
    def step_number(heading: str) -> tuple[int | None, str | None, str]:
        """(number, number as written, title) of a step heading; a number that is not one
        ("Step II") is kept as written for lint to report (RW302)."""
        m = _STEP_HEADING.match(heading)
        if not m:
            return None, None, heading.strip()
        text = m.group("num") or m.group("bare")
        title = m.group("title").strip()
        if text.isdigit():
            return int(text), text, title
        return None, text, title

    def make_step(self, number: int | None, number_text: str | None, title: str, line: int,
                  end_line: int, elems: Sequence[_Elem], style: Literal["heading", "list"],
                  ) -> Step:
        commands: list[CodeBlock] = []
        expectations: list[Expectation] = []
        expected: str | None = None
        expected_line: int | None = None
        awaiting_expected = False
        manual = bool(_MANUAL_TITLE.search(title))
        prose: list[str] = []
        for e in elems:
            if e.kind == "code" and e.code is not None:
                awaiting_expected = False
                if e.code.is_expect:
                    expectations.append(self.expectation(e.code, len(commands) - 1
                                                         if commands else None))
                else:
                    commands.append(e.code)
                continue
            if e.kind != "para":
                continue
            prose.append(e.text)
            for label, value, cline in _chunks(e):
                if label is not None and names.is_expected_label(label):
                    if expected is None:
                        expected = value
                        expected_line = cline
                        awaiting_expected = not value
                    continue
                if (label is not None and names.is_manual_marker(label)) or \
                        names.is_manual_marker(value.strip().rstrip(".")):
                    manual = True
                if awaiting_expected and expected is not None and label is None:
                    expected = (expected + "\n" + value).strip()
                    if not e.list_depth:
                        awaiting_expected = False
        checklist = self.checklist([e for e in elems if e.task is not None or e.list_depth])
        return Step(
            number=number, number_text=number_text, title=title, line=line, end_line=end_line,
            commands=tuple(commands), expected_result=expected, expected_result_line=expected_line,
            expectations=tuple(expectations), manual=manual, text="\n".join(prose),
            checklist=tuple(c for c in checklist if c.is_task), style=style)

    def expectation(self, block: CodeBlock, command_index: int | None) -> Expectation:
        lines: list[ExpectLine] = []
        for offset, text in enumerate(block.code.split("\n")):
            if not text.strip():
                continue
            stripped = text.strip()
            regex = len(stripped) >= 2 and stripped.startswith("/") and stripped.endswith("/")
            value = stripped[1:-1] if regex else stripped
            if regex:
                try:
                    re.compile(value)
                except re.error as exc:
                    self.problems.append(Problem(block.line + 1 + offset,
                                                 f"expect regex /{value}/ is invalid: {exc}"))
            lines.append(ExpectLine(text=value, regex=regex, line=block.line + 1 + offset))
        return Expectation(line=block.line, lines=tuple(lines),
                           exit_statuses=block.exit_statuses, command_index=command_index,
                           code=block.code)

    def steps_from_list(self, elems: Sequence[_Elem]) -> list[Step]:
        depth = min((e.list_depth for e in elems if e.list_depth and e.ordered), default=0)
        if depth == 0:
            return []
        groups: list[list[_Elem]] = []
        for e in elems:
            if e.list_depth == depth and e.item_first and e.ordered:
                groups.append([e])
            elif groups and e.list_depth >= depth:
                groups[-1].append(e)
        steps: list[Step] = []
        for g in groups:
            first = g[0]
            title = first.text.split("\n", 1)[0].strip()
            # The number the reader sees: Markdown renumbers "1." "1." "1." as 1, 2, 3.
            number = self.col.item_shown.get(first.item_id)
            number_text = str(number) if number is not None else first.item_number
            end = g[-1].end_line
            rest = g[1:]
            # The remainder of the first paragraph is prose of the step.
            extra = first.text.split("\n", 1)[1] if "\n" in first.text else ""
            if extra:
                rest = [_Elem("para", first.line + 1, first.end_line, text=extra), *rest]
            steps.append(self.make_step(number, number_text, title, first.line, end, rest,
                                        "list"))
        return steps

    def rollback(self, hi: int) -> tuple[RollbackCase, ...]:
        cases: list[RollbackCase] = []
        kids = self.children(hi)
        intro = self.body(hi, stop_at_child=True)
        intro_cmds = tuple(e.code for e in intro if e.code is not None and not e.code.is_expect)
        if intro_cmds or not kids:
            h = self.col.headings[hi]
            if intro_cmds or any(e.kind == "para" for e in intro):
                cases.extend(self.rollback_from_items(intro))
                if intro_cmds and not cases:
                    cases.append(RollbackCase(
                        title=h.title, step=self.step_ref(h.title), line=h.line,
                        commands=intro_cmds, text="\n".join(e.text for e in intro
                                                           if e.kind == "para")))
        for k in kids:
            h = self.col.headings[k]
            body = self.body(k)
            cases.append(RollbackCase(
                title=h.title, step=self.step_ref(h.title), line=h.line,
                commands=tuple(e.code for e in body if e.code is not None
                               and not e.code.is_expect),
                text="\n".join(e.text for e in body if e.kind == "para")))
        return tuple(cases)

    def rollback_from_items(self, elems: Sequence[_Elem]) -> list[RollbackCase]:
        """Rollback written as list items ("- If step 3 fails:" + nested fence)."""
        cases: list[RollbackCase] = []
        for e in elems:
            if e.kind == "para" and e.item_first and e.list_depth == 1:
                ref = self.step_ref(e.text)
                cmds = tuple(x.code for x in elems if x.code is not None
                             and x.item_id == e.item_id and not x.code.is_expect)
                if cmds:
                    cases.append(RollbackCase(title=e.text.split("\n")[0].strip(), step=ref,
                                              line=e.line, commands=cmds, text=e.text))
        return cases

    @staticmethod
    def step_ref(text: str) -> int | None:
        m = _STEP_REF.search(_norm(text))
        return int(m.group(1)) if m else None

    def troubleshooting(self, hi: int) -> tuple[TroubleshootingEntry, ...]:
        entries: list[TroubleshootingEntry] = []
        for e in self.body(hi, stop_at_child=True):
            if e.kind == "table":
                entries.extend(self.troubleshooting_table(e))
        for k in self.children(hi):
            h = self.col.headings[k]
            title = h.title
            error: str | None = title
            parts = _split_label(title)
            if parts is not None and names.is_error_label(parts[0]):
                error = parts[1] or None
            cause = solution = None
            cause_line = solution_line = None
            current: str | None = None
            commands: list[CodeBlock] = []
            for e in self.body(k):
                if e.kind == "code" and e.code is not None:
                    if not e.code.is_expect:
                        commands.append(e.code)
                    continue
                if e.kind == "table":
                    entries.extend(self.troubleshooting_table(e))
                    continue
                if e.kind != "para":
                    continue
                for label, value, cline in _chunks(e):
                    if label is not None and names.is_cause_label(label):
                        cause, cause_line, current = value, cline, "cause"
                    elif label is not None and names.is_solution_label(label):
                        solution, solution_line, current = value, cline, "solution"
                    elif label is not None and names.is_error_label(label):
                        error, current = (value or error), "error"
                    elif current == "cause" and cause is not None:
                        cause = (cause + "\n" + value).strip()
                    elif current == "solution" and solution is not None:
                        solution = (solution + "\n" + value).strip()
            entries.append(TroubleshootingEntry(
                title=title, error=error, cause=cause, solution=solution, line=h.line,
                commands=tuple(commands), cause_line=cause_line, solution_line=solution_line))
        return tuple(entries)

    def troubleshooting_table(self, e: _Elem) -> list[TroubleshootingEntry]:
        if not e.rows:
            return []
        header = [_norm(c) for c in e.rows[0]]
        def col(pred: Any) -> int | None:
            for i, h in enumerate(header):
                if pred(h):
                    return i
            return None
        ci_err = col(lambda h: names.is_error_label(h) or h in ("symptome", "symptoms", "message"))
        ci_cause = col(names.is_cause_label)
        ci_sol = col(names.is_solution_label)
        if ci_err is None or (ci_cause is None and ci_sol is None):
            return []
        out: list[TroubleshootingEntry] = []
        for r, row in enumerate(e.rows[1:], start=1):
            def cell(i: int | None, row: list[str] = row) -> str | None:
                return row[i] if i is not None and i < len(row) and row[i] else None
            err = cell(ci_err)
            line = e.line + r + 1
            out.append(TroubleshootingEntry(
                title=err or "", error=err, cause=cell(ci_cause), solution=cell(ci_sol),
                line=line, cause_line=line, solution_line=line))
        return out

    def contacts(self, elems: Sequence[_Elem]) -> list[Contact]:
        out: list[Contact] = []
        for label, value, line in self.label_lines(elems):
            out.append(Contact(role=names.contact_role(label), label=label, value=value,
                               line=line))
        return out


def _variables(fm: Mapping[str, object], builder: _Builder) -> tuple[Variable, ...]:
    raw = fm.get("variables")
    if raw is None:
        return ()
    out: list[Variable] = []
    items: list[tuple[str, object]] = []
    if isinstance(raw, dict):
        items = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, dict) and "name" in entry:
                items.append((str(entry["name"]), entry))
            elif isinstance(entry, str):
                items.append((entry, None))
            else:
                builder.problems.append(Problem(builder.fm_line("variables"),
                                                f"variable entry {entry!r} has no name"))
    else:
        builder.problems.append(Problem(builder.fm_line("variables"),
                                        "front matter 'variables' must be a mapping or a list"))
        return ()
    for name, spec in items:
        line = builder.fm_line(name)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            builder.problems.append(Problem(line, f"variable name {name!r} is not a valid "
                                                  "environment variable name"))
            continue
        if isinstance(spec, dict):
            choices = spec.get("choices") or ()
            if not isinstance(choices, list | tuple):
                choices = (choices,)
            default = spec.get("default")
            pattern = spec.get("pattern")
            if isinstance(pattern, str):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    builder.problems.append(Problem(line, f"variable {name}: pattern is not a "
                                                          f"valid regular expression: {exc}"))
            out.append(Variable(
                name=name, line=line,
                description=None if spec.get("description") is None
                else str(spec.get("description")),
                default=None if default is None else _scalar(default),
                pattern=None if pattern is None else str(pattern),
                choices=tuple(_scalar(c) for c in choices),
                secret=bool(spec.get("secret", False))))
        else:
            out.append(Variable(name=name, line=line,
                                default=None if spec is None else _scalar(spec)))
    return tuple(out)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


_STRUCTURAL_FM = {"title", "variables", "kind", "tags", "alerts", "lang", "language", "profile"}
_KIND_BY_FOLDER = {"deployment": "deployment", "deployments": "deployment", "deploy": "deployment",
                   "incidents": "incident", "incident": "incident", "alerts": "incident",
                   "maintenance": "maintenance"}
_KINDS = {"deployment", "incident", "maintenance", "generic"}
_FR_WORDS = frozenset({"le", "la", "les", "des", "du", "une", "et", "pour", "dans", "est",
                       "sur", "avec", "que", "qui", "pas", "vers"})
_EN_WORDS = frozenset({"the", "and", "for", "with", "this", "that", "from", "into", "are",
                       "is", "on", "to", "of", "be", "when"})


def _kind(fm: Mapping[str, object], path: str, title: str | None,
          sections: Sequence[Section]) -> str:
    raw = fm.get("kind")
    if isinstance(raw, str) and _norm(raw) in _KINDS:
        return _norm(raw)
    parts = [p.lower() for p in re.split(r"[\\/]", path)]
    for p in reversed(parts[:-1]):
        if p in _KIND_BY_FOLDER:
            return _KIND_BY_FOLDER[p]
    t = _norm(title or "")
    if re.search(r"\b(deploy|deploiement|deployment|release|mise en production|rollout)", t):
        return "deployment"
    if re.search(r"\b(backup|sauvegarde|rotation|renewal|renouvellement|maintenance|upgrade|"
                 r"mise a jour|patch|cleanup|nettoyage)", t):
        return "maintenance"
    if any(s.canonical in ("meaning", "mitigation", "diagnosis") for s in sections) or \
            re.search(r"\b(incident|down|panne|outage|alert|high|erreur|error|failure|leak)", t):
        return "incident"
    return "generic"


def _language(fm: Mapping[str, object], sections: Sequence[Section], fields: Sequence[MetaField],
              field_langs: Sequence[str | None], source: str) -> Literal["fr", "en"] | None:
    raw = fm.get("lang") or fm.get("language")
    if isinstance(raw, str) and raw.lower()[:2] in ("fr", "en"):
        return "fr" if raw.lower().startswith("fr") else "en"
    votes = {"fr": 0, "en": 0}
    for s in sections:
        if s.language:
            votes[s.language] += 1
    for lang in field_langs:
        if lang in votes:
            votes[lang] += 1
    if votes["fr"] != votes["en"]:
        return "fr" if votes["fr"] > votes["en"] else "en"
    words = re.findall(r"[a-zA-Zàâçéèêëîïôûùüÿœ]+", source[:20000].lower())
    fr = sum(1 for w in words if w in _FR_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


def parse(text: str, path: str = "<string>") -> Runbook:
    """Parse runbook text into the document model. Never raises on any text."""
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    crlf = "\r\n" in text
    if crlf or "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    content_hash = sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    problems: list[Problem] = []
    env: dict[str, Any] = {}
    if not text.strip():
        problems.append(Problem(1, "the file is empty"))
    try:
        tokens = _markdown().parse(text, env)
    except Exception as exc:  # pragma: no cover - markdown-it is total on text; belt and braces
        problems.append(Problem(1, f"Markdown could not be parsed: {exc}"))
        tokens = []
    col = _Collector(tokens, lines, env)
    col.run()
    b = _Builder(path, text, lines, col)
    fm = b.front_matter()
    heads = col.headings

    # sections with anchors
    sections: list[Section] = []
    seen_slugs: dict[str, int] = {}
    for i, h in enumerate(heads):
        slug = names.github_slug(h.title)
        count = seen_slugs.get(slug, 0)
        seen_slugs[slug] = count + 1
        anchor = slug if count == 0 else f"{slug}-{count}"
        start = h.index + 1
        nxt = heads[i + 1].index if i + 1 < len(heads) else len(col.elems)
        empty = start >= nxt
        sections.append(Section(title=h.title, level=h.level, line=h.line, end_line=h.end_line,
                                canonical=h.canonical, language=h.language, empty=empty,
                                anchor=anchor, heading_id=h.custom_id))

    # title
    title: str | None = None
    title_line: int | None = None
    title_source: Literal["heading", "front_matter"] | None = None
    h1 = next((h for h in heads if h.level == 1), None)
    if h1 is not None and h1.canonical is None:
        title = _RUNBOOK_PREFIX.sub("", h1.title).strip() or h1.title
        title_line = h1.line
        title_source = "heading"
    elif isinstance(fm.get("title"), str | int | float) and str(fm.get("title")).strip():
        title = _RUNBOOK_PREFIX.sub("", str(fm["title"])).strip()
        title_line = b.fm_line("title")
        title_source = "front_matter"
    elif h1 is not None:
        title, title_line, title_source = h1.title, h1.line, "heading"

    # The standard sections: the first heading of each canonical name.
    first: dict[str, int] = {}
    for i, h in enumerate(heads):
        if h.canonical is not None and h.canonical not in first:
            first[h.canonical] = i

    # metadata
    fields: list[MetaField] = []
    field_langs: list[str | None] = []
    contacts: list[Contact] = []
    if "information" in first:
        for label, value, line in b.label_lines(b.body(first["information"])):
            hit = names.field_canonical(label)
            if hit is not None:
                fields.append(MetaField(hit[0], label, value, line, "information"))
                field_langs.append(hit[1])
            else:
                role = names.contact_role(label)
                if role in ("on_call", "escalation"):
                    contacts.append(Contact(role, label, value, line))
                fields.append(MetaField(_norm(label).replace(" ", "_"), label, value, line,
                                        "information"))
    for key, raw_value in fm.items():
        if key in _STRUCTURAL_FM or isinstance(raw_value, dict | list):
            if key in ("owners", "owner") and isinstance(raw_value, list):
                raw_value = ", ".join(str(v) for v in raw_value)
            else:
                continue
        canonical_name = names.FRONT_MATTER_FIELDS.get(key.lower(), key)
        fields.append(MetaField(canonical_name, key,
                                "" if raw_value is None else _scalar(raw_value),
                                b.fm_line(key), "front_matter"))
    metadata = _metadata(fields)

    # prerequisites, verification
    prerequisites = b.checklist(b.body(first["prerequisites"])) if "prerequisites" in first else ()
    verification = b.checklist(b.body(first["verification"])) if "verification" in first else ()

    # steps: only a Procedure section's (a numbered heading elsewhere is a section number)
    steps: list[Step] = []
    if "procedure" in first:
        pi = first["procedure"]
        kids = b.children(pi)
        steps = b.steps_from_headings(kids) if kids else b.steps_from_list(b.body(pi))

    rollback = b.rollback(first["rollback"]) if "rollback" in first else ()
    troubleshooting = b.troubleshooting(first["troubleshooting"]) \
        if "troubleshooting" in first else ()
    if "contacts" in first:
        contacts.extend(b.contacts(b.body(first["contacts"])))
    variables = _variables(fm, b)

    # blocks, by section
    section_name: str | None = None
    blocks: list[Block] = []
    for e in col.elems:
        if e.kind == "heading":
            h = heads[e.heading]
            if h.level <= 2:
                section_name = h.canonical or h.title
            blocks.append(Block("heading", e.text, e.line, e.end_line, section_name))
            continue
        kind: Any
        if e.kind == "para":
            kind = "list_item" if e.list_depth else ("quote" if e.in_quote else "paragraph")
        elif e.kind == "code":
            kind = "code"
        else:
            kind = e.kind
        blocks.append(Block(kind, e.text, e.line, e.end_line, section_name))

    language = _language(fm, sections, fields, field_langs, text)
    return Runbook(
        path=path, source=text, title=title, title_line=title_line, title_source=title_source,
        kind=_kind(fm, path, title, sections), language=language, metadata=metadata,
        front_matter=fm, front_matter_lines=col.front_matter_map,
        prerequisites=prerequisites, steps=tuple(steps), verification=verification,
        rollback=rollback, troubleshooting=troubleshooting, contacts=tuple(contacts),
        variables=variables, sections=tuple(sections), code_blocks=tuple(col.code_blocks),
        links=tuple(col.links), blocks=tuple(blocks),
        problems=tuple(sorted(problems + b.problems, key=lambda p: (p.line, p.message))),
        content_hash=content_hash, crlf=crlf, bom=bom)


def _metadata(fields: Sequence[MetaField]) -> Metadata:
    def pick(name: str) -> MetaField | None:
        info = next((f for f in fields if f.name == name and f.source == "information"), None)
        return info or next((f for f in fields if f.name == name), None)

    last = pick("last_updated")
    owner = pick("owner")
    est = pick("estimated_time")
    freq = pick("frequency")
    review = pick("review_interval")
    return Metadata(
        last_updated=parse_date(last.value) if last else None,
        owner=owner.value.strip() if owner and owner.value.strip() else None,
        owners=parse_owners(owner.value) if owner else (),
        estimated_time=est.value if est and est.value else None,
        duration=parse_duration(est.value) if est else None,
        frequency=freq.value if freq and freq.value else None,
        frequency_key=names.frequency_key(freq.value) if freq else None,
        review_interval_days=parse_interval_days(review.value) if review else None,
        fields=tuple(fields),
    )
