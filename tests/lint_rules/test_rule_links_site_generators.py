"""Anchors and links as the site generators write them, one minimal document each:
``{#id}`` heading attributes, MkDocs and GitLab slugs (by option, or found from mkdocs.yml and
.gitlab-ci.yml), Middleman/Hugo page links, site root folders, ``.md.erb`` files; a form that
cannot be checked precisely is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

from runwright.config import Config
from runwright.linter.engine import lint_paths
from runwright.linter.rules._links import exists
from runwright.linter.settings import Settings
from runwright.parser import parse


def _anchor(text: str, **options: str) -> list[int]:
    return lines_of(run_rule("RW902", text, options=options))


@pytest.mark.parametrize(("heading", "fragment"), [
    ("## Rollback {#undo}", "undo"),  # Hugo, Pandoc
    ("## Rollback {: #undo .wide}", "undo"),  # kramdown
    ("## Rollback {#undo}", "rollback"),  # the title without its attribute block
    ("## Rollback {#undo}", "rollback-undo"),  # a forge shows the block as written
    ("## Rollback {.unnumbered}", "rollback"),
])
def test_heading_attributes_give_ids(heading: str, fragment: str) -> None:
    assert _anchor(f"# X\n\nSee [it](#{fragment}).\n\n{heading}\n") == []


def test_a_heading_attribute_is_not_part_of_the_section_name() -> None:
    rb = parse("# X\n\n## Procedure {#proc}\n\n### Step 1: Go {#go}\n", "x.md")
    assert [(s.title, s.canonical, s.heading_id) for s in rb.sections[1:2]] == \
        [("Procedure", "procedure", "proc")]


def test_a_missing_id_is_still_reported() -> None:
    assert _anchor("# X\n\nSee [it](#undo2).\n\n## Rollback {#undo}\n") == [3]


MKDOCS = "# X\n\nSee [a](#{a}) and [b](#{b}).\n\n## Étape 1 : Vérifier\n\n## Notes\n\n## Notes\n"


@pytest.mark.parametrize(("style", "a", "b", "lines"), [
    ("mkdocs", "etape-1-verifier", "notes_1", []),
    ("mkdocs", "étape-1--vérifier", "notes-1", [3, 3]),
    ("github", "étape-1--vérifier", "notes-1", []),
    ("github", "etape-1-verifier", "notes_1", [3, 3]),
    ("gitlab", "étape-1-vérifier", "notes-1", []),
    ("gitlab", "étape-1--vérifier", "notes_1", [3, 3]),
])
def test_slug_styles_by_option(style: str, a: str, b: str, lines: list[int]) -> None:
    assert _anchor(MKDOCS.format(a=a, b=b), slugs=style) == lines


def _lint(root: Path, rule: str) -> list[tuple[str, int]]:
    settings = Settings(Config(root=root), profile="generic")
    report = lint_paths([str(root)], settings, use_cache=False)
    return [(Path(f.path).name, f.line) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(("site_file", "found"), [
    (None, [("rb.md", 3)]),  # GitHub's rules: the MkDocs anchor does not exist
    ("mkdocs.yml", []),
    ("mkdocs.yaml", []),
])
def test_auto_follows_mkdocs_when_an_mkdocs_yml_is_found(
        tmp_path: Path, site_file: str | None, found: list[tuple[str, int]]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rb.md").write_text(MKDOCS.format(a="etape-1-verifier", b="notes-1"),
                                             encoding="utf-8")
    if site_file:
        (tmp_path / site_file).write_text("site_name: Runbooks\n", encoding="utf-8")
    assert _lint(tmp_path, "RW902") == found


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("link", "files", "reported"), [
    ("guide.html", {"guide.html.md": "# G\n"}, False),  # Middleman
    ("guide.html", {"guide.html.md.erb": "# G <%= x %>\n"}, False),
    ("guide.html", {"guide.md": "# G\n"}, False),  # Hugo uglyURLs, Jekyll
    ("guide.md", {"guide.md.erb": "# G\n"}, False),
    ("/ops/guide.html", {"source/ops/guide.html.md": "# G\n"}, False),  # Middleman's source/
    ("/ops/guide", {"content/ops/guide.md": "# G\n"}, False),  # Hugo's content/
    ("/ops/guide", {"docs/ops/guide/index.md": "# G\n"}, False),
    ("guide.html", {}, False),  # a generated page with no source: not checked
    ("../../elsewhere/guide.md", {}, False),  # outside the repository: not checked
    ("guide.md", {}, True),
    ("/ops/guide", {}, True),
    ("guide.html.md", {}, True),
])
def test_site_generator_link_forms(tmp_path: Path, link: str, files: dict[str, str],
                                   reported: bool) -> None:
    root = _tree(tmp_path / "repo", {"rb.md": f"# X\n\nSee [it]({link}).\n", **files})
    assert _lint(root, "RW901") == ([("rb.md", 3)] if reported else [])
    expected = False if reported else None if not files else True
    assert exists(root / link.lstrip("/"), root, link.startswith("/"), root / "rb.md",
                  link) is expected


def test_md_erb_files_are_read_as_markdown(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"source/index.html.md.erb": "# Home\n\nSee [it](#nowhere).\n",
                            "source/layout.erb": "<html></html>\n"})
    settings = Settings(Config(root=root), profile="generic")
    report = lint_paths([str(root)], settings, use_cache=False)
    assert report.files == 1
    assert [(Path(f.path).name, f.rule) for f in report.findings] == \
        [("index.html.md.erb", "RW902")]
