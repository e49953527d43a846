"""Fixture repositories for the audit tests, copied into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def audit_repo(tmp_path: Path) -> Path:
    """A repository that follows the whole checklist except recent tests."""
    dest = tmp_path / "complete"
    shutil.copytree(FIXTURES / "complete", dest)
    (dest / ".git").mkdir()
    return dest


@pytest.fixture
def partial_repo(tmp_path: Path) -> Path:
    dest = tmp_path / "partial"
    shutil.copytree(FIXTURES / "partial", dest)
    (dest / ".git").mkdir()
    return dest
