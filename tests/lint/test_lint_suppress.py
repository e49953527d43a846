"""Inline suppressions: ranges, next line, file level, IDs or names, unused ones (RW002)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from runwright.linter import registry
from runwright.linter.engine import lint_text
from runwright.linter.rule import LintContext, Rule

TODAY = dt.date(2026, 3, 1)


class Shout(Rule):
    """Test rule: every all-capitals line."""

    id = "RW980"
    name = "shout"
    severity = "warning"
    summary = "No shouting."

    def check(self, ctx: LintContext) -> None:
        for n, line in enumerate(ctx.runbook.lines, start=1):
            if len(line) >= 3 and line.isupper():
                ctx.report(n, "shouting")


class Digits(Rule):
    """Test rule: every line made of digits."""

    id = "RW981"
    name = "digits"
    severity = "warning"
    summary = "No bare numbers."

    def check(self, ctx: LintContext) -> None:
        for n, line in enumerate(ctx.runbook.lines, start=1):
            if line.strip().isdigit():
                ctx.report(n, "digits")


@pytest.fixture
def lint(monkeypatch: pytest.MonkeyPatch, make_settings: Any) -> Any:
    every = (*registry.all_rules(), Shout, Digits)
    table = {**registry.by_key(), **{k: r for r in (Shout, Digits) for k in (r.id, r.name)}}
    monkeypatch.setattr(registry, "all_rules", lambda: every)
    monkeypatch.setattr(registry, "by_key", lambda: table)

    def run(text: str, select: tuple[str, ...] = ("RW980", "RW981", "RW002")
            ) -> list[tuple[int, str]]:
        settings = make_settings(select=list(select))
        return [(f.line, f.rule) for f in lint_text(text, settings, "x.md", today=TODAY)]

    return run


def test_no_directive(lint: Any) -> None:
    assert lint("# t\n\nHELLO\n42\n") == [(3, "RW980"), (4, "RW981")]


def test_range_by_name_and_enable(lint: Any) -> None:
    text = ("# t\n<!-- runwright-disable shout -->\nHELLO\n42\n"
            "<!-- runwright-enable shout -->\nAGAIN\n")
    assert lint(text) == [(4, "RW981"), (6, "RW980")]


def test_range_without_enable_runs_to_end(lint: Any) -> None:
    assert lint("# t\n<!-- runwright-disable RW980, RW981 -->\nHELLO\n42\n") == []


def test_disable_all_then_enable_one(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable -->\nHELLO\n<!-- runwright-enable digits -->\n42\nLOUD\n"
    assert lint(text) == [(5, "RW981")]


def test_next_line_skips_blank_lines(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable-next-line RW980 -->\n\nHELLO\nAGAIN\n"
    assert lint(text) == [(5, "RW980")]


def test_next_line_covers_a_whole_code_block(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable-next-line shout -->\n```text\nHELLO\nLOUD\n```\nNOW\n"
    assert lint(text) == [(7, "RW980")]


def test_file_level(lint: Any) -> None:
    text = "# t\n\nHELLO\n\n<!-- runwright-disable-file shout -->\n42\n"
    assert lint(text) == [(6, "RW981")]


def test_directive_inside_code_block_is_code(lint: Any) -> None:
    text = "# t\n\n```text\n<!-- runwright-disable-file -->\n```\nHELLO\n"
    assert lint(text) == [(6, "RW980")]


def test_unused_suppressions_are_reported(lint: Any) -> None:
    text = ("# t\n<!-- runwright-disable-next-line shout -->\nquiet\n"
            "<!-- runwright-disable-file RW981 -->\n<!-- runwright-disable-next-line -->\nok\n")
    assert lint(text) == [(2, "RW002"), (4, "RW002"), (5, "RW002")]


def test_unknown_rule_in_directive(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable-next-line shuot -->\nHELLO\n"
    got = lint(text)
    assert got == [(2, "RW002"), (3, "RW980")]


def test_unused_not_reported_for_rules_not_enabled(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable-next-line digits -->\nHELLO\n"
    assert lint(text, select=("RW980", "RW002")) == [(3, "RW980")]


def test_rw002_off_and_rw002_suppressed(lint: Any) -> None:
    text = "# t\n<!-- runwright-disable-next-line shout -->\nquiet\n"
    assert lint(text, select=("RW980",)) == []
    text2 = "<!-- runwright-disable-file RW002 -->\n" + text
    assert lint(text2) == []
