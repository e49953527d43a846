"""An allow-list sanitiser for the raw HTML found inside runbooks.

Runbooks are written by many hands and published to everyone on call, so raw HTML is never
trusted: comments are dropped, tags and attributes outside a short allow-list are shown as
text, URLs must use a safe scheme, and end tags are only emitted when they close a tag this
sanitiser opened (a stray ``</div>`` is dropped, so it cannot break the page; tags left open
inside a closed one are closed with it). Everything else is escaped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: Tags kept as HTML (everything else is shown as escaped text).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var",
})
VOID_TAGS = frozenset({"br", "hr", "img"})
#: Attributes kept on any allowed tag; URL attributes are checked separately.
ALLOWED_ATTRS = frozenset({"title", "alt", "colspan", "rowspan", "align", "open", "width",
                           "height", "lang", "dir"})
URL_ATTRS = {"a": ("href",), "img": ("src",)}
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]+(?:[/?#]|$))", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: str) -> bool:
    """True for http(s), mailto, fragment and relative URLs; False for ``javascript:`` & co."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    return bool(_SAFE_URL.match(cleaned))


class Sanitizer:
    """Sanitises HTML fragments one after another, keeping a stack of the tags it opened.

    Use one instance per page: fragments of one page may open a tag (``<details>``) that a
    later fragment closes. :meth:`close_all` returns the end tags still owed at the end.
    """

    def __init__(self) -> None:
        self.stack: list[str] = []

    def clean(self, fragment: str) -> str:
        parser = _Parser(self.stack)
        parser.feed(fragment)
        parser.close()
        return "".join(parser.out)

    def close_all(self) -> str:
        out = "".join(f"</{tag}>" for tag in reversed(self.stack))
        self.stack.clear()
        return out


class _Parser(HTMLParser):
    def __init__(self, stack: list[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.stack = stack
        self.out: list[str] = []

    def _text(self, raw: str) -> None:
        self.out.append(html.escape(raw, quote=False))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], raw: str,
               closing: bool) -> None:
        if tag not in ALLOWED_TAGS:
            self._text(raw)
            return
        kept: list[str] = []
        for name, value in attrs:
            name = name.lower()
            if name in URL_ATTRS.get(tag, ()):
                if value is None or not safe_url(value):
                    continue
            elif name not in ALLOWED_ATTRS:
                continue
            if value is None:
                kept.append(f" {name}")
            else:
                kept.append(f' {name}="{html.escape(html.unescape(value), quote=True)}"')
        if tag == "a" and any(k.startswith(" href=") for k in kept):
            kept.append(' rel="noopener nofollow"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            if closing:
                self.out.append(f"</{tag}>")
            else:
                self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if tag not in ALLOWED_TAGS:
            self._text(f"</{tag}>")
            return
        if tag not in self.stack:
            return  # a stray end tag: dropped, as a browser would
        while self.stack:  # close what the author left open inside it, as a browser would
            open_tag = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};" if html.unescape(f"&{name};") != f"&{name};"
                        else f"&amp;{name};")

    def handle_charref(self, name: str) -> None:
        char = html.unescape(f"&#{name};")
        self._text(char if char.isprintable() or char in "\n\t" else "\ufffd")

    def handle_comment(self, data: str) -> None:
        return None  # comments are for authors, not readers

    def handle_decl(self, decl: str) -> None:
        return None

    def handle_pi(self, data: str) -> None:
        return None

    def unknown_decl(self, data: str) -> None:
        return None
