"""The standard runbook set, drafted for a detected stack, in French or English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from runwright.scaffold.detect import Stack
from runwright.scaffold.render import render
from runwright.scaffold.stack.model import StackModel
from runwright.scaffold.targets import Targets, build

FREQUENCIES = {
    "fr": {"every-release": "À chaque release", "on-incident": "En cas d'incident",
           "daily": "Quotidien", "weekly": "Hebdomadaire", "monthly": "Mensuel",
           "quarterly": "Trimestriel", "on-demand": "À la demande"},
    "en": {"every-release": "Every release", "on-incident": "On incident", "daily": "Daily",
           "weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly",
           "on-demand": "On demand"},
}


@dataclass(frozen=True, slots=True)
class Draft:
    rel: str  # path relative to the runbook folder ("deployment/deploy-staging.md")
    text: str


@dataclass(frozen=True, slots=True)
class Authoring:
    """Who and when: the metadata every drafted runbook carries."""

    lang: str
    owner: str
    on_call: str
    escalation: str
    today: dt.date
    terms: str = "standard"  # French drafts: the standard's words or French ones


def _has_tls(model: StackModel | None, stack: Stack) -> bool:
    if model is None:
        return stack.nginx or stack.certbot or stack.cert_manager
    return any(t.kind in ("cert-manager", "ingress", "certbot", "nginx") for t in model.tls)


def _detected(model: StackModel | None) -> bool:
    """The repository showed anything at all (else the standard set, with variables)."""
    return model is not None and bool(model.workloads or model.environments or model.units
                                      or model.databases or model.tls)


def plan(stack: Stack, model: StackModel | None = None,
         t: Targets | None = None) -> list[tuple[str, str, str, dict[str, str]]]:
    """(relative path, template, kind, extra context) for each runbook of the set: what the
    stack has (no certificate runbook without a TLS piece, no host log rotation on a cluster,
    no database runbook without a database, no backup of a cache)."""
    detected = _detected(model)
    has_db = not detected or bool(model and model.databases)
    items: list[tuple[str, str, str, dict[str, str]]] = [
        ("deployment/deploy-staging.md", "deploy.md.j2", "deployment", {"env": "staging"}),
        ("deployment/deploy-production.md", "deploy.md.j2", "deployment",
         {"env": "production"}),
        ("deployment/rollback.md", "rollback.md.j2", "deployment", {"env": "production"}),
    ]
    if has_db:
        items.append(("incidents/database-down.md", "database-down.md.j2", "incident", {}))
    items += [
        ("incidents/high-cpu.md", "resource-usage.md.j2", "incident", {"topic": "cpu"}),
        ("incidents/memory-leak.md", "resource-usage.md.j2", "incident", {"topic": "memory"}),
    ]
    if stack.platform == "kubernetes":
        items += [("incidents/pod-crash-loop.md", "pod-crash-loop.md.j2", "incident",
                   {"topic": "crash"}),
                  ("incidents/image-pull-failure.md", "pod-crash-loop.md.j2", "incident",
                   {"topic": "pull"})]
    else:
        items.append(("incidents/disk-full.md", "disk-full.md.j2", "incident", {}))
    tls = _has_tls(model, stack) if detected else True
    if tls:
        items.append(("incidents/certificate-expired.md", "certificate.md.j2",
                      "incident", {"topic": "expired"}))
    if has_db and not (t is not None and t.db.cache):
        items.append(("maintenance/database-backup.md", "database-backup.md.j2", "maintenance",
                      {}))
        if t is not None and t.db.engine in ("postgresql", "mysql"):
            items.append(("maintenance/database-restore.md", "database-restore.md.j2",
                          "maintenance", {}))
    if stack.platform != "kubernetes":
        items.append(("maintenance/log-rotation.md", "log-rotation.md.j2", "maintenance", {}))
    if tls:
        items.append(("maintenance/certificate-renewal.md", "certificate.md.j2", "maintenance",
                      {"topic": "renewal"}))
    return items


_SEMVER_TAIL = r"[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$"


def _version(model: StackModel | None, lang: str) -> dict[str, str]:
    """VERSION and PREVIOUS_VERSION as the repository writes versions (image tags)."""
    if model is None or model.tags.image is None:
        return {}
    prefix = model.tags.image
    example = model.tags.example
    git = model.tags.git
    fr = lang == "fr"
    shown = f" : {example}" if fr and example else f": {example}" if example else ""
    tag_note = ""
    if git is not None and git != prefix:
        tag_note = (f", précédé de « {git} » dans le tag Git" if fr else
                    f", with '{git}' in front in the Git tag")
    return {"pattern": f"^{prefix}{_SEMVER_TAIL}",
            "description": (f"Version à déployer, écrite comme les tags d'image du dépôt"
                            f"{shown}{tag_note}" if fr else
                            f"Version to deploy, written as the repository's image tags"
                            f"{shown}{tag_note}")}


def _defaults(t: Targets, env: str | None) -> dict[str, str]:
    """Defaults the repository gives; anything it does not give stays a bare variable."""
    out: dict[str, str] = {}
    model = t.model
    if model is None:
        return out
    if t.app.choices:  # the first application Deployment, as with a single one
        out["DEPLOYMENT"] = t.app.choices[0][0]
    if model.app_dir:
        out["APP_DIR"] = model.app_dir
    domains = [d for kind in ("cert-manager", "ingress", "certbot", "nginx")
               for tls in model.tls if tls.kind == kind for d in tls.domains]
    if domains:
        out["DOMAIN"] = domains[0]
    cert = next((x.name for x in model.tls if x.kind == "cert-manager" and x.name), None) or \
        next((x.secret for x in model.tls if x.kind == "ingress" and x.issuer and x.secret),
             None)  # cert-manager's ingress-shim names the Certificate after the secret
    if cert:
        out["CERT_NAME"] = cert
    http = [h for h in model.health if h.kind == "http"]
    environment = model.environment(env or "production")
    url = next((p.url for p in (environment.deploy if environment else ())
                if p.url and p.url.startswith(("https://", "http://"))
                and "${{" not in p.url), None)
    if http and url:  # the URL the pipeline declares for this environment
        out["HEALTH_URL"] = url.rstrip("/") + http[0].target
    elif domains and http and (env or "production") == "production":
        out["HEALTH_URL"] = f"https://{domains[0]}{http[0].target}"
    return out


def _choices(t: Targets, who: Authoring) -> dict[str, dict[str, object]]:
    """DEPLOYMENT's allowed values when the repository has several application Deployments."""
    if not t.app.choices:
        return {}
    names = [dep for dep, _container, _image in t.app.choices]
    shown = ", ".join(names)
    return {"DEPLOYMENT": {
        "description": (f"Deployment Kubernetes visé, l'un de ceux du dépôt : {shown}"
                        if who.lang == "fr" else
                        f"Kubernetes Deployment to act on, one of the repository's: {shown}"),
        "choices": names}}


