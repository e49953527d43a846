"""Table tests for RW801 (destructive-without-confirm): cases and the lines they are reported at."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

CASES: list[tuple[str, str, list[int]]] = [
    ('confirmed',
     '# Runbook: X\n'
     '\n'
     '```bash {confirm}\n'
     'kubectl delete pod x\n'
     '```\n',
     []),
    ('kubectl delete',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'kubectl get pods\n'
     'kubectl -n prod delete pod x\n'
     '```\n',
     [5]),
    ('rm -rf',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'sudo rm -rf /var/cache/app\n'
     '```\n',
     [4]),
    ('sql',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     "psql -c 'DROP TABLE users'\n"
     '```\n',
     [4]),
    ('force and git',
     '# Runbook: X\n'
     '\n'
     '```sh\n'
     'git push -f origin main\n'
     '```\n',
     [4]),
    ('terraform helm dd mkfs',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'terraform destroy\n'
     '```\n'
     '\n'
     '```bash\n'
     'helm uninstall api\n'
     '```\n'
     '\n'
     '```bash\n'
     'dd if=x of=/dev/sda\n'
     '```\n'
     '\n'
     '```bash\n'
     'mkfs.ext4 /dev/sdb1\n'
     '```\n',
     [4, 8, 12, 16]),
    ('redis',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'redis-cli FLUSHALL\n'
     '```\n',
     [4]),
    ('commented out',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     '# kubectl delete pod x\n'
     'rm -r build\n'
     '```\n',
     []),
    ('force with lease',
     '# Runbook: X\n'
     '\n'
     '```bash\n'
     'git push --force-with-lease\n'
     '```\n',
     []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_destructive_without_confirm(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW801", text)) == expected


def _block(code: str) -> str:
    return f"# Runbook: X\n\n```bash\n{code}\n```\n"


MODEL_CASES: list[tuple[str, list[int]]] = [
    # (block, lines reported): commands as the shell model reads them
    ('echo "then run kubectl delete pod x"', []),
    ("grep -n -- --force deploy.sh", []),
    ("kubectl rollout restart deployment/api", []),
    ("ls\nssh db1 sudo rm -rf /var/lib/postgresql", [5]),
    ("kubectl exec api-1 -- rm -fr /data", [4]),
    ("bash -c 'helm -n prod uninstall api'", [4]),
    ("for p in a b; do\n  kubectl -n prod delete pod \"$p\"\ndone", [5]),
    ("kubectl get pods -o name | xargs kubectl delete", [4]),
    ("psql <<'SQL'\nSELECT 1;\nDROP TABLE jobs;\nSQL", [6]),
    ("kubectl -n <namespace> delete pod <pod-name>", [4]),  # placeholders are words
    ("$ kubectl delete pod api-0\npod \"api-0\" deleted", [4]),  # a transcript's command
    ("$ kubectl get pods\ndelete-me-0   1/1   Running", []),  # its output is not run
    ("rm --recursive --force build", [4]),
    ("terraform -chdir=infra apply -auto-approve -destroy", [4]),
    ("git -C /srv/app clean -xdf", [4]),
]


@pytest.mark.parametrize(("code", "expected"), MODEL_CASES, ids=[c for c, _ in MODEL_CASES])
def test_commands_are_read_with_the_shell_model(code: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW801", _block(code))) == expected
