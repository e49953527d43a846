"""Runbook Markdown -> HTML for the site.

markdown-it-py renders the runbook source (CommonMark, GitHub tables and task lists) with a
few rules of our own: heading ids from the model's GitHub-style anchors, a number badge on
each procedure step, a toolbar with a copy button on every code block, raw HTML passed through
nh3 with the allow-lists of :mod:`runwright.site.sanitize`, and links to other runbooks turned
into links to their pages. The Information section is left out of the body: the page shows it
as the metadata panel.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from runwright.model import CodeBlock, Runbook
from runwright.names import github_slug
from runwright.parser.fence import parse_info
from runwright.site.commands import block_kind, copy_text
from runwright.site.sanitize import TRUSTED_ATTRS, TRUSTED_TAGS, Trust, defuse_raw_text, safe_url

LinkResolver = Callable[[str], str]
#: Fence attributes worth a visible tag in the code toolbar.
SHOWN_ATTRS = ("id", "confirm", "watch", "timeout", "mutating", "readonly", "cwd", "capture",
               "skip-test", "exit", "interactive")
#: The checkboxes the task-list plugin inserts (as raw HTML tokens), matched exactly: the
#: only raw HTML turned into the page's own markup.
TASK_CHECKBOXES = frozenset({
    '<input class="task-list-item-checkbox"  type="checkbox">',
    '<input class="task-list-item-checkbox" checked="checked"  type="checkbox">',
})
_STEP_PREFIX = r"^\s*(?:(?:step|[ée]tape)\s*)?{n}\s*(?:[:.)\-–—]\s*|\s+)"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    title: str
    anchor: str


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    headings: tuple[Heading, ...]


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = (MarkdownIt("commonmark", {"html": True, "maxNesting": 40}).enable("table")
          .use(front_matter_plugin).use(tasklists_plugin, enabled=True))
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_fence)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("html_block", _render_html)
    md.add_render_rule("html_inline", _render_html)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("front_matter", _render_nothing)
    return md


@dataclass(slots=True)
class _Env:
    """Per-page state handed to the render rules through markdown-it's ``env``."""

    runbook: Runbook
    resolve: LinkResolver
    trust: Trust
    anchors: dict[int, str]  # heading line -> anchor
    steps: dict[int, str]  # step heading line -> number as written
    blocks: dict[int, CodeBlock]  # fence line -> code block
    used: set[str]
    headings: list[Heading]


def render_body(runbook: Runbook, resolve: LinkResolver | None = None) -> RenderedBody:
    """The article HTML of a runbook and the headings it shows (for the table of contents)."""
    md = _markdown()
    env = _Env(
        runbook=runbook,
        resolve=resolve or (lambda href: href),
        trust=Trust(),
        anchors={s.line: s.anchor for s in runbook.sections if s.anchor},
        steps={s.line: s.number_text or str(s.number) for s in runbook.steps
               if s.style == "heading" and (s.number is not None or s.number_text)},
        blocks={b.line: b for b in runbook.code_blocks},
        used=set(),
        headings=[],
    )
    tokens = _without_information(md.parse(runbook.source, {"rw": env}), runbook)
    _mark_trusted(tokens, env.trust)
    body = md.renderer.render(tokens, md.options, {"rw": env})
    return RenderedBody(env.trust.clean(body), tuple(env.headings))


_ALIGN = re.compile(r"text-align:(left|center|right)")


def _mark_trusted(tokens: Sequence[Token], trust: Trust) -> None:
    """Mark the tags and attributes Markdown itself produces (heading and quote tags, list and
    table attributes) as the page's own, so that the sanitiser keeps them."""
    for tok in tokens:
        if tok.tag in TRUSTED_TAGS and tok.type != "heading_open":
            tok.tag = trust.tag(tok.tag)
        align = _ALIGN.fullmatch(str(tok.attrs.get("style", ""))) if tok.attrs else None
        if align is not None:
            # markdown-it aligns table cells with a style attribute, which the page's
            # Content-Security-Policy (style-src 'self') refuses: a class of site.css instead
            del tok.attrs["style"]
            tok.attrs["class"] = f"align-{align.group(1)}"
        if tok.attrs:
            tok.attrs = {k: trust.value(str(v)) if k in TRUSTED_ATTRS else v
                         for k, v in tok.attrs.items()}
        if tok.children:
            _mark_trusted(tok.children, trust)


def _without_information(tokens: list[Token], runbook: Runbook) -> list[Token]:
    info = runbook.section("information")
    if info is None:
        return tokens
    out: list[Token] = []
    drop = False
    for tok in tokens:
        if tok.level == 0 and tok.map is not None:
            drop = info.line <= tok.map[0] + 1 <= info.end_line
        if not drop:
            out.append(tok)
    return out


