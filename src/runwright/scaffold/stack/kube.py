"""Kubernetes objects as the stack model sees them: workloads (images, probes, volumes,
databases), TLS pieces (cert-manager, Ingress), and GitOps objects (Argo CD, Flux)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from runwright.scaffold.stack.databases import EnvValue, database, engine_of
from runwright.scaffold.stack.files import (
    get,
    main_container,
    mappings,
    split_image,
    strings,
    text,
)
from runwright.scaffold.stack.model import (
    Database,
    DeployPath,
    Health,
    Image,
    Tls,
    Volume,
    Workload,
)

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")


@dataclass
class Objects:
    """What a set of Kubernetes documents holds."""

    workloads: list[Workload] = field(default_factory=list)
    databases: list[Database] = field(default_factory=list)
    tls: list[Tls] = field(default_factory=list)
    gitops: list[DeployPath] = field(default_factory=list)
    gitops_ns: dict[str, str] = field(default_factory=dict)  # application -> namespace
    namespaces: set[str] = field(default_factory=set)


def _env(container: dict[str, Any]) -> dict[str, EnvValue]:
    out: dict[str, EnvValue] = {}
    for item in mappings(container.get("env")):
        name = text(item.get("name"))
        if not name:
            continue
        if "value" in item:
            value = text(item.get("value"))
            out[name] = (value, "literal" if value is not None else "empty")
            continue
        ref = get(item, "valueFrom", "secretKeyRef")
        if isinstance(ref, dict):
            out[name] = (None, f"secret {text(ref.get('name'))} key {text(ref.get('key'))}")
        elif isinstance(get(item, "valueFrom"), dict):
            out[name] = (None, "valueFrom")
    return out


def _probe(probe: Any, workload: str, source: str) -> Health | None:
    if not isinstance(probe, dict):
        return None
    http = probe.get("httpGet")
    if isinstance(http, dict):
        return Health("http", text(http.get("path")) or "/", text(http.get("port")),
                      workload, source)
    cmd = strings(get(probe, "exec", "command"))
    if cmd:
        return Health("exec", " ".join(cmd), None, workload, source)
    tcp = probe.get("tcpSocket")
    if isinstance(tcp, dict):
        port = text(tcp.get("port")) or ""
        return Health("tcp", port, port, workload, source)
    return None


def _volumes(pod: dict[str, Any], spec: dict[str, Any], container: dict[str, Any],
             source: str) -> list[Volume]:
    declared: dict[str, tuple[str, str | None]] = {}
    for v in mappings(pod.get("volumes")):
        name = text(v.get("name"))
        if not name:
            continue
        if isinstance(v.get("persistentVolumeClaim"), dict):
            declared[name] = ("pvc", text(get(v, "persistentVolumeClaim", "claimName")))
        elif "emptyDir" in v:
            declared[name] = ("emptyDir", name)
        elif isinstance(v.get("hostPath"), dict):
            declared[name] = ("hostPath", text(get(v, "hostPath", "path")))
    for t in mappings(spec.get("volumeClaimTemplates")):
        name = text(get(t, "metadata", "name"))
        if name:
            declared[name] = ("claim-template", name)
    out: list[Volume] = []
    for m in mappings(container.get("volumeMounts")):
        name = text(m.get("name"))
        if name in declared:
            kind, ref = declared[name]
            out.append(Volume(kind, ref, text(m.get("mountPath")), source))
    return out


def _workload(doc: dict[str, Any], source: str, objects: Objects) -> None:
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    name = text(get(meta, "name"))
    if not name:
        return
    ns = text(get(meta, "namespace"))
    spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
    assert isinstance(spec, dict)
    pod = get(spec, "template", "spec")
    pod = pod if isinstance(pod, dict) else {}
    images: list[Image] = []
    volumes: list[Volume] = []
    health: list[Health] = []
    named: list[tuple[str, str]] = []
    for key in ("initContainers", "containers"):
        for c in mappings(pod.get(key)):
            ref = text(c.get("image"))
            if ref:
                repo, tag = split_image(ref)
                images.append(Image(repo, tag, source))
            if key != "containers":
                continue
            cname = text(c.get("name"))
            if cname and ref:
                named.append((cname, ref))
            vols = _volumes(pod, spec, c, source)
            volumes.extend(vols)
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                h = _probe(c.get(probe), name, source)
                if h and h not in health:
                    health.append(h)
            engine = engine_of(ref) if ref else None
            if engine:
                args = strings(c.get("command")) + strings(c.get("args"))
                objects.databases.append(database(
                    engine, name, doc["kind"], _env(c), args, vols, source, ref))
    main = main_container(named, name)
    first = main[0] if main else None
    if main:  # the main container's image first, as the drafts take images[0]
        repo, tag = split_image(main[1])
        ref_image = next(i for i in images if (i.repository, i.tag) == (repo, tag))
        images.remove(ref_image)
        images.insert(0, ref_image)
    objects.workloads.append(Workload(name, doc["kind"], ns, tuple(images), first,
                                      tuple(volumes), tuple(health), source))


def _certificate(doc: dict[str, Any], source: str) -> Tls:
    spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
    issuer = get(spec, "issuerRef", "name")
    return Tls("cert-manager", tuple(strings(get(spec, "dnsNames"))), text(issuer),
               text(get(spec, "secretName")), source, name=text(get(doc, "metadata", "name")))


def _ingress(doc: dict[str, Any], source: str) -> Tls | None:
    annotations = get(doc, "metadata", "annotations")
    annotations = annotations if isinstance(annotations, dict) else {}
    issuer = text(annotations.get("cert-manager.io/cluster-issuer")
                  or annotations.get("cert-manager.io/issuer"))
    hosts: list[str] = []
    secret = None
    for t in mappings(get(doc, "spec", "tls")):
        hosts.extend(h for h in strings(t.get("hosts")) if h not in hosts)
        secret = secret or text(t.get("secretName"))
    if not hosts and not issuer:
        return None
    return Tls("ingress", tuple(hosts), issuer, secret, source,
               name=text(get(doc, "metadata", "name")))


def _argocd(doc: dict[str, Any], source: str, objects: Objects) -> None:
    name = text(get(doc, "metadata", "name")) or "application"
    spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
    src = get(spec, "source") if isinstance(get(spec, "source"), dict) else (
        mappings(get(spec, "sources"))[:1] or [{}])[0]
    path = text(get(src, "path")) or text(get(src, "chart"))
    auto = isinstance(get(spec, "syncPolicy", "automated"), dict) or bool(
        get(spec, "syncPolicy", "automated"))
    revision = text(get(src, "targetRevision")) or "HEAD"
    trigger = (f"automated sync of {revision}" if auto else f"manual sync of {revision}")
    objects.gitops.append(DeployPath("gitops", "argocd", name, trigger, (), source,
                                     auto_sync=auto, path=path,
                                     branch=None if revision == "HEAD" else revision))
    ns = text(get(spec, "destination", "namespace"))
    if ns:
        objects.gitops_ns[name] = ns


def _flux(doc: dict[str, Any], source: str, objects: Objects) -> None:
    name = text(get(doc, "metadata", "name")) or doc["kind"].lower()
    spec: dict[str, Any] = doc["spec"] if isinstance(doc.get("spec"), dict) else {}
    interval = text(spec.get("interval"))
    trigger = "reconciled" + (f" every {interval}" if interval else "")
    suspend = spec.get("suspend") is True
    path = text(spec.get("path")) or text(get(spec, "chart", "spec", "chart"))
    path = path.removeprefix("./") if path else None
    system = "flux"
    objects.gitops.append(DeployPath("gitops", system, f"{doc['kind']}/{name}", trigger, (),
                                     source, auto_sync=not suspend, path=path))
    ns = text(spec.get("targetNamespace")) or text(get(doc, "metadata", "namespace"))
    if ns:
        objects.gitops_ns[f"{doc['kind']}/{name}"] = ns


def read_objects(docs: list[Any], source: str, objects: Objects) -> None:
    """Add what ``docs`` (parsed Kubernetes YAML documents) hold to ``objects``."""
    for doc in docs:
        if isinstance(doc, dict) and doc.get("kind") == "List":
            read_objects(mappings(doc.get("items")), source, objects)
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("kind"), str):
            continue
        kind = doc["kind"]
        api = text(doc.get("apiVersion")) or ""
        ns = text(get(doc, "metadata", "namespace"))
        if kind == "Namespace" and text(get(doc, "metadata", "name")):
            objects.namespaces.add(str(text(get(doc, "metadata", "name"))))
        elif ns and not api.startswith(("argoproj.io/", "kustomize.toolkit", "helm.toolkit")):
            objects.namespaces.add(ns)
        if kind in WORKLOAD_KINDS:
            _workload(doc, source, objects)
        elif kind == "Certificate" and api.startswith("cert-manager.io/"):
            objects.tls.append(_certificate(doc, source))
        elif kind in ("Issuer", "ClusterIssuer") and api.startswith("cert-manager.io/"):
            objects.tls.append(Tls("issuer", (), text(get(doc, "metadata", "name")),
                                   None, source, name=kind))
        elif kind == "Ingress":
            tls = _ingress(doc, source)
            if tls:
                objects.tls.append(tls)
        elif kind in ("Application",) and api.startswith("argoproj.io/"):
            _argocd(doc, source, objects)
        elif (kind, api.split("/", 1)[0]) in (("Kustomization", "kustomize.toolkit.fluxcd.io"),
                                              ("HelmRelease", "helm.toolkit.fluxcd.io")):
            _flux(doc, source, objects)


def in_namespace(w: Workload, namespace: str | None,
                 images: Mapping[str, tuple[str | None, str | None]]) -> Workload:
    """``w`` as an overlay renders it: its namespace set, its images replaced."""
    new: list[Image] = []
    for img in w.images:
        name, tag = images.get(img.repository, (None, None))
        new.append(Image(name or img.repository, tag if tag is not None else img.tag,
                         img.source))
    return replace(w, namespace=namespace or w.namespace, images=tuple(new))
