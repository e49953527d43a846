"""Thousands of random Markdown-ish documents: the parser never raises and stays consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runwright.parser import parse

FRAGMENTS = [
    "# Runbook: T\n", "## Procédure\n", "## Procedure\n", "### Étape 1: a\n", "### Step x - b\n",
    "### 2. c\n", "## Rollback\n", "### Si problème à l'étape 2\n", "## Troubleshooting\n",
    "### Error: boom\n", "**Cause**: c\n", "**Solution**:\n", "## Contacts\n",
    "- **On-call**: #x\n", "## Informations\n", "- **Dernière mise à jour**: 2026-01-15\n",
    "- **Temps estimé**: 15-30 minutes\n", "- [ ] item\n", "- [x] done\n", "1. first\n",
    "   ```bash\n   echo in list\n   ```\n", "```bash {id=a confirm timeout=5s}\nls\n```\n",
    "```expect {exit=3}\n/re(/\n```\n", "````\nfour\n```\n", "```\nunclosed\n",
    "| Error | Cause | Solution |\n|---|---|---|\n| e | c | s |\n", "> quote\n", "> > deep\n",
    "---\ntitle: x\nvariables:\n  A: 1\n---\n", "---\n{{ .Date }}\n---\n", "<details>\n",
    "**Résultat attendu**: ok\n", "\n", "\r\n", "\ufeff", "text *em* `code` [l](u)\n",
    "    indented code\n", "{{< ref \"x\" >}}\n", "!!! note\n", "> [!NOTE]\n", "\t- tab\n",
]

documents = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25,
).map("".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_parser_never_raises(text: str) -> None:
    rb = parse(text, "fuzz.md")
    n_lines = len(rb.source.split("\n"))
    for p in rb.problems:
        assert 1 <= p.line <= max(n_lines, 1) + 1
    for s in rb.sections:
        assert 1 <= s.line <= s.end_line or s.end_line == s.line - 1
    for step in rb.steps:
        assert step.line >= 1
        for c in step.commands:
            assert c.line >= step.line


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")))
def test_parser_takes_any_unicode(text: str) -> None:
    parse(text)


INLINE_PIECES = st.sampled_from([
    *"ab .:;,-()\n\t  éx1*_`[]!<&\\#@",
    "**", "[ ] ", "[x] ", "  \n", "**Owner**", "**a.**", "&amp;", "](u)", "<b>"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(INLINE_PIECES, max_size=12).map("".join))
def test_fast_inline_text_equals_the_inline_parser(text: str) -> None:
    """The shortcut for plain text gives exactly what markdown-it's inline parser gives."""
    import copy

    from runwright.parser import core

    md = core._markdown()
    env: dict[str, object] = {}
    for tok in md.parse(text.strip() or "x", env):
        if tok.type != "inline":
            continue
        easy = core._easy_text(tok.content)
        if easy is None:
            continue
        children: list[core.Token] = []
        md.inline.parse(tok.content, md, env, children)
        full = copy.copy(tok)
        full.children = children
        assert easy == core._inline_text(full, env)[0]
