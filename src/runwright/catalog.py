"""One scan of a repository's runbooks, shared by ``index`` and ``audit``; the README catalogue.

:func:`scan` reads every runbook under the configured paths (default ``docs/runbooks``), keeps
the files it cannot read as entries with an ``error`` instead of raising, and works out each
runbook's category (its first folder: ``deployment``, ``incidents``, ``maintenance`` ...), age,
freshness and, when a run journal exists, when it was last tested.

:func:`write_index` turns a catalogue into ``docs/runbooks/README.md``: one table per category,
written between ``<!-- runwright:index:start -->`` and ``<!-- runwright:index:end -->`` so
that the rest of the README stays the team's own text. The output is deterministic: the same
files, date and journal give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from runwright.clock import today
from runwright.config import Config
from runwright.errors import InputError
from runwright.model import Runbook

START_MARKER = "<!-- runwright:index:start -->"
END_MARKER = "<!-- runwright:index:end -->"
#: Categories in the order the catalogue lists them; other folders follow alphabetically.
CATEGORIES = ("deployment", "incidents", "maintenance")


class TestRecord(Protocol):
    """What the run journal says of one unattended test of a runbook."""

    @property
    def when(self) -> dt.datetime: ...

    @property
    def passed(self) -> bool: ...

    @property
    def run_id(self) -> str: ...

    @property
    def status(self) -> str: ...  # passed, failed or skipped

    @property
    def steps_run(self) -> int: ...  # steps whose commands ran

    @property
    def steps(self) -> int: ...  # steps the test went through, skipped ones included

    @property
    def partial(self) -> bool: ...  # some steps ran, others were skipped


class TestHistory(Protocol):
    @property
    def tested(self) -> TestRecord | None: ...

    @property
    def not_tested_since(self) -> TestRecord | None: ...


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One runbook file of the repository."""

    path: Path
    rel: str  # posix path relative to the repository root
    category: str  # "deployment", "incidents", "maintenance", another folder name, or ""
    runbook: Runbook | None
    error: str | None
    age_days: int | None
    fresh: bool | None
    #: the latest test in which at least one step ran (a run that skipped every step is no
    #: test of the runbook)
    last_tested: TestRecord | None
    max_age_days: int = 180
    #: the latest test, when no step ran in it (it is newer than ``last_tested``)
    not_tested_since: TestRecord | None = None

    @property
    def title(self) -> str:
        if self.runbook is not None and self.runbook.title:
            return self.runbook.title
        return Path(self.rel).stem


@dataclass(frozen=True, slots=True)
class Catalog:
    root: Path
    base: Path  # the first runbook folder (where README.md and TEMPLATE.md live)
    today: dt.date
    entries: tuple[CatalogEntry, ...]
    parsed: int = 0  # runbooks parsed from their text by this scan
    cached: int = 0  # runbooks taken from the parse cache

    def categories(self) -> list[str]:
        """Categories present, in catalogue order."""
        present = {e.category for e in self.entries}
        known = [c for c in CATEGORIES if c in present]
        others = sorted(c for c in present if c not in CATEGORIES and c)
        return known + others + ([""] if "" in present else [])

    def in_category(self, category: str) -> list[CatalogEntry]:
        return [e for e in self.entries if e.category == category]


def _journal(config: Config, root: Path) -> Mapping[str, TestHistory]:
    import importlib

    try:  # the journal is optional: the catalogue works without it
        journal = importlib.import_module("runwright.runner.journal")
    except ImportError:
        return {}
    runbook_tests = getattr(journal, "runbook_tests", None)
    if runbook_tests is None:
        return {}
    records: Mapping[str, TestHistory] = runbook_tests(config, root)
    return records


def _category(rel_to_base: str) -> str:
    parts = rel_to_base.split("/")
    if len(parts) < 2:
        return ""
    folder = parts[0]
    aliases = {"deployments": "deployment", "deploy": "deployment", "incident": "incidents",
               "alerts": "incidents"}
    return aliases.get(folder, folder)


