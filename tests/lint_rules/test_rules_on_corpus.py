"""Every rule runs over the public corpus without crashing, with few findings per file."""

from __future__ import annotations

from pathlib import Path

from tests.lint_rules.helpers import RULES, run_rule

from runwright.parser import load


def test_rules_survive_the_corpus(shared_corpus: Path) -> None:
    files = sorted(shared_corpus.rglob("*.md"))
    assert files
    total = 0
    for path in files:
        text = load(path).source
        for rule_id in RULES:
            if rule_id == "RW408":
                continue
            profile = "alert" if "prometheus-operator" in str(path) else "standard"
            total += len(run_rule(rule_id, text, path=path, root=shared_corpus,
                                  profile=profile))
    assert total < 40 * len(files)
