"""Table tests for RW402 (fence-language): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('labelled',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'ls\n'
     '```\n',
     []),
    ('unlabelled',
     '# Runbook: X\n'
     '\n'
     '```\n'
     'ls\n'
     '```\n',
     [3]),
    ('unlabelled output',
     '# Runbook: X\n'
     '\n'
     '```\n'
     'NAME READY\n'
     '```\n',
     [3]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fence_language(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW402", text)) == expected
