"""``runwright lint`` and ``runwright rules`` through the real entry point: every exit path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def _tree(tmp_path: Path, good: str) -> Path:
    docs = tmp_path / "docs" / "runbooks"
    docs.mkdir(parents=True)
    (docs / "good.md").write_text(good, encoding="utf-8")
    return docs


def test_clean_exits_0_with_default_paths(cli: Any, tmp_path: Path, good: str) -> None:
    _tree(tmp_path, good)
    r = cli("lint", "--no-cache", "--select", "RW1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "All checks passed (1 file)." in r.stdout


def test_findings_exit_1_and_fail_on(cli: Any, tmp_path: Path, good: str) -> None:
    docs = _tree(tmp_path, good)
    (docs / "bad.md").write_text("## Procedure\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--select", "RW101")
    assert r.returncode == 1
    assert "docs/runbooks/bad.md:1:1: RW101 [error]" in r.stdout
    assert cli("lint", "--select", "RW101", "--fail-on", "never").returncode == 0
    cfg = tmp_path / "runwright.toml"
    cfg.write_text('[lint.rules.RW101]\nseverity = "warning"\n', encoding="utf-8")
    assert cli("lint", "--select", "RW101").returncode == 0
    assert cli("lint", "--select", "RW101", "--fail-on", "warning").returncode == 1


def test_bad_file_reported_others_linted_exit_2(cli: Any, tmp_path: Path, good: str) -> None:
    docs = _tree(tmp_path, good)
    (docs / "bin.md").write_bytes(b"\x00\x01binary")
    (docs / "latin.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    r = cli("lint", "--no-cache", "--format", "json", "--select", "RW1", "docs", "missing")
    assert r.returncode == 2
    assert "Error: missing: no such file or directory" in r.stderr
    assert "bin.md: binary file" in r.stderr and "latin.md:1:6: not valid UTF-8" in r.stderr
    assert json.loads(r.stdout) == []
    assert "Traceback" not in r.stderr


def test_default_path_missing_exit_2(cli: Any, tmp_path: Path) -> None:
    r = cli("lint")
    assert r.returncode == 2
    assert "docs/runbooks: no such file or directory" in r.stderr


@pytest.mark.parametrize("args", [
    ("--select", "RW9999"), ("--ignore", "nonsense-rule"), ("--profile", "standrd"),
    ("--format", "xml"), ("--fail-on", "fatal"),
])
def test_usage_errors_exit_2(cli: Any, tmp_path: Path, good: str, args: tuple[str, ...]) -> None:
    _tree(tmp_path, good)
    r = cli("lint", *args)
    assert r.returncode == 2
    assert "Error" in r.stderr and "Traceback" not in r.stderr


def test_config_error_exit_2(cli: Any, tmp_path: Path, good: str) -> None:
    _tree(tmp_path, good)
    (tmp_path / "runwright.toml").write_text("[lint]\nselct = ['RW1']\n", encoding="utf-8")
    r = cli("lint")
    assert r.returncode == 2
    assert "unknown key 'lint.selct'" in r.stderr and "did you mean 'select'" in r.stderr


def test_sarif_and_github_formats(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("## Procedure\n", encoding="utf-8")
    r = cli("lint", "--select", "RW101", "--format", "sarif", "x.md")
    assert r.returncode == 1
    assert json.loads(r.stdout)["runs"][0]["results"][0]["ruleId"] == "RW101"
    r = cli("lint", "--select", "RW101", "--format", "github", "x.md")
    assert r.stdout.startswith("::error file=x.md,line=1,col=1,title=RW101::")


def test_rules_list_and_explain(cli: Any) -> None:
    r = cli("rules")
    assert r.returncode == 0
    assert "RW002  unused-suppression" in r.stdout
    r = cli("rules", "missing-title")
    assert r.returncode == 0 and r.stdout.startswith("RW101 missing-title [error")
    assert "## Why" in r.stdout
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert {"RW001", "RW002"} <= {d["id"] for d in data}
    r = cli("rules", "missing-titel")
    assert r.returncode == 2 and "did you mean 'missing-title'" in r.stderr


def test_special_files_refused_without_blocking(cli: Any, tmp_path: Path, good: str) -> None:
    import os

    docs = _tree(tmp_path, good)
    os.mkfifo(docs / "pipe.md")  # no writer: opening it for reading would wait forever
    r = cli("lint", "--no-cache", "--format", "json", "--select", "RW1", "docs/runbooks",
            "docs/runbooks/pipe.md", "/dev/null", timeout=60)
    assert r.returncode == 2
    assert "pipe.md: not a regular file (a pipe, socket or device); skipped" in r.stderr
    assert "/dev/null: not a regular file" in r.stderr
    assert json.loads(r.stdout) == []  # good.md was still linted (and is clean)
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_file_name_not_utf8(tmp_path: Path, fmt: str) -> None:
    """A name that is not UTF-8 is linted, cached and shown with its raw bytes."""
    import os
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    try:
        with open(os.fsencode(docs) + b"/\xff.md", "w", encoding="utf-8") as fh:
            fh.write("# Runbook: x\n\n## Procedure\n\nTODO fix this\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take such a name")
    env = dict(os.environ, RUNWRIGHT_STATE_DIR=str(tmp_path / "state"), NO_COLOR="1")
    for _ in range(2):  # the second run answers from the cache
        r = subprocess.run([sys.executable, "-m", "runwright", "lint", "--select", "RW502",
                            "--fail-on", "warning", "--format", fmt, "docs"], cwd=tmp_path, env=env,
                           capture_output=True, timeout=120, check=False)
        assert r.returncode == 1, r.stderr
        assert b"Traceback" not in r.stderr and b"internal error" not in r.stderr
        assert b"TODO" in r.stdout
    if fmt == "sarif":
        assert b'"uri": "docs/%FF.md"' in r.stdout
    if fmt == "text":
        assert b"docs/\xff.md:5:1: RW502" in r.stdout
