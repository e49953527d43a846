"""Table tests for RW301 (no-steps): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('headings',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: Go\n',
     []),
    ('numbered list',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     '1. Faire ceci\n'
     '2. Puis cela\n',
     []),
    ('prose only',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'Just do it.\n',
     [3]),
    ('no procedure section',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     'x\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_no_steps(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW301", text)) == expected
