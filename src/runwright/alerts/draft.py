"""``alerts draft``: incident runbooks for alerts that lack one, pre-filled from the rule.

The runbook follows the standard format (Information, Prerequisites, Procedure, Verification,
Rollback, Troubleshooting, Contacts) in French or English. Its first steps query the Prometheus
HTTP API with curl: the alert itself, its expression, and each metric the expression reads, so
the on-call engineer starts from data; the diagnosis and mitigation are left for a person.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from runwright.alerts.check import _resolver, parse_url_bases, runbook_folder
from runwright.alerts.rules import Alert, load_rules
from runwright.config import Config
from runwright.errors import InputError, UsageError

_PROMQL_WORDS = frozenset({
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "inf", "nan", "atan2", "start", "end", "sum", "avg", "min", "max",
    "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    "limitk", "limit_ratio"})
_GROUPING = frozenset({"by", "without", "on", "ignoring", "group_left", "group_right"})
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|\{[^}]*\}|\[[^\]]*\]|'
                    r'(?<![\w.:])([A-Za-z_:][\w:]*)(\s*\{[^}]*\})?')


def metrics_of(expr: str) -> list[str]:
    """The metric selectors a PromQL expression reads (``name{matchers}``), in order."""
    text = "\n".join(line.split("#", 1)[0] for line in expr.splitlines())
    out: list[str] = []
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            return out
        pos = m.end()
        name = m.group(1)
        if name is None:
            continue
        rest = text[m.end():].lstrip()
        if name in _GROUPING and rest.startswith("("):
            pos = text.index("(", m.end())
            close = text.find(")", pos)
            pos = close + 1 if close >= 0 else len(text)
            continue
        if name.lower() in _PROMQL_WORDS or (m.group(2) is None and rest.startswith("(")):
            continue
        matchers = m.group(2).strip() if m.group(2) else ""
        selector = name + re.sub(r"\s*([{},])\s*", r"\1", matchers)
        if selector not in out:
            out.append(selector)


def one_line(expr: str) -> str:
    """The expression without comments, on one line."""
    text = " ".join(line.split("#", 1)[0] for line in expr.splitlines())
    return " ".join(text.split())


def _sq(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _curl(query: str) -> str:
    return ('curl -fsS --get "$PROMETHEUS_URL/api/v1/query" \\\n'
            f"  --data-urlencode {_sq('query=' + query)}")


_T = {
    "en": dict(
        title="Runbook: {name}", info="Information", updated="Last updated", owner="Owner",
        time="Estimated time", freq="Frequency", freq_value="On demand (when the alert fires)",
        time_value="15-30 minutes", alert="Alert", severity="Severity", summary="Summary",
        description="Description", fires="Fires when", rule="Rule", prereq="Prerequisites",
        pre1="Access to Prometheus at `$PROMETHEUS_URL`", pre2="`curl` installed",
        procedure="Procedure", step="Step", s1="Check that the alert is firing",
        s1r="the result lists the firing series and their labels",
        s2="Evaluate the alert expression", s2r="the series over the threshold, with values",
        s3="Look at the metrics the alert reads",
        s3r="values for each metric; compare them with the usual ones",
        s4="Diagnose and mitigate", s4t="TODO: describe the diagnosis and the fix.",
        verif="Verification", v1="The alert expression returns no series",
        v2="The alert is no longer firing in Alertmanager", rollback="Rollback",
        rb_case="If a mitigation step fails", rb_text="TODO: how to undo the mitigation.",
        trouble="Troubleshooting", err="Error", t_cause="Cause", t_sol="Solution",
        t_todo="TODO", contacts="Contacts", oncall="On-call", escal="Escalation",
        expected="Expected result", todo="TODO",
        var_desc="Base URL of the Prometheus server"),
    "fr": dict(
        title="Runbook: {name}", info="Informations", updated="Dernière mise à jour",
        owner="Responsable", time="Temps estimé", freq="Fréquence",
        freq_value="À la demande (quand l'alerte se déclenche)", time_value="15-30 minutes",
        alert="Alerte", severity="Sévérité", summary="Résumé", description="Description",
        fires="Se déclenche quand", rule="Règle", prereq="Prérequis",
        pre1="Accès à Prometheus sur `$PROMETHEUS_URL`", pre2="`curl` installé",
        procedure="Procédure", step="Étape", s1="Vérifier que l'alerte est active",
        s1r="le résultat liste les séries en alerte et leurs labels",
        s2="Évaluer l'expression de l'alerte", s2r="les séries au-dessus du seuil, avec leurs "
        "valeurs", s3="Examiner les métriques lues par l'alerte",
        s3r="une valeur par métrique ; les comparer aux valeurs habituelles",
        s4="Diagnostiquer et corriger", s4t="TODO : décrire le diagnostic et la correction.",
        verif="Vérification", v1="L'expression de l'alerte ne renvoie plus de série",
        v2="L'alerte n'est plus active dans Alertmanager", rollback="Rollback",
        rb_case="Si une étape de correction échoue",
        rb_text="TODO : comment annuler la correction.", trouble="Dépannage", err="Erreur",
        t_cause="Cause", t_sol="Solution", t_todo="TODO", contacts="Contacts",
        oncall="Astreinte", escal="Escalade", expected="Résultat attendu", todo="TODO",
        var_desc="URL de base du serveur Prometheus"),
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(alerts: Sequence[Alert], lang: str, config: Config, today: dt.date) -> str:
    """The Markdown of one drafted runbook for an alert (all its rules with that name)."""
    t = _T["fr" if lang == "fr" else "en"]
    a = alerts[0]
    severities = sorted({x.severity for x in alerts if x.severity})
    contacts = config.contacts
    out = ["---", "kind: incident", "alerts:", f"  - {a.name}", "variables:",
           "  PROMETHEUS_URL:", f"    description: {t['var_desc']}",
           "    default: http://localhost:9090", "---", "",
           "# " + t["title"].format(name=a.name), "", f"## {t['info']}",
           f"- **{t['updated']}**: {today.isoformat()}",
           f"- **{t['owner']}**: {config.owner or t['todo']}",
           f"- **{t['time']}**: {t['time_value']}", f"- **{t['freq']}**: {t['freq_value']}", "",
           f"## {t['alert']}", "", "| | |", "|---|---|"]
    if severities:
        out.append(f"| {t['severity']} | {', '.join(severities)} |")
    if a.summary:
        out.append(f"| {t['summary']} | {_cell(a.summary)} |")
    if a.description:
        out.append(f"| {t['description']} | {_cell(a.description)} |")
    for x in alerts:
        cond = f"`{_cell(one_line(x.expr))}`" + (f" for {x.duration}" if x.duration else "")
        out.append(f"| {t['fires']} | {cond} |")
    out.append(f"| {t['rule']} | {', '.join(sorted({f'{x.file}:{x.line}' for x in alerts}))} |")
    metrics = metrics_of(a.expr)
    out += ["", f"## {t['prereq']}", f"- [ ] {t['pre1']}", f"- [ ] {t['pre2']}", "",
            f"## {t['procedure']}", "", f"### {t['step']} 1: {t['s1']}",
            "```bash {id=alert-firing readonly}",
            _curl(f'ALERTS{{alertname="{a.name}",alertstate="firing"}}'), "```",
            f"**{t['expected']}**: {t['s1r']}", "", f"### {t['step']} 2: {t['s2']}",
            "```bash {id=alert-expression readonly}", _curl(one_line(a.expr)), "```",
            f"**{t['expected']}**: {t['s2r']}", ""]
    n = 3
    if metrics:
        out += [f"### {t['step']} {n}: {t['s3']}", "```bash {id=alert-metrics readonly}"]
        out += [_curl(m) for m in metrics[:8]]
        out += ["```", f"**{t['expected']}**: {t['s3r']}", ""]
        n += 1
    out += [f"### {t['step']} {n}: {t['s4']}", t["s4t"], "", f"## {t['verif']}",
            f"- [ ] {t['v1']}", f"- [ ] {t['v2']}", "", f"## {t['rollback']}",
            f"### {t['rb_case']}", t["rb_text"], "", f"## {t['trouble']}",
            f"### {t['err']}: {_cell(a.summary or a.name)}",
            f"**{t['t_cause']}**: {t['t_todo']}", f"**{t['t_sol']}**: {t['t_todo']}", "",
            f"## {t['contacts']}",
            f"- **{t['oncall']}**: {contacts.get('on_call') or contacts.get('oncall') or 'TODO'}",
            f"- **{t['escal']}**: {contacts.get('escalation') or 'TODO'}", ""]
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class Drafted:
    alert: Alert
    path: Path
    display: str
    url: str  # the runbook_url to add to the alert
    written: bool
    linked: bool = False  # written where the alert's runbook_url already points


def _url(path: Path, root: Path, bases: dict[str, str], links: Sequence[str]) -> str:
    for url, folder in sorted(bases.items(), key=lambda b: -len(b[1])):
        base_dir = Path(folder) if Path(folder).is_absolute() else root / folder
        base_dir = base_dir.resolve()
        if path.resolve().is_relative_to(base_dir):
            rel = path.resolve().relative_to(base_dir).as_posix()
            under = [x for x in links if x.startswith(url.rstrip("/"))]
            if under and not any(x.split("#")[0].endswith(".md") for x in under):
                rel = rel[:-3] if rel.endswith(".md") else rel
            return url.rstrip("/") + "/" + rel
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)


def draft_runbooks(rules: Path, config: Config, root: Path, names: Sequence[str] = (),
                   lang: str = "en", out: str | os.PathLike[str] | None = None,
                   runbooks: str | os.PathLike[str] | None = None,
                   url_bases: Sequence[str] = (), force: bool = False,
                   today: dt.date | None = None) -> list[Drafted]:
    """Write a runbook for each named alert (default: each alert without a working link).

    An alert whose runbook_url names a file that does not exist yet (inside the repository)
    gets its runbook there; the others go to ``out`` (default: ``<runbooks>/incidents``) as
    ``<AlertName>.md``. An explicit ``out`` puts every runbook there.
    """
    from runwright.clock import today as catalog_today

    root = root.resolve()
    alerts, errors = load_rules([rules])
    if errors:
        e = errors[0]
        raise InputError(f"{e.file}{f':{e.line}' if e.line else ''}: {e.message}")
    folder = runbook_folder(config, root, runbooks)
    cli_bases = parse_url_bases(url_bases, folder)
    resolver = _resolver(config, root, folder, cli_bases)
    by_name: dict[str, list[Alert]] = {}
    for a in alerts:
        by_name.setdefault(a.name.lower(), []).append(a)
    if names:
        unknown = [n for n in names if n.lower() not in by_name]
        if unknown:
            import difflib

            near = difflib.get_close_matches(unknown[0], [a.name for a in alerts], n=3)
            raise UsageError(f"{rules}: no alert named {', '.join(unknown)}",
                             hint=("did you mean " + ", ".join(near) + "?") if near else None)
        chosen = [by_name[n.lower()] for n in dict.fromkeys(n.lower() for n in names)]
    else:
        chosen = [group for group in by_name.values()
                  if all(resolver.resolve(a).status in ("missing", "todo", "broken")
                         for a in group)]
    target = Path(out) if out is not None else (folder or root / config.paths[0]) / "incidents"
    bases = {**{k: str(v) for k, v in config.section("alerts").get("url_base", {}).items()},
             **cli_bases}
    links = [a.link for a in alerts if a.link]
    day = today or catalog_today()
    results: list[Drafted] = []
    done: set[Path] = set()
    for group in chosen:
        linked = None if out is not None else next(
            (p for p in map(resolver.intended, group) if p is not None), None)
        path = linked or target / f"{group[0].name}.md"
        written = False
        if (force or not path.exists()) and path.resolve() not in done:
            done.add(path.resolve())
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(render(group, lang, config, day), encoding="utf-8")
            tmp.replace(path)
            written = True
        display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") \
            else str(path)
        url = group[0].link or "" if linked else _url(path, root, bases, links)
        results.append(Drafted(group[0], path, display, url, written, linked is not None))
    return results
