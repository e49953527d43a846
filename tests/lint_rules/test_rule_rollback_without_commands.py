"""Table tests for RW601 (rollback-without-commands): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('commands',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 1 fails\n'
     '\n'
     '```bash\n'
     'helm rollback api\n'
     '```\n',
     []),
    ('prose only',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 1 fails\n'
     '\n'
     'Roll back.\n',
     [5]),
    ('manual',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     '### If step 1 fails (manual)\n'
     '\n'
     'Restore from the console by hand.\n',
     []),
    ('flat prose',
     '# Runbook: X\n'
     '\n'
     '## Rollback\n'
     '\n'
     'Revert the change.\n',
     [3]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rollback_without_commands(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW601", text)) == expected
