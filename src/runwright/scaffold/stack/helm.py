"""Helm charts: values files per environment, the values keys the templates read for images,
and the databases that chart dependencies bring (Bitnami's value layout)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runwright.scaffold.stack.databases import engine_of
from runwright.scaffold.stack.files import YAML_SUFFIXES, deep_merge, get, read, text, yaml_mapping
from runwright.scaffold.stack.model import Database, ImageKey, Volume

_VALUES_FILE = re.compile(r"^(?:values[-._](?P<a>[A-Za-z0-9-]+)|(?P<b>[A-Za-z0-9-]+)[-.]values)"
                          r"\.ya?ml$")
_VALUES_REF = re.compile(r"\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
_IMAGE_LINE = re.compile(r"^\s*-?\s*image:\s*(.+)$", re.M)


@dataclass(frozen=True)
class Chart:
    name: str
    folder: str  # relative to the repository ("." for the root)
    app_version: str | None
    dependencies: tuple[str, ...]
    values: dict[str, Any]
    values_source: str | None
    image_keys: tuple[ImageKey, ...]
    deployment: str | None
    issuer: str | None = None  # cert-manager annotation in the templates
    probes: tuple[str, ...] = ()  # httpGet paths of the templates' probes


def values_environment(name: str, parent: str) -> str | None:
    """The environment a values file is for (``values-production.yaml``,
    ``values/staging.yaml``), or None (``values.yaml``)."""
    m = _VALUES_FILE.match(name)
    if m:
        return m.group("a") or m.group("b")
    if parent.rsplit("/", 1)[-1] == "values" and name.endswith((".yaml", ".yml")):
        return name.rsplit(".", 1)[0]
    return None


def image_keys(templates: Path, rel: str) -> tuple[ImageKey, ...]:
    """The values each template's ``image:`` line reads (``images.repository``,
    ``images.tag``), in file order; lines whose values cannot be told are skipped."""
    out: list[ImageKey] = []
    try:
        files = sorted(p for p in templates.rglob("*") if p.suffix in (".yaml", ".yml", ".tpl"))
    except OSError:
        return ()
    for path in files:
        content = read(path) or ""
        for m in _IMAGE_LINE.finditer(content):
            keys = [k.lstrip(".") for k in _VALUES_REF.findall(m.group(1))]
            if not keys:
                continue
            tag = next((k for k in keys if k.rsplit(".", 1)[-1].lower() in ("tag", "version",
                                                                          "imagetag")), None)
            repo = next((k for k in keys if k != tag and k.rsplit(".", 1)[-1].lower() in
                         ("repository", "image", "name", "repo")), None)
            key = ImageKey(repo, tag, f"{rel}/{path.relative_to(templates).as_posix()}")
            if (key.repository, key.tag) not in [(k.repository, k.tag) for k in out]:
                out.append(key)
    return tuple(out)


_ISSUER = re.compile(r"cert-manager\.io/(?:cluster-)?issuer:\s*[\"']?([A-Za-z0-9.-]+)")
_PROBE = re.compile(r"httpGet:\s*\n\s*path:\s*[\"']?(/[^\s\"'{]*)")


def template_facts(templates: Path) -> tuple[str | None, tuple[str, ...]]:
    """The cert-manager issuer the templates annotate, and their probes' HTTP paths."""
    issuer = None
    probes: list[str] = []
    try:
        files = sorted(p for p in templates.rglob("*") if p.suffix in (".yaml", ".yml"))
    except OSError:
        return None, ()
    for path in files:
        content = read(path) or ""
        m = _ISSUER.search(content)
        issuer = issuer or (m.group(1) if m else None)
        probes.extend(p for p in _PROBE.findall(content) if p not in probes)
    return issuer, tuple(probes)


def ingress_hosts(values: dict[str, Any]) -> list[str]:
    """Host names an ``ingress`` values block gives (``host``, ``hosts[].host``, ``tls``)."""
    ingress = values.get("ingress") if isinstance(values.get("ingress"), dict) else {}
    assert isinstance(ingress, dict)
    if ingress.get("enabled") is False:
        return []
    out: list[str] = []
    for h in [ingress.get("host"), *(ingress.get("hosts") or [])] + [
            h for t in (ingress.get("tls") or []) if isinstance(t, dict)
            for h in (t.get("hosts") or [])]:
        name = text(h.get("host")) if isinstance(h, dict) else text(h)
        if name and "." in name and name not in out and "{{" not in name:
            out.append(name)
    return out


def value(values: dict[str, Any], key: str | None) -> str | None:
    """The scalar at a dotted key (``images.tag``) of a values mapping."""
    if not key:
        return None
    return text(get(values, *key.split(".")))


