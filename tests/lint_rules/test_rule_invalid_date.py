"""Table tests for RW202 (invalid-date): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('iso',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n',
     []),
    ('european',
     '# Runbook: X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 15/01/2026\n',
     [5]),
    ('impossible day',
     '# Runbook: X\n'
     '\n'
     '## Informations\n'
     '\n'
     '- **Dernière mise à jour** : 2026-02-30\n',
     [5]),
    ('front matter',
     '---\n'
     'last_updated: last spring\n'
     '---\n'
     '# X\n',
     [2]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_invalid_date(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW202", text)) == expected
