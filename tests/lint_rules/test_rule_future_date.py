"""Table tests for RW203 (future-date): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('past',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n',
     []),
    ('today',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-03-01\n',
     []),
    ('future',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-12-01\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_future_date(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW203", text)) == expected
