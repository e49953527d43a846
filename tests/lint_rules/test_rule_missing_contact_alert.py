"""Table tests for RW621 (missing-contact): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('alert profile',
     '# KubePodCrashLooping\n'
     '\n'
     '## Meaning\n'
     '\n'
     'x\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_missing_contact_alert(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW621", text, **KWARGS)) == expected


KWARGS = dict(profile="alert")
