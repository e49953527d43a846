"""A runbook that cannot be read shows in every output format, not only on stderr."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema

from runwright.linter.formats import error_location

CliRunner = Callable[..., subprocess.CompletedProcess[str]]
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _files(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Runbook: Good\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"# Runbook: Bad\n\n\xff\n")


def test_error_location() -> None:
    assert error_location("docs/x.md:3:1: not valid UTF-8") == ("docs/x.md", 3,
                                                                "not valid UTF-8")
    assert error_location("docs/x.md: binary file") == ("docs/x.md", None, "binary file")
    assert error_location("odd message") == (None, None, "odd message")


def test_sarif_carries_a_notification(cli: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    result = cli("lint", "--no-cache", "--format", "sarif", "good.md", "bad.md", cwd=tmp_path)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error"
    assert "not valid UTF-8" in note["message"]["text"]
    location = note["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "bad.md"
    assert location["region"]["startLine"] == 3


def test_github_annotates_the_file(cli: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    result = cli("lint", "--no-cache", "--format", "github", "good.md", "bad.md", cwd=tmp_path)
    assert result.returncode == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=bad.md,line=3,title=unreadable runbook::")
    assert "not valid UTF-8" in first


def test_json_keeps_its_contract_and_says_it_on_stderr(cli: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    result = cli("lint", "--no-cache", "--format", "json", "good.md", "bad.md", cwd=tmp_path)
    assert result.returncode == 2
    assert isinstance(json.loads(result.stdout), list)
    assert "Error: bad.md:3:1: not valid UTF-8" in result.stderr
