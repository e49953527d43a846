"""The stack model as ``init --dry-run`` shows it: text per environment, or JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from runwright.scaffold.stack.model import Database, DeployPath, StackModel, Volume, Workload


def _volume(v: Volume | None) -> str:
    if v is None:
        return "volume unknown"
    if v.kind == "none":
        return "no volume (data in the container: lost when it is re-created)"
    where = f" on {v.mount}" if v.mount else ""
    loss = "" if v.survives_restart else " (lost on restart)"
    return f"{v.kind} {v.name or ''}".rstrip() + where + loss


def _database(d: Database) -> str:
    parts = [f"{d.engine}: {d.kind} {d.name}"]
    if d.engine != "redis":
        parts.append(f"user {d.user or '?'}, database {d.database or '?'}")
    if d.password:
        parts.append(f"password {d.password}")
    if d.volume is not None:
        parts.append(_volume(d.volume))
    if d.engine == "redis" and d.persistent is not None:
        parts.append("persistence on" if d.persistent else "persistence off (a cache)")
    return ", ".join(parts) + f" ({d.source})"


def _deploy(p: DeployPath) -> list[str]:
    head = {"ci": "CI", "make": "make", "gitops": "GitOps"}[p.kind]
    system = {"github": "GitHub Actions", "gitlab": "GitLab CI", "argocd": "Argo CD",
              "flux": "Flux", "make": "Makefile"}.get(p.system, p.system)
    lines = [f"{head}: {system} {p.name}, {p.trigger} ({p.source})"]
    if p.path:
        lines.append(f"  follows {p.path}")
    lines.extend(f"  $ {c}" for c in p.commands)
    return lines


def _workload(w: Workload) -> str:
    images = ", ".join(i.ref for i in w.images) or "no image"
    where = f" in {w.namespace}" if w.namespace else ""
    return f"{w.kind} {w.name}{where}: {images}"


def text(model: StackModel) -> list[str]:
    """Human-readable lines, one block per environment, then what the whole repository has."""
    out: list[str] = []
    for e in model.environments:
        out.append(f"Environment {e.name}" + (f" ({e.role})" if e.role != e.name else "")
                   + f": from {', '.join(e.sources)}")
        for label, value in (("namespace", e.namespace), ("Helm release", e.release),
                             ("chart", e.chart), ("kustomize overlay", e.kustomize),
                             ("compose project", e.project)):
            if value:
                out.append(f"    {label}: {value}")
        if e.values_files:
            out.append(f"    values files: {', '.join(e.values_files)}")
        if e.compose_files:
            out.append(f"    compose files: {', '.join(e.compose_files)}")
        out.extend(f"    {_workload(w)}" for w in e.workloads)
        out.extend(f"    database {_database(d)}" for d in e.databases)
        for p in e.deploy:
            out.extend("    deploy " + line if i == 0 else "    " + line
                       for i, line in enumerate(_deploy(p)))
        if not e.deploy:
            out.append("    deploy: no pipeline, make target or GitOps object found")
    if not model.environments:
        out.append("Environments: none named (no overlays, values files, CI environments or "
                   "compose override files)")
    tags = model.tags
    scheme = {"v": "v1.2.3", "": "1.2.3", None: "unknown"}
    out.append(f"Versions: Git tags {scheme[tags.git]}, image tags {scheme[tags.image]}"
               + (f" ({'; '.join(tags.evidence)})" if tags.evidence else ""))
    if model.namespaces:
        out.append(f"Namespaces: {', '.join(model.namespaces)}")
    for p in model.deploy:
        out.extend("Deploy " + line if i == 0 else "  " + line
                   for i, line in enumerate(_deploy(p)))
    out.extend(f"Database {_database(d)}" for d in model.databases)
    if not model.databases:
        out.append("Databases: none found")
    out.extend(f"Health: {h.kind} {h.target}" + (f" port {h.port}" if h.port else "")
               + f" ({h.workload}, {h.source})" for h in model.health)
    for t in model.tls:
        what = {"cert-manager": "cert-manager Certificate", "issuer": "cert-manager issuer",
                "ingress": "Ingress TLS", "certbot": "certbot", "nginx": "nginx server_name"}
        desc = f"TLS: {what.get(t.kind, t.kind)}"
        if t.name and t.kind != "issuer":
            desc += f" {t.name}"
        if t.domains:
            desc += f" for {', '.join(t.domains)}"
        if t.issuer:
            desc += f" (issuer {t.issuer})"
        out.append(desc + f" ({t.source})")
    if not model.tls:
        out.append("TLS: none found")
    for w in model.workloads:
        for v in w.volumes:
            out.append(f"Storage: {w.kind} {w.name}: {_volume(v)} ({v.source})")
    if model.units:
        out.append(f"systemd units: {', '.join(model.units)}")
    for group, hosts in model.host_groups:
        out.append(f"Hosts [{group}]: {', '.join(hosts)}")
    if model.app_dir:
        out.append(f"Application folder: {model.app_dir} (releases/ and current)")
    out.extend(f"Skipped: {p}" for p in model.problems)
    return out


def plain(obj: Any) -> Any:
    """The model as JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [plain(o) for o in obj]
    return obj


def as_json(model: StackModel) -> str:
    return json.dumps(plain(model), indent=2, ensure_ascii=False)
