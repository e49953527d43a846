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
from runwright.linter.rules._shell import all_prompted, prompts
from runwright.shell import Script, parse

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
    if not _ANY.search(code):
        return ()
    # the shell model says what is a comment and what is quoted; <placeholders> are read as
    # words, not as redirections (as the other rules read them)
    script = parse(ANGLE.sub(lambda m: "_" * len(m.group(0)), code))
    lines = code.split("\n")
    for comment in script.comments:
        k, col = comment.line - 1, comment.column
        if 0 <= k < len(lines):
            line = lines[k]
            lines[k] = line[:col] + " " * len(line[col:col + len(comment.text)]) + \
                line[col + len(comment.text):]
    quoted = _quoted_spans(script)
    out: list[tuple[int, int, str, str]] = []
    for offset, text in enumerate(lines):
        if not text.strip():
            continue
        text = _HTML_TAG.sub(lambda m: " " * len(m.group(0)), text)
        for pattern, kind in _PATTERNS:
            for m in pattern.finditer(text):
                if kind == "a lone '...'" and any(
                        a <= m.start() < b for a, b in quoted.get(offset + 1, ())):
                    continue  # grep '...', echo "...": a pattern or a message
                out.append((offset, m.start(), m.group(0), kind))
    out.sort()
    return tuple(out)


#: What a block needs for any pattern to match (a superset test, one search per block).
_ANY = re.compile(r"<|xxx|XXX|TODO|\.\.\.|\[[A-Z]|YYYY|DD[-/]MM")


def _quoted_spans(script: Script) -> dict[int, list[tuple[int, int]]]:
    """The columns, line by line, of the words that hold quoted text."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for cmd in script.commands:
        words = [*cmd.words, *(a.value for a in cmd.assignments if a.value is not None),
                 *(r.target for r in cmd.redirects if r.target is not None)]
        for w in words:
            if w.quoted and "\n" not in w.text:
                spans.setdefault(w.line, []).append((w.column, w.column + len(w.text)))
    return spans


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

