"""Table tests for RW101 (missing-title): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('heading',
     '# Runbook: Restart\n'
     '\n'
     'text\n',
     []),
    ('front matter title',
     '---\n'
     'title: Restart\n'
     '---\n'
     '\n'
     'text\n',
     []),
    ('none',
     '## Procedure\n'
     '\n'
     'text\n',
     [1]),
    ('empty file',
     '',
     [1]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_missing_title(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW101", text)) == expected
