"""``runwright audit``: the runbook standard's checklist over a whole repository.

Built on :func:`runwright.catalog.scan` (the same scan as the catalogue). Each item of the
checklist gets a status (pass, fail, or skip when it does not apply), the evidence (the files
that satisfy it or fail it), what to do, and points out of its weight. The score is the points
earned over the weights of the items that apply, scaled to 0-100.

=====================  ======  ============================================================
item                   weight  passes when
=====================  ======  ============================================================
deploy-staging             10  a deployment runbook names staging (staging, préprod, recette)
deploy-production          10  a deployment runbook names production (prod, production)
incidents-common           15  an incident runbook exists for each common incident
incidents-alerts           10  every alert of ``[alerts] rules`` has a runbook (skip if none)
rollback                   15  every deployment runbook documents its rollback
contacts                   10  every runbook names an escalation contact
tested                     15  every runbook was tested within ``tested_within_days`` days
fresh                      10  every runbook was updated within its maximum age
owned                       5  every runbook names an owner (or the config names one)
=====================  ======  ============================================================

Items over "every runbook" earn points in proportion to the runbooks that pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from runwright.catalog import Catalog, CatalogEntry, scan
from runwright.config import Config
from runwright.names import normalize

Status = Literal["pass", "fail", "skip"]
DEFAULT_COMMON_INCIDENTS = ("database down", "high cpu", "memory leak")
DEFAULT_TESTED_WITHIN_DAYS = 90
WEIGHTS = {"deploy-staging": 10, "deploy-production": 10, "incidents-common": 15,
           "incidents-alerts": 10, "rollback": 15, "contacts": 10, "tested": 15, "fresh": 10,
           "owned": 5}

#: Words that stand for a word of a common incident name (normalised, fr and en).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "database": ("database", "db", "bdd", "base de donnees", "postgres", "postgresql", "mysql",
                 "mariadb", "mongodb", "sgbd"),
    "down": ("down", "panne", "unavailable", "indisponible", "outage", "unreachable",
             "injoignable", "hs"),
    "high": ("high", "eleve", "elevee", "haute", "saturation", "spike", "pic", "usage"),
    "cpu": ("cpu", "processeur", "load"),
    "memory": ("memory", "memoire", "ram", "oom", "heap"),
    "leak": ("leak", "fuite", "oom"),
}
_STAGING = ("staging", "stage", "preprod", "pre prod", "pre production", "preproduction",
            "recette", "qa", "uat")
_PRODUCTION = ("production", "prod", "mise en production", "live")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    status: Status
    weight: int
    points: float
    evidence: tuple[str, ...] = ()  # files (or alerts) that satisfy the item
    failing: tuple[str, ...] = ()  # files (or alerts, incidents) that fail it
    todo: str = ""  # what to do; empty when the item passes
    detail: str = ""


@dataclass(frozen=True, slots=True)
class AuditReport:
    root: Path
    today: dt.date
    items: tuple[Item, ...]
    score: int
    runbooks: int
    errors: tuple[tuple[str, str], ...] = field(default=())  # (file, message)


def _has_words(text: str, words: Sequence[str]) -> bool:
    padded = f" {normalize(text)} "
    return any(f" {w} " in padded for w in words)


def _label(e: CatalogEntry) -> str:
    return normalize(f"{e.title} {Path(e.rel).stem} {e.rel}")


def _kind(e: CatalogEntry) -> str:
    if e.category == "deployment":
        return "deployment"
    if e.category == "incidents":
        return "incident"
    return e.runbook.kind if e.runbook is not None else ""


def _share(item_id: str, title: str, subjects: Sequence[CatalogEntry], ok: set[str],
           todo: str, empty_status: Status = "fail", empty_todo: str = "") -> Item:
    weight = WEIGHTS[item_id]
    if not subjects:
        return Item(item_id, title, empty_status, weight, 0.0, todo=empty_todo,
                    detail="no runbook to check")
    good = tuple(e.rel for e in subjects if e.rel in ok)
    bad = tuple(e.rel for e in subjects if e.rel not in ok)
    points = weight * len(good) / len(subjects)
    return Item(item_id, title, "fail" if bad else "pass", weight, round(points, 2), good, bad,
                todo if bad else "", f"{len(good)} of {len(subjects)}")


def _deploy(item_id: str, title: str, env: str, words: Sequence[str],
            deployments: Sequence[CatalogEntry], lang: str) -> Item:
    hits = tuple(e.rel for e in deployments if _has_words(_label(e), words))
    if hits:
        return Item(item_id, title, "pass", WEIGHTS[item_id], WEIGHTS[item_id], hits)
    return Item(item_id, title, "fail", WEIGHTS[item_id], 0.0,
                todo=f"write one: runwright new deployment \"Deploy to {env}\" --lang {lang}")


def _incident_matches(name: str, entries: Sequence[CatalogEntry]) -> tuple[str, ...]:
    words = normalize(name).split()
    out = []
    for e in entries:
        label = _label(e)
        if all(_has_words(label, SYNONYMS.get(w, (w,))) for w in words):
            out.append(e.rel)
    return tuple(out)


def _alerts_item(config: Config, root: Path) -> Item:
    weight = WEIGHTS["incidents-alerts"]
    title = "Incident runbooks for every alert"
    rules = config.section("alerts").get("rules")
    if not rules:
        return Item("incidents-alerts", title, "skip", weight, 0.0,
                    detail="no [alerts] rules configured")
    from runwright.alerts import check

    paths = [str(p if Path(p).is_absolute() else config.root / p) for p in rules]
    report = check(paths, config, root)
    good = tuple(sorted({r.alert.name for r in report.results if not r.problem}))
    bad = tuple(sorted({f"{r.alert.name} ({r.resolution.status})" for r in report.results
                        if r.problem}))
    bad += tuple(f"{e.file}: {e.message}" for e in report.errors)
    total = len(good) + len(bad)
    points = weight * len(good) / total if total else 0.0
    return Item("incidents-alerts", title, "fail" if bad or not total else "pass", weight,
                round(points, 2), good, bad,
                "add a runbook_url to each alert; `runwright alerts draft RULES` writes the "
                "missing runbooks" if bad else "", f"{len(good)} of {total} alert(s)")


def _reason(names: tuple[str, ...], message: str) -> str:
    """``message`` without the leading file name (the report names the file itself)."""
    for path in names:
        if not message.startswith(path + ":"):
            continue
        rest = message[len(path) + 1:]
        # "path:2:1: not valid UTF-8" keeps its position as "line 2, column 1: ..."
        head, sep, tail = rest.partition(": ")
        if sep and head.replace(":", "").isdigit():
            line, _, col = head.partition(":")
            where = f"line {line}" + (f", column {col}" if col else "")
            return f"{where}: {tail}"
        return rest.lstrip()
    return message


def audit(root: Path, config: Config, today: dt.date | None = None) -> AuditReport:
    """Score the repository at ``root`` against the runbook checklist."""
    catalog: Catalog = scan(root, config, today)
    section = config.section("audit")
    entries = [e for e in catalog.entries if e.runbook is not None]
    errors = tuple((e.rel, _reason((str(e.path), e.rel), e.error))
                   for e in catalog.entries if e.error)
    lang = config.language
    deployments = [e for e in entries if _kind(e) == "deployment"]
    incidents = [e for e in entries if _kind(e) == "incident"]
    items: list[Item] = [
        _deploy("deploy-staging", "Deployment runbook for staging", "staging", _STAGING,
                deployments, lang),
        _deploy("deploy-production", "Deployment runbook for production", "production",
                _PRODUCTION, deployments, lang),
    ]
    common = section.get("common_incidents") or DEFAULT_COMMON_INCIDENTS
    found = {name: _incident_matches(name, incidents) for name in common}
    covered = [n for n, hits in found.items() if hits]
    missing = [n for n, hits in found.items() if not hits]
    weight = WEIGHTS["incidents-common"]
    items.append(Item(
        "incidents-common", "Incident runbooks for the common incidents",
        "fail" if missing else "pass", weight, round(weight * len(covered) / len(common), 2),
        tuple(sorted({f for n in covered for f in found[n]})), tuple(missing),
        ("write them: " + "; ".join(f'runwright new incident "{n}"' for n in missing))
        if missing else "", f"{len(covered)} of {len(common)}: " + ", ".join(common)))
    items.append(_alerts_item(config, catalog.root))
    with_rollback = {e.rel for e in deployments if e.runbook is not None and (
        e.runbook.rollback or e.runbook.has_section("rollback"))}
    items.append(_share("rollback", "Rollback documented in every deployment runbook",
                        deployments, with_rollback,
                        'add a "## Rollback" section with a case per risky step',
                        empty_status="skip"))
    with_contacts = {e.rel for e in entries if e.runbook is not None and
                     e.runbook.contact("escalation") is not None}
    items.append(_share("contacts", "Escalation contacts in every runbook", entries,
                        with_contacts, 'add "## Contacts" with "- **Escalation**: @who"',
                        empty_todo="write runbooks first: runwright init"))
    within = section.get("tested_within_days") or DEFAULT_TESTED_WITHIN_DAYS
    since = dt.datetime.combine(catalog.today - dt.timedelta(days=within), dt.time())
    # Only a test in which steps ran counts: a run that skipped every step proved nothing.
    tested = {e.rel for e in entries if e.last_tested is not None and e.last_tested.passed
              and e.last_tested.when.replace(tzinfo=None) >= since}
    todo = ("run `runwright test` on them against a test environment (it records the result "
            "in the journal)")
    nothing_ran = [e.rel for e in entries if e.rel not in tested
                   and e.not_tested_since is not None
                   and e.not_tested_since.when.replace(tzinfo=None) >= since]
    if nothing_ran:
        todo += (f"; no step ran in the last test of {_files(nothing_ran)}: mark the steps "
                 "that only read `readonly` so that `runwright test` runs them")
    items.append(_share("tested", f"Tested within {within} days", entries, tested, todo,
                        empty_todo="write runbooks first: runwright init"))
    fresh = {e.rel for e in entries if e.fresh}
    items.append(_share("fresh", f"Fresh (updated within {config.max_age_days} days)", entries,
                        fresh, "review them and update their last-updated date",
                        empty_todo="write runbooks first: runwright init"))
    owned = {e.rel for e in entries if e.runbook is not None and
             (e.runbook.metadata.owner or config.owner)}
    items.append(_share("owned", "Owned", entries, owned,
                        'name an owner: "- **Owner**: @team" (or owner in runwright.toml)',
                        empty_todo="write runbooks first: runwright init"))
    applicable = [i for i in items if i.status != "skip"]
    total = sum(i.weight for i in applicable)
    score = round(100 * sum(i.points for i in applicable) / total) if total else 0
    return AuditReport(catalog.root, catalog.today, tuple(items), score, len(entries), errors)


# ---------------------------------------------------------------------------------------------
# Output formats (pure functions of the report)

_MARK = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}
_ICON = {"pass": "✅", "fail": "❌", "skip": "➖"}


def _points(i: Item) -> str:
    return "—" if i.status == "skip" else f"{i.points:g}/{i.weight}"


def _files(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def render_text(report: AuditReport) -> str:
    out = [f"Runbook audit of {report.root} ({report.runbooks} runbook(s), "
           f"{report.today.isoformat()}): score {report.score}/100", ""]
    for i in report.items:
        out.append(f"  {_MARK[i.status]}  {i.title}  {_points(i)}"
                   + (f"  ({i.detail})" if i.detail else ""))
        if i.status == "pass" and i.evidence:
            out.append(f"        evidence: {_files(i.evidence)}")
        if i.failing:
            out.append(f"        failing: {_files(i.failing)}")
        if i.todo:
            out.append(f"        to do: {i.todo}")
    for file, message in report.errors:
        out.append(f"  unreadable: {file}: {message}")
    return "\n".join(out)


def to_dict(report: AuditReport) -> dict[str, object]:
    return {
        "root": str(report.root), "date": report.today.isoformat(), "score": report.score,
        "runbooks": report.runbooks,
        "items": [{"id": i.id, "title": i.title, "status": i.status, "weight": i.weight,
                   "points": i.points, "detail": i.detail, "evidence": list(i.evidence),
                   "failing": list(i.failing), "todo": i.todo} for i in report.items],
        "errors": [{"file": f, "message": m} for f, m in report.errors],
    }


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: AuditReport) -> str:
    """A pull-request comment: the score, a table, and the failing files folded away."""
    out = [f"### Runbook audit: {report.score}/100", "",
           f"{report.runbooks} runbook(s), checked {report.today.isoformat()}.", "",
           "| | Item | Points | Evidence |", "|---|---|---|---|"]
    for i in report.items:
        evidence = i.detail or ""
        if i.status == "pass" and i.evidence:
            evidence = _files([f"`{e}`" for e in i.evidence], 3)
        out.append(f"| {_ICON[i.status]} | {_md(i.title)} | {_points(i)} | {_md(evidence)} |")
    failing = [i for i in report.items if i.status == "fail"]
    if failing:
        out += ["", "<details><summary>What to do</summary>", ""]
        for i in failing:
            out.append(f"- **{_md(i.title)}**: {_md(i.todo)}")
            out += [f"  - `{f}`" for f in i.failing[:20]]
            if len(i.failing) > 20:
                out.append(f"  - … and {len(i.failing) - 20} more")
        out += ["", "</details>"]
    if report.errors:
        out += ["", "Unreadable files: " + ", ".join(f"`{f}`" for f, _ in report.errors)]
    return "\n".join(out) + "\n"
