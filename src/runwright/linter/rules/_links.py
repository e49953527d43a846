"""Resolving relative links and anchors for RW901 and RW902."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from runwright.model import Link, Runbook
from runwright.names import github_slug

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HTML_ANCHOR = re.compile(r"<a\s[^>]*?(?:name|id)\s*=\s*[\"']([^\"']+)[\"']|\sid\s*=\s*[\"']"
                          r"([^\"']+)[\"']", re.I)
_ANCHORS: dict[tuple[str, float, str, str | None], frozenset[str]] = {}


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


#: Where a site generator keeps the page a site-absolute link names: the repository root,
#: Hugo's ``content/``, MkDocs' ``docs/``, Middleman's ``source/``.
SITE_FOLDERS = ("", "content", "docs", "source")
#: The sources a generated page is built from: ``page.html`` from ``page.html.md`` or
#: ``page.html.md.erb`` (Middleman), ``page.html.erb``, ``page.md`` (Hugo, Jekyll).
_PAGE_SOURCES = (".html.md", ".html.md.erb", ".html.markdown", ".html.erb", ".md", ".md.erb")


def exists(target: Path, root: Path, site_absolute: bool, file_path: Path | None = None,
           link_path: str = "") -> bool | None:
    """Whether a link target exists, as a file or folder, or as a page of a static site
    generator; None when the link is of a form that cannot be checked precisely.

    Accepted: ``page`` for ``page.md``, ``page/index.md``, ``page/_index.md`` or
    ``page/README.md``; ``page.html`` for its source (``page.html.md``, ``page.html.md.erb``,
    ``page.md`` ...); ``page.md`` for ``page.md.erb``; a site-absolute ``/docs/page`` under
    the repository root, ``content/``, ``docs/`` or ``source/`` of any folder above the file
    (the site's root). Not checked (None): a generated page (``.html``) with no source found,
    which a template or a generator plug-in may make, and a target outside the repository.
    """
    if target.exists():
        return True
    bases = [target]
    if site_absolute:
        rel = link_path.lstrip("/")
        # The site's root is the repository root, or any folder above the file.
        tops = [root, *(file_path.parents if file_path is not None else ())]
        for top in dict.fromkeys(tops):
            bases += [top / folder / rel if folder else top / rel for folder in SITE_FOLDERS]
    suffix = target.suffix.lower()
    for base in bases:
        if suffix in (".html", ".htm"):
            stem = base.with_suffix("")
            if any(stem.with_name(stem.name + ext).exists() for ext in _PAGE_SOURCES) or \
                    base.exists():
                return True
        elif suffix:
            if base.exists() or base.with_name(base.name + ".erb").exists():
                return True
        elif any(candidate.exists() for candidate in (
                base, base.with_name(base.name + ".md"), base.with_name(base.name + ".md.erb"),
                base / "index.md", base / "_index.md", base / "README.md")):
            return True
    if suffix in (".html", ".htm"):
        return None
    try:
        Path(os.path.realpath(target)).relative_to(root.resolve())
    except ValueError:  # outside the repository: not ours to check
        return None
    return False


#: How heading anchors are made: ``auto`` (GitHub's, with runs of dashes collapsed too, and
#: the site generator's when the house style names one), or exactly one generator's.
SLUG_STYLES = ("auto", "github", "gitlab", "mkdocs")


def gitlab_slug(text: str) -> str:
    """GitLab's anchor: GitHub's, with runs of dashes made one."""
    return re.sub(r"-{2,}", "-", github_slug(text))


def mkdocs_slug(text: str) -> str:
    """MkDocs' (Python-Markdown ``toc``) anchor: accents dropped to ASCII, punctuation
    dropped, lower-case, runs of spaces and dashes made one dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())


_SLUGS: dict[str, tuple[Callable[[str], str], str]] = {
    "github": (github_slug, "-"), "gitlab": (gitlab_slug, "-"), "mkdocs": (mkdocs_slug, "_")}


def _slugged(runbook: Runbook, style: str) -> set[str]:
    """The heading anchors of one generator, repeated titles numbered its way."""
    slug, sep = _SLUGS[style]
    seen: dict[str, int] = {}
    out: set[str] = set()
    for s in runbook.sections:
        base = slug(s.title)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}{sep}{n}")
    return out


def anchors_of(runbook: Runbook, style: str = "auto", site: str | None = None
               ) -> frozenset[str]:
    """Every anchor a file offers: heading slugs in ``style`` (``auto``: GitHub's, runs of
    dashes collapsed, and the ``site`` generator's), ``{#id}`` heading attributes, HTML
    ids and names."""
    ids = {s.heading_id.lower() for s in runbook.sections if s.heading_id}
    found = {s.anchor.lower() for s in runbook.sections if s.anchor}  # GitHub's
    if style == "auto":
        # MkDocs / Python-Markdown collapse runs of dashes ("a - b" -> "a-b"); accept both.
        found |= {re.sub(r"-{2,}", "-", a).strip("-") for a in found}
        if site in _SLUGS:
            found |= _slugged(runbook, site)
    elif style != "github":
        found = _slugged(runbook, style)
    found |= ids
    if style in ("auto", "github", "gitlab"):
        # A forge shows "## Title {#id}" as written: its slug has the attribute in it.
        for s in runbook.sections:
            raw = runbook.lines[s.line - 1] if s.line <= len(runbook.lines) else ""
            if "{" in raw and "{" not in s.title:
                found.add(_SLUGS["github" if style == "auto" else style][0](
                    raw.strip().lstrip("#").strip()))
    for m in _HTML_ANCHOR.finditer(runbook.source):
        found.add((m.group(1) or m.group(2)).lower())
    return frozenset(found)


def anchors_in_file(path: Path, style: str = "auto", site: str | None = None
                    ) -> frozenset[str] | None:
    """Anchors of another Markdown file (cached by path, modification time and style)."""
    from runwright.errors import RunwrightError
    from runwright.parser import load

    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    key = (str(path.resolve()), stamp, style, site)
    cached = _ANCHORS.get(key)
    if cached is not None:
        return cached
    try:
        runbook = load(path)
    except (RunwrightError, OSError):  # an unreadable target: nothing to check against
        return None
    result = anchors_of(runbook, style, site)
    if len(_ANCHORS) > 4096:
        _ANCHORS.clear()
    _ANCHORS[key] = result
    return result
