"""Table tests for RW201 (missing-field): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('all present',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n'
     '- **Owner**: @ops\n'
     '- **Estimated time**: 10 min\n'
     '- **Frequency**: Weekly\n',
     []),
    ('owner only',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @ops\n',
     [3, 3, 3]),
    ('front matter counts',
     '---\n'
     'last_updated: 2026-01-15\n'
     "owner: '@ops'\n"
     'estimated_time: 5 min\n'
     'frequency: daily\n'
     '---\n'
     '# Runbook: X\n',
     []),
    ('empty value',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n'
     '- **Owner**:\n'
     '- **Estimated time**: 10 min\n'
     '- **Frequency**: Weekly\n',
     [6]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_missing_field(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW201", text)) == expected
