"""Table tests for RW206 (unknown-frequency): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('known en',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Frequency**: On demand\n',
     []),
    ('known fr',
     '# Runbook: X\n'
     '\n'
     '## Informations\n'
     '\n'
     '- **Fréquence** : À chaque release\n',
     []),
    ('unknown',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Frequency**: sometimes\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_unknown_frequency(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW206", text)) == expected
