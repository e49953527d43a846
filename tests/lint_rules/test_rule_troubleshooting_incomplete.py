"""Table tests for RW611 (troubleshooting-incomplete): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('complete',
     '# Runbook: X\n'
     '\n'
     '## Troubleshooting\n'
     '\n'
     '### Error: ImagePullBackOff\n'
     '\n'
     '**Cause**: bad tag.\n'
     '\n'
     '**Solution**: fix the tag.\n',
     []),
    ('commands as solution',
     '# Runbook: X\n'
     '\n'
     '## Troubleshooting\n'
     '\n'
     '### Error: X\n'
     '\n'
     '**Cause**: y\n'
     '\n'
     '```bash\n'
     'fix\n'
     '```\n',
     []),
    ('no cause',
     '# Runbook: X\n'
     '\n'
     '## Troubleshooting\n'
     '\n'
     '### Error: X\n'
     '\n'
     '**Solution**: z\n',
     [5]),
    ('table',
     '# Runbook: X\n'
     '\n'
     '## Troubleshooting\n'
     '\n'
     '| Error | Cause | Solution |\n'
     '|---|---|---|\n'
     '| E1 | c | s |\n'
     '| E2 |  | s |\n',
     [8]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_troubleshooting_incomplete(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW611", text)) == expected
