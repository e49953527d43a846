"""Reading a repository into a :class:`StackModel` (files only: no network, no cluster)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runwright.scaffold.stack import ci, helm, kustomize
from runwright.scaffold.stack.compose import MAIN_NAMES, ComposeProject, read_compose
from runwright.scaffold.stack.databases import engine_of
from runwright.scaffold.stack.files import YAML_SUFFIXES, read, text, walk, yaml_docs, yaml_mapping
from runwright.scaffold.stack.kube import Objects, read_objects
from runwright.scaffold.stack.model import (
    Database,
    DeployPath,
    Environment,
    Health,
    Image,
    StackModel,
    TagScheme,
    Tls,
    Workload,
    role,
)
from runwright.scaffold.stack.web import (
    app_dir,
    certbot_domains,
    dockerfile_health,
    inventory_hosts,
    nginx,
    unit_fields,
)

_INFRA_IMAGES = ("nginx", "certbot", "traefik", "caddy", "haproxy", "envoy", "busybox",
                 "alpine", "curl", "ingress-nginx", "nginx-unprivileged", "openresty")
_SEMVER = re.compile(r"^(v?)[0-9]+\.[0-9]+(\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$")


@dataclass
class _Env:
    name: str
    sources: list[str] = field(default_factory=list)
    namespace: str | None = None
    release: str | None = None
    chart: str | None = None
    values_files: list[str] = field(default_factory=list)
    kustomize: str | None = None
    compose_files: list[str] = field(default_factory=list)
    project: str | None = None
    workloads: list[Workload] = field(default_factory=list)
    databases: list[Database] = field(default_factory=list)
    deploy: list[DeployPath] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def source(self, rel: str) -> None:
        if rel not in self.sources:
            self.sources.append(rel)


def _is_template(root: Path, rel: str) -> bool:
    parts = rel.split("/")
    return "templates" in parts[:-1] and any(
        (root / "/".join(parts[:i]) / "Chart.yaml").is_file() for i in range(len(parts)))


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def _option(words: list[str], *names: str) -> list[str]:
    out = []
    for i, w in enumerate(words):
        for n in names:
            if w == n and i + 1 < len(words):
                out.append(words[i + 1])
            elif n.startswith("--") and w.startswith(n + "="):
                out.append(w.split("=", 1)[1])
    return out


def helm_command(command: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """(release, chart, namespace, values files) of a ``helm upgrade``/``install`` line."""
    words = _words(command)
    if "helm" not in words:
        return None, None, None, []
    words = words[words.index("helm") + 1:]
    if not words or words[0] not in ("upgrade", "install"):
        return None, None, None, []
    takes_value = {"-n", "--namespace", "-f", "--values", "--set", "--set-string",
                   "--set-file", "--version", "--timeout", "--kube-context", "--repo"}
    positional: list[str] = []
    skip = False
    for w in words[1:]:
        if skip:
            skip = False
            continue
        if w in takes_value:
            skip = True
            continue
        if w.startswith("-"):
            continue
        positional.append(w)
    ns = next(iter(_option(words, "-n", "--namespace")), None)
    values = _option(words, "-f", "--values")
    return (positional[0] if positional else None, positional[1] if len(positional) > 1
            else None, ns, values)


def kubectl_kustomize(command: str) -> tuple[str | None, str | None]:
    """(overlay folder, namespace) of a ``kubectl apply -k DIR`` line."""
    words = _words(command.split("&&")[-1])
    if "kubectl" not in words:
        return None, None
    folder = next(iter(_option(words, "-k", "--kustomize")), None)
    ns = next(iter(_option(words, "-n", "--namespace")), None)
    return (folder.rstrip("/").removeprefix("./") if folder else None), ns


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs_cache: dict[str, list[Any]] = {}
        self.problems: list[str] = []
        self.objects = Objects()
        self.kustomizations: list[str] = []
        self.charts: list[helm.Chart] = []
        self.values_files: list[tuple[str, str]] = []  # (env, file)
        self.compose: list[ComposeProject] = []
        self.jobs: list[ci.Job] = []
        self.make: list[DeployPath] = []
        self.tag_patterns: list[tuple[str, str]] = []  # (pattern, source)
        self.tls: list[Tls] = []
        self.health: list[Health] = []
        self.units: list[str] = []
        self.app_dirs: list[str] = []
        self.unit_workloads: list[Workload] = []
        self.host_groups: list[tuple[str, tuple[str, ...]]] = []
        self.git_tags: list[str] = []
        self.unit_databases: list[Database] = []
        self.loose: list[DeployPath] = []  # deploy paths tied to no environment

    # -- files ------------------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def docs(self, rel: str) -> list[Any]:
        if rel not in self.docs_cache:
            text = read(self.root / rel)
            docs = yaml_docs(text) if text else []
            if text and text.strip() and not docs and not text.lstrip().startswith("#"):
                self.problems.append(f"{rel}: not valid YAML; skipped")
            self.docs_cache[rel] = docs
        return self.docs_cache[rel]

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def is_dir(self, rel: str) -> bool:
        return (self.root / rel).is_dir()

    def run(self) -> StackModel:
        for path in walk(self.root):
            try:
                self.file(path)
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                self.problems.append(f"{self.rel(path)}: could not be read ({exc}); skipped")
        self.read_git_tags()
        return self.assemble()

    def file(self, path: Path) -> None:
        rel = self.rel(path)
        name = path.name
        if rel.startswith(".github/workflows/") and name.endswith(YAML_SUFFIXES):
            jobs, patterns = ci.github_jobs(rel, read(path) or "")
            self.jobs.extend(jobs)
            self.tag_patterns.extend((p, rel) for p in patterns)
        elif name == ".gitlab-ci.yml":
            self.jobs.extend(ci.gitlab_jobs(rel, read(path) or ""))
        elif name in ("Makefile", "makefile", "GNUmakefile"):
            self.make.extend(ci.make_targets(rel, read(path) or ""))
        elif name == "Dockerfile" or name.startswith("Dockerfile.") or \
                name.endswith(".Dockerfile"):
            h = dockerfile_health(read(path) or "", rel)
            if h:
                self.health.append(h)
        elif name.endswith(".service"):
            self.unit(path, rel)
        elif name.endswith(".conf") and "server_name" in (read(path) or ""):
            self.tls.extend(nginx(read(path) or "", rel))
        elif "inventor" in rel.lower() and (name.endswith((".ini", ".cfg")) or "." not in name):
            self.host_groups.extend((g, tuple(h)) for g, h in inventory_hosts(read(path) or "")
                                    if h)
        elif name.endswith(YAML_SUFFIXES) and not _is_template(self.root, rel):
            self.yaml(path, rel, name)

    def yaml(self, path: Path, rel: str, name: str) -> None:
        parent = rel.rsplit("/", 1)[0] if "/" in rel else "."
        if name == "Chart.yaml":
            folder = parent
            values = yaml_mapping(read(path.parent / "values.yaml") or "")
            self.charts.append(helm.read_chart(self.root, path, folder, helm.rendered_deployment(
                path.parent, text(yaml_mapping(read(path) or "").get("name"))
                or path.parent.name, values)))
            return
        env = helm.values_environment(name, parent)
        if env is not None:
            self.values_files.append((env, rel))
            return
        if name in MAIN_NAMES:
            project = read_compose(self.root, path)
            if project:
                self.compose.append(project)
            return
        if name in kustomize.KUSTOMIZATION_NAMES:
            self.kustomizations.append(parent)
            self.docs(rel)
            return
        content = read(path) or ""
        if "apiVersion" in content and "kind" in content:
            read_objects(self.docs(rel), rel, self.objects)

    def unit(self, path: Path, rel: str) -> None:
        content = read(path) or ""
        if "[Service]" not in content and "[Unit]" not in content:
            return
        fields = unit_fields(content)
        exec_start = fields.get("ExecStart", "")
        if path.name not in self.units:
            self.units.append(path.name)
        folder = app_dir(exec_start)
        if folder and folder not in self.app_dirs:
            self.app_dirs.append(folder)
        binary = exec_start.split()[0].rsplit("/", 1)[-1] if exec_start.split() else ""
        engine = engine_of(path.name.rsplit(".", 1)[0]) or (engine_of(binary) if binary else None)
        if engine:
            self.unit_databases.append(Database(engine, path.name, "unit", None, None, None,
                                                None, None, rel))
        for dep in " ".join(fields.get(k, "") for k in ("After", "Requires", "Wants",
                                                         "BindsTo")).split():
            dep_engine = engine_of(dep.rsplit(".", 1)[0].split("@", 1)[0])
            if dep_engine and dep.endswith(".service"):
                self.unit_databases.append(Database(
                    dep_engine, dep, "unit", None, None, None, None, None, rel,
                    notes=(f"unit {dep}: named by {path.name} (After/Requires)",)))
        if "certbot" in exec_start:
            self.tls.append(Tls("certbot", tuple(certbot_domains(exec_start)), None, None, rel,
                                name=path.name))
        self.unit_workloads.append(Workload(path.name, "unit", None, (), None, (), (), rel))

    def read_git_tags(self) -> None:
        git = self.root / ".git"
        tags: list[str] = []
        try:
            folder = git / "refs" / "tags"
            if folder.is_dir():
                tags += [p.name for p in folder.iterdir()]
            packed = read(git / "packed-refs") or ""
            tags += re.findall(r"refs/tags/(\S+)", packed)
        except OSError:
            return
        self.git_tags = [t.removesuffix("^{}") for t in tags]

    # -- environments ----------------------------------------------------------------------
    def assemble(self) -> StackModel:
        envs: dict[str, _Env] = {}

        def env_for(name: str) -> _Env:
            key = role(name)
            if key not in envs:
                envs[key] = _Env(name)
            return envs[key]

        referenced: set[str] = set()
        for folder in self.kustomizations:
            rel = kustomize._kustomization(folder, self.docs, self.exists)
            data = (self.docs(rel) or [{}])[0] if rel else {}
            if isinstance(data, dict):
                referenced.update(kustomize.references(folder, data))
        overlays: dict[str, kustomize.Rendered] = {}
        for folder in self.kustomizations:
            name = kustomize.environment_name(folder)
            if folder in referenced or name is None:
                continue
            rendered = kustomize.render(folder, self.docs, self.exists, self.is_dir)
            overlays[folder] = rendered
            e = env_for(name)
            e.kustomize = folder
            e.namespace = e.namespace or rendered.namespace
            e.workloads.extend(rendered.objects.workloads)
            e.databases.extend(rendered.objects.databases)
            e.source(rendered.files[0])
        for name, rel in self.values_files:
            e = env_for(name)
            e.values_files.append(rel)
            e.source(rel)
            chart = self.chart_for(rel)
            if chart:
                e.chart = chart.folder
        main_compose = self.compose[0] if self.compose else None
        if main_compose:
            for name, rel in main_compose.overrides.items():
                e = env_for(name)
                e.compose_files = [main_compose.file, rel]
                e.project = main_compose.name
                e.workloads = list(main_compose.services)
                e.databases = list(main_compose.databases)
                e.source(rel)
        self.attach_ci(envs, env_for)
        self.attach_gitops(envs, env_for, overlays)
        for e in envs.values():
            self.fill_helm(e)
            if main_compose and not e.compose_files and not e.kustomize and not e.chart:
                e.compose_files = [main_compose.file]
                e.project = main_compose.name
                e.workloads = list(main_compose.services)
                e.databases = list(main_compose.databases)
        environments = tuple(Environment(
            name=e.name, role=role(e.name), sources=tuple(e.sources), namespace=e.namespace,
            release=e.release, chart=e.chart, values_files=tuple(e.values_files),
            kustomize=e.kustomize, compose_files=tuple(e.compose_files), project=e.project,
            workloads=tuple(e.workloads), databases=tuple(_unique(e.databases)),
            deploy=tuple(e.deploy), notes=tuple(e.notes))
            for e in sorted(envs.values(), key=_env_order))
        return self.model(environments)

    def chart_for(self, rel: str) -> helm.Chart | None:
        parent = rel.rsplit("/", 1)[0] if "/" in rel else "."
        for chart in self.charts:
            if parent == chart.folder or parent.startswith(chart.folder.rstrip("/") + "/") \
                    or chart.folder == ".":
                return chart
        return self.charts[0] if len(self.charts) == 1 else None

    def attach_ci(self, envs: dict[str, _Env], env_for: Any) -> None:
        paths = [(j.path, j.environment) for j in self.jobs] + [(m, None) for m in self.make]
        for path, env_name in paths:
            target: _Env | None = env_for(env_name) if env_name else None
            if target is None:
                target = self.env_of_commands(path.commands, envs)
            if target is None:
                m = re.search(r"(?:^|[-_ /])(prod(?:uction)?|staging|stage|stg)(?:$|[-_ ])",
                              path.name)
                target = env_for(m.group(1)) if m else None
            if target is None:
                self.loose.append(path)
                continue
            target.deploy.append(path)
            target.source(path.source)
            for command in path.commands:
                release, chart, ns, values = helm_command(command)
                if release:
                    target.release = target.release or release
                    target.namespace = target.namespace or ns
                    if chart and not target.chart:
                        found = next((c for c in self.charts if c.folder == chart.strip("./")
                                      or c.folder == chart), None)
                        target.chart = found.folder if found else None
                    for v in values:
                        if v not in target.values_files and self.exists(v):
                            target.values_files.append(v)
                folder, ns = kubectl_kustomize(command)
                if folder and not target.kustomize and self.is_dir(folder):
                    target.kustomize = folder
                if ns and not target.namespace:
                    target.namespace = ns

    def env_of_commands(self, commands: tuple[str, ...], envs: dict[str, _Env]) -> _Env | None:
        for e in envs.values():
            marks = [m for m in [e.kustomize, *e.values_files, *e.compose_files[1:]] if m]
            if any(m in c for c in commands for m in marks):
                return e
        return None

    def attach_gitops(self, envs: dict[str, _Env], env_for: Any,
                      overlays: dict[str, kustomize.Rendered]) -> None:
        for path in self.objects.gitops:
            target = next((e for e in envs.values() if path.path and path.path.strip("/") in
                           (e.kustomize, e.chart)), None)
            if target is None:
                name = kustomize.environment_name(path.path or "") or next(
                    (part for part in re.split(r"[-_/]", path.name)
                     if role(part) in ("production", "staging")), None)
                target = env_for(name) if name else None
            if target is None:
                self.loose.append(path)
                continue
            target.deploy.append(path)
            target.source(path.source)
            ns = self.objects.gitops_ns.get(path.name)
            if ns and not target.namespace:
                target.namespace = ns

    def fill_helm(self, e: _Env) -> None:
        chart = next((c for c in self.charts if c.folder == e.chart), None)
        if chart is None:
            return
        values = helm.merged(chart, self.root, tuple(e.values_files))
        release = e.release or chart.name
        if chart.image_keys:
            key = chart.image_keys[0]
            repo = helm.value(values, key.repository)
            tag = helm.value(values, key.tag) or chart.app_version
            if repo:
                name = chart.deployment if chart.deployment and release == chart.name else \
                    release
                health = tuple(Health("http", p, None, name, f"{chart.folder}/templates")
                               for p in chart.probes)
                e.workloads.append(Workload(name, "Deployment", e.namespace,
                                            (Image(repo, tag, chart.values_source or
                                                   key.source),), None, (), health,
                                            key.source, release=release))
        hosts = helm.ingress_hosts(values)
        if hosts:
            self.tls.append(Tls("ingress", tuple(hosts), chart.issuer, None,
                                (e.values_files or [chart.values_source or chart.folder])[-1]))
        e.databases.extend(helm.dependency_databases(chart, values, (e.values_files or [
            chart.values_source or chart.folder])[-1], release))

    # -- repository-wide -------------------------------------------------------------------
    def model(self, environments: tuple[Environment, ...]) -> StackModel:
        workloads = list(self.objects.workloads)
        if not workloads:
            for e in environments:
                workloads.extend(w for w in e.workloads
                                 if not any(o.name == w.name for o in workloads))
        for project in self.compose[:1]:
            workloads.extend(project.services)
        workloads.extend(self.unit_workloads)
        if self.health:
            workloads.append(Workload("Dockerfile", "image", None, (), None, (),
                                      tuple(self.health), self.health[0].source))
        databases: list[Database] = list(self.objects.databases)
        for project in self.compose[:1]:
            databases.extend(project.databases)
        for chart in self.charts:
            databases.extend(helm.dependency_databases(chart, chart.values,
                                                       chart.values_source or chart.folder,
                                                       None))
        databases.extend(self.unit_databases)
        if not databases:
            for e in environments:
                databases.extend(e.databases)
        tls = list(self.objects.tls) + self.tls
        for project in self.compose[:1]:
            for name, command in project.commands.items():
                service = next(s for s in project.services if s.name == name)
                if "certbot" in name or any("certbot" in i.repository for i in service.images):
                    tls.append(Tls("certbot", tuple(certbot_domains(command)), None, None,
                                   project.file, name=name))
        platform = ("kubernetes" if self.objects.workloads or self.charts or self.kustomizations
                    or any(e.kustomize or e.chart for e in environments) else
                    "compose" if self.compose else "host")
        hosts = tuple(dict.fromkeys(h for _, hs in self.host_groups for h in hs))
        return StackModel(
            platform=platform, environments=environments, workloads=tuple(workloads),
            databases=tuple(_unique(databases)), tls=tuple(_unique_tls(tls)),
            tags=self.tag_scheme(environments), image_keys=tuple(
                k for c in self.charts for k in c.image_keys),
            deploy=tuple(self.loose), namespaces=tuple(sorted(
                self.objects.namespaces | {e.namespace for e in environments if e.namespace}
                | {ns for folder in self.kustomizations if (ns := self.kustomize_ns(folder))})),
            units=tuple(self.units), hosts=hosts,
            host_groups=tuple(self.host_groups),
            app_dir=self.app_dirs[0] if len(self.app_dirs) == 1 else None,
            problems=tuple(self.problems))

    def kustomize_ns(self, folder: str) -> str | None:
        rel = kustomize._kustomization(folder, self.docs, self.exists)
        data = (self.docs(rel) or [{}])[0] if rel else {}
        return text(data.get("namespace")) if isinstance(data, dict) else None

    def tag_scheme(self, environments: tuple[Environment, ...]) -> TagScheme:
        evidence: list[str] = []
        git: str | None = None
        for pattern, source in self.tag_patterns:
            prefix = "v" if pattern.startswith("v") else "" if re.match(r"^[\[0-9]", pattern) \
                else None
            if prefix is not None and git is None:
                git = prefix
                evidence.append(f"Git tags {pattern!r}: {source}")
        semver_tags = [t for t in self.git_tags if _SEMVER.match(t)]
        if git is None and semver_tags:
            git = "v" if all(t.startswith("v") for t in semver_tags) else "" if not any(
                t.startswith("v") for t in semver_tags) else None
            if git is not None:
                evidence.append(f"Git tags in .git: {', '.join(sorted(semver_tags)[-3:])}")
        image: str | None = None
        tags = [(i.tag, i.source) for w in self.all_workloads(environments)
                for i in w.images if i.tag and _SEMVER.match(i.tag)
                and not engine_of(i.repository)
                and i.repository.rsplit("/", 1)[-1] not in _INFRA_IMAGES]
        tags += [(c.app_version, f"{c.folder}/Chart.yaml") for c in self.charts
                 if c.app_version and _SEMVER.match(c.app_version)]
        for e in environments:
            for path in e.deploy:
                for command in path.commands:
                    if re.search(r"(?:GITHUB_REF_NAME|CI_COMMIT_TAG)#v\}", command):
                        image = ""
                        evidence.append(f"image tag = Git tag without 'v': {path.source}")
                    elif re.search(r"github\.ref_name|\$\{?GITHUB_REF_NAME\}?|"
                                   r"\$\{?CI_COMMIT_TAG\}?", command) and git is not None:
                        image = git
                        evidence.append(f"image tag = Git tag: {path.source}")
                if image is not None:
                    break
            if image is not None:
                break
        if image is None:
            prefixes = {t.startswith("v") for t, _ in tags}
            if len(prefixes) == 1:
                image = "v" if prefixes == {True} else ""
                evidence.append(f"image tags like {tags[0][0]}: {tags[0][1]}")
        example = next((t for t, _ in tags if image is not None
                        and t.startswith("v") == (image == "v")), None)
        return TagScheme(git, image, tuple(evidence), example)

    def all_workloads(self, environments: tuple[Environment, ...]) -> list[Workload]:
        out = list(self.objects.workloads)
        for e in environments:
            out.extend(e.workloads)
        for project in self.compose:
            out.extend(project.services)
        return out


def _env_order(e: _Env) -> tuple[int, str]:
    r = role(e.name)
    return ({"staging": 1, "production": 2}.get(r, 0), e.name)


def _unique(databases: list[Database]) -> list[Database]:
    out: list[Database] = []
    for d in databases:
        if not any(o.engine == d.engine and o.name == d.name for o in out):
            out.append(d)
    return out


def _unique_tls(items: list[Tls]) -> list[Tls]:
    out: list[Tls] = []
    for t in items:
        if t not in out:
            out.append(t)
    return out


def read_stack(root: Path) -> StackModel:
    """The stack model of the repository at ``root``."""
    return _Reader(root.resolve()).run()
