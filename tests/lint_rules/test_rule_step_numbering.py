"""Table tests for RW302 (step-numbering): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('sequential',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '### Step 2: b\n'
     '\n'
     '### Step 3: c\n',
     []),
    ('gap',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '### Step 3: c\n',
     [7]),
    ('duplicate',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 1: a\n'
     '\n'
     '### Step 2: b\n'
     '\n'
     '### Step 2: c\n'
     '\n'
     '### Step 3: d\n',
     [9]),
    ('roman',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     '### Étape 1 : a\n'
     '\n'
     '### Étape II : b\n',
     [7]),
    ('starts at 2',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '### Step 2: a\n'
     '\n'
     '### Step 3: b\n',
     [5]),
    ('list of ones',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     '1. a\n'
     '1. b\n'
     '1. c\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_step_numbering(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW302", text)) == expected
