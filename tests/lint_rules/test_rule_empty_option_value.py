"""Table tests for RW405 (empty-option-value): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('value',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl scale deploy/api --replicas=3\n'
     '```\n',
     []),
    ('empty',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl scale deploy/api --replicas=\n'
     '```\n',
     [4]),
    ('empty before pipe',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'tool --name= | cat\n'
     '```\n',
     [4]),
    ('quoted text',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "echo '--replicas= is wrong'\n"
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_empty_option_value(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW405", text)) == expected
