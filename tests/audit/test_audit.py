"""``runwright audit`` scoring on fixture repositories, through the real entry point."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.conftest import CliRunner

from runwright.audit import WEIGHTS
from runwright.runner.journal import Journal, RunRow

TODAY = {"RUNWRIGHT_TODAY": "2026-02-01"}


def _env(repo: Path) -> dict[str, str]:
    return {**TODAY, "RUNWRIGHT_STATE_DIR": str(repo / ".state")}


def _items(payload: dict[str, object]) -> dict[str, dict[str, object]]:
    items = payload["items"]
    assert isinstance(items, list)
    return {i["id"]: i for i in items}


def _record_test(repo: Path, runbook: str, passed: bool, when: dt.datetime) -> None:
    with Journal.open(str(repo / ".state" / "journal.db")) as journal:
        run_id = f"t-{runbook.replace('/', '-')}"
        journal.start_run(RunRow(id=run_id, runbook=runbook, title=None, content_hash=None,
                                 mode="test", operator="ci", host=None, started_at=when,
                                 ended_at=None, status="running"))
        journal.event(run_id, "step_end", 1, status="done" if passed else "failed")
        journal.set_status(run_id, "passed" if passed else "failed", ended=True)


def test_weights_sum_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_complete_repository_without_tests(cli: CliRunner, audit_repo: Path) -> None:
    proc = cli("audit", "--format", "json", cwd=audit_repo, env=_env(audit_repo))
    assert proc.returncode == 1  # [audit] min_score = 90 in the fixture's config
    assert "Score 85 is under the minimum 90" in proc.stderr
    payload = json.loads(proc.stdout)
    items = _items(payload)
    assert payload["score"] == 85 and payload["runbooks"] == 5
    assert {k: v["status"] for k, v in items.items()} == {
        "deploy-staging": "pass", "deploy-production": "pass", "incidents-common": "pass",
        "incidents-alerts": "pass", "rollback": "pass", "contacts": "pass", "tested": "fail",
        "fresh": "pass", "owned": "pass"}
    assert items["deploy-staging"]["evidence"] == ["docs/runbooks/deployment/deploy-staging.md"]
    # "Fuite mémoire" counts as the memory-leak runbook
    assert "docs/runbooks/incidents/fuite-memoire.md" in items["incidents-common"]["evidence"]
    assert items["incidents-alerts"]["evidence"] == ["HighCPU", "PostgresDown"]
    assert len(items["tested"]["failing"]) == 5 and "runwright test" in items["tested"]["todo"]


def test_recent_passing_tests_bring_full_score(cli: CliRunner, audit_repo: Path) -> None:
    books = sorted(p.relative_to(audit_repo).as_posix()
                   for p in (audit_repo / "docs/runbooks").rglob("*.md"))
    recent = dt.datetime(2026, 1, 25, tzinfo=dt.UTC)
    for rel in books[:-1]:
        _record_test(audit_repo, rel, True, recent)
    _record_test(audit_repo, books[-1], False, recent)  # a failed test does not count
    proc = cli("audit", "--format", "json", cwd=audit_repo, env=_env(audit_repo))
    tested = _items(json.loads(proc.stdout))["tested"]
    assert tested["failing"] == [books[-1]] and tested["points"] == 12.0
    _record_test(audit_repo, books[-1] + "x", True, recent)  # unrelated path: ignored
    with Journal.open(str(audit_repo / ".state" / "journal.db")) as journal:
        journal.set_status(f"t-{books[-1].replace('/', '-')}", "passed", ended=True)
    proc = cli("audit", "--min-score", "100", cwd=audit_repo, env=_env(audit_repo))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "score 100/100" in proc.stdout


def test_old_tests_do_not_count(cli: CliRunner, audit_repo: Path) -> None:
    (audit_repo / "runwright.toml").write_text(
        '[audit]\ntested_within_days = 30\n', encoding="utf-8")
    for p in (audit_repo / "docs/runbooks").rglob("*.md"):
        _record_test(audit_repo, p.relative_to(audit_repo).as_posix(), True,
                     dt.datetime(2025, 11, 1, tzinfo=dt.UTC))
    proc = cli("audit", "--format", "json", cwd=audit_repo,
               env={**_env(audit_repo), "RUNWRIGHT_TODAY": "2030-01-01"})
    items = _items(json.loads(proc.stdout))
    assert items["tested"]["status"] == "fail" and items["tested"]["title"] == \
        "Tested within 30 days"
    assert items["incidents-alerts"]["status"] == "skip"  # no [alerts] rules now
    assert items["fresh"]["points"] == 0  # 2030: everything is stale


def test_partial_repository_counts_nothing_that_does_not_lint(cli: CliRunner,
                                                              partial_repo: Path) -> None:
    """Both runbooks of the partial repository miss required sections and fields: neither
    counts for any item, and each item says so (substance, not presence)."""
    proc = cli("audit", "--format", "json", cwd=partial_repo, env=_env(partial_repo))
    assert proc.returncode == 0  # no minimum configured
    payload = json.loads(proc.stdout)
    items = _items(payload)
    assert payload["score"] == 0
    prod = items["deploy-production"]
    assert prod["status"] == "fail" and prod["evidence"] == []
    assert prod["failing"] == ["docs/runbooks/deployment/deploy-production.md"]
    [why] = prod["not_counted"]
    assert why["file"] == "docs/runbooks/deployment/deploy-production.md"
    assert "lint error(s): runwright lint docs/runbooks/deployment/deploy-production.md" \
        in why["why"]
    assert "fix the production deployment runbook" in prod["todo"]
    assert items["incidents-common"]["failing"] == ["database down", "high cpu", "memory leak"]
    assert [n["file"] for n in items["incidents-common"]["not_counted"]] == [
        "docs/runbooks/incidents/database-down.md"]
    assert items["rollback"]["failing"] == ["docs/runbooks/deployment/deploy-production.md"]
    assert items["fresh"]["not_counted"][0]["file"] == "docs/runbooks/incidents/database-down.md"
    assert 'runwright new deployment "Deploy to staging"' in items["deploy-staging"]["todo"]
    proc = cli("audit", "--min-score", "50", cwd=partial_repo, env=_env(partial_repo))
    assert proc.returncode == 1 and "score 0/100" in proc.stdout
    assert "not counted: docs/runbooks/deployment/deploy-production.md: " in proc.stdout


def test_a_runbook_with_a_lint_error_or_placeholder_does_not_count(
        cli: CliRunner, audit_repo: Path) -> None:
    staging = audit_repo / "docs/runbooks/deployment/deploy-staging.md"
    staging.write_text(staging.read_text(encoding="utf-8").replace(
        "- **Frequency**: On demand\n", ""), encoding="utf-8")  # a required field: an error
    cpu = audit_repo / "docs/runbooks/incidents/high-cpu.md"
    cpu.write_text(cpu.read_text(encoding="utf-8").replace(
        "systemctl is-active app", "systemctl is-active <service>"), encoding="utf-8")
    proc = cli("audit", "--format", "json", cwd=audit_repo, env=_env(audit_repo))
    items = _items(json.loads(proc.stdout))
    assert items["deploy-staging"]["status"] == "fail"
    assert "1 lint error(s)" in items["deploy-staging"]["not_counted"][0]["why"]
    common = items["incidents-common"]
    assert common["failing"] == ["high cpu"]
    assert common["not_counted"] == [{"file": "docs/runbooks/incidents/high-cpu.md",
                                      "why": "an unfilled placeholder (line 19, RW404)"}]
    assert items["fresh"]["detail"] == "3 of 5"
    leak = audit_repo / "docs/runbooks/incidents/fuite-memoire.md"
    leak.write_text(leak.read_text(encoding="utf-8").replace(
        "- **Escalation**: @head-of-ops", "- **Escalation**: <escalation>"), encoding="utf-8")
    proc = cli("audit", "--format", "json", cwd=audit_repo, env=_env(audit_repo))
    contacts = _items(json.loads(proc.stdout))["contacts"]
    assert {"file": "docs/runbooks/incidents/fuite-memoire.md",
            "why": "an unfilled placeholder (line 42, RW621)"} in contacts["not_counted"]
    md = cli("audit", "--format", "md", cwd=audit_repo, env=_env(audit_repo)).stdout
    assert "  - `docs/runbooks/incidents/high-cpu.md`: an unfilled placeholder" in md


def test_a_persons_git_name_is_no_owner_or_contact(cli: CliRunner, audit_repo: Path) -> None:
    import shutil
    import subprocess

    shutil.rmtree(audit_repo / ".git")
    git = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    subprocess.run(["git", "init", "-q", str(audit_repo)], check=True, env={**git, "PATH":
                   __import__("os").environ["PATH"]})
    subprocess.run(["git", "-C", str(audit_repo), "config", "user.name", "Alice Martin"],
                   check=True)
    db = audit_repo / "docs/runbooks/incidents/database-down.md"
    db.write_text(db.read_text(encoding="utf-8").replace("- **Owner**: @dba", "- **Owner**: "
                  "Alice Martin").replace("- **Escalation**: @head-of-ops",
                                          "- **Escalation**: alice martin"), encoding="utf-8")
    proc = cli("audit", "--format", "json", cwd=audit_repo, env={**_env(audit_repo), **git})
    items = _items(json.loads(proc.stdout))
    owned = items["owned"]
    assert owned["failing"] == ["docs/runbooks/incidents/database-down.md"]
    assert owned["not_counted"][0]["why"] == ("the owner 'Alice Martin' is a person's name as "
                                              "Git records it, not a handle or a team")
    assert "escalation contact 'alice martin'" in items["contacts"]["not_counted"][0]["why"]
    assert items["deploy-production"]["status"] == "pass"  # the others still count


def test_markdown_fits_a_pull_request_comment(cli: CliRunner, partial_repo: Path) -> None:
    proc = cli("audit", str(partial_repo), "--format", "md", env=_env(partial_repo))
    md = proc.stdout
    assert md.startswith("### Runbook audit: 0/100\n")
    assert "| ❌ | Rollback documented in every deployment runbook | 0/15 |" in md
    assert "| ❌ | Deployment runbook for production | 0/10 |" in md
    assert "<details><summary>What to do</summary>" in md and md.rstrip().endswith("</details>")
    assert "  - `docs/runbooks/deployment/deploy-production.md`: " in md


def test_empty_repository_and_unreadable_runbook(cli: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    (repo / "docs/runbooks").mkdir(parents=True)
    proc = cli("audit", str(repo), "--format", "json", env=_env(repo))
    assert proc.returncode == 0 and json.loads(proc.stdout)["score"] == 0
    (repo / "docs/runbooks/bad.md").write_bytes(b"# T\n\xff\xfe broken\n")
    proc = cli("audit", str(repo), env=_env(repo))
    assert proc.returncode == 2
    assert "Error: docs/runbooks/bad.md" in proc.stderr and "UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unreadable_runbooks_are_named_once(cli: CliRunner, tmp_path: Path) -> None:
    """An unreadable runbook is named once, by its repository path (not the absolute one)."""
    repo = tmp_path / "repo"
    (repo / "docs/runbooks").mkdir(parents=True)
    (repo / "docs/runbooks/bad.md").write_bytes(b"# T\n\xff\xfe broken\n")
    (repo / "docs/runbooks/bin.md").write_bytes(b"\x00\x01binary")
    proc = cli("audit", str(repo), "--format", "json", env=_env(repo))
    assert proc.returncode == 2
    assert str(repo) not in proc.stderr
    assert "Error: docs/runbooks/bad.md: line 2, column 1: not valid UTF-8" in proc.stderr
    assert "Error: docs/runbooks/bin.md: binary file" in proc.stderr
    errors = json.loads(proc.stdout)["errors"]
    assert {e["file"] for e in errors} == {"docs/runbooks/bad.md", "docs/runbooks/bin.md"}
    assert all(str(repo) not in e["message"] for e in errors)
