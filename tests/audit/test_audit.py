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


def test_partial_repository_score_and_evidence(cli: CliRunner, partial_repo: Path) -> None:
    proc = cli("audit", "--format", "json", cwd=partial_repo, env=_env(partial_repo))
    assert proc.returncode == 0  # no minimum configured
    payload = json.loads(proc.stdout)
    items = _items(payload)
    # 10 (production) + 5 (1 of 3 incidents) + 5 (contacts 1/2) + 5 (fresh 1/2)
    # + 2.5 (owned 1/2) = 27.5 of the 90 points that apply
    assert payload["score"] == 31
    assert items["incidents-common"]["failing"] == ["high cpu", "memory leak"]
    assert items["rollback"]["failing"] == ["docs/runbooks/deployment/deploy-production.md"]
    assert items["fresh"]["failing"] == ["docs/runbooks/deployment/deploy-production.md"]
    assert items["owned"]["failing"] == ["docs/runbooks/incidents/database-down.md"]
    assert 'runwright new deployment "Deploy to staging"' in items["deploy-staging"]["todo"]
    proc = cli("audit", "--min-score", "50", cwd=partial_repo, env=_env(partial_repo))
    assert proc.returncode == 1 and "score 31/100" in proc.stdout
    assert "FAIL  Rollback documented in every deployment runbook  0/15" in proc.stdout


def test_markdown_fits_a_pull_request_comment(cli: CliRunner, partial_repo: Path) -> None:
    proc = cli("audit", str(partial_repo), "--format", "md", env=_env(partial_repo))
    md = proc.stdout
    assert md.startswith("### Runbook audit: 31/100\n")
    assert "| ❌ | Rollback documented in every deployment runbook | 0/15 |" in md
    assert "| ✅ | Deployment runbook for production | 10/10 |" in md
    assert "<details><summary>What to do</summary>" in md and md.rstrip().endswith("</details>")
    assert "  - `docs/runbooks/deployment/deploy-production.md`" in md


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
