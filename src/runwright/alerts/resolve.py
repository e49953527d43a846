"""Resolving an alert's runbook link to a runbook file and heading anchor.

A link may be an absolute URL under a mapped base (``[alerts.url_base]`` or ``--url-base
URL=DIR``), a path relative to the rule file, to the repository root or to the runbook folder,
with an optional ``#anchor``. File names are matched without regard to case (sites lower-case
their URLs while the files are CamelCase), with or without ``.md``, and a folder is searched for
a file named after the alert. Anchors are checked against GitHub's heading slugs.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from runwright.alerts.rules import Alert
from runwright.names import github_slug

Status = Literal["ok", "missing", "todo", "templated", "unmapped", "broken", "bad-anchor"]
#: Statuses that make ``alerts check`` fail.
PROBLEMS: frozenset[str] = frozenset({"missing", "todo", "broken", "bad-anchor"})

_TODO = re.compile(r"^(todo|tbd|fixme|xxx|n/?a|none|-|\?+)\b", re.IGNORECASE)
#: Template markup in a link (``{{ $labels.team }}``, ``{% ... %}``, ``${...}``).
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}", re.DOTALL)
_ALERTNAME = re.compile(r"\{\{\s*\$labels\.alertname\s*\}\}|\{\{\s*\.Labels\.alertname\s*\}\}")
_MD = (".md", ".markdown")
_INDEX = ("index.md", "_index.md", "README.md", "readme.md")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an alert's link points to."""

    status: Status
    path: Path | None = None  # the runbook file, when found
    anchor: str | None = None
    detail: str = ""


def _norm_base(url: str) -> str:
    parts = urlsplit(url.strip())
    return (parts.netloc.lower() + parts.path.rstrip("/")).lower()


def _child_ci(folder: Path, name: str) -> Path | None:
    """``folder/name``, the name matched without regard to case."""
    exact = folder / name
    if exact.exists():
        return exact
    lowered = name.lower()
    for entry in _listdir(folder):
        if entry.lower() == lowered:
            return folder / entry
    return None


@lru_cache(maxsize=4096)
def _listdir(folder: Path) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


def _find_file(base: Path, rel: str, alert: str) -> Path | None:
    """The runbook file for ``rel`` under ``base``: case-insensitive, ``.md`` optional."""
    current = base
    parts = [p for p in rel.split("/") if p and p != "."]
    for i, part in enumerate(parts):
        if part == "..":
            current = current.parent
            continue
        last = i == len(parts) - 1
        hit = _child_ci(current, part)
        if hit is None and last:
            for suffix in _MD:
                hit = _child_ci(current, part + suffix)
                if hit is not None:
                    break
        if hit is None:
            return None
        current = hit
    if current.is_file():
        return current
    if current.is_dir():
        for candidate in (alert + ".md", *_INDEX):
            hit = _child_ci(current, candidate)
            if hit is not None and hit.is_file() and (candidate != "_index.md" or not parts):
                return hit
        for candidate in _INDEX:
            hit = _child_ci(current, candidate)
            if hit is not None and hit.is_file():
                return hit
    return None


def _markdown_file(path: Path | None, root: Path, alert: str, folder: bool) -> Path | None:
    """Where the resolver would look for ``path``'s runbook, when that lies inside ``root``.

    A folder link gives ``<folder>/<alert>.md``; a name without a Markdown suffix gets ``.md``
    added (sites drop it); an ``.html`` link gives None (no file would resolve it).
    """
    if path is None:
        return None
    path = Path(os.path.normpath(path))
    if folder or path.is_dir():
        path = path / f"{alert}.md"
    elif path.suffix.lower() in (".html", ".htm"):
        return None
    elif path.suffix.lower() not in _MD:
        path = path.with_name(path.name + ".md")
    return path if path.resolve().is_relative_to(root) else None


def anchors_of(path: Path) -> frozenset[str]:
    """The anchors a reader can link to in a runbook: heading slugs and HTML ids/names."""
    return _anchors(path, path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=1024)
def _anchors(path: Path, _mtime: int) -> frozenset[str]:
    from runwright.errors import InputError
    from runwright.parser import load

    try:
        rb = load(path)
    except InputError:
        return frozenset()
    found = {s.anchor for s in rb.sections if s.anchor}
    found |= {github_slug(s.title) for s in rb.sections}
    found |= set(re.findall(r"<a\s[^>]*(?:name|id)=[\"']([^\"']+)[\"']", rb.source))
    return frozenset(found)


