"""Table tests for RW401 (unfenced-command): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('fenced',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n',
     []),
    ('indented command',
     '# Runbook: X\n'
     '\n'
     'Run:\n'
     '\n'
     '    systemctl restart nginx\n',
     [5]),
    ('indented prose',
     '# Runbook: X\n'
     '\n'
     'Text:\n'
     '\n'
     '    some quoted prose here\n',
     []),
    ('admonition body',
     '# Runbook: X\n'
     '\n'
     '!!! tip "Note"\n'
     '\n'
     '    kubectl get pods\n',
     []),
    ('dollar in text',
     '# Runbook: X\n'
     '\n'
     'Then run\n'
     '$ kubectl get pods\n',
     [4]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_unfenced_command(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW401", text)) == expected
