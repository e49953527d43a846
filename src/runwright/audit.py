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

**Substance, not presence.** A runbook counts for an item only when ``runwright lint`` (the
repository's configuration, its cache) finds no error in it and no unfilled placeholder (a
``<placeholder>`` in a command, a placeholder owner or contact): a staging runbook whose
required sections are missing is no staging runbook. An owner or an escalation contact that is
a person's name as Git records it (``git config user.name``, the authors of the history)
rather than a handle or a team does not count as set. Each item lists the runbooks that did not
count and why (``not_counted``).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Mapping, Sequence
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
    #: (file, why) of the runbooks that would have counted but for a lint error, a placeholder
    #: or a person's name as owner or contact
    not_counted: tuple[tuple[str, str], ...] = ()


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
           todo: str, empty_status: Status = "fail", empty_todo: str = "",
           unsound: Mapping[str, str] | None = None) -> Item:
    weight = WEIGHTS[item_id]
    if not subjects:
        return Item(item_id, title, empty_status, weight, 0.0, todo=empty_todo,
                    detail="no runbook to check")
    unsound = unsound or {}
    not_counted = tuple((e.rel, unsound[e.rel]) for e in subjects
                        if e.rel in ok and e.rel in unsound)
    good = tuple(e.rel for e in subjects if e.rel in ok and e.rel not in unsound)
    bad = tuple(e.rel for e in subjects if e.rel not in ok or e.rel in unsound)
    points = weight * len(good) / len(subjects)
    if not_counted:
        todo = (todo + "; " if any(e.rel not in ok for e in subjects) else "") + \
            "fix what keeps them from counting (see not counted)"
    return Item(item_id, title, "fail" if bad else "pass", weight, round(points, 2), good, bad,
                todo if bad else "", f"{len(good)} of {len(subjects)}", not_counted)


def _deploy(item_id: str, title: str, env: str, words: Sequence[str],
            deployments: Sequence[CatalogEntry], lang: str, unsound: Mapping[str, str]) -> Item:
    named = [e.rel for e in deployments if _has_words(_label(e), words)]
    hits = tuple(r for r in named if r not in unsound)
    not_counted = tuple((r, unsound[r]) for r in named if r in unsound)
    if hits:
        return Item(item_id, title, "pass", WEIGHTS[item_id], WEIGHTS[item_id], hits,
                    not_counted=not_counted)
    if not_counted:
        return Item(item_id, title, "fail", WEIGHTS[item_id], 0.0,
                    failing=tuple(r for r, _ in not_counted),
                    todo=f"fix the {env} deployment runbook (see not counted)",
                    not_counted=not_counted)
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


#: Findings that say a value was left to fill in: a placeholder in a command (RW404), and the
#: owner (RW204) or a contact (RW621) when the finding says it is a placeholder.
_PLACEHOLDER_RULES = frozenset({"RW404"})
_PLACEHOLDER_VALUE_RULES = frozenset({"RW204", "RW621"})


def _unsound(entries: Sequence[CatalogEntry], config: Config,
             today: dt.date | None) -> dict[str, str]:
    """Why each runbook that does not count does not: lint errors, unfilled placeholders."""
    from runwright.linter.engine import lint_paths
    from runwright.linter.settings import Settings

    if not entries:
        return {}
    by_path = {str(e.path): e.rel for e in entries}
    report = lint_paths(list(by_path), Settings(config), today=today)
    errors: dict[str, int] = {}
    placeholders: dict[str, str] = {}
    for f in report.findings:
        rel = by_path.get(f.path) or by_path.get(str(Path(f.path).resolve()))
        if rel is None:
            continue
        if f.rule in _PLACEHOLDER_RULES or (f.rule in _PLACEHOLDER_VALUE_RULES
                                            and "placeholder" in f.message):
            placeholders.setdefault(rel, f"an unfilled placeholder (line {f.line}, {f.rule})")
        elif f.severity == "error":
            errors[rel] = errors.get(rel, 0) + 1
    out: dict[str, str] = {}
    for rel in by_path.values():
        why = []
        if rel in errors:
            why.append(f"{errors[rel]} lint error(s): runwright lint {rel}")
        if rel in placeholders:
            why.append(placeholders[rel])
        if why:
            out[rel] = "; ".join(why)
    return out


def git_names(root: Path) -> frozenset[str]:
    """People's names as Git records them in ``root``: its user and its history's authors
    (lower-cased; empty outside a Git repository or without git)."""
    names: set[str] = set()
    for argv in (["git", "-C", str(root), "config", "user.name"],
                 ["git", "-C", str(root), "log", "-n", "2000", "--format=%an%n%cn"]):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=10,
                                 check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        names.update(line.strip().lower() for line in out.splitlines() if line.strip())
    return frozenset(names)


def _person(value: str | None, people: Iterable[str]) -> bool:
    """Whether an owner or contact value is a person's Git name, not a handle or a team."""
    if not value:
        return False
    parts = [p.strip().lower() for p in value.split(",") if p.strip()]
    return bool(parts) and all(p in people for p in parts)


