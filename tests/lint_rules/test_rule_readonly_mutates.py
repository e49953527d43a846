"""Table tests for RW410 (readonly-mutates): what a readonly block may not do."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import run_rule


def _runbook(code: str, info: str = "bash {readonly}") -> str:
    return f"# Runbook: X\n\n## Procedure\n\n### Step 1: Look\n\n```{info}\n{code}\n```\n"


MUTATING = [
    "kubectl -n prod rollout restart deployment/api",
    "kubectl delete pod api-1",
    "oc scale deployment/api --replicas=0",
    "helm -n prod uninstall api",
    "helm upgrade api ./chart",
    "ssh db1 rm -rf /var/lib/postgresql",
    "kubectl exec api-1 -- rm -rf /data",
    "sudo systemctl --no-pager restart nginx",
    "service nginx reload",
    "redis-cli FLUSHALL",
    'psql -c "delete from users"',
    'mysql -e "drop database x"',
    "terraform -chdir=x apply",
    "docker compose down",
    "git push origin main",
    "FOO=1 rm x",
    "time rm x",
    "find /tmp -name '*.tmp' | xargs rm",
    "bash -c 'rm x'",
    "if true; then rm x; fi",
    "echo done > /var/run/app.flag",
    "kubectl get pods >> pods.txt",
    "kubectl get pods | tee pods.txt",
    "sed -i 's/a/b/' /etc/app.conf",
    "mv a b",
    "kill -9 1234",
    "mkfs.ext4 /dev/sdb1",
    "psql <<'SQL'\nUPDATE users SET admin = true;\nSQL",
]
READ_ONLY = [
    "kubectl -n prod rollout status deployment/api",
    "kubectl get pods -o wide 2>&1",
    "helm -n prod status api",
    "systemctl status nginx --no-pager",
    "ssh db1 df -h /var/lib/postgresql",
    'psql -Atc "SELECT count(*) FROM pg_stat_activity"',
    "redis-cli INFO replication",
    "kubectl get pods > /dev/null",
    "kubectl logs api | tee /dev/stderr",
    "git log --oneline -5",
    "docker compose ps",
    "terraform plan",
    "cat <<EOF\nnot a command: rm -rf /\nEOF",
    "echo 'rm -rf /'  # just text",
    "mytool frobnicate",  # unknown: the author's word stands
]


@pytest.mark.parametrize("code", MUTATING)
def test_a_readonly_block_that_changes_state_is_an_error(code: str) -> None:
    findings = run_rule("RW410", _runbook(code))
    assert len(findings) == 1, code
    assert findings[0].severity == "error"
    assert "a block marked readonly" in findings[0].message


@pytest.mark.parametrize("code", READ_ONLY)
def test_a_readonly_block_that_only_reads_passes(code: str) -> None:
    assert run_rule("RW410", _runbook(code)) == []


@pytest.mark.parametrize("info", ["bash", "bash {mutating}", "bash {readonly mutating}"])
def test_only_blocks_marked_readonly_are_checked(info: str) -> None:
    assert run_rule("RW410", _runbook("kubectl delete pod x", info)) == []


def test_the_message_names_the_command_and_where() -> None:
    text = _runbook("kubectl get pods\nkubectl -n prod rollout restart deployment/api")
    [finding] = run_rule("RW410", text)
    assert (finding.line, finding.column) == (9, 1)
    assert "runs 'kubectl rollout restart', which changes state" in finding.message
    [redirect] = run_rule("RW410", _runbook("echo x > out.txt"))
    assert "writes to 'out.txt' (>)" in redirect.message
