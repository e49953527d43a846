"""Table tests for RW602 (rollback-unknown-step): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('known',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 1 fails\n'
     '\n'
     '```bash\n'
     'x\n'
     '```\n',
     []),
    ('unknown',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 4 fails\n'
     '\n'
     '```bash\n'
     'x\n'
     '```\n',
     [9]),
    ('french',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     '### Étape 1 : a\n'
     '\n'
     '## Rollback\n'
     '\n'
     "### Si problème à l'étape 2\n"
     '\n'
     '```bash\n'
     'x\n'
     '```\n',
     [9]),
    ('any failure',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### Anything\n'
     '\n'
     '```bash\n'
     'x\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rollback_unknown_step(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW602", text)) == expected
