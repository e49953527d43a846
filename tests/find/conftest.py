"""A repository of realistic runbooks for the find tests, copied into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "runbooks"


@pytest.fixture
def find_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES, repo / "docs" / "runbooks")
    (repo / ".git").mkdir()
    return repo
