"""``runwright site build``: the static site, built incrementally.

The output folder holds ``index.html`` (the catalogue with filters), one page per runbook,
``assets/`` (stylesheet, script, search index) and ``.runwright-site.json``, the manifest of
what was built from what. A runbook page is rebuilt only when the hash of everything it shows
(source text, badges, contacts, alerts, resolved links, templates and runwright version)
changes; files whose bytes would not change are not rewritten. Pages of runbooks that were
removed are deleted; files runwright did not write are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment, PackageLoader, select_autoescape

from runwright import __version__
from runwright.config import Config
from runwright.errors import UsageError
from runwright.site.collect import Collection, SitePage, collect
from runwright.site.markdown import render_body
from runwright.site.pages import home_entries, link_resolver, page_context
from runwright.site.search import index_script

#: Bump when the generated HTML changes in a way the template hash does not capture.
SITE_FORMAT = "1"
MANIFEST = ".runwright-site.json"
ASSETS = ("site.css", "site.js")
DEFAULT_TITLE = "Runbooks"
#: Not SVG: opened on its own, an SVG file runs its scripts in the site's origin.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
MAX_IMAGE = 10 * 1024 * 1024
#: Builds with at least this many pages to render use worker processes.
PARALLEL_THRESHOLD = 64
MAX_WORKERS = 8


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: pages rendered, pages left as they were, pages removed, errors."""

    out: Path
    pages: int
    built: int
    unchanged: int
    removed: int
    errors: tuple[str, ...] = ()
    written: tuple[str, ...] = field(default=())  # site files (re)written, posix
    parsed: int = 0  # runbooks parsed from their text (the others came from the parse cache)
    cached: int = 0  # runbooks taken from the parse cache


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("runwright.site", "templates"),
                      autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    return env


@lru_cache(maxsize=1)
def _template_hash() -> str:
    """A hash of every template and asset, plus the runwright version."""
    digest = hashlib.sha256(f"{__version__}/{SITE_FORMAT}".encode())
    pkg = resources.files("runwright.site")
    for folder in ("templates", "assets"):
        for item in sorted(pkg.joinpath(folder).iterdir(), key=lambda t: t.name):
            if item.is_file():
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()


def _asset(name: str) -> bytes:
    return resources.files("runwright.site").joinpath("assets", name).read_bytes()


def content_security_policy(config: Config, header: bool = False) -> str:
    """The site's Content-Security-Policy: its own scripts, styles and images only; remote
    images too when ``[site] remote_images = true``. ``header``: the HTTP header form, with
    the directives a ``<meta>`` tag cannot carry."""
    images = "'self' https:" if config.section("site").get("remote_images") is True \
        else "'self'"
    policy = (f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; "
              "connect-src 'self'; base-uri 'none'; form-action 'self'")
    return policy + ("; frame-ancestors 'none'" if header else "")


def resolve_out(root: Path, config: Config, out: Path | None) -> Path:
    """The output folder: ``--out``, else ``[site] out`` (relative to the config), else
    ``_site`` under ROOT."""
    if out is not None:
        return out.resolve()
    configured = config.section("site").get("out")
    if isinstance(configured, str) and configured:
        return (config.root / configured).resolve()
    return (root / "_site").resolve()


def _check_out(out: Path, root: Path) -> dict[str, Any]:
    """The previous manifest, after making sure ``out`` is safe to write into."""
    if out == root or root.is_relative_to(out):
        raise UsageError(f"{out}: the output folder would contain the runbooks themselves",
                         hint="choose another folder with --out (default: _site)")
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return data if isinstance(data, dict) else {}
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: exists and is not a runwright site; refusing to write into it",
                         hint="choose an empty or new folder with --out")
    return {}


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly these bytes; True when written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _key(page_ctx: dict[str, Any], source: str, common: dict[str, Any]) -> str:
    payload = json.dumps([_template_hash(), common, page_ctx], sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode())
    digest.update(source.encode())
    return digest.hexdigest()


