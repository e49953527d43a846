"""Fixtures shared by every test package: the real CLI, the repository, the public corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared/corpus (public runbooks written by others); skips when absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED_CORPUS


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    """Run the real ``runwright`` entry point in a subprocess: cli("lint", "x.md", cwd=...)."""

    def run(
        *args: str,
        cwd: Path | str | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        full_env = dict(os.environ)
        full_env.setdefault("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
        full_env["NO_COLOR"] = "1"
        full_env["COLUMNS"] = "120"
        if env:
            full_env.update(env)
        argv: Sequence[str] = [sys.executable, "-m", "runwright", *args]
        return subprocess.run(argv, cwd=cwd or tmp_path, input=input, env=full_env,
                              capture_output=True, text=True, timeout=timeout)

    return run
