"""Fixtures shared by every test package: the real CLI, the repository, the public corpus."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# A test run started in the background (``make test &``, nohup, some CI runners) inherits
# SIGINT and SIGQUIT ignored, and so would every runwright and command it starts: the Ctrl-C
# tests would then see nothing happen. A terminal's foreground job has them at their defaults.
for _sig, _handler in ((signal.SIGINT, signal.default_int_handler),
                       (signal.SIGQUIT, signal.SIG_DFL)):
    if signal.getsignal(_sig) is signal.SIG_IGN:
        signal.signal(_sig, _handler)

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
