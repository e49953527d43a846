"""Table tests for RW501 (vague-wording): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('precise',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'Check that /health answers 200.\n',
     []),
    ('english',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'Make sure everything is fine, restart if needed.\n',
     [5, 5]),
    ('french accents',
     '# Runbook: X\n'
     '\n'
     '## Procédure\n'
     '\n'
     'Verifier que tout va bien, comme d’habitude.\n',
     [5, 5]),
    ('etc in description is fine',
     '# Runbook: X\n'
     '\n'
     '## Overview\n'
     '\n'
     'Logs, metrics, etc.\n',
     []),
    ('inline code ignored',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'Run `ls etc.` now.\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_vague_wording(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW501", text)) == expected
