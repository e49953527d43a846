"""Stack detection from the repository's files only (no network, no cluster).

Reads Kubernetes manifests and kustomizations, Helm charts, docker compose files, systemd
units, Terraform, Dockerfiles and CI workflows, and recognises databases (PostgreSQL, MySQL /
MariaDB, Redis, MongoDB) and web/TLS pieces (nginx, cert-manager, certbot) from images, chart
names and configuration files. Every finding keeps the file it came from (``evidence``), so
``init --dry-run`` can say why it drafts what it drafts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runwright.scaffold.stack.databases import engine_of as db_engine
from runwright.scaffold.stack.files import YAML_SUFFIXES as _YAML_SUFFIXES
from runwright.scaffold.stack.files import main_container
from runwright.scaffold.stack.files import read as _read
from runwright.scaffold.stack.files import walk as _walk
from runwright.scaffold.stack.files import yaml_docs as _yaml_docs
from runwright.scaffold.stack.helm import rendered_deployment

_COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
_DB_UNITS = {"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql",
             "redis": "redis", "redis-server": "redis", "mongod": "mongodb"}


@dataclass(frozen=True, slots=True)
class Workload:
    """A Kubernetes workload or a compose service."""

    name: str
    kind: str  # Deployment, StatefulSet, DaemonSet, or "service" for compose
    namespace: str | None
    images: tuple[str, ...]
    container: str | None
    source: str


@dataclass(frozen=True, slots=True)
class HelmChart:
    name: str
    path: str  # folder of Chart.yaml, relative to the repository
    image: str | None
    dependencies: tuple[str, ...]
    #: The Deployment the chart's templates render when released under the chart's own name
    #: (a literal name, or the standard ``<chart>.fullname`` helper), None when unknown.
    deployment: str | None = None


@dataclass(frozen=True)
class Stack:
    """What the repository runs on, as far as its files tell."""

    workloads: tuple[Workload, ...] = ()
    namespaces: tuple[str, ...] = ()
    kustomize: tuple[str, ...] = ()
    helm: tuple[HelmChart, ...] = ()
    compose_file: str | None = None
    services: tuple[Workload, ...] = ()
    units: tuple[str, ...] = ()
    terraform: bool = False
    dockerfiles: tuple[str, ...] = ()
    ci: str | None = None  # "github", "gitlab" or None
    databases: tuple[str, ...] = ()  # postgresql, mysql, redis, mongodb
    nginx: bool = False
    cert_manager: bool = False
    certbot: bool = False
    evidence: tuple[str, ...] = field(default=())

    @property
    def platform(self) -> str:
        """kubernetes, compose or host (systemd or nothing known)."""
        if self.workloads or self.helm:
            return "kubernetes"
        if self.services:
            return "compose"
        return "host"


def _images(spec: Any, workload: str = "") -> tuple[list[str], str | None]:
    """Container images of a pod template spec and its main container's name, the main
    container's image first (see :func:`main_container`)."""
    images: list[str] = []
    if not isinstance(spec, dict):
        return images, None
    named: list[tuple[str, str]] = []
    for key in ("initContainers", "containers"):
        for c in spec.get(key) or []:
            if isinstance(c, dict) and isinstance(c.get("image"), str):
                images.append(c["image"])
                if key == "containers" and isinstance(c.get("name"), str):
                    named.append((c["name"], c["image"]))
    main = main_container(named, workload)
    if main is None:
        return images, None
    images.remove(main[1])
    return [main[1], *images], main[0]


