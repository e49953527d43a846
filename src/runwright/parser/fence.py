"""Fence info strings: ``bash {id=ci-green timeout=60s confirm}`` -> language and attributes."""

from __future__ import annotations

import re
from functools import lru_cache

from runwright.model import AttrValue

_ATTR = re.compile(
    r"""\s*(?P<key>[A-Za-z_][\w.-]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\d+(?:,\d+)+(?=[\s}]|$)|[^\s,}]+)))?\s*,?"""
)
_LANG = re.compile(r"^[^\s{]+")


def parse_info(info: str) -> tuple[str | None, dict[str, AttrValue], str | None]:
    """Split a fence info string into (language, attributes, problem); see :func:`_parse`."""
    language, attrs, problem = _parse_cached(info)
    return language, dict(attrs), problem


@lru_cache(maxsize=4096)
def _parse_cached(info: str) -> tuple[str | None, tuple[tuple[str, AttrValue], ...], str | None]:
    language, attrs, problem = _parse(info)
    return language, tuple(attrs.items()), problem


def _parse(info: str) -> tuple[str | None, dict[str, AttrValue], str | None]:
    """Split a fence info string into (language, attributes, problem).

    The language is the first word, lower-cased, with a leading ``.`` or ``!`` kept as written
    (``!bash`` stays ``!bash``: it is not a language runwright runs). Attributes come from the
    first ``{...}`` group: ``key=value``, ``key="quoted value"`` or a bare ``flag``. Anything the
    grammar cannot read is returned as a problem message; the attributes read so far are kept.
    """
    text = info.strip()
    if not text:
        return None, {}, None
    language: str | None = None
    match = _LANG.match(text)
    if match:
        language = match.group(0).lower()
        # "console # note" or "bash," style: keep only the word itself.
        language = language.rstrip(",;")
    brace = text.find("{")
    attrs: dict[str, AttrValue] = {}
    if brace < 0:
        return language, attrs, None
    close = text.find("}", brace)
    if close < 0:
        body = text[brace + 1 :]
        problem: str | None = "fence attributes open with '{' but never close with '}'"
    else:
        body = text[brace + 1 : close]
        problem = None
    pos = 0
    while pos < len(body):
        if body[pos] in " \t,":
            pos += 1
            continue
        m = _ATTR.match(body, pos)
        if not m or m.end() == pos:
            problem = problem or f"cannot read fence attribute near {body[pos:pos + 20]!r}"
            break
        key = m.group("key")
        if key.startswith(".") or key.startswith("#"):
            pos = m.end()
            continue
        if m.group("dq") is not None:
            attrs[key] = m.group("dq")
        elif m.group("sq") is not None:
            attrs[key] = m.group("sq")
        elif m.group("bare") is not None:
            attrs[key] = m.group("bare")
        else:
            attrs[key] = True
        pos = m.end()
    if language is not None and language.startswith("{"):
        language = None
    return language, attrs, problem
