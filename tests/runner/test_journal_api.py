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
    runbook_tests,
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


def _finish(j: Journal, run_id: str, status: str, *steps: str) -> None:
    """End a run whose steps ended with ``steps`` (done, skipped, failed ...)."""
    for number, step_status in enumerate(steps, start=1):
        j.event(run_id, "step_end", number, status=step_status, reason="")
    j.set_status(run_id, status, ended=True)


def test_last_tested_keeps_latest_test_or_completed_run(repo: Path) -> None:
    location = journal_location(Config(root=repo), repo)
    with Journal.open(location) as j:
        j.start_run(_run("a", "docs/runbooks/x.md", "test", 0))
        _finish(j, "a", "passed", "done")
        j.start_run(_run("b", "docs/runbooks/x.md", "test", 1))
        _finish(j, "b", "failed", "failed")
        j.start_run(_run("c", "docs/runbooks/y.md", "test", 2))
        _finish(j, "c", "passed", "done", "done")
        j.start_run(_run("d", "docs/runbooks/y.md", "run", 3))
        _finish(j, "d", "aborted", "done")  # not a test result
        j.start_run(_run("e", "docs/runbooks/z.md", "run", 4))
        _finish(j, "e", "completed", "done")
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


def test_a_test_in_which_no_step_ran_is_not_a_test(repo: Path) -> None:
    """Skipped every step (status "skipped", or "passed" as older versions wrote it), or
    failed before any step ran: the runbook's last test stays the last one in which steps
    ran, and the later one is kept apart."""
    location = journal_location(Config(root=repo), repo)
    with Journal.open(location) as j:
        j.start_run(_run("a", "docs/runbooks/x.md", "test", 0))
        _finish(j, "a", "passed", "done", "skipped", "done")
        j.start_run(_run("b", "docs/runbooks/x.md", "test", 1))
        _finish(j, "b", "skipped", "skipped", "skipped", "skipped")
        j.start_run(_run("c", "docs/runbooks/y.md", "test", 2))
        _finish(j, "c", "passed", "skipped", "skipped")
        j.start_run(_run("d", "docs/runbooks/z.md", "test", 3))
        _finish(j, "d", "failed")  # a missing variable: no step ran
        j.start_run(_run("e", "docs/runbooks/v.md", "run", 4))
        _finish(j, "e", "completed", "skipped")  # the operator skipped every step
    history = runbook_tests(Config(root=repo), repo)
    x = history["docs/runbooks/x.md"]
    assert x.tested is not None and x.tested.run_id == "a" and x.tested.passed
    assert (x.tested.steps_run, x.tested.steps, x.tested.partial) == (2, 3, True)
    assert x.not_tested_since is not None and x.not_tested_since.run_id == "b"
    assert x.not_tested_since.status == "skipped" and not x.not_tested_since.passed
    for rel, run_id, status in (("y", "c", "passed"), ("z", "d", "failed"),
                                ("v", "e", "passed")):
        h = history[f"docs/runbooks/{rel}.md"]
        assert h.tested is None and h.not_tested_since is not None, rel
        assert (h.latest.run_id, h.latest.status, h.latest.steps_run) == (run_id, status, 0)
        assert not h.latest.passed
    assert set(last_tested(Config(root=repo), repo)) == {"docs/runbooks/x.md"}


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
