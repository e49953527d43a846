"""RW502 todo-in-prose: no TODO, FIXME or XXX left in the text.

## Why

A "TODO: add the failover steps" in a runbook is a hole the on-call engineer falls into
during an incident. Finish the text, or track the work in an issue and say what to do
meanwhile.

A TODO in quotation marks ("prefix the message with "TODO"") is a quoted word, and one that
names a kind of thing ("go through the TODO items", "the FIXME comments") is a mention: neither
is reported. Nor is one in a block quote of a document that explains the marker as a convention
(it quotes the word, or writes it as code, elsewhere): the quote is an example of it
(``> TODO: why were we not paged?`` under "prefix the message with "TODO"").

## Fails

````markdown
### Step 4: Fail over

TODO: describe the failover.
````

## Passes

````markdown
### Step 4: Fail over

Promote the replica with `patronictl failover` and confirm the new leader.
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import prose_lines

_WORDS = ("TODO", "FIXME", "XXX", "TBD")
_TODO = re.compile(r"(?<![\w/.-])(" + "|".join(_WORDS) + r")(?![\w/.-])")


#: After the word, a noun that makes it a mention of such markers, not a marker left behind.
_MENTION = re.compile(r"\s+(?:items?|lists?|comments?|markers?|notes?|tasks?|entries|entry|tags?)"
                      r"\b", re.IGNORECASE)


def _mention(text: str, m: re.Match[str]) -> bool:
    return _quoted(text, m.start()) or _MENTION.match(text, m.end()) is not None


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside quotation marks (the word is quoted, not left in the text)."""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") \
        or before.count("«") > before.count("»")


_CODE_WORD = re.compile(r"`(" + "|".join(_WORDS) + r")[:`]")


def _explained(lines: tuple[str, ...] | list[str], found: list[tuple[int, str]]) -> set[str]:
    """The markers the document writes in quotation marks or as code: it talks about them."""
    out: set[str] = set()
    for _line, text in found:
        out.update(m.group(1) for m in _TODO.finditer(text) if _quoted(text, m.start()))
    for raw in lines:
        if "`" in raw:
            out.update(m.group(1) for m in _CODE_WORD.finditer(raw))
    return out


class TodoInProse(Rule):
    id = "RW502"
    name = "todo-in-prose"
    severity = "warning"
    summary = "No TODO, FIXME or XXX left in the text."

    def check(self, ctx: LintContext) -> None:
        found = [(line, text) for line, text in prose_lines(ctx.runbook)
                 if any(word in text for word in _WORDS)]  # the pattern needs one of them
        if not found:
            return
        explained = _explained(ctx.runbook.lines, found)
        for line, text in found:
            example = text.lstrip().startswith(">")
            m = next((m for m in _TODO.finditer(text) if not _mention(text, m)
                      and not (example and m.group(1) in explained)), None)
            if m:
                ctx.report(line, f"'{m.group(1)}' left in the text: finish this part of the "
                                 "runbook before it is needed", column=m.start() + 1)
