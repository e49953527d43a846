"""Table tests for RW304 (missing-expected-result): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('present',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n'
     '\n'
     '**Expected result**: files listed.\n',
     []),
    ('expect fence',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n'
     '\n'
     '```expect\n'
     'README\n'
     '```\n',
     []),
    ('french',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     '### Étape 1 : a\n'
     '\n'
     '**Résultat attendu** : ok\n',
     []),
    ('missing',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_missing_expected_result(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW304", text)) == expected
