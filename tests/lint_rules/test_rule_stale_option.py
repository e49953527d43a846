"""Table tests for RW701 stale: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('max age option', '# Runbook: X\n\n## Information\n\n- **Last updated**: 2025-01-15\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_stale_option(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW701", text, options={"max_age_days": 1000})) == expected