def scan(root: Path, config: Config, today_: dt.date | None = None,
         cache: bool = False) -> Catalog:
    """Read every runbook under the configured paths of the repository at ``root``.

    Large repositories are parsed on every core (see :func:`runwright.parse_cache.load_many`);
    with ``cache``, runbooks whose bytes were parsed before are taken from the parse cache in
    the state directory instead. The result is the same either way, in path order.
    """
    from runwright.discovery import iter_files
    from runwright.parse_cache import ParseCache, cache_folder, load_many

    root = root.resolve()
    day = today_ or today()
    tested = _journal(config, root)
    found: list[tuple[Path, str, str]] = []  # path, rel, category
    bases = [root / p for p in config.paths]
    real_dirs: dict[str, str] = {}
    for base in bases:
        if not base.is_dir():
            continue
        for item in iter_files([base], config.exclude):
            if isinstance(item, InputError):
                continue  # an empty folder: nothing to list
            found.append((item.path, _rel(item.path, root, real_dirs),
                          _category(item.path.relative_to(base).as_posix())))
    store = ParseCache(cache_folder(root)) if cache else None
    try:
        loaded, stats = load_many([(path, rel) for path, rel, _ in found], config.max_file_size,
                                  store)
        if store is not None:
            seen = [os.path.abspath(path) for path, _, _ in found]
            for base in bases:
                store.prune(base, seen)
    finally:
        if store is not None:
            store.close()
    entries: list[CatalogEntry] = []
    for (path, rel, category), result in zip(found, loaded, strict=True):
        runbook = result if isinstance(result, Runbook) else None
        error = result.message if isinstance(result, InputError) else None
        age = fresh = None
        max_age = config.max_age_days
        if runbook is not None and runbook.metadata.last_updated is not None:
            age = (day - runbook.metadata.last_updated).days
            max_age = runbook.metadata.review_interval_days or max_age
            fresh = age <= max_age
        history = tested.get(rel)
        entries.append(CatalogEntry(
            path=path, rel=rel, category=category, runbook=runbook, error=error, age_days=age,
            fresh=fresh, last_tested=history.tested if history is not None else None,
            max_age_days=max_age,
            not_tested_since=history.not_tested_since if history is not None else None))
    entries.sort(key=lambda e: e.rel)
    return Catalog(root=root, base=bases[0], today=day, entries=tuple(entries),
                   parsed=stats.parsed, cached=stats.cached)


def _rel(path: Path, root: Path, real_dirs: dict[str, str]) -> str:
    """The posix path of ``path`` relative to ``root`` once symlinks are resolved (the
    resolved path when it lies outside ``root``); each folder is resolved once."""
    folder, name = os.path.split(path)
    real = real_dirs.get(folder)
    if real is None:
        real = real_dirs[folder] = os.path.realpath(folder)
    full = os.path.join(real, name)
    if os.path.islink(full) and os.path.exists(full):
        full = os.path.realpath(full)  # a broken link keeps its own name
    real_path = Path(full)
    if real_path.is_relative_to(root):
        return real_path.relative_to(root).as_posix()
    return path.as_posix()


# ---------------------------------------------------------------------------------------------
# The README catalogue

_TEXT = {
    "fr": {
        "heading": "Runbooks",
        "intro": "Les procédures d'exploitation de ce dépôt. Le tableau ci-dessous est généré "
                 "par `runwright index` : ne le modifiez pas à la main, le texte hors des "
                 "marqueurs est libre.",
        "columns": ("Runbook", "Responsable", "Mise à jour", "Temps estimé", "Fréquence",
                    "Fraîcheur", "Dernier test"),
        "deployment": "Déploiement", "incidents": "Incidents", "maintenance": "Maintenance",
        "": "Autres", "fresh": "à jour (jusqu'au {date})",
        "stale": "obsolète (depuis le {date})", "never": "jamais",
        "passed": "réussi", "failed": "échoué", "unreadable": "illisible",
        "partial": "{ran} étape(s) exécutée(s) sur {steps}",
        "no_step": "{date} : {status}, aucune étape exécutée",
        "skipped": "ignoré",
        "empty": "Aucun runbook pour l'instant : `runwright new incident \"Titre\"`.",
        "count": "{n} runbook(s) ; âge maximal avant revue : {max_age} jours.",
    },
    "en": {
        "heading": "Runbooks",
        "intro": "The operational procedures of this repository. The tables below are "
                 "generated by `runwright index`: do not edit them by hand; text outside the "
                 "markers is yours.",
        "columns": ("Runbook", "Owner", "Last updated", "Estimated time", "Frequency",
                    "Freshness", "Last tested"),
        "deployment": "Deployment", "incidents": "Incidents", "maintenance": "Maintenance",
        "": "Other", "fresh": "fresh (until {date})", "stale": "stale (since {date})",
        "never": "never",
        "passed": "passed", "failed": "failed", "unreadable": "unreadable",
        "partial": "{ran} of {steps} steps ran",
        "no_step": "{date}: {status}, no step ran",
        "skipped": "skipped",
        "empty": "No runbooks yet: `runwright new incident \"Title\"`.",
        "count": "{n} runbook(s); maximum age before review: {max_age} days.",
    },
}


def _cell(text: str | None) -> str:
    if not text:
        return "—"
    return " ".join(text.split()).replace("|", "\\|")


