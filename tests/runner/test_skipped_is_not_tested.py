"""A test in which no step ran is not a test: ``index``, ``audit``, ``site``, ``runs`` and
``report`` say so, and say how many steps ran when some were skipped (through the real CLI)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from tests.conftest import CliRunner

HEAD = """# Runbook: {title}

## Information

- **Last updated**: {today}
- **Owner**: @ops

## Procedure
"""

SAY = """
### Step {n}: Say hello

```bash {{readonly}}
echo hello
```
"""

CHANGE = """
### Step {n}: Change something

```bash {{mutating}}
touch "$HOME/should-not-exist"
```
"""


def _repo(root: Path) -> Path:
    today = dt.date.today().isoformat()
    folder = root / "docs/runbooks/maintenance"
    folder.mkdir(parents=True)
    (root / ".git").mkdir()
    # generic: these minimal runbooks lint clean, so that the audit counts them on their tests
    (root / "runwright.toml").write_text('profile = "generic"\n')
    (folder / "skipped.md").write_text(HEAD.format(title="All skipped", today=today)
                                       + CHANGE.format(n=1) + CHANGE.format(n=2))
    (folder / "partial.md").write_text(HEAD.format(title="Partly run", today=today)
                                       + SAY.format(n=1) + CHANGE.format(n=2))
    (folder / "full.md").write_text(HEAD.format(title="Fully run", today=today)
                                    + SAY.format(n=1))
    return root


def _cells(readme: str) -> dict[str, str]:
    """runbook title -> its "Last tested" cell in the catalogue."""
    out = {}
    for line in readme.splitlines():
        m = re.match(r"\| \[([^\]]+)\]\([^)]*\) \|.*\| ([^|]+) \|$", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def test_skipped_tests_do_not_count_and_partial_ones_say_how_much_ran(
        cli: CliRunner, tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    env = {"RUNWRIGHT_STATE_DIR": str(tmp_path / "state"), "HOME": str(tmp_path)}
    done = cli("test", "docs/runbooks", cwd=root, env=env)
    assert "FAIL" not in done.stdout, done.stdout + done.stderr
    assert not (tmp_path / "should-not-exist").exists()

    assert cli("index", cwd=root, env=env).returncode == 0
    cells = _cells((root / "docs/runbooks/README.md").read_text())
    assert re.fullmatch(r"never; \d{4}-\d\d-\d\d: skipped, no step ran", cells["All skipped"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \(passed, 1 of 2 steps ran\)", cells["Partly run"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \(passed\)", cells["Fully run"])

    audit = cli("audit", "--format", "json", cwd=root, env=env)
    items = {i["id"]: i for i in json.loads(audit.stdout)["items"]}
    tested = items["tested"]
    assert tested["failing"] == ["docs/runbooks/maintenance/skipped.md"]
    assert sorted(tested["evidence"]) == ["docs/runbooks/maintenance/full.md",
                                          "docs/runbooks/maintenance/partial.md"]
    assert "no step ran in the last test of docs/runbooks/maintenance/skipped.md" \
        in tested["todo"]

    site = cli("site", "build", cwd=root, env=env)
    assert site.returncode == 0, site.stdout + site.stderr
    home = (root / "_site/index.html").read_text()
    assert "3 runbooks · 0 stale · 1 never tested" in home
    assert re.search(r'data-tested="skipped\|never"[^>]*>\s*<td><a href="maintenance/'
                     r'skipped.html"', home)
    assert re.search(r'class="badge tested-skipped" title="Never really tested: the last '
                     r'test, on [\d-]+, skipped every step \(run [\w-]+\)">skipped [\d-]+<',
                     home)
    assert re.search(r'class="badge tested-passed" title="Last test passed on [\d-]+ '
                     r'\(run [\w-]+\): 1 of 2 steps ran, 1 skipped">tested [\d-]+ '
                     r'\(1/2 steps\)<', home)
    assert "tested-skipped" in (root / "_site/maintenance/skipped.html").read_text()

    runs = cli("runs", cwd=root, env=env).stdout.splitlines()
    assert runs[0].split()[-1] == "RAN"
    ran = {line.split()[1]: line.split()[-1] for line in runs[1:]}
    assert ran == {"docs/runbooks/maintenance/skipped.md": "0/2",
                   "docs/runbooks/maintenance/partial.md": "1/2",
                   "docs/runbooks/maintenance/full.md": "1/1"}
    listed = json.loads(cli("runs", "--format", "json", cwd=root, env=env).stdout)
    partial = next(r for r in listed if r["runbook"].endswith("partial.md"))
    assert (partial["steps_run"], partial["steps"]) == (1, 2)
    report = cli("report", partial["id"], cwd=root, env=env)
    assert "- **Steps**: 1 of 2 ran, 1 skipped" in report.stdout

    # The partly run runbook's read-only step becomes mutating: its next test runs nothing,
    # and the catalogue keeps the earlier real test while saying the later one ran nothing.
    partial_md = root / "docs/runbooks/maintenance/partial.md"
    partial_md.write_text(partial_md.read_text().replace("{readonly}", "{mutating}"))
    cli("test", str(partial_md), cwd=root, env=env)
    assert cli("index", cwd=root, env=env).returncode == 0
    cells = _cells((root / "docs/runbooks/README.md").read_text())
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \(passed, 1 of 2 steps ran\); "
                        r"\d{4}-\d\d-\d\d: skipped, no step ran", cells["Partly run"])
    assert cli("site", "build", cwd=root, env=env).returncode == 0
    home = (root / "_site/index.html").read_text()
    assert re.search(r'data-tested="passed\|skipped"[^>]*>\s*<td><a href="maintenance/'
                     r'partial.html"', home)
