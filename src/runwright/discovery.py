"""Finding runbook files under the paths a command is given."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from runwright.errors import InputError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", "site-packages", ".runwright", "_site",
})


@dataclass(frozen=True, slots=True)
class Found:
    """A file to process, and the path to show for it (relative when given relative)."""

    path: Path
    display: str


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    rel = rel.replace(os.sep, "/")
    for pattern in patterns:
        if fnmatch.fnmatchcase(rel, pattern):
            return True
        # "**/README.md" also matches a top-level README.md
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False


def iter_files(paths: Iterable[str | os.PathLike[str]],
               exclude: Sequence[str] = ()) -> Iterator[Found | InputError]:
    """Yield each Markdown file under ``paths`` (sorted, recursive), or an error per bad path.

    Files named explicitly are always yielded, whatever their extension or the exclusions; a
    directory yields its Markdown files minus the ``exclude`` globs (matched against the path
    relative to that directory). A path that does not exist, or a directory that holds no
    Markdown file, yields an :class:`InputError` in its place so that the others still run.
    """
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            yield InputError(f"{raw}: no such file or directory")
            continue
        if p.is_dir():
            count = 0
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                real_root = os.path.realpath(root)  # once per folder, not once per file
                rel_root = os.path.relpath(root, p)
                for name in sorted(files):
                    if not name.lower().endswith(MARKDOWN_SUFFIXES):
                        continue
                    full = Path(root) / name
                    rel = name if rel_root == "." else os.path.join(rel_root, name)
                    if _excluded(rel, exclude):
                        continue
                    joined = os.path.join(real_root, name)
                    key = Path(os.path.realpath(joined) if os.path.islink(joined) else joined)
                    if key in seen:
                        continue
                    seen.add(key)
                    count += 1
                    yield Found(full, str(full))
            if count == 0:
                yield InputError(f"{raw}: no Markdown runbooks found in this directory",
                                 hint="runbooks are files ending in .md")
        else:
            key = p.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield Found(p, str(raw))
