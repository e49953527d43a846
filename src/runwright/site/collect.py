"""What the site shows: the catalogue entries, their pages, alerts and link targets.

One :func:`runwright.catalog.scan` of the repository gives the runbooks with their category,
freshness and last test; the alert rule files (``[alerts] rules``) add, for each runbook, the
alerts whose runbook link points at it. Each runbook gets a page path that mirrors its path
under the runbook folder (``incidents/database-down.md`` -> ``incidents/database-down.html``).
"""

from __future__ import annotations

import dataclasses
import importlib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runwright.catalog import Catalog, CatalogEntry, scan
from runwright.config import Config


@dataclass(frozen=True, slots=True)
class AlertLink:
    """An alert whose runbook link resolves to a runbook."""

    name: str
    source: str  # the rule file (and line) it is defined in
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class SitePage:
    """One runbook and where its page goes."""

    entry: CatalogEntry
    page: str  # posix path of the HTML page, relative to the site root
    source_rel: str  # posix path of the runbook relative to its runbook folder
    alerts: tuple[AlertLink, ...] = ()


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
    catalog = scan(root, config)
    bases = [(root / p).resolve() for p in config.paths]
    alerts = _alerts(root, config)
    pages: list[SitePage] = []
    errors: list[CatalogEntry] = []
    for entry in catalog.entries:
        if entry.runbook is None:
            errors.append(entry)
            continue
        source_rel = _relative_to_base(entry.path.resolve(), bases, entry.rel)
        stem, _ = posixpath.splitext(source_rel)
        page = (stem or source_rel) + ".html"
        if page == "index.html":
            page = "index-runbook.html"
        pages.append(SitePage(entry=entry, page=page, source_rel=source_rel,
                              alerts=tuple(alerts.get(entry.rel, ()))))
    return Collection(catalog=catalog, pages=tuple(pages), errors=tuple(errors))


def _relative_to_base(path: Path, bases: list[Path], fallback: str) -> str:
    for base in bases:
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return fallback


def _alerts(root: Path, config: Config) -> Mapping[str, list[AlertLink]]:
    """Alerts per runbook (keys: paths relative to ``root``), from ``[alerts] rules``."""
    rule_files = config.section("alerts").get("rules") or ()
    if not rule_files:
        return {}
    try:
        module = importlib.import_module("runwright.alerts")
    except ImportError:
        return {}
    by_runbook = getattr(module, "alerts_by_runbook", None)
    if by_runbook is None:
        return {}
    raw: Mapping[str, list[Any]] = by_runbook([root / f for f in rule_files], root, config)
    out: dict[str, list[AlertLink]] = {}
    for key, refs in raw.items():
        out[str(key)] = [_alert_link(ref) for ref in refs]
    return out


def _alert_link(ref: Any) -> AlertLink:
    name = str(getattr(ref, "name", None) or getattr(ref, "alert", None) or ref)
    source = getattr(ref, "source", None) or getattr(ref, "file", None) or ""
    line = getattr(ref, "line", None)
    where = f"{source}:{line}" if source and line else str(source)
    severity = getattr(ref, "severity", None)
    return AlertLink(name=name, source=where, severity=str(severity) if severity else None)
