"""A repository's house style, read from its markdownlint configuration.

Careful repositories say in their markdownlint configuration which conventions they follow on
purpose: ``"MD014": false`` (commands shown with ``$ `` prompts), ``"MD040": false`` (fences
without a language), ``"MD051": false`` (anchors made by the site generator). A runwright rule
that checks the same thing is then off for the files that configuration covers: it would only
contradict a choice the maintainers made.

Read, from the linted file's folder up to the repository root (the folder of runwright's
configuration, or the first folder holding ``.git``), in each folder the first of
``.markdownlint-cli2.jsonc``, ``.markdownlint-cli2.yaml``, ``package.json`` (its
``markdownlint-cli2`` key), whose ``config`` is used, else the first of
``.markdownlint.jsonc``, ``.markdownlint.json``, ``.markdownlint.yaml``, ``.markdownlint.yml``
and ``.markdownlintrc`` (JSON or INI). ``extends`` is followed (a path relative to the file
that names it). A folder's settings override those of the folders above it, rule by rule, as
markdownlint-cli2 merges them. JavaScript configurations (``.markdownlint-cli2.cjs``,
``.mjs``, ``.markdownlint.cjs``, ``.mjs``) are never run, so they are not read; a file that
cannot be read or parsed is treated as absent.

A markdownlint rule is named by its ID (``MD014``), its aliases (``commands-show-output``) or
a tag it carries (``code``); ``"default": false`` turns off every rule not named. What maps
onto runwright (:data:`MAPPING`):

==============================================  =========================================
markdownlint                                    runwright
==============================================  =========================================
MD014 ``commands-show-output`` (tag ``code``)   RW403 ``shell-prompt``
MD040 ``fenced-code-language`` (``code``,       RW402 ``fence-language``
``language``)
MD051 ``link-fragments`` (``links``)            RW902 ``broken-anchor``
MD046 ``code-block-style`` set to               RW401 ``unfenced-command``
``indented``
==============================================  =========================================

The same walk notes the site generator that makes the heading anchors: an ``mkdocs.yml``
(MkDocs slugs) or a ``.gitlab-ci.yml`` (GitLab slugs), for RW902 ``broken-anchor``.

runwright's own configuration comes after the house style: ``select`` or ``[lint.rules.X]
enabled = true`` turns a rule back on.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runwright.digest import hexdigest


@dataclass(frozen=True)
class Mapped:
    """One markdownlint rule and the runwright rules it stands for."""

    names: tuple[str, ...]  # ID first, then aliases
    tags: tuple[str, ...]
    rules: tuple[str, ...]  # runwright rule IDs turned off with it
    off_when: Mapping[str, str] | None = None  # option values that mean "off" (MD046 style)


MAPPING: tuple[Mapped, ...] = (
    Mapped(("MD014", "commands-show-output"), ("code",), ("RW403",)),
    Mapped(("MD040", "fenced-code-language"), ("code", "language"), ("RW402",)),
    Mapped(("MD051", "link-fragments"), ("links",), ("RW902",)),
    Mapped(("MD046", "code-block-style"), ("code",), ("RW401",),
           off_when={"style": "indented"}),
)

CLI2_FILES = (".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml", "package.json")
CONFIG_FILES = (".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml",
                ".markdownlint.yml", ".markdownlintrc")
#: JavaScript configurations: never run, so never read.
UNREAD_FILES = (".markdownlint-cli2.cjs", ".markdownlint-cli2.mjs", ".markdownlint.cjs",
                ".markdownlint.mjs")


@dataclass(frozen=True)
class HouseStyle:
    """What a folder's markdownlint configuration says about its files."""

    off: frozenset[str] = frozenset()  # runwright rule IDs turned off
    sources: tuple[str, ...] = ()  # the configuration files read, nearest last
    unread: tuple[str, ...] = ()  # JavaScript configurations that were not read
    site: str | None = None  # "mkdocs" (an mkdocs.yml above) or "gitlab" (.gitlab-ci.yml)
    key: str = ""  # a digest of all of the above, for the lint cache


NONE = HouseStyle()


def _jsonc(text: str) -> Any:
    """JSON with ``//`` and ``/* */`` comments and trailing commas (as markdownlint reads)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            out.append(c)
            i += 1
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", "".join(out)))


def _ini(text: str) -> dict[str, Any]:
    """The INI form of ``.markdownlintrc`` (``MD014 = false``; sections ignored)."""
    out: dict[str, Any] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ";#[" or "=" not in line:
            continue
        key, _, value = (p.strip() for p in line.partition("="))
        low = value.lower()
        out[key] = False if low == "false" else True if low == "true" else value
    return out


def _load(path: Path) -> Any:
    """A configuration file's data, or None when it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    name = path.name
    try:
        if name.endswith((".yaml", ".yml")):
            import yaml

            return yaml.safe_load(text)
        if name == ".markdownlintrc":
            try:
                return _jsonc(text)
            except ValueError:
                return _ini(text)
        return _jsonc(text)
    except Exception:  # any parse failure: the file is treated as absent
        return None


