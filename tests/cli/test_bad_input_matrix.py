"""Every command that reads runbooks treats bad files the same way.

One repository holds a good runbook beside invalid UTF-8, a binary file, a FIFO, a broken
symbolic link and broken front matter. Each command must name each unreadable file on stderr
with an ``Error:`` line, never show a traceback, never block, still process the good runbook,
and exit 2.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

GOOD = """# Runbook: Disk full

## Procedure

### Step 1: Check free space

```bash {readonly}
df -h /
```

**Expected result**: the usage of / is printed.

## Troubleshooting

### Error: No space left on device
**Cause**: the volume is full.
**Solution**: remove old releases.
"""

BAD = ("bad-utf8.md", "binary.md", "pipe.md", "dangling.md")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    folder = root / "docs" / "runbooks" / "incidents"
    folder.mkdir(parents=True)
    (root / ".git").mkdir()
    (folder / "disk-full.md").write_text(GOOD, encoding="utf-8")
    (folder / "bad-utf8.md").write_bytes(b"# Runbook: Bad\n\n\xff\n")
    (folder / "binary.md").write_bytes(b"PK\x03\x04\x00\x00binary")
    os.mkfifo(folder / "pipe.md")
    (folder / "dangling.md").symlink_to("nowhere.md")
    (folder / "broken-yaml.md").write_text("---\ntitle: [unclosed\n---\n# Runbook: Y\n",
                                           encoding="utf-8")
    return root


@pytest.mark.parametrize(("args", "good"), [
    (("show", "docs/runbooks"), "Disk full"),
    (("lint", "--no-cache", "docs/runbooks"), "broken-yaml.md"),
    (("index",), "wrote docs/runbooks/README.md"),
    (("audit",), "score"),
    (("find", "No space left on device"), "disk-full.md"),
    (("site", "build", "--out", "../site-out"), "site-out"),
    (("test", "docs/runbooks"), "disk-full.md"),
], ids=lambda v: v[0] if isinstance(v, tuple) else "")
def test_bad_files_are_named_and_the_rest_goes_on(cli: CliRunner, repo: Path,
                                                  args: tuple[str, ...], good: str) -> None:
    result = cli(*args, cwd=repo, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    for name in BAD:
        assert any(name in line for line in errors), f"{name} not named: {errors}"
    assert any("dangling.md: broken symbolic link" in line for line in errors)
    assert any("pipe.md: not a regular file" in line for line in errors)
    assert good in result.stdout + result.stderr
    if args[0] == "site":
        pages = [p.name for p in (repo.parent / "site-out").rglob("*.html")]
        assert any("disk-full" in name for name in pages), pages
