"""Template contexts for the home page and the runbook pages (plain, JSON-able data).

Everything a page shows besides its Markdown body is computed here, so that the incremental
build can hash it: when a badge, a contact or an alert changes, the page is rebuilt.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from typing import Any

from runwright.catalog import CatalogEntry
from runwright.model import Runbook
from runwright.names import github_slug
from runwright.site.collect import SitePage

CATEGORY_LABELS = {"deployment": "Deployment", "incidents": "Incidents",
                   "maintenance": "Maintenance", "": "Other"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def root_prefix(page: str) -> str:
    """``../`` once per folder level of ``page``, so that links work from ``file://``."""
    return "../" * page.count("/")


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("-", " ").replace("_", " ").title())


def freshness(entry: CatalogEntry) -> dict[str, str]:
    rb = entry.runbook
    updated = rb.metadata.last_updated if rb is not None else None
    if updated is None or entry.fresh is None:
        return {"state": "unknown", "text": "no update date",
                "title": "The runbook does not say when it was last updated"}
    if entry.fresh:
        return {"state": "fresh", "text": "fresh",
                "title": f"Updated {updated.isoformat()}; reviewed every "
                         f"{entry.max_age_days} days"}
    return {"state": "stale", "text": "stale",
            "title": f"Updated {updated.isoformat()}, more than {entry.max_age_days} days ago"}


def tested(entry: CatalogEntry) -> dict[str, str]:
    """The test badge: the last test in which steps ran (with how many of its steps ran when
    some were skipped), or a later test in which no step ran; ``tags`` are the catalogue
    filter's values (a runbook whose tests never ran a step is also "never" tested)."""
    record, later = entry.last_tested, entry.not_tested_since
    skipped = later is not None and later.status != "failed"
    if record is None and later is None:
        return {"state": "never", "text": "never tested", "tags": "never",
                "title": "No run of `runwright test` is recorded in the journal"}
    if record is None:
        assert later is not None
        day = later.when.date().isoformat()
        what = ("skipped every step" if skipped else "failed before any step ran")
        return {"state": "skipped" if skipped else "failed",
                "text": f"{'skipped' if skipped else 'failed'} {day}",
                "tags": ("skipped" if skipped else "failed") + "|never",
                "title": f"Never really tested: the last test, on {day}, {what} "
                         f"(run {later.run_id})"}
    state = "passed" if record.passed else "failed"
    day = record.when.date().isoformat()
    text = f"tested {day}" if record.passed else f"failed {day}"
    title = f"Last test {state} on {day} (run {record.run_id})"
    if record.partial:
        text += f" ({record.steps_run}/{record.steps} steps)"
        title += (f": {record.steps_run} of {record.steps} steps ran, "
                  f"{record.steps - record.steps_run} skipped")
    tags = state
    if later is not None:
        title += (f"; the test on {later.when.date().isoformat()} (run {later.run_id}) "
                  + ("skipped every step" if skipped else "failed before any step ran"))
        tags += "|skipped" if skipped else ""
    return {"state": state, "text": text, "title": title, "tags": tags}


def link_resolver(page: SitePage, targets: Mapping[str, str]) -> Any:
    """A function mapping an href in ``page``'s Markdown to its href on the site.

    Relative links to another published runbook (``../incidents/db.md#step-2``) point at its
    page; other hrefs are kept as written.
    """
    here = posixpath.dirname(page.source_rel)
    page_dir = posixpath.dirname(page.page)

    def resolve(href: str) -> str:
        if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
            return href
        path, sep, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(here, _unquote(path)))
        page_target = targets.get(target)
        if page_target is None:
            return href
        rel = posixpath.relpath(page_target, page_dir or ".")
        return rel + (sep + fragment if sep else "")

    return resolve


def _unquote(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)


def page_context(page: SitePage, resolved_links: Mapping[str, str]) -> dict[str, Any]:
    """Everything a runbook page shows besides its body."""
    entry = page.entry
    rb = entry.runbook
    assert rb is not None
    return {
        "page": page.page,
        "root": root_prefix(page.page),
        "title": entry.title,
        "show_h1": rb.title_source != "heading",
        "lang": rb.language or "en",
        "kind": rb.kind,
        "category": entry.category,
        "category_id": github_slug(entry.category) or "other",
        "category_label": category_label(entry.category),
        "source": entry.rel,
        "meta": _meta_rows(rb),
        "steps": len(rb.steps),
        "fresh": freshness(entry),
        "tested": tested(entry),
        "contacts": [[c.label, c.value] for c in rb.contacts],
        "alerts": [{"name": a.name, "source": a.source, "severity": a.severity,
                    "anchor": a.anchor, "summary": a.summary}
                   for a in page.alerts] + _front_matter_alerts(rb, page),
        "tasks": any(i.is_task for i in (*rb.prerequisites, *rb.verification))
        or "- [ ]" in rb.source or "* [ ]" in rb.source,
        "links": dict(resolved_links),
    }


def _meta_rows(rb: Runbook) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    for f in rb.metadata.fields:
        if f.name in seen or not f.value.strip():
            continue
        seen.add(f.name)
        rows.append([f.label if f.source == "information" else f.label.replace("_", " ")
                     .capitalize(), f.value.strip()])
    tags = rb.front_matter.get("tags")
    if isinstance(tags, list) and tags:
        rows.append(["Tags", ", ".join(str(t) for t in tags)])
    return rows


def _front_matter_alerts(rb: Runbook, page: SitePage) -> list[dict[str, Any]]:
    names = rb.front_matter.get("alerts")
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list):
        return []
    known = {a.name for a in page.alerts}
    return [{"name": str(n), "source": "front matter", "severity": None, "anchor": None,
             "summary": None}
            for n in names if str(n) not in known]


def home_entries(pages: Sequence[SitePage]) -> list[dict[str, Any]]:
    """The catalogue, grouped by category, for the home page template."""
    order = ["deployment", "incidents", "maintenance"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for p in pages:
        rb = p.entry.runbook
        assert rb is not None
        owners = list(rb.metadata.owners) or ([rb.metadata.owner] if rb.metadata.owner else [])
        groups.setdefault(p.entry.category, []).append({
            "title": p.entry.title,
            "url": p.page,
            "source": p.entry.rel,
            "owners": owners,
            "updated": rb.metadata.last_updated.isoformat() if rb.metadata.last_updated
            else None,
            "fresh": freshness(p.entry),
            "tested": tested(p.entry),
            "search": " ".join([p.entry.title, p.entry.rel, *owners]).lower(),
        })
    names = [c for c in order if c in groups]
    names += sorted(c for c in groups if c not in order and c)
    names += [""] if "" in groups else []
    return [{"id": github_slug(c) or "other", "label": category_label(c), "entries": groups[c]}
            for c in names]


