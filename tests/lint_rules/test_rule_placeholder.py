"""Table tests for RW404 (placeholder): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('variable',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n "$NS" get pods\n'
     '```\n',
     []),
    ('angle',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl -n <namespace> get pods\n'
     '```\n',
     [4]),
    ('heredoc and redirect are fine',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'cat <<EOF > /tmp/x\n'
     'hi\n'
     'EOF\n'
     'sort < in.txt 2>&1\n'
     '```\n',
     []),
    ('xxx and TODO',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'export TOKEN=xxx\n'
     'helm upgrade TODO\n'
     '```\n',
     [4, 5]),
    ('lone dots',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl get pods ...\n'
     '```\n',
     [4]),
    ('dots in regex or comment',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "grep 'a...b' log # and so on ...\n"
     '```\n',
     []),
    ('comments and quoted text, as the shell model reads them',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'echo "# not a comment: TODO"\n'
     "grep -E 'wait ... done' app.log   # TODO: a comment\n"
     'echo "waiting ..." && sleep 5\n'
     'cat <<EOF > notes.txt\n'
     'TODO in a here-document body is written to the file\n'
     'EOF\n'
     '```\n',
     [4, 8]),
    ('title and date',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'backup --name [Database Name] --date YYYY-MM-DD\n'
     '```\n',
     [4]),
    ('console blocks show a session: not checked',
     '# Runbook: X\n'
     '\n'
     '```console\n'
     '$ kubectl -n <ns> get pods\n'
     'NAME   NOMINATED NODE\n'
     'api    <none>\n'
     '$ kubectl get pods\n'
     '```\n',
     []),
    ('transcripts (every command prompted) are not checked, in bash or unlabelled blocks',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '$ systemctl restart <service>\n'
     '```\n'
     '\n'
     '```\n'
     '$ kubectl -n <namespace> get pods\n'
     '```\n',
     []),
    ('a block mixing prompted and plain commands is checked',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '$ systemctl restart <service>\n'
     'kubectl -n <namespace> get pods\n'
     '```\n',
     [4, 5]),
    ('unlabelled block without prompts is not a command',
     '# Runbook: X\n'
     '\n'
     '```\n'
     'Hello <name>,\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_placeholder(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW404", text)) == expected


def test_placeholders_outside_standard_runbooks_are_info() -> None:
    text = "# X\n\n```bash\nkubectl -n <namespace> get pods\n```\n"
    assert [f.severity for f in run_rule("RW404", text)] == ["error"]
    for profile in ("alert", "generic"):
        assert [f.severity for f in run_rule("RW404", text, profile=profile)] == ["info"]
