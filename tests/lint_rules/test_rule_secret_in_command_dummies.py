"""RW802 (secret-in-command): values that stand for a secret are not secrets; real formats
still are, one minimal document each."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

DUMMIES = [
    "curl -X POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX",
    "export SLACK_TOKEN=xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX",
    "vault write secret/db password=get_me_from_vault",
    'curl -H "Authorization: Bearer <token>" https://api.example.com',
    'curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com',
    "printf 'Authorization: Bearer %s\\n' \"$API_TOKEN\" | curl -H @- https://api.example.com",
    "git clone https://deploy:${TOKEN}@gitlab.example.com/app.git",
    "app login --token=XXXX-XXXX-XXXX",
    "app login --api-key=your-api-key",
    "app login --password=changeme123",
    'psql "postgres://app:$(cat /run/secrets/db)@db/app"',
    "export PGPASSWORD=${PGPASSWORD:?}",
    "app config set client_secret={{ .Values.clientSecret }}",
    "app login --token=********",
]

REAL = [
    ("aws access key", "export AWS_ACCESS_KEY_ID=AKIA4EXQ7N2ZJ3K5L6M8"),
    ("github token", "gh auth login --with-token ghp_8fK2mQ9xLpR4tV7wZ1bN3cD5eF6gH0jK2lM4"),
    ("slack token", "export SLACK_TOKEN=xoxb-2417083392-9834712233-Qm7Zk2LpW4nV8rT1"),
    ("slack webhook", "curl https://hooks.slack.com/services/T024BE7LD/B01ABCD2EFG/Q2w3E4r5T6y7"),
    ("private key", "-----BEGIN OPENSSH PRIVATE KEY-----"),
    ("bearer", 'curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706" https://api.example.com'),
    ("database password", "PGPASSWORD=hunter22 psql -h db"),
    ("url password", "git clone https://deploy:s3cr3tP4ss@gitlab.example.com/app.git"),
    ("literal password", "app login --password=Tr0ub4dor3"),
]


def _doc(line: str) -> str:
    return f"# Runbook: X\n\n```bash\n{line}\n```\n"


@pytest.mark.parametrize("line", DUMMIES)
def test_dummy_value_is_not_a_secret(line: str) -> None:
    assert run_rule("RW802", _doc(line)) == []


@pytest.mark.parametrize(("label", "line"), REAL, ids=[r[0] for r in REAL])
def test_real_format_is_still_reported(label: str, line: str) -> None:
    assert lines_of(run_rule("RW802", _doc(line))) == [4]
