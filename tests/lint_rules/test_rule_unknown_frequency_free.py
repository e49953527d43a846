"""Table tests for RW206 (unknown-frequency): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('allowed free text',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Frequency**: sometimes\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_unknown_frequency_free(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW206", text, **KWARGS)) == expected


KWARGS = dict(options={"allow_free_frequency": True})
