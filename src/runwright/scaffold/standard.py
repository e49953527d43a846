"""The standard runbook set, drafted for a detected stack, in French or English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from runwright.scaffold.detect import Stack
from runwright.scaffold.render import render
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


def plan(stack: Stack) -> list[tuple[str, str, str, dict[str, str]]]:
    """(relative path, template, kind, extra context) for each runbook of the set."""
    items: list[tuple[str, str, str, dict[str, str]]] = [
        ("deployment/deploy-staging.md", "deploy.md.j2", "deployment", {"env": "staging"}),
        ("deployment/deploy-production.md", "deploy.md.j2", "deployment",
         {"env": "production"}),
        ("deployment/rollback.md", "rollback.md.j2", "deployment", {"env": "production"}),
        ("incidents/database-down.md", "database-down.md.j2", "incident", {}),
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
    if stack.nginx or stack.certbot or stack.cert_manager:
        items.append(("incidents/certificate-expired.md", "certificate.md.j2",
                      "incident", {"topic": "expired"}))
    items += [
        ("maintenance/database-backup.md", "database-backup.md.j2", "maintenance", {}),
        ("maintenance/log-rotation.md", "log-rotation.md.j2", "maintenance", {}),
        ("maintenance/certificate-renewal.md", "certificate.md.j2", "maintenance",
         {"topic": "renewal"}),
    ]
    return items


def _defaults(t: Targets, env: str | None) -> dict[str, str]:
    name = t.app.name if t.app.known else "app"
    out = {"DEPLOY_DIR": f"/srv/{name}", "APP_DIR": f"/opt/{name}",
           "BACKUP_DIR": f"/var/backups/{t.db.engine}"}
    if env:
        out["KUBE_CONTEXT"] = env
    return out


def _tags(t: Targets) -> list[str]:
    tags = [t.app.platform if t.app.platform != "host" else "systemd"]
    if t.app.helm_release:
        tags.append("helm")
    return tags


def context(t: Targets, who: Authoring, extra: Mapping[str, str]) -> dict[str, object]:
    return {"app": t.app, "db": t.db, "tls": t.tls, "nginx": t.nginx, "stack": t.stack,
            "today": who.today.isoformat(), "owner": who.owner, "on_call": who.on_call,
            "escalation": who.escalation, "FREQ": FREQUENCIES[who.lang], **extra}


def draft_set(stack: Stack, who: Authoring) -> list[Draft]:
    """Every runbook of the standard set for ``stack``, rendered."""
    t = build(stack)
    out: list[Draft] = []
    for rel, template, kind, extra in plan(stack):
        text = render(template, context(t, who, extra), kind, who.lang,
                      defaults=_defaults(t, extra.get("env")),
                      tags=_tags(t) + ([t.db.engine] if "database" in rel else []))
        out.append(Draft(rel, text))
    return out


def draft_template(kind: str, title: str | None, who: Authoring) -> str:
    """The standard template (TEMPLATE.md, ``runwright new``), placeholders included."""
    from runwright.scaffold.render import environment, labels

    ctx = {**labels(who.lang), "kind": kind, "title": title, "today": who.today.isoformat(),
           "owner": who.owner, "on_call": who.on_call, "escalation": who.escalation,
           "FREQ": FREQUENCIES[who.lang]}
    return environment().get_template("template.md.j2").render(ctx)
