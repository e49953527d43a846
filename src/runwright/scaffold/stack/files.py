"""Reading a repository's files for the stack model: bounded, and never raising on bad input."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from runwright.discovery import SKIP_DIRS

MAX_FILES = 5000
MAX_BYTES = 512 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
_DOC_SPLIT = re.compile(r"^---[ \t]*(?:#.*)?$", re.M)


def walk(root: Path) -> list[Path]:
    """The repository's files in a stable order (hidden folders skipped but ``.github``)."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and (not d.startswith(".") or d in (".github", ".gitlab")))
        for name in sorted(files):
            out.append(Path(folder) / name)
            if len(out) >= MAX_FILES:
                return out
    return out


def read(path: Path) -> str | None:
    """The file's text, or None when it is missing, too large or not UTF-8."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None


def yaml_docs(text: str) -> list[Any]:
    """Every document of a (multi-document) YAML text that parses; the others are dropped.

    One bad document (a Helm template, a typo) does not hide the documents around it.
    """
    try:
        return [d for d in yaml.safe_load_all(text) if d is not None]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        pass
    out = []
    for part in _DOC_SPLIT.split(text):
        doc = _load(part)
        if doc is not None:
            out.append(doc)
    return out


def yaml_mapping(text: str) -> dict[str, Any]:
    """The first document when it is a mapping, else an empty mapping."""
    docs = yaml_docs(text)
    return docs[0] if docs and isinstance(docs[0], dict) else {}


def get(data: Any, *keys: str | int) -> Any:
    """``data[k1][k2]...`` or None as soon as a level is missing or of the wrong type."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(data, list) or key >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[key] if isinstance(key, int) else data.get(key)
    return data


def text(value: Any) -> str | None:
    """A scalar as a string (YAML numbers and booleans included), else None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def mappings(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list (anything else dropped)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def strings(value: Any) -> list[str]:
    """A string or a list of scalars, as strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for s in (text(v) for v in value) if s is not None]
    return []


def split_image(ref: str) -> tuple[str, str | None]:
    """``repo:tag`` -> (repo, tag); a digest or no tag gives (repo, None)."""
    ref = ref.strip()
    if "@" in ref:
        return ref.split("@", 1)[0], None
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = ref.rsplit(":", 1)
        return repo, tag or None
    return ref, None


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Helm's values merge: mappings merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def main_container(containers: list[tuple[str, str]], workload: str) -> tuple[str, str] | None:
    """The (name, image) of a pod's main container: the one named like its workload (a
    ``log-shipper`` sidecar listed first is not the application), else the first one."""
    return next((c for c in containers if c[0] == workload), None) or (
        containers[0] if containers else None)
