"""Table tests for RW404 placeholder: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('variable', '# Runbook: X\n\n```bash\nkubectl -n "$NS" get pods\n```\n',
     []),
    ('angle', '# Runbook: X\n\n```bash\nkubectl -n <namespace> get pods\n```\n',
     [4]),
    ('heredoc and redirect are fine', '# Runbook: X\n\n```bash\ncat <<EOF > /tmp/x\nhi\nEOF\nsort < in.txt 2>&1\n```\n',
     []),
    ('xxx and TODO', '# Runbook: X\n\n```bash\nexport TOKEN=xxx\nhelm upgrade TODO\n```\n',
     [4, 5]),
    ('lone dots', '# Runbook: X\n\n```bash\nkubectl get pods ...\n```\n',
     [4]),
    ('dots in regex or comment', "# Runbook: X\n\n```bash\ngrep 'a...b' log # and so on ...\n```\n",
     []),
    ('title and date', '# Runbook: X\n\n```bash\nbackup --name [Database Name] --date YYYY-MM-DD\n```\n',
     [4]),
    ('console block ignored', '# Runbook: X\n\n```console\n$ kubectl -n <ns> get pods\n```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_placeholder(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW404", text)) == expected
