"""The engine: rule runs, crashes, parser problems, selection, severities, options, profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

import pytest

from runwright.errors import ConfigError
from runwright.linter.engine import lint_text, run_rules
from runwright.linter.rule import LintContext, Rule
from runwright.linter.settings import Plan
from runwright.parser import parse
from runwright.profiles import GENERIC, STANDARD

TODAY = dt.date(2026, 3, 1)


class ShoutRule(Rule):
    """A test rule: reports every line that is all capitals."""

    id = "RW990"
    name = "shout"
    severity = "info"
    summary = "No shouting."
    options: ClassVar[Mapping[str, Any]] = MappingProxyType({"min_length": 3})

    def check(self, ctx: LintContext) -> None:
        for n, line in enumerate(ctx.runbook.lines, start=1):
            if len(line) >= ctx.option("min_length") and line.isupper():
                ctx.report(n, f"shouting: {line!r}")


class BrokenRule(Rule):
    id = "RW991"
    name = "broken"
    summary = "Always crashes."

    def check(self, ctx: LintContext) -> None:
        raise ValueError("boom")


def _plan(*rules: tuple[Rule, Any, dict[str, Any]]) -> Plan:
    return Plan(profile=GENERIC, rules=tuple(rules),
                enabled=frozenset(r.id for r, _s, _o in rules))


def test_rule_findings_use_plan_severity_and_options(tmp_path: Path) -> None:
    rb = parse("# t\n\nHELLO\nOK\nok\n", "x.md")
    got = run_rules(rb, _plan((ShoutRule(), "error", {"min_length": 3})), TODAY, tmp_path, None)
    assert [(f.line, f.rule, f.severity) for f in got] == [(3, "RW990", "error")]
    got = run_rules(rb, _plan((ShoutRule(), "info", {"min_length": 2})), TODAY, tmp_path, None)
    assert [f.line for f in got] == [3, 4]


def test_crashing_rule_is_reported_and_others_still_run(tmp_path: Path) -> None:
    rb = parse("# t\n\nHELLO\n", "x.md")
    got = run_rules(rb, _plan((BrokenRule(), "warning", {}), (ShoutRule(), "info", {})),
                    TODAY, tmp_path, None)
    assert [f.rule for f in got] == ["RW000", "RW990"]
    assert "RW991 (broken) crashed: ValueError: boom" in got[0].message


def test_parse_problems_are_rw001(make_settings: Any) -> None:
    got = lint_text("# T\n\n```bash\necho hi\n", make_settings(select=["RW001"]), "x.md",
                    today=TODAY)
    assert [(f.rule, f.line, f.severity) for f in got] == [("RW001", 3, "error")]
    assert "never closed" in got[0].message


def test_select_by_prefix_name_and_ignore(make_settings: Any) -> None:
    text = "## Procedure\n"
    std = {"profile": "standard"}
    ids = {f.rule for f in lint_text(text, make_settings(select=["RW1"], **std), "x.md",
                                     today=TODAY)}
    assert {"RW101", "RW102"} <= ids and all(i.startswith("RW1") for i in ids)
    ids = {f.rule for f in lint_text(text, make_settings(select=["missing-title"], **std),
                                     "x.md", today=TODAY)}
    assert ids == {"RW101"}
    ids = {f.rule for f in lint_text(text, make_settings(select=["RW101", "RW102"],
                                                         ignore=["RW102"], **std), "x.md",
                                     today=TODAY)}
    assert ids == {"RW101"}


def test_config_severity_enabled_and_ignore(make_settings: Any) -> None:
    text = "## Procedure\n"
    s = make_settings({"profile": "standard",
                       "lint": {"rules": {"missing-title": {"severity": "info"}},
                                "ignore": ["RW102"]}})
    got = {(f.rule, f.severity) for f in lint_text(text, s, "x.md", today=TODAY)}
    assert ("RW101", "info") in got and not {r for r, _ in got} & {"RW102"}
    s = make_settings({"profile": "standard",
                       "lint": {"rules": {"RW101": {"enabled": False}}, "ignore": ["RW102"]}})
    assert not {f.rule for f in lint_text(text, s, "x.md", today=TODAY)} & {"RW101", "RW102"}


def test_override_by_glob(make_settings: Any, tmp_path: Path) -> None:
    s = make_settings({"profile": "standard", "lint": {"overrides": [
        {"files": ["incidents/**"], "profile": "alert", "ignore": ["RW101"]}]}})
    text = "## Procedure\n"
    inside = lint_text(text, s, "incidents/x.md", today=TODAY,
                       file_path=tmp_path / "incidents" / "x.md")
    outside = lint_text(text, s, "x.md", today=TODAY, file_path=tmp_path / "deploy" / "x.md")
    assert "RW101" not in {f.rule for f in inside}
    assert any("Meaning" in f.message for f in inside if f.rule == "RW102")
    assert "RW101" in {f.rule for f in outside}


def test_custom_profile_with_aliases_and_extends(make_settings: Any) -> None:
    s = make_settings({"profiles": {
        "svc": {"sections": ["Symptoms", "Resolution steps"],
                "aliases": {"Resolution steps": ["Fix it"]}},
        "svc2": {"extends": "svc", "ignore": ["RW101"]}}})
    assert s.profiles["svc"].sections == ("symptoms", "Resolution steps")
    ok = "# T\n\n## Symptoms\n\nx\n\n## Fix it\n\ny\n"
    assert not [f for f in lint_text(ok, make_settings({"profiles": {"svc": {
        "sections": ["Symptoms", "Resolution steps"],
        "aliases": {"Resolution steps": ["Fix it"]}}}}, profile="svc"), "x.md", today=TODAY)
        if f.rule == "RW102"]
    bad = "## Symptoms\n"
    got = lint_text(bad, make_settings({"profiles": {"svc2": {"extends": "svc"}, "svc": {
        "sections": ["Symptoms", "Resolution steps"], "ignore": ["RW101"]}}}, profile="svc2"),
        "x.md", today=TODAY)
    assert "RW102" in {f.rule for f in got} and "RW101" not in {f.rule for f in got}


@pytest.mark.parametrize(("data", "needle"), [
    ({"lint": {"rules": {"RW10": {"severity": "error"}}}}, "did you mean"),
    ({"lint": {"rules": {"RW101": {"severty": "error"}}}}, "'severity'"),
    ({"lint": {"rules": {"RW101": {"severity": "fatal"}}}}, "must be one of"),
    ({"lint": {"select": ["missing-titel"]}}, "missing-title"),
    ({"lint": {"overrides": [{"files": [], "ignore": ["RW101"]}]}}, "non-empty"),
    ({"profile": "standrd"}, "standard"),
    ({"profiles": {"a": {"extends": "b"}, "b": {"extends": "a"}}}, "extends itself"),
    ({"profiles": {"a": {"required_fields": ["ownr"]}}}, "owner"),
    ({"lint": {"fail_on": "fatal"}}, "fail_on"),
])
def test_config_errors_name_the_key_and_nearest(make_settings: Any, data: Any,
                                                 needle: str) -> None:
    with pytest.raises(ConfigError) as info:
        make_settings(data)
    assert needle in f"{info.value.message} {info.value.hint}"


def test_option_type_is_checked_against_default(make_settings: Any) -> None:
    from runwright.linter import registry

    with_options = [r for r in registry.all_rules() if r.options]
    if not with_options:
        pytest.skip("no registered rule has options yet")
    rule = with_options[0]
    name, default = next(iter(rule.options.items()))
    wrong: Any = 12345 if not isinstance(default, int) or isinstance(default, bool) else "x"
    with pytest.raises(ConfigError, match="must be like the default"):
        make_settings({"lint": {"rules": {rule.id: {name: wrong}}}})
    make_settings({"lint": {"rules": {rule.name: {name: default}}}})


def test_option_values_are_checked_against_the_rule_choices(make_settings: Any) -> None:
    with pytest.raises(ConfigError) as info:
        make_settings({"lint": {"rules": {"RW501": {"families": ["as-usual", "if-neded"]}}}})
    assert "'if-neded'" in info.value.message and "if-needed" in (info.value.hint or "")
    make_settings({"lint": {"rules": {"vague-wording": {"families": ["as-usual"]}}}})


def test_max_age_defaults_to_config(make_settings: Any) -> None:
    s = make_settings({"max_age_days": 30}, profile="standard")
    plan = s.plan_for(parse("# T\n", "x.md"), "x.md")
    assert plan.profile.max_age_days == 30
    assert STANDARD.max_age_days is None
