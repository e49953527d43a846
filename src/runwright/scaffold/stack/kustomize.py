"""Kustomizations: which are overlays (environments), and what each one renders.

Rendering is the part of kustomize the drafts depend on: resources (files and folders,
recursively), ``namespace``, ``images`` (``newName``, ``newTag``, ``digest``) and
``namePrefix`` / ``nameSuffix``. Patches are not applied; remote resources are skipped.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from runwright.scaffold.stack.files import mappings, strings, text
from runwright.scaffold.stack.kube import Objects, in_namespace, read_objects
from runwright.scaffold.stack.model import role

KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
#: folders whose sub-folders are environments
ENV_PARENTS = frozenset({"overlays", "envs", "environments", "env", "clusters", "stages"})

Docs = Callable[[str], list[Any]]  # repository-relative path -> parsed YAML documents


@dataclass
class Rendered:
    folder: str
    namespace: str | None
    objects: Objects
    files: list[str] = field(default_factory=list)
    images: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def _kustomization(folder: str, docs: Docs, exists: Callable[[str], bool]) -> str | None:
    for name in KUSTOMIZATION_NAMES:
        rel = posixpath.join(folder, name) if folder != "." else name
        if exists(rel):
            return rel
    return None


def _norm(folder: str, ref: str) -> str | None:
    if "://" in ref or ref.startswith(("github.com/", "git@")):
        return None
    joined = posixpath.normpath(posixpath.join(folder, ref))
    return None if joined.startswith("..") else joined


def references(folder: str, data: dict[str, Any]) -> list[str]:
    """Repository-relative paths a kustomization lists (resources, bases, components)."""
    out = []
    for key in ("resources", "bases", "components"):
        for ref in strings(data.get(key)):
            path = _norm(folder, ref)
            if path is not None:
                out.append(path)
    return out


def render(folder: str, docs: Docs, exists: Callable[[str], bool], is_dir: Callable[[str], bool],
           depth: int = 0) -> Rendered:
    """What ``kubectl kustomize folder`` renders, as far as the stack model needs."""
    out = Rendered(folder, None, Objects())
    rel = _kustomization(folder, docs, exists)
    if rel is None or depth > 10:
        return out
    out.files.append(rel)
    first = docs(rel)
    data = first[0] if first and isinstance(first[0], dict) else {}
    images: dict[str, tuple[str | None, str | None]] = {}
    for item in mappings(data.get("images")):
        name = text(item.get("name"))
        if name:
            images[name] = (text(item.get("newName")),
                            text(item.get("newTag")) or text(item.get("digest")))
    namespace = text(data.get("namespace"))
    for ref in references(folder, data):
        if is_dir(ref):
            sub = render(ref, docs, exists, is_dir, depth + 1)
            out.files.extend(sub.files)
            inner = sub.objects
            namespace_sub = sub.namespace
            for key, value in sub.images.items():
                images.setdefault(key, value)
        else:
            inner = Objects()
            read_objects(docs(ref), ref, inner)
            out.files.append(ref)
            namespace_sub = None
        _merge(out.objects, inner, namespace or namespace_sub)
    prefix, suffix = text(data.get("namePrefix")) or "", text(data.get("nameSuffix")) or ""
    objs = out.objects
    objs.workloads = [replace(in_namespace(w, namespace, images),
                              name=prefix + w.name + suffix) for w in objs.workloads]
    objs.databases = [replace(d, name=prefix + d.name + suffix) for d in objs.databases]
    out.namespace = namespace or next((w.namespace for w in objs.workloads if w.namespace),
                                      None)
    out.images = images
    return out


def _merge(into: Objects, other: Objects, namespace: str | None) -> None:
    into.workloads.extend(in_namespace(w, namespace, {}) for w in other.workloads)
    into.databases.extend(other.databases)
    into.tls.extend(other.tls)
    into.gitops.extend(other.gitops)
    into.namespaces |= other.namespaces


def environment_name(folder: str) -> str | None:
    """The environment an overlay folder stands for (``deploy/overlays/production``), if any."""
    parts = folder.split("/")
    for i, part in enumerate(parts):
        if part in ENV_PARENTS and i + 1 < len(parts):
            return parts[i + 1]
    last = parts[-1]
    return last if role(last) in ("production", "staging") else None
