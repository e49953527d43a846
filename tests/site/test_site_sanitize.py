"""Raw HTML in runbooks is sanitised: nothing that can run script reaches the page."""

from __future__ import annotations

import re

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runwright.parser import parse
from runwright.site.markdown import render_body
from runwright.site.sanitize import Trust, clean, safe_url

from .conftest import XSS_RUNBOOK


def _dom_attrs(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every element, as a browser would parse the fragment."""
    doc = html5lib.parseFragment(html, namespaceHTMLElements=False)
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        out.append((el.tag, "", ""))
        out += [(el.tag, k, v) for k, v in el.attrib.items()]
    return out


def _assert_inert(html: str) -> None:
    for tag, attr, value in _dom_attrs(html):
        assert tag not in {"script", "iframe", "style", "svg", "object", "embed", "form"}, html
        assert not attr.lower().startswith("on"), (tag, attr)
        if attr in ("href", "src"):
            assert not re.sub(r"[\x00-\x20]", "", value).lower().startswith(
                ("javascript:", "vbscript:", "data:text")), (tag, attr, value)


def test_the_payload_runbook_renders_inert() -> None:
    html = render_body(parse(XSS_RUNBOOK, "xss.md")).html
    _assert_inert(html)
    # The text is still there for the reader, escaped.
    assert "&lt;script&gt;window.__xss_script = 1" in html
    assert "<details open=\"\">" in html and "<summary>details</summary>" in html


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href='java\tscript:alert(1)'>x</a>",
    "<img src='data:text/html,<script>alert(1)</script>'>",
    "<body onload=alert(1)>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    "<scr<script>ipt>alert(1)</script>",
    "<<img src=x onerror=alert(1)//<",
    "<div/onclick=alert(1)>x</div>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
])
def test_payloads_are_neutralised(payload: str) -> None:
    html = clean(payload)
    _assert_inert(html)
    assert "style=" not in html


def test_allowed_markup_is_kept_and_balanced() -> None:
    trust = Trust()
    html = trust.clean("<details><summary>More</summary><p>text</p></details>")
    assert html == "<details><summary>More</summary><p>text</p></details>"
    assert clean("<kbd>Ctrl</kbd>-<b>C") == "<kbd>Ctrl</kbd>-<b>C</b>"
    assert clean("</div>stray") == "stray"  # a stray end tag is dropped
    assert clean("<!-- note for authors -->") == ""
    assert clean('<a href="https://x.example/?a=1&amp;b=2">x</a>') == \
        '<a href="https://x.example/?a=1&amp;b=2" rel="noopener nofollow">x</a>'
    assert clean("<p>open<div>block</div>") == "<p>open</p><div>block</div>"


def test_details_opened_in_one_block_and_closed_in_another_wrap_the_markdown() -> None:
    source = "# T\n\n<details><summary>More</summary>\n\n- item **bold**\n\n</details>\n\nafter\n"
    html = render_body(parse(source, "t.md")).html
    doc = html5lib.parseFragment(html, namespaceHTMLElements=False)
    details = doc.find("details")
    assert details is not None and details.find("ul/li/strong").text == "bold"
    assert "<p>after</p>" in html


def test_raw_html_cannot_forge_the_pages_own_markup() -> None:
    source = ('# T\n\n<button class="copy" data-copy="rm -rf /">Copy</button>\n\n'
              '<div id="main" class="code" style="display:none" aria-label="x">text</div>\n\n'
              '<input type="checkbox" class="task-list-item-checkbox">\n\n'
              '<rw-0011223344556677-button>x</rw-0011223344556677-button>\n\n'
              '<h2 id="fake">not a heading</h2>\n\n<script>\nunclosed\n\n## Still here\n')
    html = render_body(parse(source, "t.md")).html
    for tag, attr, _ in _dom_attrs(html):
        assert tag not in ("button", "input", "rw-0011223344556677-button"), html
        assert (tag, attr) not in (("div", "id"), ("div", "class"), ("div", "style"),
                                   ("div", "aria-label")), html
    assert "not a heading" in html and 'id="fake"' not in html
    assert "## Still here" in html  # an unclosed <script> does not swallow the rest (as text)


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.com", True), ("mailto:ops@example.com", True), ("#step-2", True),
    ("../incidents/db.md", True), ("db.md#x", True), ("/abs/path", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), ("&#106;avascript:alert(1)", False),
    ("vbscript:x", False), ("data:text/html,x", False), ("java\nscript:x", False),
])
def test_safe_url(url: str, ok: bool) -> None:
    assert safe_url(url) is ok


def test_fence_info_and_titles_cannot_inject_attributes() -> None:
    html = render_body(parse(XSS_RUNBOOK, "xss.md")).html
    for tag, attr, _ in _dom_attrs(html):
        assert attr in {"", "id", "class", "href", "rel", "title", "aria-label", "aria-hidden",
                        "type", "data-copy", "open", "alt", "src"}, (tag, attr)


_PIECES = ["<", ">", "/", "=", '"', "'", " ", "script", "img", "a", "details", "div", "svg",
           "onerror", "onload", "href", "src", "javascript:", "&#106;", "alert(1)", "x",
           "<!--", "-->", "\t", "\n", "table", "td", "b", "style"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), max_size=4))
def test_any_fragments_come_out_inert_and_balanced(fragments: list[str]) -> None:
    html = Trust().clean("".join(fragments))
    _assert_inert(html)
    # Balanced: every element the sanitiser opened is closed in order.
    opened = re.findall(r"<(/?)([a-z]+)[^>]*>", html)
    stack: list[str] = []
    for slash, tag in opened:
        if tag in ("br", "hr", "img"):
            continue
        if slash:
            assert stack and stack[-1] == tag, html
            stack.pop()
        else:
            stack.append(tag)
    assert stack == [], html