class _Detector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.workloads: list[Workload] = []
        self.namespaces: set[str] = set()
        self.kustomize: list[str] = []
        self.helm: list[HelmChart] = []
        self.compose_file: str | None = None
        self.services: list[Workload] = []
        self.units: list[str] = []
        self.terraform = False
        self.dockerfiles: list[str] = []
        self.ci: set[str] = set()
        self.databases: set[str] = set()
        self.web: set[str] = set()
        self.evidence: list[str] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def note(self, text: str) -> None:
        if text not in self.evidence:
            self.evidence.append(text)

    def image(self, image: str, where: str) -> None:
        engine = db_engine(image)
        if engine:
            self.databases.add(engine)
            self.note(f"{engine}: image {image} ({where})")
        base = image.rsplit("/", 1)[-1].split(":", 1)[0].lower()
        if base in ("nginx", "nginx-unprivileged", "openresty") or base.startswith("ingress-nginx"):
            self.web.add("nginx")
            self.note(f"nginx: image {image} ({where})")
        if base == "certbot":
            self.web.add("certbot")
            self.note(f"certbot: image {image} ({where})")

    def run(self) -> Stack:
        for path in _walk(self.root):
            self.file(path)
        return Stack(
            workloads=tuple(self.workloads), namespaces=tuple(sorted(self.namespaces)),
            kustomize=tuple(self.kustomize), helm=tuple(self.helm),
            compose_file=self.compose_file, services=tuple(self.services),
            units=tuple(self.units), terraform=self.terraform,
            dockerfiles=tuple(self.dockerfiles),
            ci="github" if "github" in self.ci else ("gitlab" if "gitlab" in self.ci else None),
            databases=tuple(e for e in ("postgresql", "mysql", "redis", "mongodb")
                            if e in self.databases),
            nginx="nginx" in self.web, cert_manager="cert-manager" in self.web,
            certbot="certbot" in self.web, evidence=tuple(self.evidence))

    def file(self, path: Path) -> None:
        name = path.name
        rel = self.rel(path)
        parts = rel.split("/")
        if rel.startswith(".github/workflows/") and name.endswith(_YAML_SUFFIXES):
            self.ci.add("github")
            self.note(f"GitHub Actions: {rel}")
            return
        if name == ".gitlab-ci.yml":
            self.ci.add("gitlab")
            self.note(f"GitLab CI: {rel}")
            return
        if name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile"):
            self.dockerfiles.append(rel)
            self.note(f"Dockerfile: {rel}")
            content = _read(path) or ""
            for m in re.finditer(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)", content, re.M | re.I):
                self.image(m.group(1), rel)
            return
        if name.endswith(".tf"):
            if not self.terraform:
                self.note(f"Terraform: {rel}")
            self.terraform = True
            return
        if name.endswith(".service") or (name.endswith(".timer") and "systemd" in rel):
            self.unit(path, rel)
            return
        if name in ("nginx.conf",) or (parts[0] == "nginx" and name.endswith(".conf")):
            self.web.add("nginx")
            self.note(f"nginx: {rel}")
            return
        if name in ("postgresql.conf", "pg_hba.conf"):
            self.databases.add("postgresql")
            self.note(f"postgresql: {rel}")
            return
        if name in ("my.cnf", "mysqld.cnf", "mariadb.cnf"):
            self.databases.add("mysql")
            self.note(f"mysql: {rel}")
            return
        if name == "redis.conf":
            self.databases.add("redis")
            self.note(f"redis: {rel}")
            return
        if "letsencrypt" in rel or (name in ("cli.ini",) and "certbot" in rel):
            self.web.add("certbot")
            self.note(f"certbot: {rel}")
            return
        if not name.endswith(_YAML_SUFFIXES):
            return
        if "templates" in parts[:-1] and any((self.root / "/".join(parts[:i]) / "Chart.yaml")
                                              .is_file() for i in range(len(parts))):
            return  # Helm templates are not plain YAML
        text = _read(path)
        if text is None:
            return
        if name == "Chart.yaml":
            self.chart(path, rel, text)
        elif name in _COMPOSE_NAMES or name.startswith("docker-compose."):
            self.compose(rel, text)
        elif name in ("kustomization.yaml", "kustomization.yml"):
            self.kustomization(rel, text)
        else:
            self.manifests(rel, text)

    def unit(self, path: Path, rel: str) -> None:
        unit = path.name
        stem = unit.rsplit(".", 1)[0]
        engine = _DB_UNITS.get(stem)
        if engine:
            self.databases.add(engine)
        text = _read(path) or ""
        if "[Service]" not in text and "[Unit]" not in text:
            return
        if "certbot" in stem:
            self.web.add("certbot")
        if unit not in self.units:
            self.units.append(unit)
            self.note(f"systemd: {unit} ({rel})")
        exec_start = re.search(r"^\s*ExecStart\s*=\s*(\S+)", text, re.M)
        if exec_start and "certbot" in exec_start.group(1):
            self.web.add("certbot")
        if exec_start and "nginx" in exec_start.group(1):
            self.web.add("nginx")
        if exec_start:
            engine = db_engine(Path(exec_start.group(1)).name)
            if engine:
                self.databases.add(engine)

    def chart(self, path: Path, rel: str, text: str) -> None:
        docs = _yaml_docs(text)
        data = docs[0] if docs and isinstance(docs[0], dict) else {}
        name = str(data.get("name") or path.parent.name)
        deps = tuple(str(d.get("name")) for d in data.get("dependencies") or []
                     if isinstance(d, dict) and d.get("name"))
        for dep in deps:
            engine = db_engine(dep)
            if engine:
                self.databases.add(engine)
                self.note(f"{engine}: chart dependency {dep} ({rel})")
            if dep == "cert-manager":
                self.web.add("cert-manager")
            if dep.startswith("ingress-nginx") or dep == "nginx":
                self.web.add("nginx")
        image: str | None = None
        values = _read(path.parent / "values.yaml")
        if values:
            vdocs = _yaml_docs(values)
            v = vdocs[0] if vdocs and isinstance(vdocs[0], dict) else {}
            img = v.get("image")
            if isinstance(img, dict) and isinstance(img.get("repository"), str):
                image = img["repository"]
            elif isinstance(img, str):
                image = img
            ingress = v.get("ingress")
            if isinstance(ingress, dict) and "nginx" in str(ingress.get("className", "")):
                self.web.add("nginx")
            if "cert-manager.io" in values:
                self.web.add("cert-manager")
        folder = path.parent.relative_to(self.root).as_posix() or "."
        overrides = v if values and isinstance(v, dict) else {}
        deployment, where = rendered_deployment(path.parent, name, overrides)
        self.helm.append(HelmChart(name=name, path=folder, image=image, dependencies=deps,
                                   deployment=deployment))
        self.note(f"Helm: chart {name} ({rel})")
        if deployment and where:
            self.note(f"Helm: chart {name} renders deployment {deployment} "
                      f"({self.rel(where)})")

    def compose(self, rel: str, text: str) -> None:
        docs = _yaml_docs(text)
        data = docs[0] if docs and isinstance(docs[0], dict) else {}
        services = data.get("services")
        if not isinstance(services, dict):
            return
        if self.compose_file is None:
            self.compose_file = rel
        for name, spec in services.items():
            spec = spec if isinstance(spec, dict) else {}
            image = spec.get("image") if isinstance(spec.get("image"), str) else None
            images = (image,) if image else ()
            self.services.append(Workload(name=str(name), kind="service", namespace=None,
                                          images=images, container=None, source=rel))
            self.note(f"docker compose: service {name}" + (f" ({image})" if image else "")
                      + f" in {rel}")
            if image:
                self.image(image, rel)
            engine = db_engine(str(name))
            if engine and not image:
                self.databases.add(engine)

    def kustomization(self, rel: str, text: str) -> None:
        docs = _yaml_docs(text)
        data = docs[0] if docs and isinstance(docs[0], dict) else {}
        folder = rel.rsplit("/", 1)[0] if "/" in rel else "."
        self.kustomize.append(folder)
        self.note(f"kustomize: {rel}")
        if isinstance(data.get("namespace"), str):
            self.namespaces.add(data["namespace"])

    def manifests(self, rel: str, text: str) -> None:
        if "apiVersion" not in text or "kind" not in text:
            return
        for doc in _yaml_docs(text):
            if not isinstance(doc, dict) or not isinstance(doc.get("kind"), str):
                continue
            kind = doc["kind"]
            meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
            assert isinstance(meta, dict)
            ns = meta.get("namespace") if isinstance(meta.get("namespace"), str) else None
            if kind == "Namespace" and isinstance(meta.get("name"), str):
                self.namespaces.add(meta["name"])
            if ns:
                self.namespaces.add(ns)
            api = str(doc.get("apiVersion", ""))
            if api.startswith("cert-manager.io/"):
                self.web.add("cert-manager")
                self.note(f"cert-manager: {kind} in {rel}")
            if kind == "Ingress" and "nginx" in text:
                self.web.add("nginx")
            if kind not in _WORKLOAD_KINDS or not isinstance(meta.get("name"), str):
                continue
            spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
            assert isinstance(spec, dict)
            template = spec.get("template") if isinstance(spec.get("template"), dict) else {}
            assert isinstance(template, dict)
            images, container = _images(template.get("spec"), meta["name"])
            self.workloads.append(Workload(name=meta["name"], kind=kind, namespace=ns,
                                           images=tuple(images), container=container,
                                           source=rel))
            self.note(f"Kubernetes: {kind.lower()} {meta['name']}"
                      + (f" (namespace {ns})" if ns else "") + f" in {rel}")
            for image in images:
                self.image(image, rel)


def detect(root: Path) -> Stack:
    """Detect the stack of the repository at ``root`` from its files."""
    return _Detector(root.resolve()).run()