def audit(root: Path, config: Config, today: dt.date | None = None) -> AuditReport:
    """Score the repository at ``root`` against the runbook checklist."""
    catalog: Catalog = scan(root, config, today)
    section = config.section("audit")
    entries = [e for e in catalog.entries if e.runbook is not None]
    errors = tuple((e.rel, _reason((str(e.path), e.rel), e.error))
                   for e in catalog.entries if e.error)
    lang = config.language
    unsound = _unsound(entries, config, catalog.today)
    people = git_names(catalog.root)
    deployments = [e for e in entries if _kind(e) == "deployment"]
    incidents = [e for e in entries if _kind(e) == "incident"]
    items: list[Item] = [
        _deploy("deploy-staging", "Deployment runbook for staging", "staging", _STAGING,
                deployments, lang, unsound),
        _deploy("deploy-production", "Deployment runbook for production", "production",
                _PRODUCTION, deployments, lang, unsound),
    ]
    common = section.get("common_incidents") or DEFAULT_COMMON_INCIDENTS
    matched = {name: _incident_matches(name, incidents) for name in common}
    found = {name: tuple(f for f in hits if f not in unsound) for name, hits in matched.items()}
    covered = [n for n, hits in found.items() if hits]
    missing = [n for n, hits in found.items() if not hits]
    weight = WEIGHTS["incidents-common"]
    items.append(Item(
        "incidents-common", "Incident runbooks for the common incidents",
        "fail" if missing else "pass", weight, round(weight * len(covered) / len(common), 2),
        tuple(sorted({f for n in covered for f in found[n]})), tuple(missing),
        ("write them: " + "; ".join(f'runwright new incident "{n}"' for n in missing))
        if missing else "", f"{len(covered)} of {len(common)}: " + ", ".join(common),
        tuple(sorted({(f, unsound[f]) for hits in matched.values() for f in hits
                      if f in unsound}))))
    items.append(_alerts_item(config, catalog.root))
    with_rollback = {e.rel for e in deployments if e.runbook is not None and (
        e.runbook.rollback or e.runbook.has_section("rollback"))}
    items.append(_share("rollback", "Rollback documented in every deployment runbook",
                        deployments, with_rollback,
                        'add a "## Rollback" section with a case per risky step',
                        empty_status="skip", unsound=unsound))
    with_contacts: set[str] = set()
    person_contact: dict[str, str] = {}
    for e in entries:
        contact = e.runbook.contact("escalation") if e.runbook is not None else None
        if contact is None:
            continue
        with_contacts.add(e.rel)
        if _person(contact.value, people):
            person_contact[e.rel] = (f"the escalation contact {contact.value!r} is a person's "
                                     "name as Git records it, not a handle or a team")
    items.append(_share("contacts", "Escalation contacts in every runbook", entries,
                        with_contacts, 'add "## Contacts" with "- **Escalation**: @who"',
                        empty_todo="write runbooks first: runwright init",
                        unsound={**person_contact, **unsound}))
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
                        empty_todo="write runbooks first: runwright init", unsound=unsound))
    fresh = {e.rel for e in entries if e.fresh}
    items.append(_share("fresh", f"Fresh (updated within {config.max_age_days} days)", entries,
                        fresh, "review them and update their last-updated date",
                        empty_todo="write runbooks first: runwright init", unsound=unsound))
    owned: set[str] = set()
    person_owner: dict[str, str] = {}
    for e in entries:
        owner = (e.runbook.metadata.owner if e.runbook is not None else None) or config.owner
        if not owner:
            continue
        owned.add(e.rel)
        if _person(owner, people):
            person_owner[e.rel] = (f"the owner {owner!r} is a person's name as Git records "
                                   "it, not a handle or a team")
    items.append(_share("owned", "Owned", entries, owned,
                        'name an owner: "- **Owner**: @team" (or owner in runwright.toml)',
                        empty_todo="write runbooks first: runwright init",
                        unsound={**person_owner, **unsound}))
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
        for file, why in i.not_counted[:5]:
            out.append(f"        not counted: {file}: {why}")
        if len(i.not_counted) > 5:
            out.append(f"        not counted: ... and {len(i.not_counted) - 5} more")
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
                   "failing": list(i.failing), "todo": i.todo,
                   "not_counted": [{"file": f, "why": w} for f, w in i.not_counted]}
                  for i in report.items],
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
            why = dict(i.not_counted)
            out += [f"  - `{f}`" + (f": {_md(why[f])}" if f in why else "")
                    for f in i.failing[:20]]
            if len(i.failing) > 20:
                out.append(f"  - … and {len(i.failing) - 20} more")
        out += ["", "</details>"]
    if report.errors:
        out += ["", "Unreadable files: " + ", ".join(f"`{f}`" for f, _ in report.errors)]
    return "\n".join(out) + "\n"
