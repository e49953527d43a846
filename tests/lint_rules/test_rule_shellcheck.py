"""RW408 shellcheck with the real shellcheck binary: Markdown lines, batching, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint_rules.helpers import run_rule

from runwright.linter.rules.shellcheck import shellcheck_binary

pytestmark = pytest.mark.skipif(shellcheck_binary() is None, reason="shellcheck not installed")

TEXT = """# Runbook: Clean up

```bash
echo ok
```

- Then:

  ```bash
  cd /var/log/app
  rm -rf "$OLD"/*
  ```
"""


def test_findings_at_markdown_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    findings = run_rule("RW408", TEXT, root=tmp_path)
    codes = {(f.line, f.message.split(":", 1)[0]) for f in findings}
    assert (10, "SC2164") in codes  # cd without || exit
    assert (11, "SC2115") in codes  # rm -rf "$OLD"/* with an empty variable
    assert all(f.column >= 3 for f in findings)  # indented fence: columns in the file
    assert not any("SC2154" in f.message for f in findings)  # excluded by default


def test_cache_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    first = run_rule("RW408", TEXT, root=tmp_path)
    cached = list((tmp_path / "state" / "shellcheck").glob("*.json"))
    assert len(cached) == 2
    # Poison the cache entry of the second block: the next run must read it, not shellcheck.
    for path in cached:
        if "SC2164" in path.read_text(encoding="utf-8"):
            path.write_text('[[1, 1, "SC9999", "from the cache"]]', encoding="utf-8")
    second = run_rule("RW408", TEXT, root=tmp_path)
    assert any("SC9999" in f.message for f in second)
    assert len(first) >= 2


def test_many_blocks_are_batched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    text = "# X\n\n" + "".join(f"```bash\ncd /tmp/{i}\n```\n\n" for i in range(90))
    findings = run_rule("RW408", text, root=tmp_path)
    assert [f.line for f in findings] == [4 + 4 * i for i in range(90)]


def test_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    findings = run_rule("RW408", TEXT, root=tmp_path,
                        options={"exclude": ["SC2164", "SC2115"], "severity": "error"})
    assert findings == []


def test_off_by_default() -> None:
    from runwright.linter.rules.shellcheck import ShellCheck

    assert ShellCheck.enabled_by_default is False