def _env(env: Any) -> _Env:
    value = env["rw"]
    assert isinstance(value, _Env)
    return value


def _render_nothing(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""


def _render_heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                         env: Any) -> str:
    e = _env(env)
    tok = tokens[idx]
    level = int(tok.tag[1])
    line = tok.map[0] + 1 if tok.map else 0
    inline = tokens[idx + 1] if idx + 1 < len(tokens) else None
    title = _plain(inline) if inline is not None and inline.type == "inline" else ""
    anchor = e.anchors.get(line) or github_slug(title) or "section"
    base, n = anchor, 1
    while anchor in e.used:
        anchor = f"{base}-{n}"
        n += 1
    e.used.add(anchor)
    e.headings.append(Heading(level, title, anchor))
    step = e.steps.get(line)
    t = e.trust
    css = t.attr("class", "step") if step is not None else ""
    out = f'<{t.tag(tok.tag)}{t.attr("id", anchor)}{css}>'
    out += (f'<a{t.attr("class", "anchor")} href="#{html.escape(anchor)}"'
            f'{t.attr("aria-label", "Link to this section")}>#</a>')
    if step is not None:
        out += (f'<span{t.attr("class", "step-no")}{t.attr("aria-hidden", "true")}>'
                f'{html.escape(step)}</span>')
        if inline is not None and inline.children:
            _strip_step_prefix(inline.children[0], step)
    return out


def _plain(inline: Token) -> str:
    """The text of a heading without Markdown markup (for the table of contents)."""
    if not inline.children:
        return inline.content
    return "".join(c.content for c in inline.children
                   if c.type in ("text", "code_inline", "softbreak")).strip() or inline.content


def _strip_step_prefix(first: Token, number: str) -> None:
    """Drop "Step 3:" / "Étape 3 :" / "3." from a step title: the badge shows the number."""
    if first.type != "text":
        return
    pattern = re.compile(_STEP_PREFIX.format(n=re.escape(number)), re.IGNORECASE)
    stripped = pattern.sub("", first.content, count=1)
    if stripped.strip():
        first.content = stripped


def _render_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    e = _env(env)
    tok = tokens[idx]
    line = tok.map[0] + 1 if tok.map else 0
    block = e.blocks.get(line)
    info = tok.info.strip() if tok.type == "fence" else ""
    if block is not None:
        language, attrs = block.language, dict(block.attributes)
    else:
        language, attrs, _ = parse_info(info)
    kind = "expect" if language == "expect" else block_kind(language)
    tags = []
    label = "expected output" if kind == "expect" else (language or "")
    t = e.trust
    if label:
        tags.append(f'<span{t.attr("class", "lang")}>{html.escape(label)}</span>')
    for name in SHOWN_ATTRS:
        if name in attrs:
            value = attrs[name]
            text = name if value is True else f"{name}={value}"
            css = "attr danger" if name in ("confirm", "mutating") else "attr"
            tags.append(f'<span{t.attr("class", css)}>{html.escape(text)}</span>')
    copy = copy_text(tok.content, language)
    data = "" if copy == tok.content.rstrip("\n") else t.attr("data-copy", copy)
    button = (f'<{t.tag("button")}{t.attr("type", "button")}{t.attr("class", "copy")}{data}'
              f'{t.attr("aria-label", "Copy to clipboard")}>Copy</{t.tag("button")}>')
    css_lang = "".join(c for c in (language or "") if c.isalnum() or c in "-_")
    code_class = t.attr("class", f"language-{css_lang}") if css_lang else ""
    return (f'<div{t.attr("class", f"code code-{kind}")}><div{t.attr("class", "code-bar")}>'
            f'{"".join(tags)}{button}</div><pre><code{code_class}>'
            f'{html.escape(tok.content, quote=False)}</code></pre></div>\n')


def _render_html(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    if tokens[idx].type == "html_inline" and content in TASK_CHECKBOXES:
        t = _env(env).trust
        checked = t.attr("checked", "") if "checked=" in content else ""
        return (f'<{t.tag("input")}{t.attr("class", "task-list-item-checkbox")}{checked}'
                f'{t.attr("type", "checkbox")}>')
    return defuse_raw_text(content)  # sanitised with the whole page (render_body)


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                      env: Any) -> str:
    e = _env(env)
    tok = tokens[idx]
    href = str(tok.attrGet("href") or "")
    if not safe_url(href):
        href = "#"
    href = e.resolve(href)
    out = f'<a href="{html.escape(href)}"'
    title = tok.attrGet("title")
    if title:
        out += f' title="{html.escape(str(title))}"'
    return out + ">"  # the sanitiser adds rel="noopener nofollow"
