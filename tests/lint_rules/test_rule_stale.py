"""Table tests for RW701 (stale): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('fresh',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n',
     []),
    ('old',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2025-01-15\n',
     [5]),
    ('review interval',
     '---\n'
     'review_interval: 30 days\n'
     '---\n'
     '# X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n',
     [8]),
    ('no date',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @a\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_stale(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW701", text)) == expected
