"""What the drafted commands act on: the application, its database, its certificates.

Built from a detected :class:`~runwright.scaffold.detect.Stack`. Each value is a ready shell
word: a name found in the repository (``shop``, ``deployment/api``, ``billing.service``) or,
when the files cannot tell, a quoted reference to a variable the runbook declares in its front
matter (``"$NAMESPACE"``). Templates only paste these words; they never build shell syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from runwright.scaffold.detect import Stack, Workload
from runwright.scaffold.stack.databases import engine_of as db_engine

_SAFE = re.compile(r"^[A-Za-z0-9._/@:=+-]+$")


def word(literal: str | None, var: str) -> str:
    """``literal`` when it is a plain shell word, else the quoted variable ``"$VAR"``."""
    if literal and _SAFE.match(literal):
        return literal
    return f'"${var}"'


def join(prefix: str, value: str) -> str:
    """``prefix`` + a word from :func:`word`, kept as one quoted shell word."""
    if value.startswith('"'):
        return f'"{prefix}{value[1:]}'
    return prefix + value


@dataclass(frozen=True)
class App:
    platform: str  # kubernetes, compose, host
    name: str  # a display name ("api", "billing", or "the application")
    known: bool  # name found in the files
    ns: str = ""  # kubernetes namespace word
    workload: str = ""  # "deployment/api"
    deployment: str = ""  # "api" (for rollout messages)
    container: str = ""
    image: str = ""  # image repository without tag
    selector: str = ""  # label selector for pods
    helm_release: str = ""
    helm_chart: str = ""  # chart path relative to the repository
    compose: str = ""  # "docker compose -f \"$DEPLOY_DIR/compose.yaml\""
    service: str = ""  # compose service or systemd unit word
    unit: str = ""


@dataclass(frozen=True)
class Database:
    engine: str  # postgresql, mysql, redis
    location: str  # kubernetes, compose, host
    name: str  # workload, service or unit name (display)
    exec: str  # prefix to run a client inside the database's environment ("" on the host)
    status: str
    logs: str
    restart: str
    unit: str = ""
    #: the exit statuses of ``status`` that are answers, not failures ("0|3": systemctl
    #: status of a stopped unit)
    status_exit: str = ""


@dataclass(frozen=True)
class Tls:
    kind: str  # cert-manager, certbot
    compose_certbot: bool = False


@dataclass(frozen=True)
class Targets:
    app: App
    db: Database
    tls: Tls
    nginx: bool
    stack: Stack


def _main_workload(workloads: tuple[Workload, ...]) -> Workload | None:
    apps = [w for w in workloads if not any(db_engine(i) for i in w.images)
            and not db_engine(w.name)]
    deployments = [w for w in apps if w.kind == "Deployment"]
    pool = deployments or apps
    return pool[0] if pool else None


def _chart_deployment(stack: Stack) -> tuple[str | None, Workload | None]:
    """The Deployment the first chart deploys, and its manifest when the repository has one.

    The name the chart's templates render (for a release named after the chart), else a
    manifest Deployment named like the release; None when the files cannot tell, so that the
    drafted commands use a declared variable rather than an unrelated workload.
    """
    chart = stack.helm[0]
    name = chart.deployment or next((w.name for w in stack.workloads
                                     if w.kind == "Deployment" and w.name == chart.name), None)
    manifest = next((w for w in stack.workloads
                     if w.kind == "Deployment" and w.name == name), None)
    return name, manifest


def _kubernetes_app(stack: Stack) -> App:
    chart = stack.helm[0] if stack.helm else None
    if chart is not None:
        name, w = _chart_deployment(stack)
    else:
        w = _main_workload(stack.workloads)
        name = w.name if w else None
    ns_literal = (w.namespace if w and w.namespace else
                  stack.namespaces[0] if len(stack.namespaces) == 1 else None)
    ns = word(ns_literal, "NAMESPACE")
    dep = word(name, "DEPLOYMENT")
    image = (w.images[0].rsplit(":", 1)[0] if w and w.images and "@" not in w.images[0]
             else chart.image if chart and chart.image else None)
    if image and ":" in image.rsplit("/", 1)[-1]:
        image = image.rsplit(":", 1)[0]
    release = word(chart.name, "RELEASE") if chart else ""
    return App(
        platform="kubernetes", name=name or "app", known=name is not None, ns=ns,
        workload=join("deployment/", dep), deployment=dep, container=word(
            w.container if w else (chart.name if chart and name else name), "CONTAINER"),
        image=word(image, "IMAGE"),
        selector=join("app.kubernetes.io/instance=", release) if chart else join("app=", dep),
        helm_release=release,
        helm_chart=("./" + chart.path if chart.path != "." else ".") if chart else "",
    )


def _compose_app(stack: Stack) -> App:
    apps = [s for s in stack.services if not any(db_engine(i) for i in s.images)
            and not db_engine(s.name) and s.name not in ("nginx", "certbot", "proxy")]
    svc = apps[0] if apps else None
    cfile = stack.compose_file or "compose.yaml"
    name = svc.name if svc else None
    return App(platform="compose", name=name or "app", known=svc is not None,
               compose=f'docker compose -f "$DEPLOY_DIR/{cfile}"',
               service=word(name, "SERVICE"))


def _host_app(stack: Stack) -> App:
    units = [u for u in stack.units if not _unit_engine(u) and "certbot" not in u
             and "nginx" not in u and u.endswith(".service")]
    unit = units[0] if units else None
    name = unit.removesuffix(".service") if unit else None
    return App(platform="host", name=name or "app", known=unit is not None,
               unit=word(unit, "SERVICE"), service=word(unit, "SERVICE"))


def _unit_engine(unit: str) -> str | None:
    stem = unit.rsplit(".", 1)[0]
    return {"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql",
            "redis": "redis", "redis-server": "redis"}.get(stem) or db_engine(stem)


def _database(stack: Stack, app: App) -> Database:
    engines = [e for e in stack.databases if e in ("postgresql", "mysql", "redis")]
    engine = engines[0] if engines else "postgresql"
    if app.platform == "kubernetes":
        w = next((w for w in stack.workloads
                  if any(db_engine(i) == engine for i in w.images)
                  or db_engine(w.name) == engine), None)
        if w is not None:
            ref = f"{w.kind.lower()}/{w.name}"
        elif stack.helm and any(db_engine(d) == engine for d in stack.helm[0].dependencies):
            release = stack.helm[0].name
            # The Bitnami charts name the primary StatefulSet <release>-<chart>.
            suffix = {"postgresql": "postgresql", "mysql": "mysql", "redis": "redis-master"}
            ref = f"statefulset/{release}-{suffix[engine]}"
        else:
            ref = join("statefulset/", word(None, "DB_WORKLOAD"))
        ns = app.ns
        return Database(engine, "kubernetes", ref.split("/", 1)[1].strip('"'),
                        exec=f"kubectl -n {ns} exec -i {ref} --",
                        status=f"kubectl -n {ns} get {ref} -o wide",
                        logs=f"kubectl -n {ns} logs {ref} --tail=200",
                        restart=f"kubectl -n {ns} rollout restart {ref}")
    if app.platform == "compose":
        svc = next((s for s in stack.services if any(db_engine(i) == engine for i in s.images)
                    or db_engine(s.name) == engine), None)
        name = word(svc.name if svc else None, "DB_SERVICE")
        return Database(engine, "compose", name.strip('"'), exec=f"{app.compose} exec -T {name}",
                        status=f"{app.compose} ps {name}",
                        logs=f"{app.compose} logs --tail=200 {name}",
                        restart=f"{app.compose} restart {name}")
    unit = next((u for u in stack.units if _unit_engine(u) == engine), None)
    default = {"postgresql": "postgresql.service", "mysql": "mysql.service",
               "redis": "redis-server.service"}[engine]
    unit = unit or default
    return Database(engine, "host", unit, exec="", unit=unit,
                    status=f"systemctl status {unit} --no-pager",
                    logs=f"journalctl -u {unit} -n 200 --no-pager",
                    restart=f"sudo systemctl restart {unit}", status_exit="0|3")


def build(stack: Stack) -> Targets:
    """The targets for a detected stack."""
    platform = stack.platform
    app = (_kubernetes_app(stack) if platform == "kubernetes" else
           _compose_app(stack) if platform == "compose" else _host_app(stack))
    tls = Tls("cert-manager") if stack.cert_manager and platform == "kubernetes" else Tls(
        "certbot", compose_certbot=platform == "compose"
        and any(s.name == "certbot" or any("certbot" in i for i in s.images)
                for s in stack.services))
    return Targets(app=app, db=_database(stack, app), tls=tls, nginx=stack.nginx, stack=stack)
