"""The state directory keeps itself out of git: a first lint, find or run leaves
``git status`` clean, in a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.lint.conftest import GOOD

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def _runwright(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI with the default state location (no RUNWRIGHT_STATE_DIR)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("RUNWRIGHT_STATE_DIR", "RUNWRIGHT_JOURNAL")}
    env.update(NO_COLOR="1", HOME=str(repo.parent / "home"),
               XDG_STATE_HOME=str(repo.parent / "home" / "state"))
    return subprocess.run([sys.executable, "-m", "runwright", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "ops"
    runbooks = repo / "docs" / "runbooks"
    runbooks.mkdir(parents=True)
    (runbooks / "restart-api.md").write_text(GOOD, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    return repo


def test_first_lint_leaves_git_status_clean(repo: Path) -> None:
    r = _runwright(repo, "lint")
    assert r.returncode == 0, r.stdout + r.stderr
    state = repo / ".runwright"
    assert (state / "lint-cache.sqlite").is_file()  # the cache was written there
    assert "*" in (state / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert _git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_find_and_a_dry_run_leave_git_status_clean(repo: Path) -> None:
    r = _runwright(repo, "find", "ImagePullBackOff")
    assert r.returncode in (0, 1), r.stderr
    r = _runwright(repo, "run", "--dry-run", "docs/runbooks/restart-api.md")
    assert r.returncode == 0, r.stderr
    assert (repo / ".runwright").is_dir()
    assert _git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_an_existing_state_dir_without_gitignore_gets_one(repo: Path) -> None:
    (repo / ".runwright").mkdir()
    (repo / ".runwright" / "notes.txt").write_text("left by an older version\n")
    assert _git(repo, "status", "--porcelain") == "?? .runwright/\n"
    assert _runwright(repo, "lint").returncode == 0
    assert _git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_gitignore_of_the_users_own_is_kept(repo: Path) -> None:
    state = repo / ".runwright"
    state.mkdir()
    (state / ".gitignore").write_text("*.sqlite\n")
    assert _runwright(repo, "lint").returncode == 0
    assert (state / ".gitignore").read_text() == "*.sqlite\n"
