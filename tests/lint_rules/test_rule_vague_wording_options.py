"""Table tests for RW501 (vague-wording): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('extra phrase',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'Do the thing quickly.\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_vague_wording_options(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW501", text, **KWARGS)) == expected


KWARGS = dict(options={"extra": ["the thing"], "phrases_en": [], "phrases_fr": []})
