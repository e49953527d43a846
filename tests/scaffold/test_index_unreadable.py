"""index names unreadable runbooks, exits 2, and keeps broken links under their own name."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

GOOD = """# Runbook: Disk full

## Information
- **Last updated**: 2026-11-01
- **Owner**: @ops
- **Estimated time**: 10 minutes
- **Frequency**: On demand
"""


def _repo(tmp_path: Path) -> Path:
    folder = tmp_path / "docs" / "runbooks" / "incidents"
    folder.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (folder / "disk-full.md").write_text(GOOD, encoding="utf-8")
    return folder


def test_unreadable_runbook_is_reported_and_exits_2(cli: CliRunner, tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    (folder / "bad.md").write_bytes(b"# Runbook: Bad\n\xff\n")
    env = {"RUNWRIGHT_TODAY": "2026-11-26"}
    result = cli("index", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "Error: docs/runbooks/incidents/bad.md:2:1: not valid UTF-8" in result.stderr
    readme = (tmp_path / "docs" / "runbooks" / "README.md").read_text(encoding="utf-8")
    assert "Disk full" in readme
    assert "bad.md" in readme
    check = cli("index", "--check", cwd=tmp_path, env=env)
    assert check.returncode == 2
    assert "is up to date" in check.stdout


def test_broken_link_keeps_its_own_name(cli: CliRunner, tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    result = cli("index", cwd=tmp_path, env={"RUNWRIGHT_TODAY": "2026-11-26"})
    assert result.returncode == 2
    assert "dangling.md: broken symbolic link" in result.stderr
    readme = (tmp_path / "docs" / "runbooks" / "README.md").read_text(encoding="utf-8")
    assert "dangling.md" in readme
    assert "nowhere.md" not in readme
