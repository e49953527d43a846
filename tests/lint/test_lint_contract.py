"""Contract tests over every registered rule: well-formed, documented, examples behave, listed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from runwright.linter import registry
from runwright.linter.engine import lint_text
from runwright.linter.rule import SEVERITIES, Rule

RULES = registry.all_rules()
IDS = [r.id for r in RULES]
NO_EXAMPLE = {"RW000"}  # fires only when a rule crashes


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_is_well_formed(rule: type[Rule]) -> None:
    assert re.fullmatch(r"RW\d{3}", rule.id)
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)
    assert rule.severity in SEVERITIES
    assert rule.summary and "\n" not in rule.summary
    for name in rule.options:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_is_documented(rule: type[Rule]) -> None:
    sections = registry.doc_sections(rule)
    for heading in ("Why", "Fails", "Passes"):
        assert sections.get(heading), f"{rule.id}: no '## {heading}' in its docstring"
    if rule.options:
        assert sections.get("Options"), f"{rule.id} has options but no '## Options' section"
        for name in rule.options:
            assert name in sections["Options"], f"{rule.id}: option {name} is not documented"


@pytest.mark.parametrize("rule", [r for r in RULES if r.id not in NO_EXAMPLE],
                         ids=[r.id for r in RULES if r.id not in NO_EXAMPLE])
def test_examples_fail_and_pass(rule: type[Rule], make_settings: Any, tmp_path: Path) -> None:
    settings = make_settings(profile="standard", select=[rule.id])
    today = dt.date.today()
    fails = registry.example(rule, "Fails")
    passes = registry.example(rule, "Passes")
    assert fails is not None and passes is not None, f"{rule.id}: examples need a fence"
    path = tmp_path / "example.md"
    got = lint_text(fails, settings, str(path), today=today, file_path=path)
    assert rule.id in {f.rule for f in got}, f"{rule.id} does not fire on its Fails example"
    got = lint_text(passes, settings, str(path), today=today, file_path=path)
    assert rule.id not in {f.rule for f in got}, \
        f"{rule.id} fires on its Passes example: {[f.message for f in got]}"


def test_every_rule_is_in_docs_rules_md(repo_root: Path) -> None:
    text = (repo_root / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [r.id for r in RULES if f"## {r.id} {r.name}\n" not in text]
    assert not missing, f"not in docs/rules.md (run `make docs`): {missing}"
