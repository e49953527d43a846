"""load() refuses what is not a regular file, naming it as the caller shows it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from runwright.errors import InputError
from runwright.parser import load

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        load(fifo, "docs/x.md")
    assert info.value.message == "docs/x.md: not a regular file (a pipe, socket or device); " \
        "skipped"


def test_messages_use_the_display_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff\n")
    with pytest.raises(InputError) as info:
        load(bad, "runbooks/bad.md")
    assert info.value.message.startswith("runbooks/bad.md:2:1: not valid UTF-8")


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(InputError) as info:
        load(link)
    assert "broken symbolic link" in info.value.message


def test_show_goes_on_past_a_fifo(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Runbook: A\n", encoding="utf-8")
    os.mkfifo(tmp_path / "b.md")
    result = cli("show", "a.md", "b.md", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "A" in result.stdout
    assert "Error: b.md: not a regular file" in result.stderr
