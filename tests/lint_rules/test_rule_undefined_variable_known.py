"""Table tests for RW407 (undefined-variable): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('known option',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "$TEAM_X" "$ACME_Y"\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_undefined_variable_known(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW407", text, **KWARGS)) == expected


KWARGS = dict(options={"known": ["TEAM_X", "ACME_*"]})
