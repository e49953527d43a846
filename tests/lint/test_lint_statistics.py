"""``runwright lint --statistics``, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CliRunner

# Four TODO markers (RW502, not fixable); three unlabelled fences (RW402), two of which hold a
# command, so that --fix labels them.
DOC = """\
# Runbook: x

```
kubectl get pods
```

```
kubectl get nodes
```

```
some output
```

TODO a

TODO b

TODO c

TODO d
"""
SELECT = ("--select", "RW402,RW502")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def test_counts_per_rule_most_first(cli: CliRunner, repo: Path) -> None:
    r = cli("lint", *SELECT, "--statistics", "docs", cwd=repo)
    assert r.returncode == 0  # warnings do not fail by default
    assert r.stdout.splitlines() == [
        "4\tRW502\t[ ] todo-in-prose",
        "3\tRW402\t[*] fence-language (2 fixable)",
        "",
        "7 problems, 2 rules; 2 fixable with --fix.",
    ]
    assert "kubectl" not in r.stdout  # the counts instead of the findings


def test_json(cli: CliRunner, repo: Path) -> None:
    r = cli("lint", *SELECT, "--statistics", "--format", "json", "docs", cwd=repo)
    assert json.loads(r.stdout) == [
        {"rule": "RW502", "name": "todo-in-prose", "count": 4, "fixable": 0},
        {"rule": "RW402", "name": "fence-language", "count": 3, "fixable": 2},
    ]


def test_exit_status_follows_fail_on(cli: CliRunner, repo: Path) -> None:
    assert cli("lint", *SELECT, "--statistics", "--fail-on", "warning", "docs",
               cwd=repo).returncode == 1


def test_after_fix_what_is_left(cli: CliRunner, repo: Path) -> None:
    r = cli("lint", *SELECT, "--statistics", "--fix", "docs", cwd=repo)
    assert r.stdout.splitlines()[:2] == ["4\tRW502\t[ ] todo-in-prose",
                                         "1\tRW402\t[ ] fence-language"]


def test_clean(cli: CliRunner, repo: Path) -> None:
    r = cli("lint", "--select", "RW101", "--statistics", "docs", cwd=repo)
    assert r.returncode == 0
    assert r.stdout.strip() == "No problems."


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_other_formats_are_refused(cli: CliRunner, repo: Path, fmt: str) -> None:
    r = cli("lint", "--statistics", "--format", fmt, "docs", cwd=repo)
    assert r.returncode == 2
    assert r.stderr.startswith("Error: --statistics prints text or JSON")
