"""Generated docs stay in step with the code (docs/rules.md, docs/cli.md, docs/lint.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from runwright.cli.main import COMMANDS


def test_rules_md_is_up_to_date(repo_root: Path) -> None:
    script = repo_root / "scripts" / "gen_docs.py"
    code = ("import runpy, sys; ns = runpy.run_path(sys.argv[1]); "
            "p = ns['RULES_MD']; sys.exit(p.read_text(encoding='utf-8') != ns['rules_md']())")
    r = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True,
                       text=True, cwd=repo_root)
    assert r.returncode == 0, "docs/rules.md is out of date: run `make docs`\n" + r.stderr


def test_cli_md_is_up_to_date(repo_root: Path) -> None:
    """docs/cli.md is exactly the help of every command: a changed option fails here."""
    script = repo_root / "scripts" / "gen_docs.py"
    code = ("import runpy, sys; ns = runpy.run_path(sys.argv[1]); "
            "p = ns['CLI_MD']; sys.exit(p.read_text(encoding='utf-8') != ns['cli_md']())")
    r = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True,
                       text=True, cwd=repo_root)
    assert r.returncode == 0, "docs/cli.md is out of date: run `make docs`\n" + r.stderr


def test_cli_md_lists_every_command(repo_root: Path) -> None:
    text = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert all(f"## runwright {name}\n" in text for name in COMMANDS)
    assert "Usage: runwright lint [OPTIONS] [PATHS]..." in text
    assert "Usage: runwright rules [OPTIONS] [RULE]" in text
    # the subcommands of a group have their own section, with their options
    assert "### runwright site serve\n" in text and "--interval" in text
    assert "### runwright site build\n" in text and "--base-url" in text


def test_lint_md_documents_options_and_directives(repo_root: Path) -> None:
    text = (repo_root / "docs" / "lint.md").read_text(encoding="utf-8")
    for needle in ("--select", "--ignore", "--fail-on", "--fix", "--no-cache", "--profile",
                   "runwright-disable-next-line", "runwright-disable-file", "[lint.overrides]",
                   "[profiles.", "sarif", "github", ".pre-commit-hooks.yaml", "action.yml"):
        assert needle in text, needle


def test_pre_commit_hook_and_action(repo_root: Path) -> None:
    import yaml

    hooks = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "runwright-lint")
    assert hook["entry"] == "runwright lint" and hook["language"] == "python"
    action = yaml.safe_load((repo_root / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any("--format sarif" in s.get("run", "") for s in steps)
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "## Linting" in readme and "runwright-lint" in readme and "upload" in readme


def test_readme_counts_the_rules(repo_root: Path) -> None:
    import re

    from runwright.linter import registry

    text = (repo_root / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"(\d+) rules, documented in", text)
    assert stated is not None and int(stated.group(1)) == len(registry.all_rules())
