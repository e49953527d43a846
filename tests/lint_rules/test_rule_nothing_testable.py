"""Table tests for RW305 (nothing-testable): the judgement of `runwright test --explain`."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import CliRunner
from tests.lint_rules.helpers import run_rule


def _runbook(steps: str, verification: str = "- [ ] Someone looks at the dashboard\n") -> str:
    return f"# Runbook: X\n\n## Procedure\n\n{steps}\n## Verification\n\n{verification}"


def _step(n: int, code: str, info: str = "bash") -> str:
    return f"### Step {n}: Do it\n\n```{info}\n{code}\n```\n\n"


CASES: list[tuple[str, str, bool]] = [
    # (steps, verification, reported)
    (_step(1, "kubectl rollout restart deployment/api"), "- [ ] Nothing is red\n", True),
    (_step(1, "kubectl rollout restart deployment/api") + _step(2, "kubectl get pods"),
     "- [ ] Nothing is red\n", False),
    (_step(1, "helm upgrade api ./chart"),
     "- [ ] The pods run\n\n  ```bash\n  kubectl get pods -n prod\n  ```\n", False),
    (_step(1, "./deploy.sh", "bash {readonly}"), "", False),  # the author's word
    (_step(1, "sudo du -sh /var/log", "bash {readonly interactive}"), "", True),
    (_step(1, "kubectl get pods", "bash {confirm}"), "", True),
    (_step(1, "systemctl restart api", "bash {skip-test}"), "", False),  # chosen
    (_step(1, "systemctl restart api", "bash {mutating}")
     + _step(2, "rm -rf /tmp/cache", "bash {skip-test}"), "", False),
    (_step(1, "systemctl restart api", "bash {mutating}") + _step(2, "frobnicate --all"),
     "", True),  # one of them is a judgement, not a choice
    ("### Step 1: Open the console\n\nClick Restart.\n\n", "", True),
]


@pytest.mark.parametrize(("steps", "verification", "reported"), CASES,
                         ids=[f"{i}" for i in range(len(CASES))])
def test_reported(steps: str, verification: str, reported: bool) -> None:
    findings = run_rule("RW305", _runbook(steps, verification))
    assert bool(findings) is reported, findings


def test_the_message_counts_and_names_the_first_judgement() -> None:
    text = _runbook(_step(1, "echo start", "bash {interactive}")
                    + _step(2, "helm -n prod uninstall api"), "- [ ] Nothing is red\n")
    [f] = run_rule("RW305", text)
    assert f.severity == "info" and f.line == 3  # the Procedure heading
    assert f.message == (
        "runwright test can run none of its 2 steps and 1 verification item (step 1: "
        "interactive (needs an operator at a terminal)); mark the blocks that only read "
        "{readonly} or add a read-only check to Verification")


def test_a_runbook_without_steps_is_left_to_rw301() -> None:
    assert run_rule("RW305", "# Runbook: X\n\n## Procedure\n\nDo it.\n") == []


def test_the_configured_read_only_commands_count() -> None:
    text = _runbook(_step(1, "mytool status"))
    assert run_rule("RW305", text)
    assert run_rule("RW305", text, readonly_commands=("mytool status",)) == []


def test_lint_and_test_explain_agree_through_the_cli(cli: CliRunner, tmp_path: Path) -> None:
    """The configuration's test.readonly_commands reaches lint, and `test --explain` says
    the same thing about the same file."""
    rb = tmp_path / "docs" / "r.md"
    rb.parent.mkdir()
    rb.write_text("---\nkind: runbook\n---\n"
                  + _runbook(_step(1, "mytool status"), "- [ ] Fine\n"), encoding="utf-8")
    lint = cli("lint", "--no-cache", "--select", "RW305", str(rb))
    assert "RW305" in lint.stdout and "would run 'mytool'" in lint.stdout
    explain = cli("test", "--explain", str(rb))
    assert "0 of 2 steps and verification items would run" in explain.stdout, explain.stdout
    (tmp_path / "runwright.toml").write_text('[test]\nreadonly_commands = ["mytool status"]\n',
                                             encoding="utf-8")
    lint = cli("lint", "--no-cache", "--select", "RW305", str(rb))
    assert "RW305" not in lint.stdout and "All checks passed" in lint.stdout, lint.stdout
    explain = cli("test", "--explain", str(rb))
    assert "1 of 2 steps and verification items would run" in explain.stdout, explain.stdout
