"""Table tests for RW205 (invalid-duration): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('range',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Estimated time**: 15-30 minutes\n',
     []),
    ('french',
     '# Runbook: X\n'
     '\n'
     '## Informations\n'
     '\n'
     '- **Temps estimé** : 1h30\n',
     []),
    ('vague',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Estimated time**: a while\n',
     [5]),
    ('no unit',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Estimated time**: 15\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_invalid_duration(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW205", text)) == expected
