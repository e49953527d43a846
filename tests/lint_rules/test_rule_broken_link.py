"""Table tests for RW901 broken-link and RW902 broken-anchor across files."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint_rules.helpers import lines_of, run_rule


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "runbooks").mkdir(parents=True)
    (tmp_path / "docs" / "runbooks" / "other.md").write_text(
        "# Other\n\n## Step 3: Migrate the DB\n\n## Notes\n\n## Notes\n", encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "check.sh").write_text("echo ok\n", encoding="utf-8")
    (tmp_path / "content" / "docs").mkdir(parents=True)
    (tmp_path / "content" / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    return tmp_path


LINKS: list[tuple[str, str, str, list[int]]] = [
    ("RW901", "existing file", "[o](other.md) [s](../../scripts/check.sh)", []),
    ("RW901", "missing file", "[o](missing.md)", [3]),
    ("RW901", "root-relative", "[s](/scripts/check.sh) [m](/scripts/nope.sh)", [3]),
    ("RW901", "hugo page", "[g](/docs/guide)", []),
    ("RW901", "missing image", "![i](img/x.png)", [3]),
    ("RW901", "urls and templates skipped",
     "[u](https://x/y.md) [t]({{< ref x >}}) [m](mailto:a@b)",
     []),
    ("RW901", "query and anchor stripped", "[o](other.md?plain=1#notes)", []),
    ("RW902", "anchor in other file", "[o](other.md#step-3-migrate-the-db)", []),
    ("RW902", "duplicate suffix in other file", "[o](other.md#notes-1)", []),
    ("RW902", "missing anchor in other file", "[o](other.md#step-4)", [3]),
    ("RW902", "missing file left to RW901", "[o](missing.md#x)", []),
    ("RW902", "encoded anchor", "[p](#proc%C3%A9dure)\n\n## Procédure", []),
]


@pytest.mark.parametrize(("rule_id", "label", "body", "expected"), LINKS,
                         ids=[f"{c[0]}-{c[1]}" for c in LINKS])
def test_links(repo: Path, rule_id: str, label: str, body: str, expected: list[int]) -> None:
    path = repo / "docs" / "runbooks" / "this.md"
    text = f"# This\n\n{body}\n"
    path.write_text(text, encoding="utf-8")
    assert lines_of(run_rule(rule_id, text, path=path, root=repo)) == expected


def test_text_without_a_file_checks_only_anchors() -> None:
    assert run_rule("RW901", "# X\n\n[o](missing.md)\n") == []
    assert lines_of(run_rule("RW902", "# X\n\n[o](#nope)\n")) == [3]
