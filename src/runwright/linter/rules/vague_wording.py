"""RW501 vague-wording: instructions say exactly what to do.

## Why

"Check that everything is fine", "as usual", "if needed" or "etc." assume knowledge the
reader at 3 a.m. does not have: which check, what is usual, needed when, what else? Say what
to look at and what the good value is.

Vague instructions come in families, and each family is one pattern, so that paraphrases are
caught as well as the textbook phrase ("make sure everything looks fine", "verify all is OK",
"vérifiez que tout a l'air normal"). The families, in English and French (accents and case do
not matter):

- ``all-fine``: a check of everything or all with no criterion ("make sure everything looks
  fine", "ensure all is good", "vérifier que tout va bien", "s'assurer que tout est OK");
- ``it-works``: a check that "it" works ("check that it works", "test that this still
  works", "vérifier que ça marche", "tester si cela fonctionne");
- ``as-usual``: a reference to a habit the reader may not share ("as usual", "the usual
  way", "comme d'habitude", "comme toujours");
- ``if-needed``: a condition nobody can evaluate ("if needed", "as necessary", "where
  appropriate", "si besoin", "au besoin", "si nécessaire", "le cas échéant"), in runbooks
  meant to be run by ``runwright run`` (the ``standard`` profile, runwright's fence
  attributes or front matter): a page written for people to read, such as an alert runbook,
  leaves such judgement calls to its reader on purpose;
- ``wait-a-bit``: a wait of no stated length ("wait a bit", "give it a few minutes",
  "attendre un peu", "patientez quelques instants");
- ``and-so-on``: an open list ("etc.", "and so on", "or something", "et ainsi de suite");
- ``hand-waving``: "somehow", "do the needful", "just restart it", "faire le nécessaire",
  "normalement ça passe".

A precise instruction names what to look at ("check that everything in ``kubectl get pods``
is Running", "wait until ``/health`` answers 200"): the families stop at "fine", "OK",
"good" or "normal" with no criterion, so "check that all pods are Running" or "wait 30
seconds" are not reported. Only instructions are read: the Prerequisites, Procedure,
Verification, Rollback, Troubleshooting, Diagnosis and Mitigation sections (descriptive text
elsewhere may say "etc." freely).

## Fails

````markdown
## Procedure

### Step 3: Check the service

Make sure everything looks fine, restart the workers if needed.
````

## Passes

````markdown
## Procedure

### Step 3: Check the service

Check that `/health` answers 200 and that the queue length is below 100; when it is
above 1,000, restart the workers (step 4).
````

## Options

- ``families`` (list of strings, default all of them): the families reported, by the names
  above.
- ``phrases_en`` (list of strings, default empty): English phrases reported as they are
  written, in addition to the families.
- ``phrases_fr`` (list of strings, default empty): French phrases reported the same way.
- ``extra`` (list of strings, default empty): more phrases reported the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._util import INSTRUCTION_SECTIONS, prose_lines

# The patterns read folded text: lower case, accents removed, curly apostrophes straight,
# one character for one (so that columns stay those of the line as written).
_CHECK_EN = (r"(?:make\s+sure|be\s+sure|ensure|check|verify|confirm|validate|see|"
             r"double[- ]check)")
_GOOD_EN = (r"(?:fine|ok|okay|good|normal|alright|all\s+right|right|correct|as\s+expected|"
            r"well|in\s+order|healthy|green)")
_CHECK_FR = (r"(?:verifie[rz]?|controle[rz]?|s'assurer|assure[rz]?(?:-vous|-toi)?|"
             r"regarde[rz]?|voir|valide[rz]?|confirme[rz]?)")
_GOOD_FR = r"(?:ok|bon|correct|normal|en\s+ordre|fonctionnel|bien|propre)"

FAMILIES: dict[str, str] = {
    "all-fine": "|".join((
        rf"(?:{_CHECK_EN}\s+(?:that\s+)?)?(?:everything|all|things|it\s+all|all\s+of\s+it)\s+"
        r"(?:is|are|looks?|seems?|appears?|should\s+be|looks?\s+to\s+be|seems?\s+to\s+be|remains|"
        rf"stays)\s+(?:(?:still|now|all)\s+)?{_GOOD_EN}",
        rf"{_CHECK_EN}\s+everything(?=\s*(?:[.,;:!)]|$|\s+(?:works|is\s+working|went\s+"
        r"(?:well|fine)|again)))",
        r"everything\s+(?:went|goes)\s+(?:well|fine|ok)",
        r"all\s+good",
        rf"(?:{_CHECK_FR}\s+(?:que\s+|qu'\s*))?(?:tout|l'ensemble)\s+(?:va\s+bien|roule|est\s+"
        rf"{_GOOD_FR}|(?:semble|parait|a\s+l'air|devrait\s+etre)\s+(?:{_GOOD_FR}|aller\s+bien|"
        r"bien\s+aller|d'aller\s+bien|fonctionner)|(?:fonctionne|marche)(?:\s+(?:bien|"
        r"correctement|normalement))?|s'est\s+bien\s+passe|se\s+passe\s+bien|devrait\s+bien\s+"
        r"se\s+passer|devrait\s+(?:aller|fonctionner))",
    )),
    "it-works": "|".join((
        rf"(?:{_CHECK_EN}|test|try)\s+(?:that\s+|if\s+|whether\s+)?(?:it|this|things)\s*"
        r"(?:'s|\s+is|\s+still|\s+now)?\s*(?:works|worked|is\s+working|working|runs|"
        r"is\s+running|running|is\s+up|functions)(?=\s*(?:[.,;:!)]|$|\s+(?:again|now|"
        r"correctly|properly|fine|as\s+expected|and|then)\b))",
        rf"(?:{_CHECK_FR}|teste[rz]?)\s+(?:que\s+|qu'\s*|si\s+)(?:ca|cela|ceci|c')\s*"
        r"(?:marche|fonctionne|tourne|passe|est\s+ok|est\s+bon)(?!\s+(?:avec|sur|dans|quand|"
        r"apres|pour)\b)",
    )),
    "as-usual": "|".join((
        r"as\s+(?:usual|always|per\s+usual|we\s+always\s+do)|like\s+(?:usual|always|last\s+time)",
        r"(?:the|in\s+the)\s+usual\s+(?:way|manner|fashion|procedure|steps|process|place)",
        r"comme\s+(?:d'\s*(?:habitude|hab|ordinaire|usage)|toujours|la\s+derniere\s+fois|"
        r"les\s+autres\s+fois|on\s+fait\s+d'habitude)",
        r"(?:la|de\s+la)\s+(?:maniere|facon|procedure|methode)\s+habituelle|a\s+l'ordinaire",
    )),
    "if-needed": "|".join((
        r"(?:if|when|where|as)\s+(?:(?:it\s+is|it's|you\s+think\s+it\s+is)\s+)?(?:needed|"
        r"necessary|required|appropriate|need\s+be)(?!\s+(?:by|for|to|in|"
        r"under|from|per)\b)",
        r"si\s+(?:besoin(?:\s+est)?|necessaire|requis|utile|il\s+le\s+faut|c'est\s+necessaire|"
        r"vous\s+le\s+jugez\s+utile)|s'il\s+le\s+faut|au\s+besoin|en\s+cas\s+de\s+besoin|"
        r"le\s+cas\s+echeant|selon\s+(?:les\s+|le\s+)?besoins?",
    )),
    "wait-a-bit": "|".join((
        r"(?:wait|pause|hold\s+on)\s+(?:for\s+)?(?:a\s+(?:bit|while|moment|little(?:\s+while)?|"
        r"few\s+(?:minutes|seconds|moments|mins))|some\s+(?:time|minutes|seconds)|few\s+"
        r"(?:minutes|seconds|moments)|a\s+(?:couple|number)\s+of\s+(?:minutes|seconds))"
        r"(?!\s+(?:until|till|for\s+the)\b)",
        r"give\s+it\s+(?:a\s+(?:bit|while|moment|minute|second|few\s+(?:minutes|seconds))|"
        r"some\s+time)(?!\s+(?:until|till)\b)",
        r"(?:attendre|attendez|attends|patiente[rz]?|laisse[rz]?\s+passer)\s+(?:encore\s+)?"
        r"(?:un\s+peu|un\s+moment|un\s+instant|un\s+certain\s+temps|quelques\s+(?:minutes|"
        r"instants|secondes|moments))(?!\s+(?:que|qu'|jusqu))",
    )),
    "and-so-on": "|".join((
        r"(?<![\w/.])etc(?:\.|(?![\w/]))|and\s+so\s+(?:on|forth)|and\s+the\s+like",
        r"or\s+(?:something|whatever)(?:\s+(?:like\s+that|similar|else))?",
        r"et\s+ainsi\s+de\s+suite|et\s+c(?:a)?etera|ou\s+quelque\s+chose\s+(?:comme\s+ca|du\s+"
        r"genre)|ce\s+genre\s+de\s+choses?",
    )),
    "hand-waving": "|".join((
        r"somehow|do\s+the\s+needful|just\s+(?:restart|reboot|redeploy|fix)\s+it|"
        r"whatever\s+(?:works|is\s+needed)",
        r"faire\s+le\s+necessaire|normalement\s+(?:ca|cela)\s+(?:passe|marche|fonctionne)|"
        r"d'une\s+maniere\s+ou\s+d'une\s+autre|a\s+peu\s+pres|tant\s+bien\s+que\s+mal",
    )),
}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in "’‘`":
        return "'"
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c)
                   if not unicodedata.combining(ch)).lower()
    return base[:1] if base else c


def fold(text: str) -> str:
    """Lower case without accents, one character for one (columns are kept)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=64)
