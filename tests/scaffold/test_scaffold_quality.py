"""Every drafted runbook lints clean, and every shell block passes bash -n and ShellCheck."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.scaffold.conftest import STACKS

from runwright.parser import load

SHELLCHECK = Path(sys.executable).parent / "shellcheck"
DESTRUCTIVE = re.compile(r"\brm -rf\b|--force\b|\s-delete\b|\bprune\b|rollout undo|rollback ")


def _init(cli, repo: Path, lang: str) -> list[Path]:
    done = cli("init", "--lang", lang, "--owner", "@acme/sre", cwd=repo)  # real today
    assert done.returncode == 0, done.stderr
    return sorted(p for p in (repo / "docs/runbooks").rglob("*.md")
                  if p.name not in ("README.md", "TEMPLATE.md"))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("stack", STACKS)
def test_drafted_runbooks_pass_lint_and_shellcheck(cli, make_repo, stack: str,
                                                   lang: str) -> None:
    repo = make_repo(stack)
    files = _init(cli, repo, lang)
    names = {p.relative_to(repo / "docs/runbooks").as_posix() for p in files}
    assert {"deployment/deploy-staging.md", "deployment/deploy-production.md",
            "deployment/rollback.md", "incidents/high-cpu.md"} <= names
    lint = cli("lint", "--profile", "standard", "--no-cache", "docs/runbooks", cwd=repo)
    assert lint.returncode == 0, lint.stdout
    assert "All checks passed" in lint.stdout and " RW" not in lint.stdout, lint.stdout
    for path in files:
        rb = load(path)
        assert not rb.problems, (path, rb.problems)
        assert rb.steps, path
        for step in rb.steps:
            assert step.commands and step.expected_result, (path, step.number)
        assert rb.contact("on_call") and rb.contact("escalation")
        for block in rb.code_blocks:
            if not block.is_shell:
                continue
            where = f"{path.name}:{block.line}"
            syntax = subprocess.run(["bash", "-n"], input=block.code, capture_output=True,
                                    text=True)
            assert syntax.returncode == 0, (where, syntax.stderr)
            check = subprocess.run([str(SHELLCHECK), "-s", "bash", "--severity=warning", "-"],
                                   input=block.code, capture_output=True, text=True)
            assert check.returncode == 0, (where, check.stdout)
            if DESTRUCTIVE.search(block.code):
                assert block.flag("confirm"), where


def test_template_placeholders_are_reported_until_filled(cli, make_repo) -> None:
    repo = make_repo("empty")
    assert cli("new", "incident", "Queue backlog", "--owner", "@ops",
               cwd=repo).returncode == 0
    path = repo / "docs/runbooks/incidents/queue-backlog.md"
    lint = cli("lint", "--profile", "standard", "--no-cache", str(path), cwd=repo)
    assert lint.returncode == 1
    for rule in ("RW404", "RW502", "RW205"):
        assert rule in lint.stdout