def build_site(root: Path, config: Config, out: Path | None = None,
               base_url: str | None = None, title: str | None = None) -> BuildReport:
    """Build (or update) the site for the runbooks of the repository at ``root``."""
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"{root}: no such directory")
    out = resolve_out(root, config, out)
    previous = _check_out(out, root)
    site = config.section("site")
    base = base_url if base_url is not None else site.get("base_url")
    common: dict[str, Any] = {
        "site_title": title or site.get("title") or DEFAULT_TITLE,
        "version": __version__,
        "asset_version": _template_hash()[:10],
        "base_url": (str(base).rstrip("/") + "/") if base else "",
        "csp": content_security_policy(config),
    }
    collection = collect(root, config)
    old_pages: dict[str, str] = dict(previous.get("pages") or {}) \
        if previous.get("format") == SITE_FORMAT else {}
    written: list[str] = []
    keys, built, unchanged = _build_pages(collection, out, common, old_pages, written)
    written += _build_shared(collection, out, common, config.language)
    images = _copy_images(collection, out, written)
    removed = _remove_stale(out, old_pages, keys)
    old_images = previous.get("images") if isinstance(previous.get("images"), list) else []
    _remove_stale(out, {str(i): "" for i in old_images or ()}, {i: "" for i in images})
    manifest = {"format": SITE_FORMAT, "pages": keys, "images": sorted(images)}
    _write(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    errors = tuple((e.error or f"{e.rel}: cannot read").replace(str(e.path), e.rel, 1)
                   for e in collection.errors)
    return BuildReport(out=out, pages=len(collection.pages), built=built, unchanged=unchanged,
                       removed=removed, errors=errors, written=tuple(written),
                       parsed=collection.catalog.parsed, cached=collection.catalog.cached)


def _build_pages(collection: Collection, out: Path, common: dict[str, Any],
                 old: dict[str, str], written: list[str]) -> tuple[dict[str, str], int, int]:
    targets = {p.source_rel: p.page for p in collection.pages}
    keys: dict[str, str] = {}
    todo: list[_Job] = []
    unchanged = 0
    for page in collection.pages:
        rb = page.entry.runbook
        assert rb is not None
        resolve = link_resolver(page, targets)
        links = {link.target: resolve(link.target) for link in rb.links}
        ctx = page_context(page, {k: v for k, v in links.items() if k != v})
        key = _key(ctx, rb.source, common)
        keys[page.page] = key
        if old.get(page.page) == key and (out / page.page).is_file():
            unchanged += 1
            continue
        todo.append(_Job(page, ctx, common, targets, str(out / page.page)))
    for page_path, changed in _run_jobs(todo):
        if changed:
            written.append(page_path)
    return keys, len(todo), unchanged


@dataclass(frozen=True, slots=True)
class _Job:
    page: SitePage
    ctx: dict[str, Any]
    common: dict[str, Any]
    targets: dict[str, str]
    dest: str


def _render_job(job: _Job) -> tuple[str, bool]:
    """Render and write one page (runs in a worker process for large builds)."""
    rb = job.page.entry.runbook
    assert rb is not None
    body = render_body(rb, link_resolver(job.page, job.targets))
    toc = [h for h in body.headings if h.level in (2, 3)]
    html = _environment().get_template("page.html").render(
        **job.common, **job.ctx, body=body.html, toc=toc,
        canonical=_canonical(job.common, job.page))
    return job.page.page, _write(Path(job.dest), html.encode())


def _render_packed(data: bytes) -> tuple[str, bool]:
    """:func:`_render_job` for a job packed by :func:`runwright.parse_cache.dumps`."""
    from runwright.parse_cache import loads

    job = loads(data)
    assert isinstance(job, _Job)
    return _render_job(job)


def _run_jobs(jobs: list[_Job]) -> list[tuple[str, bool]]:
    """Render pages, in parallel worker processes when there are many of them."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2:
        return [_render_job(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    from runwright.parse_cache import dumps

    chunk = max(1, len(jobs) // (workers * 8))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # packed: the runbooks inside travel in the model's fast pickled form
            return list(pool.map(_render_packed, map(dumps, jobs), chunksize=chunk))
    except (OSError, PermissionError):  # no process support (sandboxes): render here
        return [_render_job(job) for job in jobs]


def _canonical(common: dict[str, Any], page: SitePage | None) -> str:
    base = str(common["base_url"])
    if not base:
        return ""
    return base + (page.page if page is not None else "")


def _build_shared(collection: Collection, out: Path, common: dict[str, Any],
                  lang: str) -> list[str]:
    written: list[str] = []
    categories = home_entries(collection.pages)
    owners = sorted({o for c in categories for e in c["entries"] for o in e["owners"]})
    entries = [e for c in categories for e in c["entries"]]
    home = _environment().get_template("index.html").render(
        **common, root="", page="index.html", lang=lang, categories=categories, owners=owners,
        total=len(entries), canonical=_canonical(common, None),
        stale=sum(1 for e in entries if e["fresh"]["state"] == "stale"),
        never=sum(1 for e in entries if "never" in e["tested"]["tags"].split("|")))
    files: dict[str, bytes] = {"index.html": home.encode(),
                               "assets/search-index.js": index_script(collection.pages).encode()}
    for name in ASSETS:
        files[f"assets/{name}"] = _asset(name)
    if common["base_url"]:
        files["sitemap.xml"] = _sitemap(str(common["base_url"]), collection.pages).encode()
    for rel, data in files.items():
        if _write(out / rel, data):
            written.append(rel)
    return written


def _copy_images(collection: Collection, out: Path, written: list[str]) -> set[str]:
    """Copy the local images runbooks show (``![](../img/x.png)``) next to their pages.

    Pages mirror the runbook folder, so a relative image path stays valid once the file sits
    at the same place under the output folder. Only files inside the runbook folder, with an
    image extension and under :data:`MAX_IMAGE` bytes, are copied.
    """
    copied: set[str] = set()
    for page in collection.pages:
        rb = page.entry.runbook
        if rb is None or page.base is None:
            continue
        here = posixpath.dirname(page.source_rel)
        for link in rb.links:
            target = link.target.split("#", 1)[0].split("?", 1)[0]
            if not link.image or not target or target.startswith("/") or ":" in target:
                continue
            rel = posixpath.normpath(posixpath.join(here, unquote(target)))
            source = (page.base / rel).resolve()
            if (rel.startswith("../") or not source.is_relative_to(page.base)
                    or source.suffix.lower() not in IMAGE_SUFFIXES or not source.is_file()
                    or source.stat().st_size > MAX_IMAGE or rel in copied):
                continue
            copied.add(rel)
            if _write(out / rel, source.read_bytes()):
                written.append(rel)
    return copied


def _sitemap(base: str, pages: Iterable[SitePage]) -> str:
    from xml.sax.saxutils import escape

    urls = [base, *(base + p.page for p in pages)]
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{body}</urlset>\n')


def _remove_stale(out: Path, old: dict[str, str], current: dict[str, str]) -> int:
    removed = 0
    for page in sorted(set(old) - set(current)):
        path = out / page
        if path.is_file() and path.resolve().is_relative_to(out):
            path.unlink()
            removed += 1
            parent = path.parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return removed
