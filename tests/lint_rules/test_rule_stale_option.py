"""Table tests for RW701 (stale): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('max age option',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2025-01-15\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_stale_option(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW701", text, **KWARGS)) == expected


KWARGS = dict(options={"max_age_days": 1000})
