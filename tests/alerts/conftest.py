"""Fixtures for the alerts tests: a copy of the fixture repository in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_REPO = Path(__file__).parent / "fixtures" / "repo"


@pytest.fixture
def alert_repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURE_REPO, dest)
    (dest / ".git").mkdir()  # a repository root, as in real use
    return dest
