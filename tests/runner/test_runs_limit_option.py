"""Numeric options of ``runs``, ``audit`` are range-checked: a bad value is a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("value", ["0", "-1", "-50"])
def test_runs_limit_below_one_is_a_usage_error(cli, tmp_path: Path, value: str) -> None:
    (tmp_path / ".git").mkdir()
    result = cli("runs", "--limit", value, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--limit" in result.stderr and "Traceback" not in result.stderr


def test_runs_limit_one_is_accepted(cli, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = cli("runs", "--limit", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("value", ["-1", "101"])
def test_audit_min_score_out_of_range_is_a_usage_error(cli, tmp_path: Path, value: str) -> None:
    (tmp_path / ".git").mkdir()
    result = cli("audit", "--min-score", value, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--min-score" in result.stderr