def _row(entry: CatalogEntry, base: Path, t: Mapping[str, object]) -> str:
    link = os.path.relpath(entry.path, base).replace(os.sep, "/")
    title = _cell(entry.title).replace("[", "\\[").replace("]", "\\]")
    rb = entry.runbook
    if rb is None:
        return f"| [{title}]({link}) | {t['unreadable']} | — | — | — | — | — |"
    meta = rb.metadata
    updated = meta.last_updated.isoformat() if meta.last_updated else None
    if entry.fresh is None or meta.last_updated is None:
        fresh = "—"
    else:
        # A date, not a day count, so that the file only changes when a runbook goes stale.
        limit = meta.last_updated + dt.timedelta(days=entry.max_age_days)
        if not entry.fresh:
            limit += dt.timedelta(days=1)
        fresh = str(t["fresh" if entry.fresh else "stale"]).format(date=limit.isoformat())
    last = last_tested_text(entry, t)
    cells = [f"[{title}]({link})", _cell(meta.owner), _cell(updated),
             _cell(meta.estimated_time), _cell(meta.frequency), fresh, last]
    return "| " + " | ".join(cells) + " |"


def last_tested_text(entry: CatalogEntry, t: Mapping[str, object]) -> str:
    """The "Last tested" cell: the last test in which steps ran, how many of its steps ran
    when some were skipped, and a later test in which no step ran."""
    tested = entry.last_tested
    if tested is None:
        text = str(t["never"])
    else:
        what = str(t["passed" if tested.passed else "failed"])
        if tested.partial:
            what += ", " + str(t["partial"]).format(ran=tested.steps_run, steps=tested.steps)
        text = f"{tested.when.date().isoformat()} ({what})"
    later = entry.not_tested_since
    if later is not None:
        # A run that ended "passed" without running a step skipped them all.
        status = str(t["failed" if later.status == "failed" else "skipped"])
        text += "; " + str(t["no_step"]).format(date=later.when.date().isoformat(),
                                                status=status)
    return text


def render_index(catalog: Catalog, language: str) -> str:
    """The generated block (markers included) for a catalogue."""
    t = _TEXT["fr" if language == "fr" else "en"]
    out = [START_MARKER, ""]
    if not catalog.entries:
        out += [str(t["empty"]), ""]
    max_age = min((e.max_age_days for e in catalog.entries), default=180)
    for category in catalog.categories():
        name = str(t.get(category, category.replace("-", " ").capitalize()))
        out += [f"## {name}", ""]
        columns = t["columns"]
        assert isinstance(columns, tuple)
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "|".join("---" for _ in columns) + "|")
        out += [_row(e, catalog.base, t) for e in catalog.in_category(category)]
        out.append("")
    if catalog.entries:
        out += [str(t["count"]).format(n=len(catalog.entries), max_age=max_age), ""]
    out.append(END_MARKER)
    return "\n".join(out) + "\n"


def merge_readme(existing: str | None, block: str, language: str) -> str:
    """The README with the generated block put in place; the rest is kept as written."""
    t = _TEXT["fr" if language == "fr" else "en"]
    if existing is None:
        return f"# {t['heading']}\n\n{t['intro']}\n\n{block}"
    start = existing.find(START_MARKER)
    end = existing.find(END_MARKER, start + 1) if start >= 0 else -1
    if start >= 0 and end >= 0:
        tail = existing[end + len(END_MARKER):]
        if tail.startswith("\n"):
            tail = tail[1:]
        return existing[:start] + block + tail
    sep = "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    return existing + sep + block


@dataclass(frozen=True, slots=True)
class IndexResult:
    path: Path
    changed: bool
    diff: str  # unified diff from the file on disk to the expected content ("" when equal)
    written: bool
    #: runbooks that could not be read (listed as unreadable in the catalogue): (rel, message)
    errors: tuple[tuple[str, str], ...] = ()


def write_index(root: Path, config: Config, check: bool = False,
                today_: dt.date | None = None) -> IndexResult:
    """Write (or with ``check`` only compare) ``<runbooks>/README.md`` for the repository."""
    catalog = scan(root, config, today_)
    readme = catalog.base / "README.md"
    existing: str | None = None
    if readme.exists():
        try:
            existing = readme.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{readme}: cannot read: {exc}") from None
    content = merge_readme(existing, render_index(catalog, config.language), config.language)
    changed = content != existing
    try:
        shown = readme.relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(readme)
    diff = "" if not changed else "".join(difflib.unified_diff(
        (existing or "").splitlines(keepends=True), content.splitlines(keepends=True),
        fromfile=f"a/{shown}", tofile=f"b/{shown}"))
    written = False
    if changed and not check:
        readme.parent.mkdir(parents=True, exist_ok=True)
        tmp = readme.with_name(readme.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(readme)
        written = True
    errors = tuple((e.rel, e.error) for e in catalog.entries if e.error is not None)
    return IndexResult(path=readme, changed=changed, diff=diff, written=written, errors=errors)
