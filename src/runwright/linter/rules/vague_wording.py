"""RW501 vague-wording: instructions say exactly what to do.

## Why

"Check that everything is fine", "as usual", "if needed" or "etc." assume knowledge the
reader at 3 a.m. does not have: which check, what is usual, needed when, what else? Say what
to look at and what the good value is. French and English phrases are recognised
(accents and case do not matter); the lists are configurable. Only instructions are read:
the Prerequisites, Procedure, Verification, Rollback, Troubleshooting, Diagnosis and
Mitigation sections (descriptive text elsewhere may say "etc." freely).

## Fails

````markdown
## Procedure

### Step 3: Check the service

Make sure everything is fine, restart the workers if needed.
````

## Passes

````markdown
## Procedure

### Step 3: Check the service

Check that `/health` answers 200 and that the queue length is below 100; when it is
above 1,000, restart the workers (step 4).
````

## Options

- ``phrases_en`` (list of strings): the English phrases reported.
- ``phrases_fr`` (list of strings): the French phrases reported.
- ``extra`` (list of strings, default empty): phrases to report in addition to both lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import INSTRUCTION_SECTIONS, prose_lines

PHRASES_EN = (
    "make sure everything is fine", "make sure everything is ok", "make sure everything works",
    "check that everything is fine", "check that everything is ok", "check everything",
    "verify everything is fine", "everything should be fine", "as usual", "if needed",
    "if necessary", "as needed", "as appropriate", "etc.", "and so on", "or something",
    "somehow", "just restart it", "wait a bit", "wait a while", "a few minutes",
    "the usual way",
)
PHRASES_FR = (
    "vérifier que tout va bien", "vérifiez que tout va bien", "vérifier que tout est ok",
    "vérifiez que tout est ok", "vérifier que tout fonctionne", "vérifiez que tout fonctionne",
    "s'assurer que tout va bien", "assurez-vous que tout va bien", "tout devrait bien se passer",
    "comme d'habitude", "comme d'hab", "si nécessaire", "si besoin", "au besoin", "etc.",
    "et ainsi de suite", "faire le nécessaire", "attendre un peu", "quelques minutes",
    "à peu près", "normalement ça passe", "comme d'ordinaire",
)

_ACCENTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç",
            "y": "yÿ"}


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case- and accent-insensitive pattern matching any phrase as whole words."""
    parts: list[str] = []
    starts: set[str] = set()  # every character a phrase can start with
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        chars: list[str] = []
        first = _strip(phrase.lower())[:1]
        starts.update(_ACCENTS.get(first, "'’" if first == "'" else first) or [""])
        for c in _strip(phrase.lower()):
            if c in _ACCENTS:
                chars.append(f"[{_ACCENTS[c]}]")
            elif c == "'":
                chars.append("['’]")
            elif c == " ":
                chars.append(r"\s+")
            else:
                chars.append(re.escape(c))
        body = "".join(chars)
        end = "" if not phrase[-1].isalnum() else r"(?!\w)"
        parts.append(rf"{body}{end}")
    if not parts:
        return None
    # One shared word-start check before the alternation: tried once per position instead of
    # once per phrase, which makes the scan several times faster; and before it a test of the
    # first character, which lets most positions be skipped at once (twice as fast again).
    alternation = r"(?<!\w)(?:" + "|".join(parts) + ")"
    if "" in starts:  # a phrase of accents only: it can start anywhere
        return re.compile(alternation, re.I)
    return re.compile("(?=[" + "".join(sorted(map(re.escape, starts))) + "])" + alternation,
                      re.I)


class VagueWording(Rule):
    id = "RW501"
    name = "vague-wording"
    severity = "warning"
    summary = "No vague instructions ('as usual', 'if needed', 'comme d'habitude', 'etc.')."
    options = MappingProxyType({"phrases_en": list(PHRASES_EN), "phrases_fr": list(PHRASES_FR),
                                "extra": []})

    def check(self, ctx: LintContext) -> None:
        phrases = (*ctx.option("phrases_en"), *ctx.option("phrases_fr"), *ctx.option("extra"))
        pattern = compile_phrases(tuple(str(p) for p in phrases))
        if pattern is None:
            return
        for line, text in prose_lines(ctx.runbook, INSTRUCTION_SECTIONS):
            for m in pattern.finditer(text):
                ctx.report(line, f"vague wording '{m.group(0)}': say exactly what to check or "
                                 "do, and what the expected value is", column=m.start() + 1)
