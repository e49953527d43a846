"""Discovery of the files to lint: the scandir walk gives exactly what a sorted os.walk gives.

The reference below is the straightforward version (``os.walk``, ``fnmatch`` per glob, a
``realpath`` per symlink); the fast one must yield the same paths, display strings, errors
and order on a tree with nesting, skipped folders, excludes, case, and symlinks to files,
folders and nowhere.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from runwright.discovery import MARKDOWN_SUFFIXES, SKIP_DIRS, Found, iter_files
from runwright.errors import InputError


def _reference(paths: Sequence[str], exclude: Sequence[str]) -> Iterator[Found | InputError]:
    def excluded(rel: str) -> bool:
        return any(fnmatch.fnmatchcase(rel, p) or
                   (p.startswith("**/") and fnmatch.fnmatchcase(rel, p[3:])) for p in exclude)

    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            yield InputError(f"{raw}: no such file or directory")
            continue
        if not p.is_dir():
            if str(p.resolve()) not in seen:
                seen.add(str(p.resolve()))
                yield Found(p, raw)
            continue
        count = 0
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(root, name), p)
                if not name.lower().endswith(MARKDOWN_SUFFIXES) or excluded(rel):
                    continue
                key = os.path.realpath(os.path.join(root, name))
                if key not in seen:
                    seen.add(key)
                    count += 1
                    yield Found(Path(root) / name, str(Path(root) / name))
        if count == 0:
            yield InputError(f"{raw}: no Markdown runbooks found in this directory")


def _shape(items: Iterator[Found | InputError]) -> list[tuple[str, str]]:
    return [("error", i.message) if isinstance(i, InputError) else (str(i.path), i.display)
            for i in items]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for rel in ("a/x.md", "a/README.md", "a/b/y.MD", "a/b/c/deep.md", "README.md",
                "c/z.markdown", "c/notes.txt", ".hidden/h.md", "node_modules/q.md",
                "d/e/TEMPLATE.md", "d/e/k.mkd", "top.md", "Z.md", "b.mdown", "empty/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# t\n", encoding="utf-8")
    (tmp_path / "c" / "linkdir").symlink_to("../a")
    (tmp_path / "c" / "alias.md").symlink_to("../a/x.md")
    (tmp_path / "c" / "broken.md").symlink_to("../nowhere.md")
    (tmp_path / "bdir").symlink_to("a/b")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("paths", [
    ["."], ["a", "c"], ["./c", "a/x.md", "c/alias.md"], ["ABS"], ["missing", "c/notes.txt",
                                                                  "a/b"],
    ["bdir", "a"], ["empty", "top.md", "top.md"], ["a/../a"],
])
@pytest.mark.parametrize("exclude", [
    (), ("**/README.md", "**/TEMPLATE.md", "**/CHANGELOG.md"), ("a/*", "*.md"), ("c/**",),
    ("**/b/*", "[Zz].md"),
])
def test_same_as_a_sorted_os_walk(tree: Path, paths: list[str],
                                  exclude: tuple[str, ...]) -> None:
    paths = [str(tree) if p == "ABS" else p for p in paths]
    expected = _shape(_reference(paths, exclude))
    assert _shape(iter_files(paths, exclude)) == expected
    assert expected  # the tree is not empty for any of these


def test_shared_corpus_same_as_reference(shared_corpus: Path) -> None:
    globs = ("**/README.md",)
    assert _shape(iter_files([str(shared_corpus)], globs)) == \
        _shape(_reference([str(shared_corpus)], globs))
