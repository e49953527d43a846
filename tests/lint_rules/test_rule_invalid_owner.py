"""Table tests for RW204 (invalid-owner): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('handle',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @platform-team\n',
     []),
    ('org team',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @acme/sre, Platform team\n',
     []),
    ('tbd',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: TBD\n',
     [5]),
    ('bracket',
     '# Runbook: X\n'
     '\n'
     '## Informations\n'
     '\n'
     '- **Responsable** : <équipe>\n',
     [5]),
    ('bad handle',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @-team-\n',
     [5]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_invalid_owner(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW204", text)) == expected
