"""Finding runbook files under the paths a command is given."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from runwright.errors import InputError

if TYPE_CHECKING:  # annotations only: importing the model costs start-up time
    from runwright.config import Config
    from runwright.model import Runbook

#: Markdown files, and Markdown through ERB (Middleman's ``page.html.md.erb``).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".md.erb")
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", "site-packages", ".runwright", "_site",
})


class Found:
    """A file to process: the path to show for it (relative when given relative), the same
    as a :class:`~pathlib.Path` (built on first use: a walk of thousands of files that only
    needs strings does not pay for them), and its real path (symbolic links resolved; a file
    reached twice is yielded once)."""

    __slots__ = ("_path", "display", "real")

    def __init__(self, path: Path | None, display: str, real: str = "") -> None:
        self._path = path
        self.display = display
        self.real = real or os.path.realpath(display)

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.display)
        return self._path

    def __repr__(self) -> str:
        return f"Found({self.display!r})"


def exclusion(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regular expression for the exclude globs (``fnmatchcase`` semantics); a
    ``**/X`` glob also matches a top-level ``X``."""
    globs = [*patterns, *(p[3:] for p in patterns if p.startswith("**/"))]
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs))


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    """Whether a path relative to the searched directory matches an exclude glob."""
    rx = exclusion(patterns)
    return rx is not None and rx.match(rel.replace(os.sep, "/")) is not None


def walk(top: str, exclude: re.Pattern[str] | None = None
         ) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """The one directory walk of runwright: ``(folder, Markdown files)`` for each folder under
    ``top``, in the order of a sorted top-down ``os.walk``.

    ``folder`` is named as ``os.walk`` names it; the files are sorted by name, minus those
    whose path relative to ``top`` matches ``exclude`` (see :func:`exclusion`). Skipped:
    :data:`SKIP_DIRS`, hidden folders, symbolic links to folders, folders that cannot be
    listed. Callers get :class:`os.DirEntry` objects, whose ``is_symlink()`` costs no system
    call and ``stat()`` one.
    """
    stack: list[tuple[str, str]] = [(top, "")]  # (folder as os.walk names it, relative prefix)
    while stack:
        root, rel_root = stack.pop()
        try:
            entries = list(os.scandir(root))
        except OSError:
            continue
        dirs: list[tuple[str, str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if name not in SKIP_DIRS and not name.startswith(".") \
                        and not entry.is_symlink():
                    dirs.append((name, entry.path))
            elif name.lower().endswith(MARKDOWN_SUFFIXES) and not (
                    exclude is not None
                    and exclude.match((rel_root + name).replace(os.sep, "/"))):
                files.append(entry)
        files.sort(key=lambda e: e.name)
        yield root, files
        for name, path in sorted(dirs, reverse=True):
            stack.append((path, f"{rel_root}{name}{os.sep}"))


def _walk(top: str, exclude: re.Pattern[str] | None, seen: set[str]) -> Iterator[Found]:
    """The Markdown files under ``top`` (see :func:`walk`), each real file once."""
    for root, files in walk(top, exclude):
        if not files:
            continue
        # Once per folder, not once per file: the prefixes that os.path.join would add.
        real_root = os.path.realpath(root)
        shown = str(Path(root))
        real_prefix = real_root if real_root.endswith(os.sep) else real_root + os.sep
        shown_prefix = "" if shown == "." else shown if shown.endswith(os.sep) \
            else shown + os.sep
        for entry in files:
            name = entry.name
            joined = real_prefix + name
            key = os.path.realpath(joined) if entry.is_symlink() else joined
            if key in seen:
                continue
            seen.add(key)
            yield Found(None, shown_prefix + name, key)


def iter_files(paths: Iterable[str | os.PathLike[str]],
               exclude: Sequence[str] = ()) -> Iterator[Found | InputError]:
    """Yield each Markdown file under ``paths`` (sorted, recursive), or an error per bad path.

    Files named explicitly are always yielded, whatever their extension or the exclusions; a
    directory yields its Markdown files minus the ``exclude`` globs (matched against the path
    relative to that directory). A path that does not exist, or a directory that holds no
    Markdown file, yields an :class:`InputError` in its place so that the others still run.
    """
    seen: set[str] = set()  # real paths already yielded (a file reached twice counts once)
    rx = exclusion(exclude)
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            yield InputError(f"{raw}: no such file or directory")
            continue
        if p.is_dir():
            count = 0
            for found in _walk(os.fspath(p), rx, seen):
                count += 1
                yield found
            if count == 0:
                yield InputError(f"{raw}: no Markdown runbooks found in this directory",
                                 hint="runbooks are files ending in .md")
        else:
            key = str(p.resolve())
            if key in seen:
                continue
            seen.add(key)
            yield Found(p, str(raw), key)


def iter_runbooks(paths: Sequence[str], config: Config, errors: list[InputError],
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Runbook]:
    """Parse every runbook under ``paths``; unreadable ones are collected in ``errors`` (and
    given to ``on_error`` as they come), and the others still parsed."""
    from runwright.parser import load

    for item in iter_files(paths, config.exclude):
        if isinstance(item, InputError):
            if on_error is not None:
                on_error(item)
            errors.append(item)
            continue
        try:
            yield load(item.path, item.display, max_size=config.max_file_size)
        except InputError as exc:
            if on_error is not None:
                on_error(exc)
            errors.append(exc)
