"""Resolving relative links and anchors for RW901 and RW902."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from runwright.model import Link, Runbook

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HTML_ANCHOR = re.compile(r"<a\s[^>]*?(?:name|id)\s*=\s*[\"']([^\"']+)[\"']|\sid\s*=\s*[\"']"
                          r"([^\"']+)[\"']", re.I)
_ANCHORS: dict[tuple[str, float], frozenset[str]] = {}


def is_checkable(link: Link) -> bool:
    """A relative link to a file or an anchor (not a URL, not a template)."""
    target = link.target.strip()
    if not target or _SCHEME.match(target) or target.startswith("//"):
        return False
    return not ("{{" in target or "{%" in target or "<%" in target or "$" in target)


def split(target: str) -> tuple[str, str | None]:
    """(path, fragment) with percent-escapes decoded; the query string is dropped."""
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), (unquote(fragment) if "#" in target else None)


def resolve(link_path: str, file_path: Path | None, root: Path) -> Path | None:
    """The file a relative link points to (``/x`` is relative to the repository root)."""
    if link_path.startswith("/"):
        return root / link_path.lstrip("/")
    if file_path is None:
        return None
    return file_path.parent / link_path


def exists(target: Path, root: Path, site_absolute: bool, file_path: Path | None = None,
           link_path: str = "") -> bool:
    """Whether a link target exists, as a file or folder, or as a page of a static site
    generator (``page`` -> ``page.md``, ``page/index.md``, ``page/_index.md``; a site-absolute
    ``/docs/page`` also under ``content/`` (Hugo) or ``docs/`` (MkDocs))."""
    if target.exists():
        return True
    if target.suffix:
        return False
    bases = [target]
    if site_absolute:
        rel = link_path.lstrip("/")
        # The site's root is the repository root, or any folder above the file.
        tops = [root, *(file_path.parents if file_path is not None else ())]
        for top in dict.fromkeys(tops):
            bases += [top / rel, top / "content" / rel, top / "docs" / rel]
    for base in bases:
        for candidate in (base.with_name(base.name + ".md"), base / "index.md",
                          base / "_index.md", base / "README.md"):
            if candidate.exists():
                return True
    return base.exists()


def anchors_of(runbook: Runbook) -> frozenset[str]:
    """Every anchor a file offers: heading slugs (GitHub rules) and HTML ids/names."""
    found = {s.anchor.lower() for s in runbook.sections if s.anchor}
    # MkDocs / Python-Markdown collapse runs of dashes ("a - b" -> "a-b"); accept both.
    found |= {re.sub(r"-{2,}", "-", a).strip("-") for a in found}
    for m in _HTML_ANCHOR.finditer(runbook.source):
        found.add((m.group(1) or m.group(2)).lower())
    return frozenset(found)


def anchors_in_file(path: Path) -> frozenset[str] | None:
    """Anchors of another Markdown file (cached by path and modification time)."""
    from runwright.errors import RunwrightError
    from runwright.parser import load

    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    key = (str(path.resolve()), stamp)
    cached = _ANCHORS.get(key)
    if cached is not None:
        return cached
    try:
        runbook = load(path)
    except (RunwrightError, OSError):  # an unreadable target: nothing to check against
        return None
    result = anchors_of(runbook)
    if len(_ANCHORS) > 4096:
        _ANCHORS.clear()
    _ANCHORS[key] = result
    return result
