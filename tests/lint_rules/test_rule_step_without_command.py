"""Table tests for RW303 (step-without-command): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('command',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n',
     []),
    ('manual title',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: Call the vendor (manual)\n'
     '\n'
     'Call.\n',
     []),
    ('manual label',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     '### Étape 1 : Appeler\n'
     '\n'
     '**Manuel** : appeler le support.\n',
     []),
    ('nothing',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     'Restart it.\n'
     '\n'
     '### Step 2: b\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n',
     [5]),
    ('only output',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '```text\n'
     'ok\n'
     '```\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_step_without_command(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW303", text)) == expected
