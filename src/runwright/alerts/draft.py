"""``alerts draft``: incident runbooks for alerts that lack one, pre-filled from the rule.

The runbook follows the standard format (Information, Prerequisites, Procedure, Verification,
Rollback, Troubleshooting, Contacts), wholly in French or English. Its first steps query the
Prometheus HTTP API with curl: the alert itself, its expression (with the threshold's direction
said right: ``< 0.03`` returns the series *below* 0.03), and each metric the expression reads
with the alert's own label matchers. Then come the diagnosis and the mitigation for the alert's
family and target (:mod:`runwright.alerts.families`: ``kubectl describe pod`` and logs for a
pod, ``df -h`` and ``du`` on the host for a full disk, ``openssl s_client`` for a certificate
...), read-only where they look and ``confirm`` where they change something. A value the rule
does not give (the pod, the instance) is a declared variable with a description; the namespace
defaults to the alert's own ``namespace`` matcher. The owner and the contacts come from the
configuration or CODEOWNERS, else placeholders that lint reports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from runwright.alerts.check import _resolver, parse_url_bases, runbook_folder
from runwright.alerts.families import (
    TROUBLE,
    VARIABLES,
    Analysis,
    Step,
    analyse,
    diagnosis,
    mitigation,
)
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
        s2="Evaluate the alert expression",
        s3="Look at the metrics the alert reads",
        s3r="values for each metric; compare them with the usual ones",
        verif="Verification", v1="The alert expression returns no series",
        v2="The alert is no longer firing in Alertmanager", rollback="Rollback",
        rb_case="If the mitigation makes things worse",
        rb_text="The mitigation steps cannot be undone by a command (a deleted pod is "
        "replaced by its controller, freed space stays free): stop, and escalate with what "
        "the diagnosis showed.",
        trouble="Troubleshooting", err="Error", t_cause="Cause", t_sol="Solution",
        contacts="Contacts", oncall="On-call", escal="Escalation",
        expected="Expected result", var_desc="Base URL of the Prometheus server",
        prom_err="`curl: (7) Failed to connect` to Prometheus",
        prom_cause="`$PROMETHEUS_URL` does not reach the Prometheus server",
        prom_sol="give its URL with `--var PROMETHEUS_URL=...`, or forward its port: "
        "`kubectl -n monitoring port-forward svc/prometheus-k8s 9090`",
        family="Family"),
    "fr": dict(
        title="Runbook: {name}", info="Informations", updated="Dernière mise à jour",
        owner="Responsable", time="Temps estimé", freq="Fréquence",
        freq_value="À la demande (quand l'alerte se déclenche)", time_value="15-30 minutes",
        alert="Alerte", severity="Sévérité", summary="Résumé", description="Description",
        fires="Se déclenche quand", rule="Règle", prereq="Prérequis",
        pre1="Accès à Prometheus sur `$PROMETHEUS_URL`", pre2="`curl` installé",
        procedure="Procédure", step="Étape", s1="Vérifier que l'alerte est active",
        s1r="le résultat liste les séries en alerte et leurs labels",
        s2="Évaluer l'expression de l'alerte", s3="Examiner les métriques lues par l'alerte",
        s3r="une valeur par métrique ; les comparer aux valeurs habituelles",
        verif="Vérification", v1="L'expression de l'alerte ne renvoie plus de série",
        v2="L'alerte n'est plus active dans Alertmanager", rollback="Rollback",
        rb_case="Si la correction aggrave la situation",
        rb_text="Les étapes de correction ne s'annulent pas par une commande (un pod "
        "supprimé est remplacé par son contrôleur, l'espace libéré reste libre) : s'arrêter, "
        "et escalader avec ce que le diagnostic a montré.",
        trouble="Dépannage", err="Erreur", t_cause="Cause", t_sol="Solution",
        contacts="Contacts", oncall="Astreinte", escal="Escalade",
        expected="Résultat attendu", var_desc="URL de base du serveur Prometheus",
        prom_err="`curl: (7) Failed to connect` vers Prometheus",
        prom_cause="`$PROMETHEUS_URL` n'atteint pas le serveur Prometheus",
        prom_sol="donner son URL avec `--var PROMETHEUS_URL=...`, ou rediriger son port : "
        "`kubectl -n monitoring port-forward svc/prometheus-k8s 9090`",
        family="Famille"),
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_FAMILY_NAMES = {
    "availability": ("availability", "disponibilité"), "errors": ("error rate", "taux d'erreur"),
    "latency": ("latency", "latence"), "cpu": ("CPU saturation", "saturation CPU"),
    "memory": ("memory saturation", "saturation mémoire"),
    "disk": ("disk saturation", "saturation disque"),
    "connections": ("connection saturation", "saturation des connexions"),
    "certificate": ("certificate expiry", "expiration de certificat"),
    "replication": ("replication", "réplication"), "queue": ("queue backlog", "file en retard"),
    "job": ("job failure", "échec de job"), "restarts": ("restarts", "redémarrages"),
    "generic": ("other", "autre"),
}
_TARGET_NAMES = {"pod": ("pod", "pod"), "node": ("node", "nœud"),
                 "instance": ("instance", "instance"), "job": ("job", "job"),
                 "namespace": ("namespace", "namespace")}


def _variables(steps: Sequence[Step], analysis: Analysis, lang: str) -> list[str]:
    """Front matter lines of the variables the steps use (a description each; the namespace's
    default from the alert's own matcher)."""
    names = list(dict.fromkeys(v for step in steps for v in step.variables))
    out: list[str] = []
    for name in names:
        out += [f"  {name}:", f"    description: {VARIABLES[name][lang]}"]
        if name == "NAMESPACE" and analysis.matchers.get("namespace"):
            out.append(f"    default: {analysis.matchers['namespace']}")
    return out


def _step_lines(step: Step, number: int, t: dict[str, str], lang: str) -> list[str]:
    out = [f"### {t['step']} {number}: {step.title[lang]}", ""]
    if step.text is not None:
        out += [step.text[lang], ""]
    if step.code is not None:
        out += [f"```bash {{{step.attrs}}}", step.code, "```", ""]
    out += [f"**{t['expected']}**: {step.expected[lang]}", ""]
    return out


def render(alerts: Sequence[Alert], lang: str, config: Config, today: dt.date,
           root: Path | None = None, rel: str = "") -> str:
    """The Markdown of one drafted runbook for an alert (all its rules with that name)."""
    from runwright.names import Lang, contact_label, preferred_section_name
    from runwright.scaffold.init import french_terms
    from runwright.scaffold.owners import DEFAULT_OWNER, contacts_for, resolve_owner

    la: Lang = "fr" if lang == "fr" else "en"
    lang = la
    terms = french_terms(config)
    t = {**_T[lang], "trouble": preferred_section_name("troubleshooting", la, terms),
         "oncall": contact_label("on_call", la, terms),
         "escal": contact_label("escalation", la, terms)}
    a = alerts[0]
    metrics = metrics_of(a.expr)
    analysis = analyse(a.name, a.expr, metrics)
    looks, fixes = diagnosis(analysis), mitigation(analysis)
    severities = sorted({x.severity for x in alerts if x.severity})
    contacts = config.contacts
    owner = resolve_owner(root, rel, None, config.owner) if root is not None else (
        config.owner or DEFAULT_OWNER)
    on_call, escalation = contacts_for(owner, contacts.get("on_call") or contacts.get("oncall"),
                                       contacts.get("escalation") or None)
    out = ["---", "kind: incident", "alerts:", f"  - {a.name}", "variables:",
           "  PROMETHEUS_URL:", f"    description: {t['var_desc']}",
           "    default: http://localhost:9090", *_variables((*looks, *fixes), analysis, lang),
           "---", "", "# " + t["title"].format(name=a.name), "", f"## {t['info']}", "",
           f"- **{t['updated']}**: {today.isoformat()}",
           f"- **{t['owner']}**: {owner}",
           f"- **{t['time']}**: {t['time_value']}", f"- **{t['freq']}**: {t['freq_value']}", "",
           f"## {t['alert']}", "", "| | |", "|---|---|"]
    if severities:
        out.append(f"| {t['severity']} | {', '.join(severities)} |")
    if a.summary:
        out.append(f"| {t['summary']} | {_cell(a.summary)} |")
    if a.description:
        out.append(f"| {t['description']} | {_cell(a.description)} |")
    for x in alerts:
        cond = f"`{_cell(one_line(x.expr))}`" + (f" ({x.duration})" if x.duration else "")
        out.append(f"| {t['fires']} | {cond} |")
    family = _FAMILY_NAMES[analysis.family][lang == "fr"]
    if analysis.target is not None:
        family += f", {_TARGET_NAMES[analysis.target][lang == 'fr']}"
    out.append(f"| {t['family']} | {family} |")
    out.append(f"| {t['rule']} | {', '.join(sorted({f'{x.file}:{x.line}' for x in alerts}))} |")
    out += ["", f"## {t['prereq']}", "", f"- [ ] {t['pre1']}", f"- [ ] {t['pre2']}", "",
            f"## {t['procedure']}", "", f"### {t['step']} 1: {t['s1']}", "",
            "```bash {id=alert-firing readonly exit=0}",
            _curl(f'ALERTS{{alertname="{a.name}",alertstate="firing"}}'), "```", "",
            f"**{t['expected']}**: {t['s1r']}", "", f"### {t['step']} 2: {t['s2']}", "",
            "```bash {id=alert-expression readonly exit=0}", _curl(one_line(a.expr)), "```", "",
            f"**{t['expected']}**: {analysis.direction(lang)}", ""]
    n = 3
    if metrics:
        out += [f"### {t['step']} {n}: {t['s3']}", "", "```bash {id=alert-metrics readonly exit=0}"]
        out += [_curl(m) for m in metrics[:8]]
        out += ["```", "", f"**{t['expected']}**: {t['s3r']}", ""]
        n += 1
    for step in (*looks, *fixes):
        out += _step_lines(step, n, t, lang)
        n += 1
    out += [f"## {t['verif']}", "", f"- [ ] {t['v1']}", f"- [ ] {t['v2']}", "",
            f"## {t['rollback']}", "", f"### {t['rb_case']}", "", t["rb_text"], "",
            f"## {t['trouble']}", ""]
    entries: list[tuple[str, str, str]] = []
    if analysis.family in TROUBLE:
        seen, why, fix = TROUBLE[analysis.family]
        entries.append((seen[lang], why[lang], fix[lang]))
    entries.append((t["prom_err"], t["prom_cause"], t["prom_sol"]))
    for error, cause, solution in entries:
        out += [f"### {error}", "", f"- **{t['t_cause']}**: {cause}",
                f"- **{t['t_sol']}**: {solution}", ""]
    out += [f"## {t['contacts']}", "", f"- **{t['oncall']}**: {on_call}",
            f"- **{t['escal']}**: {escalation}", ""]
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
            rel = path.resolve().relative_to(root).as_posix() \
                if path.resolve().is_relative_to(root) else path.name
            tmp.write_text(render(group, lang, config, day, root, rel), encoding="utf-8")
            tmp.replace(path)
            written = True
        display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") \
            else str(path)
        url = group[0].link or "" if linked else _url(path, root, bases, links)
        results.append(Drafted(group[0], path, display, url, written, linked is not None))
    return results
