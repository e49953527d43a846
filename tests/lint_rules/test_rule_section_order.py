"""Table tests for RW103 (section-order): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('in order',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '## Procedure\n'
     '\n'
     '## Rollback\n',
     []),
    ('rollback first',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     'x\n'
     '\n'
     '## Procedure\n'
     '\n'
     'x\n',
     [7]),
    ('french in order',
     '# Runbook: X\n'
     '\n'
     '## Prérequis\n'
     '\n'
     '## Procédure\n'
     '\n'
     '## Dépannage\n',
     []),
    ('french swapped',
     '# Runbook: X\n'
     '\n'
     '## Dépannage\n'
     '\n'
     '## Prérequis\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_section_order(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW103", text)) == expected
