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
    ('secret-named variables given a literal (shell model)',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'export DB_PASSWORD=hunter22\n'
     'API_TOKEN=abcd1234efgh curl https://api.example.com/health\n'
     'env SECRET_KEY=s3cr3tvalue ./manage.py check\n'
     'declare -r REDIS_PASSWORD="s3cr3t-value"\n'
     '```\n',
     [4, 5, 6, 7]),
    ('secret-named variables given an expansion, a file or a stand-in',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'export DB_PASSWORD="$(vault kv get -field=password secret/db)"\n'
     'SSH_KEY_PATH=/home/deploy/.ssh/id_ed25519 ./deploy.sh\n'
     'export API_KEY=changeme\n'
     'TOKEN_TTL=3600 ./issue-token.sh\n'
     'export TLS_KEY=server.key\n'
     "echo 'export DB_PASSWORD=hunter22' # a quoted example is no assignment\n"
     '```\n',
     []),
    ('options that take a secret (shell model)',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql -u root -phunter22 app\n'
     'app-cli --token s3cr3t-value status\n'
     'redis-cli -a hunter22 ping\n'
     'sshpass -p hunter22 ssh db1 uptime\n'
     'curl -u admin:hunter22 https://api.example.com/health\n'
     '```\n',
     [4, 5, 6, 7, 8]),
    ('options that ask for the secret or are given one from elsewhere',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'mysql -u root -p app\n'
     'mysql --password app\n'
     'redis-cli -a "$REDIS_PASSWORD" ping\n'
     'curl -u admin https://api.example.com/health\n'
     'app-cli --token-file /run/secrets/token status\n'
     'vault login --token="$VAULT_TOKEN"\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_secret_in_command(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW802", text)) == expected
