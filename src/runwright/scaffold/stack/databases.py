"""Databases as their images document them: engine, user, database, password source, data
folder and (Redis) persistence, from the environment variables and arguments a repository
gives the container."""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence

from runwright.scaffold.stack.model import Database, Volume

_ENGINES = {
    "postgresql": ("postgres", "postgresql", "postgis", "timescaledb", "cloudnative-pg"),
    "mysql": ("mysql", "mariadb", "percona"),
    "redis": ("redis", "valkey", "keydb"),
    "mongodb": ("mongo", "mongodb"),
}
#: where each engine's official (and Bitnami) image keeps its data
DATA_DIRS = {
    "postgresql": ("/var/lib/postgresql/data", "/var/lib/postgresql", "/bitnami/postgresql"),
    "mysql": ("/var/lib/mysql", "/bitnami/mysql", "/bitnami/mariadb"),
    "redis": ("/data", "/bitnami/redis/data"),
    "mongodb": ("/data/db", "/bitnami/mongodb"),
}

#: An environment variable: (its literal value, or None when it comes from elsewhere;
#: a description of where it comes from, such as "secret orders-db key password").
EnvValue = tuple[str | None, str]


def engine_of(image_or_name: str) -> str | None:
    """The database engine an image, chart or unit name stands for."""
    base = image_or_name.rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0].lower()
    for engine, names in _ENGINES.items():
        if any(base == n or base.startswith(n + "-") or base.endswith("-" + n) for n in names):
            return engine
    return None


def data_volume(engine: str, volumes: Sequence[Volume], source: str) -> Volume:
    """The volume mounted on the engine's data folder, else ``none`` (the container layer)."""
    for v in volumes:
        if v.mount and any(v.mount == d or d.startswith(v.mount.rstrip("/") + "/")
                           or v.mount.startswith(d + "/") for d in DATA_DIRS[engine]):
            return v
    return Volume("none", None, None, source)


def _first(env: Mapping[str, EnvValue], *names: str) -> tuple[str, EnvValue] | None:
    for name in names:
        if name in env:
            return name, env[name]
    return None


def _password(env: Mapping[str, EnvValue], *names: str) -> str | None:
    found = _first(env, *names)
    if found is None:
        return None
    name, (_value, how) = found
    return f"{name}: {how}"


def redis_persistent(args: Sequence[str]) -> bool | None:
    """False when the server's arguments turn RDB and AOF off (a cache), True when they keep
    one on, None when the arguments do not say (the image's defaults then apply: RDB on)."""
    words: list[str] = []
    for a in args:
        try:
            words.extend(shlex.split(a) if " " in a else [a])
        except ValueError:
            words.append(a)
    save_off: bool | None = None
    aof: bool | None = None
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == "--save":
            save_off = nxt in (None, "", '""', "''") or (nxt or "").startswith("--")
        if w == "--appendonly" and nxt in ("yes", "no"):
            aof = nxt == "yes"
    if aof:
        return True
    if save_off:
        return False
    if save_off is False:
        return True
    return None


def database(engine: str, name: str, kind: str, env: Mapping[str, EnvValue],
             args: Sequence[str], volumes: Sequence[Volume], source: str,
             image: str | None) -> Database:
    """A database from its container's environment, arguments and volumes."""
    user = db = password = None
    notes: list[str] = []
    if engine == "postgresql":
        found = _first(env, "POSTGRES_USER", "POSTGRESQL_USERNAME")
        if found is None:
            user = "postgres"
            notes.append("user postgres: image default (no POSTGRES_USER)")
        else:
            user = found[1][0]
            if user is None:
                notes.append(f"user from {found[0]}: {found[1][1]}")
        found = _first(env, "POSTGRES_DB", "POSTGRESQL_DATABASE")
        if found is None:
            db = user
            if user:
                notes.append(f"database {user}: image default (POSTGRES_DB unset, "
                             "named after the user)")
        else:
            db = found[1][0]
        password = _password(env, "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE",
                             "POSTGRESQL_PASSWORD")
    elif engine == "mysql":
        found = _first(env, "MARIADB_USER", "MYSQL_USER")
        user = found[1][0] if found else None
        found = _first(env, "MARIADB_DATABASE", "MYSQL_DATABASE")
        db = found[1][0] if found else None
        password = _password(env, "MARIADB_PASSWORD", "MYSQL_PASSWORD",
                             "MARIADB_PASSWORD_FILE", "MYSQL_PASSWORD_FILE")
    elif engine == "mongodb":
        found = _first(env, "MONGO_INITDB_ROOT_USERNAME")
        user = found[1][0] if found else None
        found = _first(env, "MONGO_INITDB_DATABASE")
        db = found[1][0] if found else None
        password = _password(env, "MONGO_INITDB_ROOT_PASSWORD",
                             "MONGO_INITDB_ROOT_PASSWORD_FILE")
    volume = data_volume(engine, volumes, source)
    persistent: bool | None = None
    if engine == "redis":
        persistent = redis_persistent(args)
        if persistent is None:
            persistent = True
            notes.append("persistence: image default (RDB snapshots on)")
    return Database(engine=engine, name=name, kind=kind, user=user, database=db,
                    password=password, volume=volume, persistent=persistent, source=source,
                    image=image, notes=tuple(notes))
