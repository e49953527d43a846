"""Table tests for RW802 secret-in-command: failing and passing cases with the expected lines."""

from __future__ import annotations

import pytest

from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('variable', '# Runbook: X\n\n```bash\ncurl -H "Authorization: Bearer $TOKEN" https://x\n```\n',
     []),
    ('bearer literal', '# Runbook: X\n\n```bash\ncurl -H "Authorization: Bearer abc123def456" https://x\n```\n',
     [4]),
    ('aws key', '# Runbook: X\n\n```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n```\n',
     [4]),
    ('github token', '# Runbook: X\n\n```bash\ngh auth login --with-token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n```\n',
     [4]),
    ('pgpassword', '# Runbook: X\n\n```bash\nPGPASSWORD=hunter22 psql -h db\n```\n',
     [4]),
    ('password placeholder is fine', '# Runbook: X\n\n```bash\nmysql --password=$DB_PASS\nuser --password=<password>\n```\n',
     []),
    ('private key', '# Runbook: X\n\n```text\n-----BEGIN RSA PRIVATE KEY-----\n```\n',
     [4]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_secret_in_command(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW802", text)) == expected
