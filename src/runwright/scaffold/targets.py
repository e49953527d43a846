"""What the drafted commands act on: the application, its database, its certificates.

Built from a detected :class:`~runwright.scaffold.detect.Stack`. Each value is a ready shell
word: a name found in the repository (``shop``, ``deployment/api``, ``billing.service``) or,
when the files cannot tell, a quoted reference to a variable the runbook declares in its front
matter (``"$NAMESPACE"``). Templates only paste these words; they never build shell syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from runwright.scaffold.detect import Stack, Workload
from runwright.scaffold.stack.databases import engine_of as db_engine
from runwright.scaffold.stack.model import Database as DbModel
from runwright.scaffold.stack.model import DeployPath, Environment, StackModel

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
    values: str = ""  # " -f chart/values-production.yaml" (Helm values files of the environment)
    tag_key: str = ""  # the values key the chart's templates read for the image tag
    overlay: str = ""  # kustomize overlay folder of the environment
    web_service: str = ""  # compose service running nginx
    #: compose: every application service the deploy updates (``api web``), profiles aside
    services: str = ""
    #: compose: the application services under a profile (``worker``): updated only where they
    #: run, since naming one on the command line would start it where its profile is off
    optional: str = ""
    #: Kubernetes manifests with several application Deployments: (Deployment, container, image
    #: repository) of each, in file order. The drafts then read the Deployment from
    #: ``$DEPLOYMENT``, whose allowed values are these names, and set each one's own image.
    choices: tuple[tuple[str, str, str], ...] = ()


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
    user: str = ""  # client user word ("shop", "\"$DB_USER\""); "" on a host (peer auth)
    dbname: str = '"$DB_NAME"'  # database word
    found: bool = False  # the repository has this database
    cache: bool = False  # Redis with persistence off: nothing to back up
    data_loss: str = ""  # why restarting loses data ("emptyDir", "no volume"), else ""
    pod: str = ""  # the pod of a StatefulSet (<name>-0), for kubectl cp
    #: MySQL/MariaDB in a container: the client options that log in as the repository's user
    #: with the password the container holds (`` -uwiki -p"$MARIADB_PASSWORD"``, expanded by
    #: the container's shell, never written in the runbook); "" when the repository does not
    #: say (the official images give root a password, so the client cannot log in unasked)
    auth: str = ""


@dataclass(frozen=True)
class Deploy:
    """How the environment is deployed: the repository's own path.

    ``kind``: ``tag`` (a CI pipeline started by pushing a version tag), ``git`` (a change
    committed to the environment's overlay; a pipeline or a GitOps controller applies it) or
    ``direct`` (helm / kubectl / compose / systemd from the operator's shell).
    """

    kind: str = "direct"
    system: str = ""  # github, gitlab, argocd, flux
    workflow: str = ""  # GitHub workflow file name
    tag: str = '"$VERSION"'  # the Git tag word for a version
    branch: str = ""  # the branch a git deploy pushes to
    app: str = ""  # Argo CD application / Flux object name
    auto_sync: bool = True
    manual: tuple[str, ...] = ()  # the pipeline's own commands, runnable by hand
    image_name: str = ""  # kustomize image name to set
    source: str = ""  # the file that says so


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
    deploy: Deploy = Deploy()
    model: StackModel | None = None
    env: Environment | None = None


def _main_workload(workloads: tuple[Workload, ...]) -> Workload | None:
    apps = [w for w in workloads if not any(db_engine(i) for i in w.images)
            and not db_engine(w.name)]
    deployments = [w for w in apps if w.kind == "Deployment"]
    pool = deployments or apps
    return pool[0] if pool else None


def _several(found: list[tuple[str, str | None, str | None]]) -> tuple[tuple[str, str, str], ...]:
    """(name, container, image repository) of each application Deployment when there are
    several and the files give all three as plain words; else ()."""
    out: list[tuple[str, str, str]] = []
    for name, container, image in found:
        if image and ":" in image.rsplit("/", 1)[-1]:
            image = image.rsplit(":", 1)[0]
        if not (container and image and "@" not in image and _PLAIN_NAME.fullmatch(name)
                and _PLAIN_NAME.fullmatch(container) and _SAFE.match(image)):
            return ()
        if name not in (n for n, _c, _i in out):
            out.append((name, container, image))
    return tuple(out) if len(out) > 1 else ()


def _with_choices(app: App, choices: tuple[tuple[str, str, str], ...]) -> App:
    """``app`` deploying the Deployment named by ``$DEPLOYMENT``, one of ``choices``."""
    if not choices:
        return app
    dep = '"$DEPLOYMENT"'
    return replace(app, workload=join("deployment/", dep), deployment=dep, container="",
                   image="", selector=join("app=", dep), choices=choices)


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
    choices = () if chart else _several([
        (x.name, x.container, x.images[0] if x.images else None) for x in stack.workloads
        if x.kind == "Deployment" and not any(db_engine(i) for i in x.images)
        and not db_engine(x.name)])
    return _with_choices(App(
        platform="kubernetes", name=name or "app", known=name is not None, ns=ns,
        workload=join("deployment/", dep), deployment=dep, container=word(
            w.container if w else (chart.name if chart and name else name), "CONTAINER"),
        image=word(image, "IMAGE"),
        selector=join("app.kubernetes.io/instance=", release) if chart else join("app=", dep),
        helm_release=release,
        helm_chart=("./" + chart.path if chart.path != "." else ".") if chart else "",
    ), choices)


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
                        status=f"{app.compose} ps --all {name}",
                        logs=f"{app.compose} logs --tail=200 {name}",
                        restart=f"{app.compose} up -d --wait {name}")
    unit = next((u for u in stack.units if _unit_engine(u) == engine), None)
    default = {"postgresql": "postgresql.service", "mysql": "mysql.service",
               "redis": "redis-server.service"}[engine]
    unit = unit or default
    return Database(engine, "host", unit, exec="", unit=unit,
                    status=f"systemctl status {unit} --no-pager",
                    logs=f"journalctl -u {unit} -n 200 --no-pager",
                    restart=f"sudo systemctl restart {unit}", status_exit="0|3")


_CI_REFS = {"github": "GITHUB_REF_NAME", "gitlab": "CI_COMMIT_TAG"}
_GH_EXPR = re.compile(r"\$\{\{\s*github\.ref_name\s*\}\}")
_SHELL_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_MAKE_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def version_tag(model: StackModel | None) -> str:
    """The Git tag of ``$VERSION`` (the image tag): ``"v$VERSION"`` when Git tags carry a
    ``v`` that image tags do not."""
    if model and model.tags.git == "v" and model.tags.image == "":
        return '"v$VERSION"'
    return '"$VERSION"'


def manual_commands(path: DeployPath, tag: str) -> tuple[str, ...]:
    """The pipeline's own commands, runnable from a shell: the tag variable the CI provides is
    set from ``$VERSION``; None of it when the commands need anything else from the CI."""
    ref = _CI_REFS.get(path.system)
    if ref is None:
        return ()
    lines: list[str] = []
    for command in path.commands:
        command = _GH_EXPR.sub("${" + ref + "}", command)
        if "${{" in command or any(v != ref for v in _SHELL_VAR.findall(command)):
            return ()
        if command.startswith("cd ") and "&&" in command:
            command = f"({command})"
        lines.append(command)
    if not lines:
        return ()
    if any(ref in line for line in lines):
        lines.insert(0, f"{ref}={tag}")
    return tuple(lines)


def _deploy(model: StackModel | None, env: Environment | None, app: App) -> Deploy:
    tag = version_tag(model)
    paths = env.deploy if env else (model.deploy if model else ())
    gitops = next((p for p in paths if p.kind == "gitops"), None)
    if gitops and env and env.kustomize and gitops.system in ("argocd", "flux"):
        return Deploy("git", gitops.system, tag=tag, branch=gitops.branch or "",
                      app=gitops.name.split("/", 1)[-1], auto_sync=bool(gitops.auto_sync),
                      image_name=_image_name(env, app), source=gitops.source)
    ci = next((p for p in paths if p.kind == "ci" and p.commands), None)
    if ci and "push of tags" in ci.trigger and ci.system in ("github", "gitlab"):
        return Deploy("tag", ci.system, workflow=ci.workflow or "", tag=tag,
                      manual=manual_commands(ci, tag), source=ci.source)
    if ci and env and env.kustomize and ci.branch and ci.system == "github" and any(
            env.kustomize in c for c in ci.commands):
        return Deploy("git", "github", workflow=ci.workflow or "", tag=tag, branch=ci.branch,
                      image_name=_image_name(env, app), source=ci.source)
    make = next((p for p in paths if p.kind == "make" and "VERSION" in " ".join(p.commands)
                 and not any(v != "VERSION" for c in p.commands for v in _MAKE_VAR.findall(c))),
                None)
    if make and app.platform != "kubernetes":
        return Deploy("make", "make", app=make.name, tag=tag, source=make.source)
    return Deploy(tag=tag)


def _image_name(env: Environment, app: App) -> str:
    main = next((w for w in env.workloads if w.name == app.deployment), None)
    if main and main.images:
        return main.images[0].repository
    return app.image.strip('"') if not app.image.startswith('"') else ""


_NOT_APPS = ("nginx", "certbot", "proxy", "traefik", "caddy")
#: A name written into a command as it is, without quotes (a compose service, a database user).
_PLAIN_NAME = re.compile(r"[\w.-]+")


def _compose_services(app: App, model: StackModel, env: Environment | None) -> App:
    """The application services of a compose project: those the deploy recreates, and those
    under a profile."""
    pool = env.workloads if env is not None and env.workloads else model.workloads
    apps: list[tuple[str, bool]] = []
    for w in pool:
        image = w.images[0].repository if w.images else ""
        if w.kind != "service" or db_engine(w.name) or (image and db_engine(image)) or any(
                n in (w.name, image.rsplit("/", 1)[-1]) for n in _NOT_APPS):
            continue
        if (w.name, bool(w.profiles)) not in apps:
            apps.append((w.name, bool(w.profiles)))
    plain = [word(n, "SERVICE") for n, profiled in apps if not profiled]
    profiled = [n for n, p in apps if p and _PLAIN_NAME.fullmatch(n)]
    return replace(app, services=" ".join(plain) if len(plain) > 1 else "",
                   optional=" ".join(profiled))


def _env_app(app: App, model: StackModel, env: Environment | None) -> App:
    """``app`` with what the environment (or the repository) says in its own files."""
    if app.platform == "compose":
        return _compose_services(app, model, env)
    if app.platform != "kubernetes":
        return app
    changes: dict[str, Any] = {}
    ns = env.namespace if env else (model.namespaces[0] if len(model.namespaces) == 1
                                    else None)
    if ns:
        changes["ns"] = word(ns, "NAMESPACE")
    if env is not None and env.kustomize:
        main = next((w for w in env.workloads if w.kind == "Deployment"
                     and not any(db_engine(i.repository) for i in w.images)), None)
        if main is not None and not app.helm_release:
            dep = word(main.name, "DEPLOYMENT")
            changes.update(workload=join("deployment/", dep), deployment=dep,
                           container=word(main.container, "CONTAINER"),
                           image=word(main.images[0].repository if main.images else None,
                                      "IMAGE"), selector=join("app=", dep), choices=())
            several = _several([
                (w.name, w.container, w.images[0].repository if w.images else None)
                for w in env.workloads if w.kind == "Deployment"
                and not any(db_engine(i.repository) for i in w.images)
                and not db_engine(w.name)])
            if several:
                return _with_choices(replace(app, **changes, overlay=env.kustomize), several)
        changes["overlay"] = env.kustomize
    if app.helm_release:
        if env is not None and env.release:
            changes["helm_release"] = word(env.release, "RELEASE")
        if env is not None and env.chart:
            changes["helm_chart"] = "./" + env.chart if env.chart != "." else "."
        if env is not None and env.values_files:
            changes["values"] = "".join(f" -f {word(v, 'VALUES_FILE')}"
                                        for v in env.values_files)
        key = next((k.tag for k in model.image_keys if k.tag), None)
        changes["tag_key"] = word(key, "TAG_KEY")
    return replace(app, **changes)


def _db_model(model: StackModel, env: Environment | None, engine: str,
              name: str) -> DbModel | None:
    pool = (env.databases if env and env.databases else ()) + model.databases
    return next((d for d in pool if d.engine == engine and (d.name == name or name in (
        f"{d.name}", d.name.removesuffix(".service")))), None) or next(
        (d for d in pool if d.engine == engine), None)


_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _mysql_auth(found: DbModel) -> str:
    """`` -uUSER -p"$PASSWORD_VAR"`` from the container's environment, else ""."""
    if not found.user or not found.password:
        return ""
    name = found.password.split(":", 1)[0].strip()
    if not _ENV_NAME.match(name) or not _PLAIN_NAME.fullmatch(found.user):
        return ""
    secret = f'"$(cat "${name}")"' if name.endswith("_FILE") else f'"${name}"'
    return f" -u{found.user} -p{secret}"


def _refine_db(db: Database, model: StackModel, env: Environment | None) -> Database:
    found = _db_model(model, env, db.engine, db.name)
    if found is None:
        return replace(db, user=word(None, "DB_USER") if db.exec else "")
    loss = ""
    if found.volume is not None and not found.volume.survives_restart:
        loss = found.volume.kind
    user = word(found.user, "DB_USER") if db.exec else ""
    return replace(db, user=user, dbname=word(found.database, "DB_NAME"), found=True,
                   auth=_mysql_auth(found) if db.exec and db.engine == "mysql" else "",
                   cache=found.engine == "redis" and found.persistent is False,
                   data_loss=loss if db.location != "host" else "",
                   pod=f"{db.name}-0" if db.location == "kubernetes" else "")


def build(stack: Stack, model: StackModel | None = None, env: str | None = None) -> Targets:
    """The targets for a detected stack, for one environment of the model (``production``
    when ``env`` is None and the repository has one)."""
    base = _build(stack)
    if model is None:
        return base
    environment = model.environment(env or "production")
    if environment is None and env is None and len(model.environments) == 1:
        environment = model.environments[0]
    app = _env_app(base.app, model, environment)
    web = next((s.name for s in stack.services if any(
        i.rsplit("/", 1)[-1].split(":", 1)[0] in ("nginx", "nginx-unprivileged", "openresty")
        for i in s.images)), None)
    app = replace(app, web_service=word(web, "WEB_SERVICE") if app.platform == "compose"
                  else "")
    db = _refine_db(_database(stack, app), model, environment)
    tls = base.tls
    if app.platform == "kubernetes" and any(
            t.kind in ("cert-manager", "issuer") or (t.kind == "ingress" and t.issuer)
            for t in model.tls):
        tls = Tls("cert-manager")
    return replace(base, app=app, db=db, tls=tls, deploy=_deploy(model, environment, app),
                   model=model, env=environment)


def _build(stack: Stack) -> Targets:
    platform = stack.platform
    app = (_kubernetes_app(stack) if platform == "kubernetes" else
           _compose_app(stack) if platform == "compose" else _host_app(stack))
    tls = Tls("cert-manager") if stack.cert_manager and platform == "kubernetes" else Tls(
        "certbot", compose_certbot=platform == "compose"
        and any(s.name == "certbot" or any("certbot" in i for i in s.images)
                for s in stack.services))
    return Targets(app=app, db=_database(stack, app), tls=tls, nginx=stack.nginx, stack=stack)
