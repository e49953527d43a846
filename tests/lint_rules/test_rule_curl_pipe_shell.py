"""Table tests for RW803 (curl-pipe-shell): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('pipe',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'curl -fsSL https://get.x/install.sh | sudo bash\n'
     '```\n',
     [4]),
    ('wget sh',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'wget -qO- https://x | sh\n'
     '```\n',
     [4]),
    ('process substitution',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'bash <(curl -s https://x)\n'
     '```\n',
     [4]),
    ('download then run',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'curl -o i.sh https://x\n'
     'bash i.sh\n'
     '```\n',
     []),
    ('pipe to jq',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'curl -s https://x | jq .\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_curl_pipe_shell(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW803", text)) == expected
