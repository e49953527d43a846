"""find names each unreadable runbook once, clearly, and never blocks on a special file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

GOOD = """# Runbook: Disk full

## Troubleshooting

### Error: No space left on device
**Cause**: the volume is full.
**Solution**: remove old releases.
"""


def _repo(tmp_path: Path) -> Path:
    runbooks = tmp_path / "docs" / "runbooks" / "incidents"
    runbooks.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (runbooks / "disk-full.md").write_text(GOOD, encoding="utf-8")
    return runbooks


def test_invalid_utf8_is_named_once_with_its_position(cli: CliRunner, tmp_path: Path) -> None:
    runbooks = _repo(tmp_path)
    (runbooks / "bad.md").write_bytes(b"# Runbook: Bad\n\n\xff\xfe oops\n")
    result = cli("find", "No space left on device", cwd=tmp_path)
    assert result.returncode == 2
    assert "disk-full.md" in result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("Error:")]
    assert lines == ["Error: docs/runbooks/incidents/bad.md:3:1: not valid UTF-8 (byte 0xff)"]


def test_fifo_is_reported_not_read(cli: CliRunner, tmp_path: Path) -> None:
    runbooks = _repo(tmp_path)
    os.mkfifo(runbooks / "pipe.md")
    result = cli("find", "No space left on device", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "disk-full.md" in result.stdout
    assert "pipe.md: not a regular file" in result.stderr


def test_dangling_symlink_says_so(cli: CliRunner, tmp_path: Path) -> None:
    runbooks = _repo(tmp_path)
    (runbooks / "gone.md").symlink_to(runbooks / "nowhere.md")
    result = cli("find", "No space left on device", cwd=tmp_path)
    assert result.returncode == 2
    assert "gone.md: broken symbolic link" in result.stderr
    assert "Traceback" not in result.stderr


def test_huge_file_message_matches_the_other_commands(cli: CliRunner, tmp_path: Path) -> None:
    runbooks = _repo(tmp_path)
    (runbooks / "huge.md").write_bytes(b"# Runbook: Huge\n" + b"x" * (9 * 1024 * 1024))
    result = cli("find", "No space left on device", cwd=tmp_path)
    assert result.returncode == 2
    assert "huge.md: file is 9.0 MiB, over the 8 MiB limit for a runbook; skipped" \
        in result.stderr


def test_empty_query_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    _repo(tmp_path)
    result = cli("find", "   ", cwd=tmp_path)
    assert result.returncode == 2
    assert "the query is empty" in result.stderr
