"""Table tests for RW502 (todo-in-prose): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('todo',
     '# Runbook: X\n'
     '\n'
     'TODO: describe the failover.\n',
     [3]),
    ('fixme in list',
     '# Runbook: X\n'
     '\n'
     '- FIXME check this\n',
     [3]),
    ('quoted',
     '# Runbook: X\n'
     '\n'
     'Prefix the message with "TODO" in Slack.\n',
     []),
    ('in code',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '# TODO\n'
     '```\n'
     '\n'
     'Use `TODO` markers.\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_todo_in_prose(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW502", text)) == expected
