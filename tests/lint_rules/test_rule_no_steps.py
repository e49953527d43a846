"""Table tests for RW301 no-steps: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('headings', '# Runbook: X\n\n## Procedure\n\n### Step 1: Go\n',
     []),
    ('numbered list', '# Runbook: X\n\n## Procédure\n\n1. Faire ceci\n2. Puis cela\n',
     []),
    ('prose only', '# Runbook: X\n\n## Procedure\n\nJust do it.\n',
     [3]),
    ('no procedure section', '# Runbook: X\n\n## Rollback\n\nx\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_no_steps(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW301", text)) == expected
