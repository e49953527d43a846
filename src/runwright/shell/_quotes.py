"""Quote removal on the text of one word, the way bash does it after expansion."""

from __future__ import annotations

import re

_DQ_ESCAPES = frozenset('$`"\\\n')
_ANSI = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
         "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


_SPECIAL = re.compile(r"[\\'\"$]")


def unquote(text: str) -> tuple[str, list[int], bool]:
    """The word with its quotes removed, for each character of it the index in ``text`` it
    came from, and whether any of it was quoted or escaped. Expansions are kept as written."""
    if _SPECIAL.search(text) is None:
        return text, list(range(len(text))), False
    out: list[str] = []
    where: list[int] = []
    quoted = False
    i, n = 0, len(text)
    depth = 0  # inside $( ... ) or ${ ... }: copied as written
    while i < n:
        c = text[i]
        if depth:
            if c in "({":
                depth += 1
            elif c in ")}":
                depth -= 1
            out.append(c)
            where.append(i)
            i += 1
            continue
        if c == "\\":
            quoted = True
            if i + 1 < n and text[i + 1] != "\n":
                out.append(text[i + 1])
                where.append(i + 1)
            i += 2
        elif c == "'":
            quoted = True
            j = text.find("'", i + 1)
            j = n if j < 0 else j
            out.extend(text[i + 1:j])
            where.extend(range(i + 1, j))
            i = j + 1
        elif c == "$" and text.startswith("$'", i):
            quoted = True
            i += 2
            while i < n and text[i] != "'":
                if text[i] == "\\" and i + 1 < n:
                    out.append(_ANSI.get(text[i + 1], "\\" + text[i + 1]))
                    where.append(i)
                    i += 2
                    continue
                out.append(text[i])
                where.append(i)
                i += 1
            i += 1
        elif c == '"' or text.startswith('$"', i):
            quoted = True
            i += 1 if c == '"' else 2
            inner = 0
            while i < n and (text[i] != '"' or inner):
                ch = text[i]
                if ch == "\\" and i + 1 < n and text[i + 1] in _DQ_ESCAPES:
                    if text[i + 1] != "\n":
                        out.append(text[i + 1])
                        where.append(i + 1)
                    i += 2
                    continue
                if ch == "$" and text.startswith(("$(", "${"), i):
                    inner += 1
                    out.append("$")
                    where.append(i)
                    i += 1
                    ch = text[i]
                elif inner and ch in "({":
                    inner += 1
                elif inner and ch in ")}":
                    inner -= 1
                out.append(ch)
                where.append(i)
                i += 1
            i += 1
        else:
            if c == "$" and text.startswith(("$(", "${"), i):
                depth = 1
                out.append("$")
                where.append(i)
                i += 1
                c = text[i]
            out.append(c)
            where.append(i)
            i += 1
    return "".join(out), where, quoted


def remove_quotes(text: str) -> tuple[str, bool]:
    """:func:`unquote` without the positions: the value and whether some of it was quoted."""
    if _SPECIAL.search(text) is None:
        return text, False
    value, _where, quoted = unquote(text)
    return value, quoted
