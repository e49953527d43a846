"""Table tests for RW207 (metadata-mismatch): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('agree',
     '---\n'
     "owner: '@ops'\n"
     'last_updated: 2026-01-15\n'
     '---\n'
     '# X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @ops\n'
     '- **Last updated**: 2026-01-15\n',
     []),
    ('owner differs',
     '---\n'
     "owner: '@dba'\n"
     '---\n'
     '# X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Owner**: @ops\n',
     [8]),
    ('date differs',
     '---\n'
     'last_updated: 2026-01-10\n'
     '---\n'
     '# X\n'
     '\n'
     '## Information\n'
     '\n'
     '- **Last updated**: 2026-01-15\n',
     [8]),
    ('frequency same meaning',
     '---\n'
     'frequency: weekly\n'
     '---\n'
     '# X\n'
     '\n'
     '## Informations\n'
     '\n'
     '- **Fréquence** : Hebdo\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_metadata_mismatch(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW207", text)) == expected
