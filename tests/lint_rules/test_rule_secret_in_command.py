"""Table tests for RW802 (secret-in-command): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('variable',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'curl -H "Authorization: Bearer $TOKEN" https://x\n'
     '```\n',
     []),
    ('bearer literal',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'curl -H "Authorization: Bearer abc123def456" https://x\n'
     '```\n',
     [4]),
    ('aws key',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n'
     '```\n',
     [4]),
    ('github token',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'gh auth login --with-token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'
     '```\n',
     [4]),
    ('pgpassword',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'PGPASSWORD=hunter22 psql -h db\n'
     '```\n',
     [4]),
    ('password placeholder is fine',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql --password=$DB_PASS\n'
     'user --password=<password>\n'
     '```\n',
     []),
    ('private key',
     '# Runbook: X\n'
     '\n'
     '```text\n'
     '-----BEGIN RSA PRIVATE KEY-----\n'
     '```\n',
     [4]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_secret_in_command(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW802", text)) == expected
