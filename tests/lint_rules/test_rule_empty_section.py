"""Table tests for RW104 (empty-section): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('empty rollback',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     '## Contacts\n'
     '\n'
     '- **On-call**: #a\n',
     [3]),
    ('with subsections',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 1 fails\n'
     '\n'
     'undo\n',
     []),
    ('filled',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     'Nothing to undo.\n',
     []),
    ('custom heading ignored',
     '# Runbook: X\n'
     '\n'
     '## Notes\n'
     '\n'
     '## Rollback\n'
     '\n'
     'x\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_empty_section(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW104", text)) == expected
