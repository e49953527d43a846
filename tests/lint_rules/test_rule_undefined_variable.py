"""Table tests for RW407 undefined-variable: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('declared', '---\nvariables:\n  NS:\n    default: prod\n---\n# X\n\n```bash\nkubectl -n "$NS" get pods\n```\n',
     []),
    ('undeclared', '# Runbook: X\n\n```bash\nkubectl -n "$NS" get pods\n```\n',
     [4]),
    ('set earlier', '# Runbook: X\n\n```bash\nNS=prod\n```\n\n```bash\nkubectl -n "$NS" get pods\n```\n',
     []),
    ('read and for', '# Runbook: X\n\n```bash\nread -r -p \'ns? \' NS\nfor p in a b; do echo "$p $NS"; done\n```\n',
     []),
    ('capture', '# Runbook: X\n\n```bash {capture=POD}\nkubectl get pods -o name | head -1\n```\n\n```bash\nkubectl logs "$POD"\n```\n',
     []),
    ('guarded and common', '# Runbook: X\n\n```bash\necho "${NS:-default}" "$HOME" "$AWS_PROFILE" \'$NOT_EXPANDED\'\n```\n',
     []),
    ('used before set later', '# Runbook: X\n\n```bash\necho "$LATER"\n```\n\n```bash\nLATER=1\n```\n',
     [4]),
    ('reported once', '# Runbook: X\n\n```bash\necho "$A"\necho "$A"\n```\n',
     [4]),
    ('source stops', '# Runbook: X\n\n```bash\nsource ./env.sh\necho "$FROM_ENV"\n```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_undefined_variable(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW407", text)) == expected
