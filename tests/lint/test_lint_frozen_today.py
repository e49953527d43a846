"""RUNWRIGHT_TODAY freezes the date the freshness and future-date rules compare against."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

DOC = """# Runbook: Rotate logs

## Information
- **Last updated**: 2026-01-15
- **Owner**: @ops
- **Estimated time**: 5 minutes
- **Frequency**: Weekly
"""


def _rules(cli: CliRunner, tmp_path: Path, today: str) -> set[str]:
    (tmp_path / "rb.md").write_text(DOC, encoding="utf-8")
    result = cli("lint", "rb.md", "--select", "RW701,RW203", "--format", "json",
                 cwd=tmp_path, env={"RUNWRIGHT_TODAY": today})
    assert result.returncode in (0, 1), result.stderr
    return {f["rule"] for f in json.loads(result.stdout)}


def test_fresh_on_the_frozen_day(cli: CliRunner, tmp_path: Path) -> None:
    assert _rules(cli, tmp_path, "2026-02-01") == set()


def test_stale_when_frozen_later(cli: CliRunner, tmp_path: Path) -> None:
    assert _rules(cli, tmp_path, "2027-01-01") == {"RW701"}


def test_future_when_frozen_earlier(cli: CliRunner, tmp_path: Path) -> None:
    assert _rules(cli, tmp_path, "2025-12-31") == {"RW203"}


def test_invalid_frozen_date_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "rb.md").write_text(DOC, encoding="utf-8")
    result = cli("lint", "rb.md", cwd=tmp_path, env={"RUNWRIGHT_TODAY": "soon"})
    assert result.returncode == 2
    assert "RUNWRIGHT_TODAY='soon' is not a date" in result.stderr
