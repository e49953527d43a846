"""catalog.scan and runwright index: golden README, markers, --check, last tested."""

from __future__ import annotations

import os
from pathlib import Path

from tests.scaffold.conftest import FROZEN, GOLDEN

from runwright.catalog import END_MARKER, START_MARKER, scan
from runwright.config import load_config

UPDATE = bool(os.environ.get("RUNWRIGHT_UPDATE_GOLDEN"))

RUNBOOK = """# Runbook: {title}

## Information

- **Last updated**: {date}
- **Owner**: @ops
- **Estimated time**: 10 minutes
- **Frequency**: On incident
"""


def _repo(root: Path) -> Path:
    rb = root / "docs/runbooks"
    (rb / "incidents").mkdir(parents=True)
    (rb / "deployment").mkdir()
    (rb / "incidents/db.md").write_text(RUNBOOK.format(title="DB down | primary",
                                                       date="2025-12-01"))
    (rb / "incidents/old.md").write_text(RUNBOOK.format(title="Old", date="2025-01-01"))
    (rb / "deployment/ship.md").write_text(RUNBOOK.format(title="Ship it", date="2026-01-10"))
    (rb / "top.md").write_text(RUNBOOK.format(title="Top level", date="2026-01-01"))
    (rb / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    (rb / "TEMPLATE.md").write_text("# Runbook: [Title]\n")
    return root


def test_scan(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "runwright.toml").write_text("max_age_days = 90\n")
    env = os.environ.get("RUNWRIGHT_TODAY")
    os.environ["RUNWRIGHT_TODAY"] = "2026-01-15"
    try:
        catalog = scan(root, load_config(start=root))
    finally:
        if env is None:
            del os.environ["RUNWRIGHT_TODAY"]
        else:
            os.environ["RUNWRIGHT_TODAY"] = env
    by = {e.rel: e for e in catalog.entries}
    assert sorted(by) == ["docs/runbooks/broken.md", "docs/runbooks/deployment/ship.md",
                          "docs/runbooks/incidents/db.md", "docs/runbooks/incidents/old.md",
                          "docs/runbooks/top.md"]
    assert by["docs/runbooks/incidents/db.md"].category == "incidents"
    assert by["docs/runbooks/top.md"].category == ""
    assert by["docs/runbooks/incidents/old.md"].fresh is False
    assert by["docs/runbooks/incidents/old.md"].age_days == 379
    assert by["docs/runbooks/incidents/db.md"].fresh is True
    assert by["docs/runbooks/broken.md"].runbook is None
    assert "UTF-8" in (by["docs/runbooks/broken.md"].error or "")
    assert catalog.categories() == ["deployment", "incidents", ""]


def test_index_golden_and_check(cli, tmp_path: Path) -> None:
    root = _repo(tmp_path)
    # The fixture holds one unreadable runbook: it is listed, named on stderr, and exits 2.
    done = cli("index", cwd=root, env=FROZEN)
    assert done.returncode == 2, done.stderr
    assert "Error: docs/runbooks/broken.md:1:1: not valid UTF-8" in done.stderr
    readme = root / "docs/runbooks/README.md"
    golden = GOLDEN / "index" / "README.md"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(readme.read_text())
    assert readme.read_text() == golden.read_text()
    assert cli("index", "--check", cwd=root, env=FROZEN).returncode == 2
    # Team text outside the markers is kept; a new runbook makes --check fail with a diff.
    readme.write_text("# Our runbooks\n\nRead me first.\n\n" +
                      readme.read_text().split("\n\n", 2)[2] + "\nFooter.\n")
    (root / "docs/runbooks/incidents/new.md").write_text(
        RUNBOOK.format(title="New one", date="2026-01-14"))
    check = cli("index", "--check", cwd=root, env=FROZEN)
    assert check.returncode == 1
    assert "+| [New one](incidents/new.md) | @ops |" in check.stdout
    assert "out of date" in check.stderr
    assert cli("index", cwd=root, env=FROZEN).returncode == 2
    text = readme.read_text()
    assert text.startswith("# Our runbooks\n\nRead me first.\n")
    assert text.endswith(END_MARKER + "\n\nFooter.\n")
    assert text.count(START_MARKER) == 1 and "New one" in text
    (root / "docs/runbooks/broken.md").unlink()
    assert cli("index", cwd=root, env=FROZEN).returncode == 0
    assert cli("index", "--check", cwd=root, env=FROZEN).returncode == 0


def test_index_with_root_argument_and_french(cli, tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    (root / "runwright.toml").write_text('language = "fr"\n')
    done = cli("index", str(root), cwd=tmp_path, env=FROZEN)
    assert done.returncode == 2, done.stderr  # the fixture's unreadable runbook
    text = (root / "docs/runbooks/README.md").read_text()
    assert "## Déploiement" in text and "| Runbook | Responsable |" in text
    assert "obsolète (depuis le 2025-07-01)" in text


def test_last_tested_from_a_real_journal(cli, tmp_path: Path) -> None:
    root = tmp_path
    rb = root / "docs/runbooks/maintenance"
    rb.mkdir(parents=True)
    (root / "runwright.toml").write_text("")
    (rb / "check.md").write_text(RUNBOOK.format(title="Check", date="2026-01-10") + """
## Procedure

### Step 1: Say hello

```bash {readonly}
echo hello
```

```expect
hello
```

**Expected result**: hello.
""")
    state = {"RUNWRIGHT_STATE_DIR": str(tmp_path / "state")}
    tested = cli("test", "docs/runbooks", cwd=root, env=state)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert cli("index", cwd=root, env={**FROZEN, **state}).returncode == 0
    text = (root / "docs/runbooks/README.md").read_text()
    assert "(passed) |" in text and "| never |" not in text


def test_scan_paths_through_symlinks(tmp_path: Path) -> None:
    """``rel`` is the resolved path relative to the root (the resolved path when outside)."""
    root = tmp_path / "repo"
    real = root / "handbook" / "runbooks"
    (real / "incidents").mkdir(parents=True)
    (real / "incidents/db.md").write_text(RUNBOOK.format(title="DB", date="2026-01-01"))
    outside = tmp_path / "elsewhere.md"
    outside.write_text(RUNBOOK.format(title="Elsewhere", date="2026-01-01"))
    (real / "incidents/linked.md").symlink_to(outside)
    (root / "docs").mkdir()
    (root / "docs/runbooks").symlink_to(real, target_is_directory=True)
    catalog = scan(root, load_config(start=root))
    by = {e.title: e for e in catalog.entries}
    for entry in catalog.entries:
        resolved = entry.path.resolve()
        expected = (resolved.relative_to(root.resolve()).as_posix()
                    if resolved.is_relative_to(root.resolve()) else entry.path.as_posix())
        assert entry.rel == expected
    assert by["DB"].rel == "handbook/runbooks/incidents/db.md"
    assert by["DB"].category == "incidents"
    assert by["Elsewhere"].rel == by["Elsewhere"].path.as_posix()
