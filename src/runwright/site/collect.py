"""What the site shows: the catalogue entries, their pages, alerts and link targets.

One :func:`runwright.catalog.scan` of the repository gives the runbooks with their category,
freshness and last test; the alert rule files (``[alerts] rules``) add, for each runbook, the
alerts whose runbook link points at it. Each runbook gets a page path that mirrors its path
under the runbook folder (``incidents/database-down.md`` -> ``incidents/database-down.html``).
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from runwright.catalog import Catalog, CatalogEntry, scan
from runwright.config import Config


@dataclass(frozen=True, slots=True)
class AlertLink:
    """An alert whose runbook link resolves to a runbook."""

    name: str
    source: str  # the rule file and line it is defined in
    severity: str | None = None
    anchor: str | None = None  # the section of the runbook its link points at
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class SitePage:
    """One runbook and where its page goes."""

    entry: CatalogEntry
    page: str  # posix path of the HTML page, relative to the site root
    source_rel: str  # posix path of the runbook relative to its runbook folder
    alerts: tuple[AlertLink, ...] = ()
    base: Path | None = None  # the runbook folder it was found in


@dataclass(frozen=True, slots=True)
class Collection:
    catalog: Catalog
    pages: tuple[SitePage, ...]
    errors: tuple[CatalogEntry, ...]  # files that could not be read

    def by_source(self) -> dict[str, SitePage]:
        return {p.source_rel: p for p in self.pages}


def effective_config(root: Path, config: Config) -> Config:
    """The configuration, with ``paths = ["."]`` when ROOT holds none of the runbook folders.

    So ``runwright site build examples/`` publishes the runbooks of that folder directly.
    """
    if any((root / p).is_dir() for p in config.paths):
        return config
    data = dict(config.data)
    data["paths"] = (".",)
    return dataclasses.replace(config, data=data)


def collect(root: Path, config: Config) -> Collection:
    """Scan the repository at ``root`` and lay out one page per readable runbook."""
    root = root.resolve()
    config = effective_config(root, config)
    catalog = scan(root, config, cache=True)
    bases = [(root / p).resolve() for p in config.paths]
    alerts = _alerts(root, config)
    pages: list[SitePage] = []
    errors: list[CatalogEntry] = []
    for entry in catalog.entries:
        if entry.runbook is None:
            errors.append(entry)
            continue
        base, source_rel = _relative_to_base(entry.path.resolve(), bases, entry.rel)
        stem, _ = posixpath.splitext(source_rel)
        page = (stem or source_rel) + ".html"
        if page == "index.html":
            page = "index-runbook.html"
        pages.append(SitePage(entry=entry, page=page, source_rel=source_rel,
                              alerts=tuple(alerts.get(entry.rel, ())), base=base))
    return Collection(catalog=catalog, pages=tuple(pages), errors=tuple(errors))


def _relative_to_base(path: Path, bases: list[Path],
                      fallback: str) -> tuple[Path | None, str]:
    for base in bases:
        if path.is_relative_to(base):
            return base, path.relative_to(base).as_posix()
    return None, fallback


def _alerts(root: Path, config: Config) -> Mapping[str, list[AlertLink]]:
    """Alerts per runbook (keys: paths relative to ``root``), from ``[alerts] rules``.

    Rule files are relative to the configuration file's folder, as for ``alerts check``;
    unreadable rule files and links that do not resolve are left out (``alerts check``
    reports them).
    """
    configured = config.section("alerts").get("rules") or ()
    if not configured:
        return {}
    from runwright.alerts import alerts_by_runbook

    files = [Path(p) if Path(p).is_absolute() else config.root / p for p in configured]
    out: dict[str, list[AlertLink]] = {}
    for key, refs in alerts_by_runbook(files, root, config).items():
        out[key] = [AlertLink(name=r.name, source=f"{r.file}:{r.line}", severity=r.severity,
                              anchor=r.anchor, summary=r.summary) for r in refs]
    return out
