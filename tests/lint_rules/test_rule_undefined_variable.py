"""Table tests for RW407 (undefined-variable): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('declared',
     '---\n'
     'variables:\n'
     '  NS:\n'
     '    default: prod\n'
     '---\n'
     '# X\n'
     '\n'
     '```bash\n'
     'kubectl -n "$NS" get pods\n'
     '```\n',
     []),
    ('undeclared',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n "$NS" get pods\n'
     '```\n',
     [4]),
    ('set earlier',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'NS=prod\n'
     '```\n'
     '\n'
     '```bash\n'
     'kubectl -n "$NS" get pods\n'
     '```\n',
     []),
    ('read and for',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "read -r -p 'ns? ' NS\n"
     'for p in a b; do echo "$p $NS"; done\n'
     '```\n',
     []),
    ('capture',
     '# Runbook: X\n'
     '\n'
     '```bash {capture=POD}\n'
     'kubectl get pods -o name | head -1\n'
     '```\n'
     '\n'
     '```bash\n'
     'kubectl logs "$POD"\n'
     '```\n',
     []),
    ('guarded and common',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "${NS:-default}" "$HOME" "$AWS_PROFILE" \'$NOT_EXPANDED\'\n'
     '```\n',
     []),
    ('used before set later',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "$LATER"\n'
     '```\n'
     '\n'
     '```bash\n'
     'LATER=1\n'
     '```\n',
     [4]),
    ('reported once',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "$A"\n'
     'echo "$A"\n'
     '```\n',
     [4]),
    ('source stops',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'source ./env.sh\n'
     'echo "$FROM_ENV"\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_undefined_variable(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW407", text)) == expected
