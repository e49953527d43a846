"""The allow-list sanitiser of runbook pages, on nh3 (Ammonia, an HTML5 parser in Rust).

Runbooks are written by many hands and published to everyone on call, so raw HTML is never
trusted. A page body is rendered with the runbook's raw HTML in place and then cleaned as a
whole by nh3, which parses it as a browser would (a ``<p>`` left open, a stray ``</div>``, a
``<details>`` opened in one block and closed in another all come out well formed) and keeps
only the tags, attributes and URL schemes of the allow-lists below; comments and the content
of ``<script>`` and ``<style>`` are dropped, other tags are dropped with their text kept.

The page's own markup (heading ids, code toolbars, copy buttons, checklist boxes, table
alignment) needs a few tags and attributes a runbook may not use. The renderer marks them with
a :class:`Trust` made for that page: a random nonce in the tag name (``<rw-NONCE-button>``) or
at the start of the attribute value. The sanitiser keeps an attribute of
:data:`TRUSTED_ATTRS` only when its value carries the nonce (and strips it), and turns the
marked tags back into real ones after cleaning. The runbook cannot know the nonce, so raw HTML
cannot forge a copy button or an id.
"""

from __future__ import annotations

import html
import re
import secrets

import nh3

#: Tags a runbook's raw HTML may use.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var",
})
#: Attributes a runbook's raw HTML may use on any allowed tag.
ALLOWED_ATTRS = frozenset({"title", "alt", "colspan", "rowspan", "align", "open", "width",
                           "height", "lang", "dir"})
#: URL attributes, checked against :data:`URL_SCHEMES` (relative URLs are kept).
URL_ATTRS = {"a": frozenset({"href"}), "img": frozenset({"src"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow"
#: Tags only the page's own markup may use (Markdown headings and quotes, the widgets).
TRUSTED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "button", "input"})
#: Attributes only the page's own markup may use (values must carry the page's nonce).
TRUSTED_ATTRS = frozenset({"class", "id", "style", "start", "type", "checked", "disabled",
                           "data-copy", "aria-label", "aria-hidden"})
#: Start tags whose content a browser reads as raw text (a ``<script>`` left unclosed would
#: swallow the rest of the page): escaped in raw HTML before parsing, so the reader sees them
#: as text and the page after them is kept. Not a safety measure (nh3's allow-list is); a
#: tokenisation one.
_RAW_TEXT_START = re.compile(
    r"<(?=(?:script|style|textarea|title|xmp|plaintext|noscript|noembed|noframes|iframe|"
    r"template)\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """True for http(s), mailto, fragment and relative URLs; False for ``javascript:`` & co."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in URL_SCHEMES


def defuse_raw_text(fragment: str) -> str:
    """A raw HTML fragment with the start of raw-text elements escaped (see above)."""
    return _RAW_TEXT_START.sub("&lt;", fragment)


def clean(fragment: str) -> str:
    """One untrusted HTML fragment, sanitised on its own (tags left open are closed)."""
    return nh3.clean(defuse_raw_text(fragment), tags=set(ALLOWED_TAGS),
                     attributes=_attributes(), url_schemes=set(URL_SCHEMES),
                     link_rel=LINK_REL, strip_comments=True,
                     clean_content_tags={"script", "style"})


def _attributes(extra: frozenset[str] = frozenset()) -> dict[str, set[str]]:
    attrs: dict[str, set[str]] = {"*": set(ALLOWED_ATTRS | extra)}
    for tag, names in URL_ATTRS.items():
        attrs[tag] = set(names)
    return attrs


class Trust:
    """The marks of one page's own markup, and the sanitiser that honours them."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self._prefix = f"rw-{self.nonce}-"
        self._tags = {self._prefix + t for t in TRUSTED_TAGS}
        self._restore = re.compile(rf"<(/?){re.escape(self._prefix)}([a-z0-9]+)")

    def tag(self, name: str) -> str:
        """The marked name of a tag (for a tag of :data:`TRUSTED_TAGS`)."""
        return self._prefix + name if name in TRUSTED_TAGS else name

    def value(self, value: str) -> str:
        """The marked value of a trusted attribute."""
        return self.nonce + value

    def attr(self, name: str, value: str) -> str:
        """`` name="value"``, marked and escaped."""
        return f' {name}="{html.escape(self.value(value))}"'

    def _filter(self, element: str, attribute: str, value: str) -> str | None:
        if attribute not in TRUSTED_ATTRS:
            return value
        if value.startswith(self.nonce):
            return value[len(self.nonce):]
        return None

    def clean(self, body: str) -> str:
        """The page body, sanitised: runbook markup by the allow-lists, own markup kept."""
        out = nh3.clean(body, tags=set(ALLOWED_TAGS) | self._tags,
                        attributes=_attributes(TRUSTED_ATTRS), url_schemes=set(URL_SCHEMES),
                        link_rel=LINK_REL, strip_comments=True,
                        clean_content_tags={"script", "style"},
                        attribute_filter=self._filter)
        out = self._restore.sub(r"<\1\2", out)
        return out.replace("</input>", "")
