"""Table tests for RW502 (todo-in-prose): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('todo',
     '# Runbook: X\n'
     '\n'
     'TODO: describe the failover.\n',
     [3]),
    ('fixme in list',
     '# Runbook: X\n'
     '\n'
     '- FIXME check this\n',
     [3]),
    ('quoted',
     '# Runbook: X\n'
     '\n'
     'Prefix the message with "TODO" in Slack.\n',
     []),
    ('a mention of such markers',
     '# Runbook: X\n'
     '\n'
     '- Go through the history in Slack to identify any TODO items.\n'
     '- Remove the FIXME comments and the TODO list.\n',
     []),
    ('a marker before a noun-like word is still reported',
     '# Runbook: X\n'
     '\n'
     'TODO itemise the failover steps.\n'
     '\n'
     'Owner: TBD\n',
     [3, 5]),
    ('in code',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '# TODO\n'
     '```\n'
     '\n'
     'Use `TODO` markers.\n',
     []),
    ('an example in a quote, in a document that explains the marker',
     '# Runbook: X\n'
     '\n'
     'Note a follow-up by prefixing the message with "TODO":\n'
     '\n'
     '> TODO: Why did we not get paged for the fall in traffic?\n'
     '\n'
     'Prefix blockers with `FIXME:` the same way.\n'
     '\n'
     '> FIXME: the failover took 20 minutes.\n',
     []),
    ('only the marker the document explains makes a quote an example',
     '# Runbook: X\n'
     '\n'
     '> TODO: describe the failover.\n'
     '\n'
     'Prefix the message with "TODO".\n'
     '\n'
     '> FIXME: the failover steps.\n'
     '\n'
     'FIXME: the rollback.\n',
     [7, 9]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_todo_in_prose(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW502", text)) == expected