class Resolver:
    """Resolves links for one repository: its root, runbook folder and URL-base mappings."""

    def __init__(self, root: Path, runbooks: Path | None,
                 url_bases: Mapping[str, str | os.PathLike[str]]) -> None:
        self.root = root.resolve()
        self.runbooks = runbooks.resolve() if runbooks is not None else None
        # longest base first, so that a more specific mapping wins
        bases = [(_norm_base(url), self._dir(d)) for url, d in url_bases.items()]
        self.bases = sorted(bases, key=lambda b: -len(b[0]))

    def _dir(self, folder: str | os.PathLike[str]) -> Path:
        p = Path(folder)
        return (p if p.is_absolute() else self.root / p).resolve()

    def resolve(self, alert: Alert) -> Resolution:
        link = (alert.link or "").strip()
        if not link:
            return Resolution("missing", detail="no runbook_url or runbook annotation")
        link = _ALERTNAME.sub(alert.name, link)
        if _TODO.match(link):
            return Resolution("todo", detail=f"placeholder link {link!r}")
        if TEMPLATE.search(link):
            return Resolution("templated", detail=f"templated link {link!r} cannot be resolved "
                                                  "without the alert's labels")
        target, _, fragment = link.partition("#")
        anchor = unquote(fragment) or None
        parts = urlsplit(target)
        if parts.scheme in ("http", "https"):
            path = self._from_url(target, alert.name)
            if path is None:
                if self._mapped(target):
                    return Resolution("broken", anchor=anchor, detail="no runbook file for "
                                      f"{link} under the mapped folder")
                return Resolution("unmapped", anchor=anchor, detail=f"{link} is not under any "
                                  "mapped URL base; add [alerts.url_base] or --url-base URL=DIR")
        elif parts.scheme:
            return Resolution("unmapped", detail=f"cannot check a {parts.scheme}: link")
        else:
            path = self._from_path(unquote(target), alert)
            if path is None:
                return Resolution("broken", anchor=anchor,
                                  detail=f"no runbook file at {target!r}")
        return self._check_anchor(path, anchor)

    def intended(self, alert: Alert) -> Path | None:
        """The file a link names when that runbook does not exist yet, else None.

        Only a link that resolves inside the repository counts: a URL under a mapped base or a
        relative path (to the rule file, the repository root or the runbook folder, whichever
        holds the link's folder; else the root). ``.md`` is added when the link has no suffix
        (sites drop it); a link to anything but Markdown, or to a folder, gives None.
        """
        if self.resolve(alert).status != "broken":
            return None
        link = _ALERTNAME.sub(alert.name, (alert.link or "").strip())
        target = unquote(link.partition("#")[0])
        parts = urlsplit(target)
        if parts.scheme in ("http", "https"):
            path = self._url_target(target)
        elif parts.scheme or not target.strip("/"):
            return None
        elif os.path.isabs(target):
            path = Path(target)
        else:
            bases = [Path(alert.file).resolve().parent, self.root, *filter(None, [self.runbooks])]
            path = next((b / target for b in bases if (b / target).parent.is_dir()),
                        self.root / target)
        folder = not parts.scheme and target.endswith("/")
        return _markdown_file(path, self.root, alert.name, folder)

    def _url_target(self, url: str) -> Path | None:
        key = _norm_base(url)
        for base, folder in self.bases:
            if key.startswith(base + "/"):
                original = unquote(urlsplit(url).path).rstrip("/")
                rest = original[len(original) - len(key[len(base):].strip("/")):]
                return folder / rest if rest else None
        return None

    def _mapped(self, url: str) -> bool:
        key = _norm_base(url)
        return any(key == b or key.startswith(b + "/") for b, _ in self.bases)

    def _from_url(self, url: str, alert: str) -> Path | None:
        key = _norm_base(url)
        for base, folder in self.bases:
            if key == base or key.startswith(base + "/"):
                rest = unquote(key[len(base):].strip("/"))
                # the base was lower-cased for matching: take the rest from the original URL
                original = unquote(urlsplit(url).path.rstrip("/"))
                if rest:
                    rest = original[len(original) - len(rest):]
                return _find_file(folder, rest, alert)
        return None

    def _from_path(self, target: str, alert: Alert) -> Path | None:
        if not target:
            return None
        if os.path.isabs(target):
            p = Path(target)
            return _find_file(Path(p.anchor), str(p.relative_to(p.anchor)), alert.name)
        bases = [Path(alert.file).resolve().parent, self.root]
        if self.runbooks is not None:
            bases.append(self.runbooks)
        for base in bases:
            hit = _find_file(base, target, alert.name)
            if hit is not None:
                return hit
        return None

    def _check_anchor(self, path: Path, anchor: str | None) -> Resolution:
        path = path.resolve()
        if not anchor:
            return Resolution("ok", path=path)
        anchors = anchors_of(path)
        if anchor in anchors or anchor.lower() in anchors or github_slug(anchor) in anchors:
            return Resolution("ok", path=path, anchor=anchor)
        near = difflib.get_close_matches(anchor.lower(), sorted(anchors), n=1)
        hint = f"; did you mean #{near[0]}?" if near else ""
        return Resolution("bad-anchor", path=path, anchor=anchor,
                          detail=f"no heading with anchor #{anchor}{hint}")
