"""RW404 placeholder: runnable commands contain no placeholders.

## Why

``kubectl scale deploy/api --replicas=<count>`` cannot be run as written: pasted into a
terminal, ``<count>`` is a redirection from a file named "count". Placeholders (``<name>``,
``xxx``, ``TODO``, a lone ``...``, ``[Title]``, ``YYYY-MM-DD``) must become variables
declared in the front matter (``variables:``) and used as ``"$NAME"``: ``runwright run`` then
asks for them, checks them and never substitutes text into the command. Text in comments,
regular expressions and quoted strings such as ``grep '...'`` is not a placeholder.

A ``console`` block and a transcript (a block in which every command line carries a ``$ ``
prompt) show a session to read, not a script to paste: their placeholders are not reported.
The rule applies to runbooks meant to be run by ``runwright run`` (the ``standard`` profile,
or a file that uses runwright's fence attributes or front matter): a page written for people
to read and adapt, such as many alert runbooks, writes ``<pod>`` names on purpose. In such a
file outside ``standard`` a placeholder is reported as info.

## Fails

````markdown
```bash
kubectl -n <namespace> rollout restart deployment/api
```
````

## Passes

````markdown
```bash
kubectl -n "$NAMESPACE" rollout restart deployment/api
```
````
"""

from __future__ import annotations

import re
from functools import lru_cache

from runwright.linter.rule import LintContext, Rule, Severity
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import all_prompted, prompts, scan

#: <name>, <your-namespace>, <POD NAME>; not <<EOF, <(cmd), <&3, 2>&1, <file
ANGLE = re.compile(r"(?<![<\w])<(?![<(&=!/])[A-Za-z][\w .:/|-]{0,40}(?<![ |])>(?![>&])")
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (ANGLE, "a <placeholder>"),
    (re.compile(r"(?<![\w$])(?:xxx+|XXX+)(?!\w)"), "'xxx'"),
    (re.compile(r"(?<![\w$])TODO(?!\w)"), "'TODO'"),
    (re.compile(r"(?:^|(?<=\s))\.\.\.(?=\s|$)"), "a lone '...'"),
    (re.compile(r"\[(?:[A-Z][a-z]+(?:[ _-][A-Za-z]+)*|[A-Z]+(?:_[A-Z]+)+)\](?!\])"),
     "a [Placeholder]"),
    (re.compile(r"YYYY[-/]?MM[-/]?DD|DD[-/]MM[-/]YYYY"), "a date template"),
)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|span|p|a|br|pre|code|b|i|em|strong|h[1-6]|"
                       r"title|script|style|meta|link|table|tr|td|th|ul|li|ol|img|svg)\b[^>]*>",
                       re.I)


def placeholders(code: str) -> list[tuple[int, int, str, str]]:
    """(line offset, column, matched text, kind) of each placeholder in a shell block."""
    return list(_placeholders(code))  # a new list: callers may change it


@lru_cache(maxsize=4096)  # RW404 and RW406 both ask about the same block
def _placeholders(code: str) -> tuple[tuple[int, int, str, str], ...]:
    out: list[tuple[int, int, str, str]] = []
    for sl in scan(code):
        text = sl.code
        if not text.strip():
            continue
        text = _HTML_TAG.sub(lambda m: " " * len(m.group(0)), text)
        for pattern, kind in _PATTERNS:
            for m in pattern.finditer(text):
                if kind == "a lone '...'" and _in_quotes(text, m.start()):
                    continue
                out.append((sl.offset, m.start(), m.group(0), kind))
    out.sort()
    return tuple(out)


def _in_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quoted string on this line (a regex or a message)."""
    state = ""
    for c in text[:pos]:
        if state:
            if c == state:
                state = ""
        elif c in "'\"":
            state = c
    return bool(state)


class Placeholder(Rule):
    id = "RW404"
    name = "placeholder"
    severity = "error"
    summary = "Runnable commands contain no placeholders (<name>, xxx, TODO, ..., [Title])."

    def check(self, ctx: LintContext) -> None:
        severity: Severity | None = None if ctx.profile.name == "standard" else "info"
        for block in ctx.runbook.code_blocks:
            if not block.is_shell or all_prompted(block.code, prompts(block.code)) \
                    or not_commands(ctx.runbook, block):
                continue  # console blocks and transcripts show a session, to read, not paste
            code = block.code
            seen: set[int] = set()
            for offset, col, text, kind in placeholders(code):
                if offset in seen:
                    continue
                seen.add(offset)
                ctx.report(block.first_code_line + offset,
                           f"placeholder {text!r} ({kind}) in a command: declare a variable "
                           "in the front matter 'variables:' and use \"$NAME\" instead",
                           column=block.indent + col + 1, severity=severity)

