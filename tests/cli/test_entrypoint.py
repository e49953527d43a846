"""The entry point: --version, --help with examples everywhere, the error boundary."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runwright import __version__
from runwright.cli.main import COMMANDS

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def test_version(cli: CliRunner) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"runwright, version {__version__}"


def test_python_dash_m_matches_console_script(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "runwright", "--help"], capture_output=True,
                            text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0
    for name in COMMANDS:
        assert f"  {name} " in result.stdout


def test_top_level_help_lists_examples(cli: CliRunner) -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout
    assert "Exit status" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_has_examples(cli: CliRunner, name: str) -> None:
    result = cli(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "not available in this build" not in result.stdout
    assert "Examples:" in result.stdout, f"runwright {name} --help shows no examples"


def test_unknown_command_is_a_usage_error(cli: CliRunner) -> None:
    result = cli("frobnicate")
    assert result.returncode == 2
    assert "No such command" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(cli: CliRunner) -> None:
    result = cli("show", "--no-such-option", "x.md")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_invalid_config_names_nearest_key(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "runwright.toml").write_text('ownr = "@team"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Runbook: A\n", encoding="utf-8")
    result = cli("show", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "Error: " in result.stderr
    assert "unknown key 'ownr'" in result.stderr
    assert "did you mean 'owner'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_toml_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "runwright.toml").write_text('owner = "@team\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Runbook: A\n", encoding="utf-8")
    result = cli("show", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr
