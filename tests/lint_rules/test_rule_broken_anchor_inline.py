"""Table tests for RW902 (broken-anchor): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('ok',
     '# Runbook: X\n'
     '\n'
     'See [r](#rollback).\n'
     '\n'
     '## Rollback\n',
     []),
    ('typo',
     '# Runbook: X\n'
     '\n'
     'See [r](#rolback).\n'
     '\n'
     '## Rollback\n',
     [3]),
    ('duplicate suffix',
     '# Runbook: X\n'
     '\n'
     'See [b](#notes-1).\n'
     '\n'
     '## Notes\n'
     '\n'
     '## Notes\n',
     []),
    ('accents kept',
     '# Runbook: X\n'
     '\n'
     'See [p](#procédure).\n'
     '\n'
     '## Procédure\n',
     []),
    ('html anchor',
     '# Runbook: X\n'
     '\n'
     'See [a](#here).\n'
     '\n'
     '<a id="here"></a>\n',
     []),
    ('urls skipped',
     '# Runbook: X\n'
     '\n'
     'See [u](https://example.com/#nope).\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_anchor_inline(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW902", text)) == expected
