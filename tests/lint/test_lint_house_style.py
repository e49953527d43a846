"""House style: the repository's markdownlint configuration turns off the runwright rules
that check what it allows on purpose (MD014 -> RW403, MD040 -> RW402, MD051 -> RW902, MD046
indented -> RW401), in every file name and format markdownlint and markdownlint-cli2 read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runwright.config import Config
from runwright.linter.engine import lint_paths
from runwright.linter.house import HouseStyles
from runwright.linter.settings import Settings

#: One of each: a prompt (RW403 in a standard runbook), an unlabelled fence (RW402), a broken
#: anchor (RW902) and an indented command (RW401).
DOC = """# Runbook: House style

See [the steps](#nowhere).

```bash
$ kubectl get pods
```

```
kubectl get nodes
```

Indented:

    kubectl get pods -n production
"""
MAPPED = ("RW401", "RW402", "RW403", "RW902")


def _rules(root: Path, *paths: str, **config: Any) -> set[str]:
    settings = Settings(Config(root=root, data=config or {}), profile="standard")
    report = lint_paths([str(root / p) for p in paths or ("docs",)], settings, use_cache=False)
    return {f.rule for f in report.findings if f.rule in MAPPED}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rb.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def test_without_configuration_every_mapped_rule_reports(repo: Path) -> None:
    assert _rules(repo) == set(MAPPED)


@pytest.mark.parametrize(("name", "text", "off"), [
    (".markdownlint.json", '{"MD014": false}', {"RW403"}),
    (".markdownlint.jsonc", '// house style\n{"commands-show-output": false, /* c */\n'
                            '"MD040": false,}\n', {"RW403", "RW402"}),
    (".markdownlint.yaml", "MD051: false\nfenced-code-language: false\n", {"RW902", "RW402"}),
    (".markdownlint.yml", "MD046:\n  style: indented\n", {"RW401"}),
    (".markdownlintrc", "MD014=false\nMD051 = false\n", {"RW403", "RW902"}),
    (".markdownlintrc", '{"link-fragments": false}', {"RW902"}),
    (".markdownlint-cli2.jsonc", '{\n  // cli2\n  "config": {"MD014": false},\n'
                                 '  "globs": ["**/*.md"]\n}\n', {"RW403"}),
    (".markdownlint-cli2.yaml", "config:\n  MD040: false\n", {"RW402"}),
    ("package.json", json.dumps({"name": "x", "markdownlint-cli2": {"config": {"MD051": False}}}),
     {"RW902"}),
    # MD046 off says nothing of indented blocks: only its "indented" style turns RW401 off.
    (".markdownlint.json", '{"code": false}', {"RW403", "RW402"}),
    (".markdownlint.json", '{"default": false}', {"RW403", "RW402", "RW902"}),
    (".markdownlint.json", '{"default": false, "MD014": true, "links": true}', {"RW402"}),
    (".markdownlint.json", '{"MD014": false, "code": true}', {"RW403"}),
    (".markdownlint.json", '{"MD046": {"style": "fenced"}, "MD040": {"allowed_languages": []}}',
     set()),
    (".markdownlint.json", '{"MD014": false', set()),  # not JSON: treated as absent
])
def test_each_file_and_format_maps_the_rules_it_turns_off(
        repo: Path, name: str, text: str, off: set[str]) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    assert _rules(repo) == set(MAPPED) - off


def test_extends_is_followed_relative_to_the_file(repo: Path) -> None:
    (repo / "style").mkdir()
    (repo / "style" / "base.yaml").write_text("MD014: false\nMD051: false\n", encoding="utf-8")
    (repo / ".markdownlint.json").write_text('{"extends": "style/base.yaml", "MD051": true}',
                                             encoding="utf-8")
    assert _rules(repo) == set(MAPPED) - {"RW403"}


def test_cli2_config_wins_over_markdownlint_files_in_the_same_folder(repo: Path) -> None:
    (repo / ".markdownlint.json").write_text('{"MD040": false}', encoding="utf-8")
    (repo / ".markdownlint-cli2.jsonc").write_text('{"config": {"MD014": false}}',
                                                   encoding="utf-8")
    assert _rules(repo) == set(MAPPED) - {"RW403"}


def test_a_nearer_folder_overrides_the_root_rule_by_rule(repo: Path) -> None:
    (repo / ".markdownlint.json").write_text('{"MD014": false, "MD040": false}',
                                             encoding="utf-8")
    (repo / "docs" / ".markdownlint.yaml").write_text("MD014: true\n", encoding="utf-8")
    (repo / "other").mkdir()
    (repo / "other" / "rb.md").write_text(DOC, encoding="utf-8")
    assert _rules(repo, "docs") == set(MAPPED) - {"RW402"}
    assert _rules(repo, "other") == set(MAPPED) - {"RW402", "RW403"}


def test_nothing_above_the_repository_root_is_read(tmp_path: Path) -> None:
    (tmp_path / ".markdownlint.json").write_text('{"MD014": false}', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "rb.md").write_text(DOC, encoding="utf-8")
    assert _rules(repo) == set(MAPPED)
    styles = HouseStyles(repo)
    assert styles.for_file(repo / "docs" / "rb.md").sources == ()


def test_javascript_configurations_are_not_run_nor_read(repo: Path) -> None:
    canary = repo / "canary"
    js = (f"require('fs').writeFileSync({str(canary)!r}, 'ran');\n"
          "module.exports = {config: {MD014: false}};\n")
    for name in (".markdownlint-cli2.cjs", ".markdownlint-cli2.mjs", ".markdownlint.cjs"):
        (repo / name).write_text(js, encoding="utf-8")
    assert _rules(repo) == set(MAPPED)
    assert not canary.exists()
    style = HouseStyles(repo).for_file(repo / "docs" / "rb.md")
    assert len(style.unread) == 3 and style.off == frozenset()


def test_runwright_configuration_turns_a_rule_back_on(repo: Path) -> None:
    (repo / ".markdownlint.json").write_text('{"MD014": false, "MD040": false}',
                                             encoding="utf-8")
    on = _rules(repo, lint={"rules": {"RW403": {"enabled": True}}, "select": ["RW402"]})
    assert on == set(MAPPED)


def test_the_cache_follows_the_markdownlint_configuration(cli: Any, repo: Path) -> None:
    def rules() -> set[str]:
        r = cli("lint", "--profile", "standard", "--format", "json", "--fail-on", "never",
                "docs", cwd=repo)
        assert r.returncode == 0, r.stderr
        return {f["rule"] for f in json.loads(r.stdout)} & set(MAPPED)

    assert rules() == set(MAPPED)
    config = repo / "docs" / ".markdownlint.yaml"
    config.write_text("MD014: false\n", encoding="utf-8")
    assert rules() == set(MAPPED) - {"RW403"}
    config.write_text("MD014: false\nMD040: false\n", encoding="utf-8")
    assert rules() == set(MAPPED) - {"RW403", "RW402"}
    config.unlink()
    assert rules() == set(MAPPED)