def _tags(t: Targets) -> list[str]:
    tags = [t.app.platform if t.app.platform != "host" else "systemd"]
    if t.app.helm_release:
        tags.append("helm")
    return tags


def context(t: Targets, who: Authoring, extra: Mapping[str, str]) -> dict[str, object]:
    return {"app": t.app, "db": t.db, "tls": t.tls, "nginx": t.nginx, "stack": t.stack,
            "deploy": t.deploy, "model": t.model, "environment": t.env,
            "today": who.today.isoformat(), "owner": who.owner, "on_call": who.on_call,
            "escalation": who.escalation, "FREQ": FREQUENCIES[who.lang], "terms": who.terms,
            **extra}


def draft_set(stack: Stack, who: Authoring, model: StackModel | None = None) -> list[Draft]:
    """Every runbook of the standard set for ``stack``, rendered; each environment's runbooks
    with that environment's values."""
    t = build(stack, model)
    version = _version(model, who.lang)
    overrides = {"VERSION": version, "PREVIOUS_VERSION": {
        k: v for k, v in version.items() if k == "pattern"}} if version else {}
    out: list[Draft] = []
    for rel, template, kind, extra in plan(stack, model, t):
        env = extra.get("env")
        te = build(stack, model, env) if env else t
        text = render(template, context(te, who, extra), kind, who.lang,
                      defaults=_defaults(te, env), overrides={**overrides, **_choices(te, who)},
                      tags=_tags(te) + ([te.db.engine] if "database" in rel else []))
        out.append(Draft(rel, text))
    return out


def draft_template(kind: str, title: str | None, who: Authoring) -> str:
    """The standard template (TEMPLATE.md, ``runwright new``), placeholders included."""
    from runwright.scaffold.render import environment, labels

    ctx = {**labels(who.lang, who.terms), "kind": kind, "title": title,
           "today": who.today.isoformat(),
           "owner": who.owner, "on_call": who.on_call, "escalation": who.escalation,
           "FREQ": FREQUENCIES[who.lang]}
    return environment().get_template("template.md.j2").render(ctx)
