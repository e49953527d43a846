"""The journal's shared API: last_tested, last_runs, locations (SQLite)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runwright.config import Config
from runwright.runner.journal import (
    Journal,
    RunRow,
    journal_location,
    last_runs,
    last_tested,
    relative_runbook,
)


def _run(run_id: str, runbook: str, mode: str, minutes: int) -> RunRow:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    return RunRow(id=run_id, runbook=runbook, title="T", content_hash="h", mode=mode,
                  operator="op", host="h", started_at=start, ended_at=None, status="running")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("RUNWRIGHT_JOURNAL", raising=False)
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / "repo" / "docs" / "runbooks").mkdir(parents=True)
    return tmp_path / "repo"


def test_last_tested_without_journal_creates_nothing(repo: Path, tmp_path: Path) -> None:
    assert last_tested(Config(root=repo), repo) == {}
    assert last_runs(Config(root=repo), repo) == []
    assert not (tmp_path / "state").exists()


def test_last_tested_keeps_latest_test_or_completed_run(repo: Path) -> None:
    location = journal_location(Config(root=repo), repo)
    with Journal.open(location) as j:
        j.start_run(_run("a", "docs/runbooks/x.md", "test", 0))
        j.set_status("a", "passed", ended=True)
        j.start_run(_run("b", "docs/runbooks/x.md", "test", 1))
        j.set_status("b", "failed", ended=True)
        j.start_run(_run("c", "docs/runbooks/y.md", "test", 2))
        j.set_status("c", "passed", ended=True)
        j.start_run(_run("d", "docs/runbooks/y.md", "run", 3))
        j.set_status("d", "aborted", ended=True)  # not a test result
        j.start_run(_run("e", "docs/runbooks/z.md", "run", 4))
        j.set_status("e", "completed", ended=True)
        j.start_run(_run("f", "docs/runbooks/w.md", "test", 5))  # still running
    records = last_tested(Config(root=repo), repo)
    assert {k: (v.passed, v.run_id) for k, v in records.items()} == {
        "docs/runbooks/x.md": (False, "b"),
        "docs/runbooks/y.md": (True, "c"),
        "docs/runbooks/z.md": (True, "e"),
    }
    assert records["docs/runbooks/x.md"].when.tzinfo is not None
    # Keys follow the root given: a sub-folder of the repository strips its prefix.
    sub = last_tested(Config(root=repo), repo / "docs" / "runbooks")
    assert set(sub) == {"x.md", "y.md", "z.md"}
    assert [r.id for r in last_runs(Config(root=repo), repo)][:2] == ["f", "e"]


def test_location_from_environment_and_config(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    cfg = Config(root=repo, data={"journal": "j/runs.db"})
    assert journal_location(cfg, repo) == str(repo / "j" / "runs.db")
    monkeypatch.setenv("RUNWRIGHT_JOURNAL", "postgresql://u@localhost/db")
    assert journal_location(cfg, repo) == "postgresql://u@localhost/db"


def test_relative_runbook_is_relative_to_repository_root(repo: Path) -> None:
    path = repo / "docs" / "runbooks" / "a.md"
    path.write_text("# A\n", encoding="utf-8")
    assert relative_runbook(path) == "docs/runbooks/a.md"
