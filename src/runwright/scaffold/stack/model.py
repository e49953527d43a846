"""The stack model: what a repository says about how it runs, per environment.

Frozen dataclasses, no I/O. Every fact carries ``source``, the repository-relative file it was
read from, so that ``init --dry-run`` can show where a drafted value comes from. A value the
files do not give is ``None``: the drafts then declare a variable instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Environment names and the role they play in the standard runbook set.
PRODUCTION_NAMES = frozenset({"production", "prod", "prd", "live"})
STAGING_NAMES = frozenset({"staging", "stage", "stg", "preprod", "pre-production", "uat"})


def role(name: str) -> str:
    """``production``, ``staging`` or the name itself (``dev``, ``qa``...)."""
    low = name.lower()
    if low in PRODUCTION_NAMES:
        return "production"
    if low in STAGING_NAMES:
        return "staging"
    return low


@dataclass(frozen=True, slots=True)
class Image:
    repository: str  # without tag or digest
    tag: str | None
    source: str

    @property
    def ref(self) -> str:
        return f"{self.repository}:{self.tag}" if self.tag else self.repository


@dataclass(frozen=True, slots=True)
class Volume:
    """Where a workload keeps data: ``pvc``, ``claim-template``, ``named`` (compose volume),
    ``bind`` (host folder), ``hostPath``, ``emptyDir`` or ``none`` (the container's own layer)."""

    kind: str
    name: str | None
    mount: str | None
    source: str

    @property
    def survives_restart(self) -> bool:
        """False when restarting (Kubernetes: re-creating) the workload loses the data."""
        return self.kind not in ("emptyDir", "none")


@dataclass(frozen=True, slots=True)
class Health:
    """A health check the repository defines: ``http`` (path, port), ``exec`` or ``tcp``."""

    kind: str
    target: str  # "/healthz" (http), the command (exec), the port (tcp)
    port: str | None
    workload: str
    source: str


@dataclass(frozen=True, slots=True)
class Workload:
    """A Kubernetes workload, a compose service or a systemd unit, as rendered for one place."""

    name: str
    kind: str  # Deployment, StatefulSet, DaemonSet, service (compose), unit (systemd)
    namespace: str | None
    images: tuple[Image, ...]
    container: str | None
    volumes: tuple[Volume, ...]
    health: tuple[Health, ...]
    source: str
    #: the chart release that renders it (Helm), else None
    release: str | None = None
    profiles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DeployPath:
    """One way the repository deploys itself.

    ``kind``: ``ci`` (a pipeline job), ``make`` (a Makefile target), ``gitops`` (Argo CD
    Application, Flux Kustomization or HelmRelease). ``trigger`` says what starts it
    ("push of tags v*", "automated sync"), ``commands`` are the shell lines it runs.
    """

    kind: str
    system: str  # github, gitlab, make, argocd, flux
    name: str  # workflow file and job, make target, application name
    trigger: str
    commands: tuple[str, ...]
    source: str
    workflow: str | None = None  # the workflow file (GitHub), for `gh run`
    auto_sync: bool | None = None  # gitops: the controller syncs by itself
    path: str | None = None  # gitops: the folder in Git it follows
    branch: str | None = None  # the branch it follows (gitops) or is pushed to (ci)
    url: str | None = None  # the environment's URL the job declares (GitHub environment.url)


@dataclass(frozen=True, slots=True)
class ImageKey:
    """The chart values that set an image, read from the chart's templates."""

    repository: str | None  # "images.repository"
    tag: str | None  # "images.tag"
    source: str


@dataclass(frozen=True, slots=True)
class Database:
    engine: str  # postgresql, mysql, redis, mongodb
    name: str  # the workload, service, unit or chart dependency
    kind: str  # StatefulSet, Deployment, service, unit, chart
    user: str | None
    database: str | None
    password: str | None  # where the password comes from, never the password itself
    volume: Volume | None
    persistent: bool | None  # Redis: False when persistence is off (a cache)
    source: str
    image: str | None = None
    notes: tuple[str, ...] = ()  # how user/database were found ("image default")


@dataclass(frozen=True, slots=True)
class Tls:
    kind: str  # cert-manager, certbot, ingress, nginx
    domains: tuple[str, ...]
    issuer: str | None
    secret: str | None
    source: str
    name: str | None = None  # Certificate resource name


@dataclass(frozen=True, slots=True)
class TagScheme:
    """Whether versions are written ``v1.2.3`` or ``1.2.3``, in Git tags and in image tags.

    ``git`` and ``image`` are ``"v"``, ``""`` or None (the files do not tell).
    """

    git: str | None = None
    image: str | None = None
    evidence: tuple[str, ...] = ()
    example: str | None = None  # a version as the repository writes its image tags


@dataclass(frozen=True, slots=True)
class Environment:
    name: str
    role: str  # production, staging or the name
    sources: tuple[str, ...]
    namespace: str | None = None
    release: str | None = None  # Helm release
    chart: str | None = None  # chart folder
    values_files: tuple[str, ...] = ()
    kustomize: str | None = None  # overlay folder
    compose_files: tuple[str, ...] = ()
    project: str | None = None  # compose project name
    workloads: tuple[Workload, ...] = ()
    databases: tuple[Database, ...] = ()
    deploy: tuple[DeployPath, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StackModel:
    """Everything the repository's files say about how it runs."""

    platform: str  # kubernetes, compose, host
    environments: tuple[Environment, ...] = ()
    workloads: tuple[Workload, ...] = ()  # as written in the repository (no environment)
    databases: tuple[Database, ...] = ()
    tls: tuple[Tls, ...] = ()
    tags: TagScheme = field(default_factory=TagScheme)
    image_keys: tuple[ImageKey, ...] = ()
    deploy: tuple[DeployPath, ...] = ()  # paths not tied to one environment
    namespaces: tuple[str, ...] = ()  # every namespace the manifests name
    units: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    host_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    app_dir: str | None = None  # systemd: the folder holding releases/ and current
    problems: tuple[str, ...] = ()  # files that could not be read, and why

    def environment(self, wanted: str) -> Environment | None:
        """The environment playing ``wanted`` (a role or a name), if the repository has one."""
        for env in self.environments:
            if env.role == wanted or env.name == wanted:
                return env
        return None

    @property
    def health(self) -> tuple[Health, ...]:
        out: list[Health] = []
        for w in self.workloads:
            out.extend(h for h in w.health if h not in out)
        return tuple(out)
