"""Table tests for RW207 metadata-mismatch: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('agree', "---\nowner: '@ops'\nlast_updated: 2026-01-15\n---\n# X\n\n## Information\n\n- **Owner**: @ops\n- **Last updated**: 2026-01-15\n",
     []),
    ('owner differs', "---\nowner: '@dba'\n---\n# X\n\n## Information\n\n- **Owner**: @ops\n",
     [8]),
    ('date differs', '---\nlast_updated: 2026-01-10\n---\n# X\n\n## Information\n\n- **Last updated**: 2026-01-15\n',
     [8]),
    ('frequency same meaning', '---\nfrequency: weekly\n---\n# X\n\n## Informations\n\n- **Fréquence** : Hebdo\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_metadata_mismatch(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW207", text)) == expected
