"""Table tests for RW411 (unaccepted-exit-status): which commands in which positions."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import run_rule


def _runbook(code: str, info: str = "bash", expect: str = "") -> str:
    return ("# Runbook: X\n\n## Procedure\n\n### Step 1: Look\n\n"
            f"```{info}\n{code}\n```\n" + expect)


CASES: list[tuple[str, list[str]]] = [
    # (block, the commands reported, as 'name@line')
    ("systemctl status postgresql --no-pager", ["systemctl@8"]),
    ("systemctl --no-pager -H db1 status postgresql", ["systemctl@8"]),
    ("ssh db1 systemctl status postgresql", ["systemctl@8"]),
    ("sudo systemctl status nginx", ["systemctl@8"]),
    ("systemctl restart nginx", []),
    ("systemctl is-active nginx", ["systemctl@8"]),
    ("grep ERROR /var/log/app.log", ["grep@8"]),
    ("grep -q ERROR /var/log/app.log && echo found", []),
    ("grep -c ERROR /var/log/app.log || true", []),
    ("if grep -q ERROR app.log; then echo bad; fi", []),
    ("while ! pg_isready -q; do sleep 1; done", []),
    ("! grep -q ERROR app.log", []),
    ("kubectl logs api | grep ERROR", ["grep@8"]),
    ("grep ERROR app.log | wc -l", ["grep@8"]),  # pipefail: the pipeline fails
    ("set +e\ngrep ERROR app.log\nset -e", []),
    ("set +e\nls\nset -e\ngrep ERROR app.log", ["grep@11"]),
    ("set +o errexit\ndiff a b", []),
    ("count=$(grep -c ERROR app.log)", []),
    ("check() { grep -q x f; }\ncheck || true", []),
    ("diff -u old.conf new.conf", ["diff@8"]),
    ("cmp a b", ["cmp@8"]),
    ('pg_isready -h "$DB" -p 5432', ["pg_isready@8"]),
    ("curl -fsS https://x/health", ["curl@8"]),
    ("curl --fail https://x/health", ["curl@8"]),
    ("curl -sS https://x/health", []),
    ('test -d "$DIR"', ["test@8"]),
    ('test -d "$DIR" && echo present', []),
    ("kubectl diff -f app.yaml", ["kubectl@8"]),
    ("kubectl get pods", []),
    ("git diff --exit-code", ["git@8"]),
    # the global options that take a value come from the shell model's one table
    ("git -c core.pager=cat diff --exit-code", ["git@8"]),
    ("kubectl -l app=api -o yaml diff -f app.yaml", ["kubectl@8"]),
    ("git diff", []),
    ("terraform -chdir=infra plan -detailed-exitcode", ["terraform@8"]),
    ("terraform plan", []),
    ("pgrep -f worker", ["pgrep@8"]),
    ("grep --version", []),
    ("find . -name '*.log' | xargs grep ERROR", []),  # xargs answers 123, not grep's 1
    ("diff a b &\nwait", []),
    ("ls\ngrep x f\necho done", ["grep@9"]),
    ('bash -c "diff a b" || echo differ', []),
]


@pytest.mark.parametrize(("code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reported_commands(code: str, expected: list[str]) -> None:
    findings = run_rule("RW411", _runbook(code))
    got = [f"{f.message.split(chr(39))[1].split()[0]}@{f.line}" for f in findings]
    assert got == expected


@pytest.mark.parametrize(("info", "expect"), [
    ("bash {exit=0|3}", ""),
    ("bash {exit=0,3}", ""),
    ("bash {exit=0}", ""),  # only 0 is right: said on purpose
    ("bash", "```expect {exit=0|3}\nactive\n```\n"),
    ("bash", "```expect {exit=0}\nactive\n```\n"),
])
def test_an_accepted_status_silences_it(info: str, expect: str) -> None:
    assert run_rule("RW411", _runbook("systemctl status nginx", info, expect)) == []


def test_an_expect_block_with_output_says_what_success_is() -> None:
    text = _runbook("curl -fsS https://x/health", "bash", "```expect\n{\"status\":\"ok\"}\n```\n")
    assert run_rule("RW411", text) == []


def test_the_message_names_the_status_and_the_fix() -> None:
    findings = run_rule("RW411", _runbook("systemctl status nginx"))
    assert len(findings) == 1
    assert findings[0].message.startswith("'systemctl status' exits with status 3 for a "
                                          "stopped or failed unit")
    assert "{exit=0|3}" in findings[0].message
    assert findings[0].column == 1


def test_rollback_and_verification_blocks_are_checked_troubleshooting_is_not() -> None:
    text = ("# Runbook: X\n\n## Procedure\n\n### Step 1: Do\n\n```bash\nls\n```\n\n"
            "## Verification\n\n- [ ] Healthy\n\n  ```bash\n  curl -f https://x/health\n  ```\n\n"
            "## Rollback\n\n### If step 1 fails\n\n```bash\ndiff a b\n```\n\n"
            "## Troubleshooting\n\n### Error: boom\n\n**Cause**: x\n\n**Solution**: y\n\n"
            "```bash\ngrep boom app.log\n```\n")
    findings = run_rule("RW411", text)
    assert [(f.line, f.column) for f in findings] == [(16, 3), (24, 1)]
