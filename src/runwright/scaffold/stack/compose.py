"""docker compose files: services, their images, databases, healthchecks and volumes; the
override files (``compose.production.yaml``) and profiles that stand for environments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runwright.scaffold.stack.databases import EnvValue, database, engine_of
from runwright.scaffold.stack.files import get, read, split_image, strings, text, yaml_mapping
from runwright.scaffold.stack.model import Database, Health, Image, Volume, Workload

MAIN_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_OVERRIDE = re.compile(r"^(?:docker-)?compose[.-](?P<env>[A-Za-z0-9-]+)\.ya?ml$")
_INTERPOLATION = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)"
                            r"(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")


def override_environment(name: str) -> str | None:
    """The environment an override file is for (``compose.prod.yaml`` -> ``prod``)."""
    m = _OVERRIDE.match(name)
    if not m or m.group("env") in ("override",):
        return None
    return m.group("env")


def dotenv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (read(path) or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        out[key.strip()] = value.strip().strip("'\"")
    return out


def interpolate(value: str, env: dict[str, str]) -> str | None:
    """compose's ``${VAR:-default}`` interpolation; None when a variable has no value."""
    unknown = False

    def sub(m: re.Match[str]) -> str:
        nonlocal unknown
        name = m.group("braced") or m.group("plain")
        op, arg = m.group("op"), m.group("arg")
        if name in env and (env[name] or not (op or "").startswith(":")):
            return env[name]
        if op in ("-", ":-"):
            return arg or ""
        unknown = True
        return ""

    out = _INTERPOLATION.sub(sub, value.replace("$$", "\0"))
    return None if unknown else out.replace("\0", "$")


@dataclass
class ComposeProject:
    file: str
    name: str | None
    services: list[Workload] = field(default_factory=list)
    databases: list[Database] = field(default_factory=list)
    commands: dict[str, list[str]] = field(default_factory=dict)  # service -> command words
    overrides: dict[str, str] = field(default_factory=dict)  # env -> override file
    profiles: list[str] = field(default_factory=list)


def _environment(spec: dict[str, Any], env: dict[str, str]) -> dict[str, EnvValue]:
    raw = spec.get("environment")
    pairs: list[tuple[str, str | None]] = []
    if isinstance(raw, dict):
        pairs = [(str(k), text(v)) for k, v in raw.items()]
    elif isinstance(raw, list):
        for item in strings(raw):
            name, eq, given = item.partition("=")
            pairs.append((name, given if eq else None))
    out: dict[str, EnvValue] = {}
    for key, val in pairs:
        if val is None:
            out[key] = (None, "from the shell or env_file")
            continue
        resolved = interpolate(val, env)
        if resolved is None:
            out[key] = (None, f"{val} (set in .env or the shell)")
        elif key.endswith("_FILE"):
            out[key] = (None, f"file {resolved}")
        else:
            out[key] = (resolved, "literal" if resolved == val else f"{val} with .env")
    return out


def _volumes(spec: dict[str, Any], named: set[str], source: str) -> list[Volume]:
    out: list[Volume] = []
    target: str | None
    for item in spec.get("volumes") or []:
        if isinstance(item, str):
            parts = item.split(":")
            if len(parts) < 2:
                out.append(Volume("anonymous", None, parts[0], source))
                continue
            src, target = parts[0], parts[1] or None
        elif isinstance(item, dict):
            src, target = text(item.get("source")) or "", text(item.get("target"))
        else:
            continue
        kind = "named" if src in named else "bind" if src.startswith((".", "/", "~")) else \
            "named"
        out.append(Volume(kind, src, target, source))
    return out


def _health(spec: dict[str, Any], name: str, source: str) -> Health | None:
    test = get(spec, "healthcheck", "test")
    if get(spec, "healthcheck", "disable") is True:
        return None
    words = strings(test)
    if words and words[0] in ("CMD", "CMD-SHELL"):
        words = words[1:]
    if not words or words == ["NONE"]:
        return None
    cmd = " ".join(words)
    url = re.search(r"https?://[^\s'\"]+", cmd)
    if url:
        path = re.sub(r"^https?://[^/]+", "", url.group(0)) or "/"
        port = re.search(r"://[^/:]+:(\d+)", url.group(0))
        return Health("http", path, port.group(1) if port else None, name, source)
    return Health("exec", cmd, None, name, source)


def read_compose(root: Path, path: Path) -> ComposeProject | None:
    rel = path.relative_to(root).as_posix()
    data = yaml_mapping(read(path) or "")
    services = data.get("services")
    if not isinstance(services, dict):
        return None
    env = dotenv(path.parent / ".env")
    project = ComposeProject(rel, text(data.get("name")))
    named = set(data.get("volumes") or {}) if isinstance(data.get("volumes"), dict) else set()
    for name, spec in services.items():
        spec = spec if isinstance(spec, dict) else {}
        name = str(name)
        ref = text(spec.get("image"))
        resolved = interpolate(ref, env) if ref else None
        images: tuple[Image, ...] = ()
        if resolved:
            repo, tag = split_image(resolved)
            images = (Image(repo, tag, rel),)
        elif ref:  # a tag set at deploy time (${VERSION})
            repo, _tag = split_image(ref)
            images = (Image(repo, None, rel),)
        volumes = _volumes(spec, named, rel)
        health = _health(spec, name, rel)
        profiles = tuple(strings(spec.get("profiles")))
        project.profiles.extend(p for p in profiles if p not in project.profiles)
        project.services.append(Workload(name, "service", None, images, None, tuple(volumes),
                                         (health,) if health else (), rel, profiles=profiles))
        command = strings(spec.get("command"))
        project.commands[name] = command
        engine = engine_of(images[0].repository) if images else None
        if engine:
            project.databases.append(database(engine, name, "service", _environment(spec, env),
                                              command, volumes, rel, images[0].ref))
    for sibling in sorted(path.parent.iterdir()) if path.parent.is_dir() else []:
        env_name = override_environment(sibling.name)
        if env_name and sibling.is_file():
            project.overrides[env_name] = sibling.relative_to(root).as_posix()
    return project
