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
    ('list that goes on after an unindented fence',
     '## Procedure\n'
     '\n'
     '1. a\n'
     '\n'
     '```bash\n'
     'true\n'
     '```\n'
     '\n'
     '2. b\n',
     []),
    ('list that starts again',
     '## Procedure\n'
     '\n'
     '1. a\n'
     '1. b\n'
     '\n'
     '```bash\n'
     'true\n'
     '```\n'
     '\n'
     '1. c\n',
     [10]),
    ('decimal section numbers outside the procedure',
     '# Runbook: X\n'
     '\n'
     '## 1. Overview\n'
     '\n'
     '### 1.3 Communication & Escalation\n'
     '\n'
     '## 5. Gestion des incidents\n'
     '\n'
     '## Diagnosis\n'
     '\n'
     '### 3) Check the node\n'
     '\n'
     '### Phase one\n',
     []),
    ('numbered headings under procedure with ) and .',
     '## Procedure\n'
     '\n'
     '### 1) Drain\n'
     '\n'
     '### 2. Upgrade\n',
     []),
]

MESSAGES: list[tuple[str, str, list[str]]] = [
    ('single step numbered 3',
     '## Procedure\n\n### Step 3: a\n',
     ['the first step is numbered 3: number it 1']),
    ('steps starting at 2',
     '## Procedure\n\n### Step 2: a\n\n### Step 3: b\n',
     ['the first step is numbered 2: number it 1 and the others in order']),
    ('gap',
     '## Procedure\n\n### Step 1: a\n\n### Step 3: b\n',
     ['step 3 follows step 1: step 2 is missing; renumber the steps 1 to 2']),
    ('list that starts again, by the number it is shown with',
     '## Procedure\n\n1. a\n1. b\n\n```bash\ntrue\n```\n\n1. c\n',
     ['the list of steps starts again here and is shown as 1 after step 2: indent what comes '
      'between the items under the previous item, or number this item 3']),
    ('decimal number in the procedure is not a number',
     '## Procedure\n\n### 1.1 Prepare\n\n### Step 2: Go\n',
     ["step '1.1 Prepare' has no number: number it 1"]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_step_numbering(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW302", text)) == expected


@pytest.mark.parametrize(("label", "text", "expected"), MESSAGES, ids=[c[0] for c in MESSAGES])
def test_step_numbering_messages(label: str, text: str, expected: list[str]) -> None:
    assert [f.message for f in run_rule("RW302", text)] == expected


def test_other_rules_name_a_list_step_by_its_shown_number() -> None:
    text = ('## Procedure\n\n1. a\n\n   ```bash\n   true\n   ```\n\n'
            '1. b\n\n   ```bash\n   true\n   ```\n\n1. Call the vendor\n')
    assert [f.message.split(" has")[0] for f in run_rule("RW303", text)] == ["step 3"]