def _resolve(path: Path, data: Any, read: list[str], depth: int = 0) -> dict[str, Any]:
    """A markdownlint configuration with its ``extends`` chain applied (base first)."""
    if not isinstance(data, dict):
        return {}
    read.append(str(path))
    out: dict[str, Any] = {}
    extends = data.get("extends")
    # A package ("markdownlint/style/prettier") or a JavaScript file is not followed.
    if isinstance(extends, str) and depth < 8 and not extends.endswith((".js", ".cjs", ".mjs")):
        base_path = (path.parent / extends).resolve()
        if base_path.is_file():
            out.update(_resolve(base_path, _load(base_path), read, depth + 1))
    out.update({k: v for k, v in data.items() if k != "extends"})
    return out


def _folder_config(folder: Path, read: list[str], unread: list[str]) -> dict[str, Any] | None:
    """The markdownlint settings one folder gives (None: it gives none)."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return None
    unread.extend(str(folder / n) for n in UNREAD_FILES if n in names)
    for name in CLI2_FILES:
        if name not in names:
            continue
        data = _load(folder / name)
        if name == "package.json":
            data = data.get("markdownlint-cli2") if isinstance(data, dict) else None
            if data is None:
                continue
        if isinstance(data, dict) and isinstance(data.get("config"), dict):
            return _resolve(folder / name, data["config"], read)
        break  # a cli2 file without "config": the .markdownlint.* files still apply
    for name in CONFIG_FILES:
        if name in names:
            data = _load(folder / name)
            if data is not None:
                return _resolve(folder / name, data, read)
    return None


def _enabled(config: Mapping[str, Any], mapped: Mapped) -> bool:
    """Whether markdownlint would run this rule under ``config``."""
    value: Any = config.get("default", True)
    for tag in mapped.tags:  # a tag setting, then the rule's own name, win over the default
        if tag in config:
            value = config[tag]
    for name in mapped.names:
        for key, v in config.items():
            if key.lower() == name.lower():
                value = v
    if isinstance(value, Mapping):
        if mapped.off_when and all(str(value.get(k, "")).lower() == v
                                   for k, v in mapped.off_when.items()):
            return False
        return bool(value.get("enabled", True))
    if mapped.off_when:  # only an option value turns this one off
        return True
    return value is not False and value != "off"


class HouseStyles:
    """The house style of each folder, read once per folder and run."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._memo: dict[Path, HouseStyle] = {}

    def for_file(self, path: Path | None) -> HouseStyle:
        if path is None:
            return NONE
        return self.for_folder(Path(os.path.abspath(path)).parent)

    def for_folder(self, folder: Path) -> HouseStyle:
        found = self._memo.get(folder)
        if found is None:
            found = self._memo[folder] = self._read(folder)
        return found

    def _chain(self, folder: Path) -> list[Path]:
        """The folders whose configuration applies, nearest first."""
        chain: list[Path] = []
        here = folder
        while True:
            chain.append(here)
            if here == self.root or (here / ".git").exists() or here.parent == here:
                return chain
            here = here.parent

    def _read(self, folder: Path) -> HouseStyle:
        read: list[str] = []
        unread: list[str] = []
        merged: dict[str, Any] = {}
        site: str | None = None
        for f in reversed(self._chain(folder)):
            config = _folder_config(f, read, unread)
            if config is not None:
                merged.update(config)
            site = _site(f) or site  # the nearest site configuration wins
        if not read and not unread and site is None:
            return NONE
        off = frozenset(r for m in MAPPING if not _enabled(merged, m) for r in m.rules)
        payload = json.dumps([sorted(off), read, unread, merged, site], sort_keys=True,
                             default=str)
        return HouseStyle(off=off, sources=tuple(read), unread=tuple(unread), site=site,
                          key=hexdigest(payload.encode()))


#: Files that say which site generator renders a folder, and so how heading anchors are made.
SITE_FILES = (("mkdocs.yml", "mkdocs"), ("mkdocs.yaml", "mkdocs"), (".gitlab-ci.yml", "gitlab"))


def _site(folder: Path) -> str | None:
    for name, site in SITE_FILES:
        if (folder / name).is_file():
            return site
    return None
