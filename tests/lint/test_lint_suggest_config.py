"""``runwright lint --suggest-config``, through the real CLI: the printed configuration loads
with runwright's own loader, and applying it silences exactly what it says."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import CliRunner
from tests.lint.conftest import GOOD

from runwright.config import load_config
from runwright.linter.settings import Settings

NO_OWNER = GOOD.replace("- **Owner**: @platform\n", "")
# An Information block and nothing else: auto reads it as a standard runbook.
INFO_ONLY = """\
# Runbook: Notes

## Information
- **Last updated**: 2026-01-15
- **Owner**: @platform
- **Estimated time**: 10 minutes
- **Frequency**: On demand
"""
TODAY = {"RUNWRIGHT_TODAY": "2026-03-01"}  # GOOD is fresh on that day
PROSE = "# A guide\n\nSome prose about the service.\n"
HEADER = re.compile(r"^# \d+ files?: (\d+) findings with the .*, (\d+) with this one "
                    r"\((\d+) silenced\)\.$", re.M)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _count(cli: CliRunner, root: Path, *paths: str) -> int:
    r = cli("lint", "--format", "json", "--no-cache", "--fail-on", "never", *paths, cwd=root,
            env=TODAY)
    assert r.returncode == 0, r.stderr
    return len(json.loads(r.stdout))


def _suggest(cli: CliRunner, root: Path, *paths: str) -> str:
    r = cli("lint", "--suggest-config", *paths, cwd=root, env=TODAY)
    assert r.returncode == 0, r.stderr
    return r.stdout


def _silenced(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"silences (\d+)", text)]


def _check_applied(cli: CliRunner, root: Path, text: str, *paths: str) -> tuple[int, int]:
    """The suggestion (for ``paths``) loads, and ``lint`` with it, without paths, leaves the
    count it says."""
    before, after, silenced = map(int, HEADER.search(text).groups())  # type: ignore[union-attr]
    assert before - after == silenced == sum(_silenced(text))
    assert _count(cli, root, *paths) == before
    (root / "runwright.toml").write_text(text, encoding="utf-8")
    config = load_config(root / "runwright.toml")
    Settings(config)  # rules, profiles and overrides are valid too
    assert _count(cli, root) == after
    return before, after


def test_a_rule_most_files_break_is_turned_off(cli: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, {"runwright.toml": 'profile = "standard"\nowner = "@ops"\n',
                      **{f"docs/runbooks/r{i}.md": NO_OWNER for i in range(4)},
                      "docs/runbooks/ok.md": GOOD})
    text = _suggest(cli, tmp_path)
    assert '  "RW201",  # missing-field: silences 4: it fires on 4 of the 5 files' in text
    before, after = _check_applied(cli, tmp_path, text)
    assert before - after == 4
    config = load_config(tmp_path / "runwright.toml")
    assert config.profile == "standard" and config.owner == "@ops"  # existing keys kept
    assert "RW201" in config.section("lint")["ignore"]
    assert "paths" not in config.data  # the configured folders were linted


def test_a_rule_a_folder_breaks_is_turned_off_there(cli: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, {"runwright.toml": 'profile = "standard"\n',
                      **{f"docs/runbooks/incidents/r{i}.md": NO_OWNER for i in range(3)},
                      **{f"docs/runbooks/deploy/r{i}.md": GOOD for i in range(3)}})
    text = _suggest(cli, tmp_path)
    assert '[[lint.overrides]]\nfiles = ["docs/runbooks/incidents/**"]\nignore = [\n' \
        '  "RW201",  # missing-field: silences 3: it fires on 3 of the 3 files under ' \
        'docs/runbooks/incidents\n]' in text
    _check_applied(cli, tmp_path, text)
    overrides = load_config(tmp_path / "runwright.toml").section("lint")["overrides"]
    assert [dict(o) for o in overrides] == [{"files": ("docs/runbooks/incidents/**",),
                                             "ignore": ("RW201",)}]


def test_a_folder_gets_the_profile_most_of_its_files_have(cli: CliRunner,
                                                          tmp_path: Path) -> None:
    _write(tmp_path, {**{f"docs/runbooks/guides/g{i}.md": PROSE for i in range(4)},
                      "docs/runbooks/guides/notes.md": INFO_ONLY,
                      **{f"docs/runbooks/deploy/r{i}.md": GOOD for i in range(3)}})
    before = _count(cli, tmp_path)
    assert before >= 5  # the Information-only page is missing the standard's sections
    text = _suggest(cli, tmp_path)
    assert '[[lint.overrides]]\nfiles = ["docs/runbooks/guides/**"]\nprofile = "generic"  ' \
        "# silences " in text
    assert "auto gives 'generic' to 4 of the 5 files under docs/runbooks/guides" in text
    _, after = _check_applied(cli, tmp_path, text)
    assert after == 0


def test_paths_given_on_the_command_line_are_kept(cli: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, {"content/a.md": PROSE, "content/b.md": PROSE})
    text = _suggest(cli, tmp_path, "content")
    assert 'paths = ["content"]  # the folders linted for this suggestion' in text
    assert "# Nothing to change" in text
    _check_applied(cli, tmp_path, text, "content")
    assert load_config(tmp_path / "runwright.toml").paths == ("content",)


def test_content_safety_rules_are_never_turned_off(cli: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, {f"docs/runbooks/r{i}.md": "# R\n\nTODO write it\n" for i in range(4)})
    text = _suggest(cli, tmp_path)
    assert "RW502" not in text
    _check_applied(cli, tmp_path, text)


@pytest.mark.parametrize("other", [["--fix"], ["--statistics"], ["--format", "json"],
                                   ["--select", "RW1"], ["--baseline", "b.json"]])
def test_it_goes_alone(cli: CliRunner, tmp_path: Path, other: list[str]) -> None:
    r = cli("lint", "--suggest-config", *other, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("Error: --suggest-config goes with no ")


def test_on_every_corpus_source_it_loads_and_silences_what_it_says(
        cli: CliRunner, tmp_path: Path, shared_corpus: Path) -> None:
    sources = [p for p in sorted(shared_corpus.iterdir())
               if p.is_dir() and not p.name.startswith("_")]
    assert sources
    for source in sources:
        copy = tmp_path / source.name
        shutil.copytree(source, copy, copy_function=shutil.copyfile)
        for folder, _dirs, _files in os.walk(copy):
            os.chmod(folder, 0o755)  # the corpus is read-only; its copy need not be
        (copy / ".git").mkdir()  # the repository root, as in a clone
        text = _suggest(cli, copy, ".")
        _check_applied(cli, copy, text, ".")


def test_the_markdownlint_configuration_is_named_with_what_it_turns_off(
        cli: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, {".markdownlint.yaml": "MD014: false\nMD040: false\n",
                      "docs/runbooks/a.md": PROSE, "docs/runbooks/b.md": PROSE})
    text = _suggest(cli, tmp_path)
    assert "# markdownlint configuration .markdownlint.yaml (2 files): it turns off RW402 " \
        "fence-language, RW403 shell-prompt; runwright follows it by itself." in text
    _check_applied(cli, tmp_path, text)


def test_the_anchor_style_that_fits_is_suggested(cli: CliRunner, tmp_path: Path) -> None:
    # MkDocs anchors (accents dropped) in a repository whose mkdocs.yml the copy lost
    page = "# Déploiement\n\nSee [the step](#etape-un).\n\n## Étape un\n\nText.\n"
    _write(tmp_path, {f"docs/runbooks/p{i}.md": page for i in range(3)})
    assert _count(cli, tmp_path) == 3  # RW902: GitHub keeps the accents
    text = _suggest(cli, tmp_path)
    assert '[lint.rules.RW902]\nslugs = "mkdocs"  # silences 3: broken-anchor with slugs = ' \
        "'mkdocs' instead of 'auto'" in text
    _, after = _check_applied(cli, tmp_path, text)
    assert after == 0
