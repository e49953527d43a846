"""Table tests for RW105 (not-a-checklist): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('tasks',
     '# Runbook: X\n'
     '\n'
     '## Prerequisites\n'
     '\n'
     '- [ ] access\n'
     '- [x] window\n',
     []),
    ('plain bullets',
     '# Runbook: X\n'
     '\n'
     '## Prerequisites\n'
     '\n'
     '- access\n'
     '- [ ] window\n',
     [5]),
    ('verification prose',
     '# Runbook: X\n'
     '\n'
     '## Verification\n'
     '\n'
     'Check the dashboard.\n',
     [3]),
    ('french',
     '# Runbook: X\n'
     '\n'
     '## Vérification\n'
     '\n'
     '* santé OK\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_not_a_checklist(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW105", text)) == expected
