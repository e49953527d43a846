"""Table tests for RW902 broken-anchor: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('ok', '# Runbook: X\n\nSee [r](#rollback).\n\n## Rollback\n',
     []),
    ('typo', '# Runbook: X\n\nSee [r](#rolback).\n\n## Rollback\n',
     [3]),
    ('duplicate suffix', '# Runbook: X\n\nSee [b](#notes-1).\n\n## Notes\n\n## Notes\n',
     []),
    ('accents kept', '# Runbook: X\n\nSee [p](#procédure).\n\n## Procédure\n',
     []),
    ('html anchor', '# Runbook: X\n\nSee [a](#here).\n\n<a id="here"></a>\n',
     []),
    ('urls skipped', '# Runbook: X\n\nSee [u](https://example.com/#nope).\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_anchor_inline(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW902", text)) == expected
