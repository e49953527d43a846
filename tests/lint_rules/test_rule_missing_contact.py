"""Table tests for RW621 (missing-contact): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('both',
     '# Runbook: X\n'
     '\n'
     '## Contacts\n'
     '\n'
     '- **On-call**: #oncall\n'
     '- **Escalation**: @cto\n',
     []),
    ('french',
     '# Runbook: X\n'
     '\n'
     '## Contacts\n'
     '\n'
     '- **Astreinte** : #astreinte\n'
     '- **Escalade** : @dsi\n',
     []),
    ('no escalation',
     '# Runbook: X\n'
     '\n'
     '## Contacts\n'
     '\n'
     '- **On-call**: #oncall\n',
     [3]),
    ('none at all',
     '# Runbook: X\n'
     '\n'
     '## Procedure\n'
     '\n'
     'x\n',
     [1, 1]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_missing_contact(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW621", text)) == expected


@pytest.mark.parametrize("value", ["<on-call>", "[TEAM]", "{channel}"])
def test_a_placeholder_contact_is_reported(value: str) -> None:
    text = ("# Runbook: X\n\n## Contacts\n\n"
            f"- **On-call**: {value}\n- **Escalation**: @cto\n")
    [f] = run_rule("RW621", text)
    assert f.line == 5 and f"placeholder ('{value}')" in f.message


def test_a_real_contact_in_brackets_is_not_a_placeholder() -> None:
    text = "# Runbook: X\n\n## Contacts\n\n- **On-call**: [#sre](https://chat/sre)\n" \
           "- **Escalation**: @cto\n"
    assert run_rule("RW621", text) == []
