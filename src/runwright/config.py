"""Configuration: ``runwright.toml`` or ``[tool.runwright]`` in ``pyproject.toml``.

Found by walking up from the current directory (or given with ``--config``), validated once
against :data:`SCHEMA` and frozen. An unknown key is an error that names the nearest valid key.
Each feature reads its own section (``lint``, ``run``, ``alerts``, ``site`` ...) from
:attr:`Config.data`, already validated for shape and types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from runwright.errors import ConfigError
from runwright.files import MAX_FILE_SIZE

CONFIG_FILES = ("runwright.toml", ".runwright.toml")

#: A [tool.runwright] table (or a dotted key under it) in a pyproject.toml that may not parse.
_TOOL_TABLE = re.compile(
    r"^\s*\[+\s*tool\s*\.\s*runwright\b|^\s*tool\s*\.\s*runwright\s*[.=]", re.M)


class AnyMapping:
    """Schema marker: a table whose keys are free (names chosen by the user).

    ``value`` is the schema of each entry's value (a type, a tuple of types or a nested schema).
    """

    def __init__(self, value: Any) -> None:
        self.value = value


class ListOf:
    """Schema marker: a list whose items match ``item``."""

    def __init__(self, item: Any) -> None:
        self.item = item


_STR_LIST = ListOf(str)
_RULE_SETTINGS = AnyMapping((bool, str, int, float, list, dict))

#: The whole configuration schema. Leaves are Python types (or tuples of types).
SCHEMA: dict[str, Any] = {
    "owner": str,
    "language": str,
    "profile": str,
    "max_age_days": int,
    "paths": _STR_LIST,
    "exclude": _STR_LIST,
    "max_file_size": int,
    "journal": str,
    "contacts": AnyMapping(str),
    "lint": {
        "select": _STR_LIST,
        "ignore": _STR_LIST,
        "fail_on": str,
        "cache": bool,
        "jobs": int,
        "baseline": str,
        "allow_free_frequency": bool,
        "rules": AnyMapping(_RULE_SETTINGS),
        "overrides": ListOf({
            "files": _STR_LIST,
            "profile": str,
            "select": _STR_LIST,
            "ignore": _STR_LIST,
            "rules": AnyMapping(_RULE_SETTINGS),
        }),
    },
    "profiles": AnyMapping({
        "description": str,
        "extends": str,
        "sections": _STR_LIST,
        "order": bool,
        "aliases": AnyMapping(_STR_LIST),
        "required_fields": _STR_LIST,
        "select": _STR_LIST,
        "ignore": _STR_LIST,
        "only": _STR_LIST,
        "max_age_days": int,
        "match": {"files": _STR_LIST, "sections": _STR_LIST, "min_sections": int},
        "runner": bool,
    }),
    "run": {
        "shell": str,
        "output_limit": int,
        "operator": str,
        "lock_stale_after": (str, int),
        "secret_names": _STR_LIST,
        "secret_variables": _STR_LIST,
        "inventory": str,
    },
    "test": {
        "allow_mutating": bool,
        "timeout": str,
        "readonly_commands": _STR_LIST,
    },
    "scaffold": {
        "french_terms": str,
    },
    "notify": {
        "webhook": str,
        "timeout": (int, float),
    },
    "alerts": {
        "rules": _STR_LIST,
        "runbooks": str,
        "url_base": AnyMapping(str),
        "fail_on_orphans": bool,
    },
    "find": {
        "limit": int,
        "synonyms": AnyMapping(ListOf(str)),
    },
    "site": {
        "title": str,
        "base_url": str,
        "out": str,
        "remote_images": bool,
    },
    "audit": {
        "min_score": int,
        "tested_within_days": int,
        "common_incidents": _STR_LIST,
    },
}

DEFAULT_PATHS = ("docs/runbooks",)
DEFAULT_EXCLUDE = ("**/README.md", "**/TEMPLATE.md", "**/CHANGELOG.md")
DEFAULT_MAX_AGE_DAYS = 180


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return " or ".join(_type_name(t) for t in expected)
    if isinstance(expected, ListOf):
        return "a list"
    if isinstance(expected, dict | AnyMapping):
        return "a table"
    return {str: "a string", int: "an integer", bool: "true or false", float: "a number",
            list: "a list", dict: "a table"}.get(expected, getattr(expected, "__name__", "?"))


def _check(value: Any, schema: Any, where: str, origin: str) -> None:
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"{origin}: {where} must be a table, not {value!r}")
        for key, sub in value.items():
            if key not in schema:
                import difflib

                near = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.5)
                hint = f"did you mean {near[0]!r}?" if near else \
                    "valid keys: " + ", ".join(sorted(schema))
                name = f"{where}.{key}" if where else key
                raise ConfigError(f"{origin}: unknown key {name!r}", hint=hint)
            _check(sub, schema[key], f"{where}.{key}" if where else key, origin)
        return
    if isinstance(schema, AnyMapping):
        if not isinstance(value, dict):
            raise ConfigError(f"{origin}: {where} must be a table, not {value!r}")
        for key, sub in value.items():
            _check(sub, schema.value, f"{where}.{key}", origin)
        return
    if isinstance(schema, ListOf):
        if not isinstance(value, list):
            raise ConfigError(f"{origin}: {where} must be a list, not {value!r}")
        for i, item in enumerate(value):
            _check(item, schema.item, f"{where}[{i}]", origin)
        return
    types = schema if isinstance(schema, tuple) else (schema,)
    if not any(_is(value, t) for t in types):
        raise ConfigError(f"{origin}: {where} must be {_type_name(schema)}, not {value!r}")


def _is(value: Any, expected: Any) -> bool:
    if isinstance(value, bool):
        return expected is bool
    if expected is float:
        return isinstance(value, int | float)
    return isinstance(value, expected)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Config:
    """The validated configuration. ``root`` is the folder holding the config file (or cwd)."""

    root: Path
    source: Path | None = None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, Mapping) else MappingProxyType({})

    @property
    def owner(self) -> str | None:
        value = self.data.get("owner")
        return value if isinstance(value, str) else None

    @property
    def language(self) -> str:
        value = self.data.get("language")
        return value if value in ("fr", "en") else "en"

    @property
    def profile(self) -> str | None:
        value = self.data.get("profile")
        return value if isinstance(value, str) else None

    @property
    def max_age_days(self) -> int:
        value = self.data.get("max_age_days")
        return value if isinstance(value, int) else DEFAULT_MAX_AGE_DAYS

    @property
    def paths(self) -> tuple[str, ...]:
        value = self.data.get("paths")
        return tuple(value) if value else DEFAULT_PATHS

    @property
    def exclude(self) -> tuple[str, ...]:
        value = self.data.get("exclude")
        return tuple(value) if value is not None else DEFAULT_EXCLUDE

    @property
    def max_file_size(self) -> int:
        value = self.data.get("max_file_size")
        return value if isinstance(value, int) and value > 0 else MAX_FILE_SIZE

    @property
    def contacts(self) -> Mapping[str, str]:
        return self.section("contacts")


def validate(data: Mapping[str, Any], origin: str = "configuration") -> Mapping[str, Any]:
    """Check ``data`` against :data:`SCHEMA`; raise :class:`ConfigError` naming the key."""
    _check(dict(data), SCHEMA, "", origin)
    language = data.get("language")
    if language is not None and language not in ("fr", "en"):
        raise ConfigError(f"{origin}: language must be 'fr' or 'en', not {language!r}")
    max_age = data.get("max_age_days")
    if max_age is not None and max_age <= 0:
        raise ConfigError(f"{origin}: max_age_days must be a positive number of days")
    frozen: Mapping[str, Any] = _freeze(dict(data))
    return frozen


def find_config(start: Path) -> Path | None:
    """The nearest runwright.toml, or pyproject.toml with [tool.runwright], at or above start."""
    current = start.resolve()
    for folder in (current, *current.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            import tomllib  # here: a run without a pyproject.toml never loads the parser

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                if _TOOL_TABLE.search(text):
                    return pyproject  # ours but broken: load_config reports where
                continue
            if isinstance(data.get("tool"), dict) and "runwright" in data["tool"]:
                return pyproject
        if (folder / ".git").exists():
            break
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load and validate the configuration file (explicit ``path``, else the nearest one)."""
    source = path if path is not None else find_config(start or Path.cwd())
    if source is None:
        return Config(root=(start or Path.cwd()).resolve())
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{source}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read: {exc}") from None
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    if source.name == "pyproject.toml":
        tool = raw.get("tool", {})
        raw = tool.get("runwright", {}) if isinstance(tool, dict) else {}
        origin = f"{source} [tool.runwright]"
    else:
        origin = str(source)
    return Config(root=source.parent.resolve(), source=source, data=validate(raw, origin))