def compile_families(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern over folded text with a named group per family (``all_fine`` ...)."""
    parts = [f"(?P<{n.replace('-', '_')}>{FAMILIES[n]})" for n in names if n in FAMILIES]
    if not parts:
        return None
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?!\w)")


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
    summary = "No vague instructions ('make sure everything looks fine', 'if needed', 'etc.')."
    options = MappingProxyType({"families": list(FAMILIES), "phrases_en": [],
                                "phrases_fr": [], "extra": []})
    choices = MappingProxyType({"families": tuple(FAMILIES)})

    def check(self, ctx: LintContext) -> None:
        families = tuple(str(f) for f in ctx.option("families"))
        if "if-needed" in families:
            from runwright.profiles import meant_to_run

            if not meant_to_run(ctx.runbook, ctx.profile):
                families = tuple(f for f in families if f != "if-needed")
        family_pattern = compile_families(families)
        phrases = (*ctx.option("phrases_en"), *ctx.option("phrases_fr"), *ctx.option("extra"))
        phrase_pattern = compile_phrases(tuple(str(p) for p in phrases))
        if family_pattern is None and phrase_pattern is None:
            return
        for line, text in prose_lines(ctx.runbook, INSTRUCTION_SECTIONS):
            taken: list[tuple[int, int]] = []
            if family_pattern is not None:
                for m in family_pattern.finditer(fold(text)):
                    family = (m.lastgroup or "").replace("_", "-")
                    taken.append(m.span())
                    self._report(ctx, line, text[m.start():m.end()], m.start(), family)
            if phrase_pattern is not None:
                for m in phrase_pattern.finditer(text):
                    if any(s < m.end() and m.start() < e for s, e in taken):
                        continue
                    self._report(ctx, line, m.group(0), m.start(), None)

    @staticmethod
    def _report(ctx: LintContext, line: int, found: str, start: int, family: str | None
                ) -> None:
        what = f"vague wording '{' '.join(found.split())}'"
        if family:
            what += f" ({family})"
        ctx.report(line, f"{what}: say exactly what to check or do, and what the expected "
                         "value is", column=start + 1)
