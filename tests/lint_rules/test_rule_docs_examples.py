"""Every rule's documented "Fails" example makes it fire and its "Passes" example does not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.lint_rules.helpers import RULES, doc_examples, run_rule

_DEFAULT_OFF = {"RW408"}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_docstring_has_sections(rule_id: str) -> None:
    doc = sys.modules[RULES[rule_id].__module__].__doc__ or ""
    assert doc.startswith(rule_id), "the docstring starts with the rule ID"
    for heading in ("## Why", "## Fails", "## Passes"):
        assert heading in doc
    if RULES[rule_id].options:
        assert "## Options" in doc
        for option in RULES[rule_id].options:
            assert option in doc


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_fails_example_fires_and_passes_example_does_not(rule_id: str, tmp_path: Path) -> None:
    examples = doc_examples(RULES[rule_id])
    assert set(examples) == {"Fails", "Passes"}
    for name, text in examples.items():
        path = tmp_path / f"{name.lower()}.md"
        path.write_text(text, encoding="utf-8")
        findings = run_rule(rule_id, text, path=path, root=tmp_path)
        if name == "Fails":
            assert findings, f"{rule_id}: the Fails example raises nothing"
        else:
            assert not findings, f"{rule_id}: the Passes example raises {findings}"