def dependency_databases(chart: Chart, values: dict[str, Any], source: str,
                         release: str | None) -> list[Database]:
    """The databases a chart's dependencies run, with the user, database and persistence
    the values give them (Bitnami layout: ``<dep>.auth``, ``<dep>.primary.persistence``)."""
    out: list[Database] = []
    for dep in chart.dependencies:
        engine = engine_of(dep)
        if engine is None:
            continue
        sub = values.get(dep) if isinstance(values.get(dep), dict) else {}
        assert isinstance(sub, dict)
        if sub.get("enabled") is False:
            continue
        notes: list[str] = []
        user = text(get(sub, "auth", "username"))
        db = text(get(sub, "auth", "database"))
        if engine == "postgresql" and not user:
            user = "postgres"
            notes.append("user postgres: chart default (auth.username unset)")
        secret = text(get(sub, "auth", "existingSecret"))
        password = (f"secret {secret}" if secret else
                    "values auth.password" if get(sub, "auth", "password") else None)
        part = "master" if engine == "redis" else "primary"
        persistence = get(sub, part, "persistence", "enabled")
        if persistence is None:
            persistence = get(sub, "persistence", "enabled")
        kept = persistence is not False
        name = f"{release or chart.name}-{dep}" + ("-master" if engine == "redis" else "")
        volume = Volume("claim-template" if kept else "emptyDir", "data" if kept else None,
                        None, source)
        persistent: bool | None = None
        if engine == "redis":
            aof = get(sub, part, "persistence", "enabled")
            persistent = aof is not False
        out.append(Database(engine, name, "StatefulSet", user, db, password, volume,
                            persistent, source, image=None, notes=tuple(notes)))
    return out


_TPL = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_HELPER = re.compile(r'^(?:include|template)\s+"[^"]*\.(fullname|name)"\s+(?:\.|\$)\s*'
                     r'(?:\|\s*trunc\s+63\s*)?(?:\|\s*trimSuffix\s+"-"\s*)?$')
_K8S_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_DEPLOYMENT_NAME = re.compile(r"^kind:\s*Deployment\s*$.*?^metadata:[ \t]*\n"
                              r"(?:[ \t]+.*\n|\s*\n)*?[ \t]+name:[ \t]*(.+?)[ \t]*$",
                              re.M | re.S)


def _helm_names(chart: str, values: dict[str, Any]) -> dict[str, str]:
    """``name`` and ``fullname`` as the standard ``helm create`` helpers compute them for a
    release named after the chart."""
    name = str(values.get("nameOverride") or chart)[:63].rstrip("-")
    override = values.get("fullnameOverride")
    if override:
        full = str(override)[:63].rstrip("-")
    else:
        full = chart if name in chart else f"{chart}-{name}"[:63].rstrip("-")
    return {"name": name, "fullname": full}


def _evaluate(expr: str, chart: str, values: dict[str, Any]) -> str | None:
    """The value of a template's ``metadata.name``, or None when it depends on more."""
    names = _helm_names(chart, values)
    unknown = False

    def sub(m: re.Match[str]) -> str:
        nonlocal unknown
        inner = m.group(1)
        helper = _HELPER.match(inner)
        if helper:
            return names[helper.group(1)]
        if inner in (".Release.Name", "$.Release.Name"):
            return chart
        if inner in (".Chart.Name", "$.Chart.Name"):
            return chart
        unknown = True
        return ""

    text = _TPL.sub(sub, expr.strip().strip("'\""))
    return None if unknown or not _K8S_NAME.match(text) else text


def rendered_deployment(folder: Path, chart: str,
                        values: dict[str, Any]) -> tuple[str | None, Path | None]:
    """The first Deployment the chart's templates render (for a release named ``chart``)."""
    templates = folder / "templates"
    try:
        files = sorted((p for p in templates.iterdir() if p.suffix in YAML_SUFFIXES),
                       key=lambda p: (p.stem != "deployment", p.name))
    except OSError:
        return None, None
    for path in files:
        for doc in re.split(r"^---[ \t]*$", read(path) or "", flags=re.M):
            m = _DEPLOYMENT_NAME.search(doc)
            if m:
                return _evaluate(m.group(1), chart, values), path
    return None, None


def read_chart(root: Path, chart_file: Path, rel_folder: str,
               rendered: tuple[str | None, Path | None]) -> Chart:
    data = yaml_mapping(read(chart_file) or "")
    name = text(data.get("name")) or chart_file.parent.name
    deps = tuple(str(text(d.get("name"))) for d in (data.get("dependencies") or [])
                 if isinstance(d, dict) and text(d.get("name")))
    values_path = chart_file.parent / "values.yaml"
    values = yaml_mapping(read(values_path) or "")
    issuer, probes = template_facts(chart_file.parent / "templates")
    return Chart(issuer=issuer, probes=probes,
                 name=name, folder=rel_folder, app_version=text(data.get("appVersion")),
                 dependencies=deps, values=values,
                 values_source=(values_path.relative_to(root).as_posix()
                                if values_path.is_file() else None),
                 image_keys=image_keys(chart_file.parent / "templates",
                                       (f"{rel_folder}/templates" if rel_folder != "."
                                        else "templates")),
                 deployment=rendered[0])


def merged(chart: Chart, root: Path, values_files: tuple[str, ...]) -> dict[str, Any]:
    out = dict(chart.values)
    for rel in values_files:
        out = deep_merge(out, yaml_mapping(read(root / rel) or ""))
    return out
