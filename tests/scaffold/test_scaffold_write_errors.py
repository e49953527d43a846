"""runwright new / init where the file cannot be written: a clear error, never a crash."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner
from tests.scaffold.conftest import FROZEN


def test_new_under_a_regular_file(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file, not a folder\n", encoding="utf-8")
    done = cli("new", "generic", "Rotate keys", "--path", "notes/rotate.md", env=FROZEN)
    assert done.returncode == 2
    assert "Error: notes/rotate.md: cannot create the folder:" in done.stderr
    assert "is a file" in done.stderr and "Traceback" not in done.stderr
    deeper = cli("new", "generic", "Rotate keys", "--path", "notes/a/rotate.md", env=FROZEN)
    assert deeper.returncode == 2
    assert "Error: notes/a/rotate.md: cannot write: Not a directory" in deeper.stderr


def test_new_refuses_a_dangling_symlink(cli: CliRunner, tmp_path: Path) -> None:
    """A symlink to nowhere is not followed (it would create a file elsewhere)."""
    (tmp_path / "link.md").symlink_to(tmp_path / "elsewhere.md")
    done = cli("new", "generic", "Rotate keys", "--path", "link.md", env=FROZEN)
    assert done.returncode == 2
    assert "Error: link.md: already exists" in done.stderr
    assert not (tmp_path / "elsewhere.md").exists()


def test_new_in_a_missing_system_folder(cli: CliRunner, tmp_path: Path) -> None:
    done = cli("new", "generic", "X", "--path", "/proc/runwright-x/x.md", env=FROZEN)
    assert done.returncode == 2
    assert done.stderr.startswith("Error: /proc/runwright-x/x.md: cannot write:")
    assert "internal error" not in done.stderr


def test_init_where_docs_is_a_file(cli: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "docs").write_text("", encoding="utf-8")
    done = cli("init", str(repo), "--no-detect", env=FROZEN)
    assert done.returncode == 2
    assert "Error: docs/runbooks/" in done.stderr and "cannot write" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
