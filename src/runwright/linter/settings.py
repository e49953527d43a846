"""Lint settings: the profile, rules, severities and options that apply to each file.

Built once per run from the validated :class:`~runwright.config.Config` and the command-line
options, then asked for the :class:`Plan` of each file. Precedence:

* profile: ``--profile``, else the last matching override's ``profile``, else config
  ``profile``, else ``auto``: the file's front matter ``profile`` when it names a known
  profile, else :func:`runwright.profiles.detect`;
* rules: each rule's default (limited to the profile's ``only`` rules when it has them, the
  engine's own rules always kept), the runner-only rules exactly when the file is meant to be
  run (:func:`runwright.profiles.meant_to_run`), then the profile's ``select``/``ignore``,
  config ``lint.select`` / ``lint.ignore``, ``[lint.rules.X] enabled``, then every matching
  override in order.
  ``--select`` replaces all of that with exactly the rules it names (minus the profile's
  ignored rules); ``--ignore`` always removes;
* severity and options: the rule's defaults, ``[lint.rules.X]``, then matching overrides.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from runwright.config import Config
from runwright.digest import hexdigest
from runwright.errors import ConfigError
from runwright.linter import registry
from runwright.linter.builtin import ENGINE_RULES
from runwright.linter.finding import SEVERITIES, Severity
from runwright.linter.house import NONE, HouseStyle, HouseStyles
from runwright.profiles import (
    AUTO,
    RUNNER_RULES,
    Profile,
    build_profiles,
    detect,
    glob_match,
    meant_to_run,
)

if TYPE_CHECKING:  # annotations only: a fully cached run never imports the model
    from runwright.linter.rule import Rule
    from runwright.model import Runbook

FAIL_ON = ("error", "warning", "info", "never")
#: The engine's own rules (internal errors, parser problems, unused suppressions): on in
#: every profile unless turned off by name.
ENGINE_IDS = frozenset(r.id for r in ENGINE_RULES)
DEFAULT_PROFILE = AUTO
_RULE_KEYS = ("enabled", "severity")


@dataclass(frozen=True)
class Plan:
    """What runs on one file: the profile and each enabled rule with severity and options."""

    profile: Profile
    rules: tuple[tuple[Rule, Severity, Mapping[str, Any]], ...]
    enabled: frozenset[str]
    house: HouseStyle = NONE
    #: ``test.readonly_commands``: what ``runwright test`` runs besides its allowlist
    readonly_commands: tuple[str, ...] = ()
    #: ``run.inventory``: the inventory of fleet steps (RW412)
    inventory: str | None = None


def thaw(value: Any) -> Any:
    """Plain dicts and lists from the frozen config data (for pickling and JSON)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


def _type_ok(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list | tuple):
        if not isinstance(value, list | tuple):
            return False
        return not default or all(_type_ok(v, default[0]) for v in value)
    if isinstance(default, Mapping):
        return isinstance(value, Mapping)
    return True


def _rule_settings(table: Mapping[str, Any], where: str, origin: str
                   ) -> dict[str, dict[str, Any]]:
    """Validate a ``rules`` table; returns rule ID -> {enabled?, severity?, options...}."""
    out: dict[str, dict[str, Any]] = {}
    for key, settings in table.items():
        rule = registry.lookup(key)
        if rule is None:
            near = registry.nearest(key)
            raise ConfigError(f"{origin}: {where}.{key}: unknown rule",
                              hint=f"did you mean {near!r}?" if near else
                              "`runwright rules` lists the rules")
        entry = out.setdefault(rule.id, {})
        for name, value in settings.items():
            here = f"{where}.{key}.{name}"
            if name == "enabled":
                if not isinstance(value, bool):
                    raise ConfigError(f"{origin}: {here} must be true or false")
            elif name == "severity":
                if value not in SEVERITIES:
                    raise ConfigError(f"{origin}: {here} must be one of "
                                      f"{', '.join(SEVERITIES)}, not {value!r}")
            elif name not in rule.options:
                valid = [*_RULE_KEYS, *rule.options]
                import difflib

                close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
                raise ConfigError(f"{origin}: unknown key {here!r} for {rule.id} ({rule.name})",
                                  hint=f"did you mean {close[0]!r}?" if close else
                                  "valid keys: " + ", ".join(valid))
            elif not _type_ok(value, rule.options[name]):
                default = rule.options[name]
                raise ConfigError(f"{origin}: {here} must be like the default {default!r} "
                                  f"({type(default).__name__}), not {value!r}")
            elif name in rule.choices and (bad := [
                    v for v in (value if isinstance(value, list | tuple) else [value])
                    if v not in rule.choices[name]]):
                raise ConfigError(f"{origin}: {here}: unknown value "
                                  f"{', '.join(map(repr, bad))}",
                                  hint="valid values: " + ", ".join(rule.choices[name]))
            entry[name] = thaw(value)
    return out


@dataclass(frozen=True)
class _Override:
    files: tuple[str, ...]
    profile: str | None
    select: frozenset[str]
    ignore: frozenset[str]
    rules: Mapping[str, Mapping[str, Any]]


class Settings:
    """The resolved lint settings of one run (validated at construction)."""

    def __init__(self, config: Config, profile: str | None = None,
                 select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
        origin = str(config.source) if config.source else "configuration"
        self.config = config
        self.cli: dict[str, Any] = {"profile": profile, "select": list(select),
                                    "ignore": list(ignore)}
        lint = config.section("lint")
        self.profiles = build_profiles(config.section("profiles"), origin)
        for name, spec in config.section("profiles").items():
            registry.expand((*spec.get("select", ()), *spec.get("ignore", ()),
                             *spec.get("only", ())), f"{origin}: profiles.{name}")
        self.profile_name = profile or config.profile or DEFAULT_PROFILE
        self._check_profile(self.profile_name, "--profile" if profile else f"{origin}: profile")
        self.select = frozenset(registry.expand(lint.get("select", ()), f"{origin}: lint.select"))
        self.ignore = frozenset(registry.expand(lint.get("ignore", ()), f"{origin}: lint.ignore"))
        self.rules = _rule_settings(lint.get("rules", {}), "lint.rules", origin)
        self.overrides: list[_Override] = []
        for i, o in enumerate(lint.get("overrides", ())):
            where = f"lint.overrides[{i}]"
            if not o.get("files"):
                raise ConfigError(f"{origin}: {where} needs a non-empty 'files' list of globs")
            if o.get("profile"):
                self._check_profile(o["profile"], f"{origin}: {where}.profile")
            self.overrides.append(_Override(
                files=tuple(o["files"]), profile=o.get("profile"),
                select=frozenset(registry.expand(o.get("select", ()), f"{origin}: {where}")),
                ignore=frozenset(registry.expand(o.get("ignore", ()), f"{origin}: {where}")),
                rules=_rule_settings(o.get("rules", {}), f"{where}.rules", origin)))
        self.cli_select = frozenset(registry.expand(select, "--select")) if select else None
        self.cli_ignore = frozenset(registry.expand(ignore, "--ignore"))
        fail_on = lint.get("fail_on", "error")
        if fail_on not in FAIL_ON:
            raise ConfigError(f"{origin}: lint.fail_on must be one of {', '.join(FAIL_ON)}")
        self.fail_on: str = fail_on
        self._plans: dict[tuple[str, tuple[int, ...], bool, str], Plan] = {}
        self.house = HouseStyles(config.root)
        #: whether a file's path decides anything (override globs, custom profiles' globs)
        self.reads_paths = bool(self.overrides) or any(
            p.match is not None and p.match.files for p in self.profiles.values())

    def _check_profile(self, name: str, where: str) -> None:
        if name != AUTO and name not in self.profiles:
            choices = [AUTO, *self.profiles]
            import difflib

            near = difflib.get_close_matches(name, choices, n=1, cutoff=0.5)
            raise ConfigError(f"{where}: unknown profile {name!r}",
                              hint=f"did you mean {near[0]!r}?" if near else
                              "profiles: " + ", ".join(choices))

    def relative(self, path: Path) -> str:
        """The path the override globs are matched against (relative to the config root)."""
        try:
            return Path(os.path.relpath(path.resolve(), self.config.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def plan_for(self, runbook: Runbook, rel: str, file_path: Path | None = None) -> Plan:
        """The plan for one file (``rel``: its path relative to the config root; ``file_path``:
        the file on disk, whose folder's house style applies)."""
        matched = tuple(i for i, o in enumerate(self.overrides) if glob_match(rel, o.files))
        name = self.cli["profile"] or next(
            (p for i in reversed(matched) if (p := self.overrides[i].profile)), None) \
            or self.config.profile or DEFAULT_PROFILE
        if name == AUTO:
            own = runbook.front_matter.get("profile")
            name = own if isinstance(own, str) and own in self.profiles else \
                detect(runbook, self.profiles, rel)
        runs = meant_to_run(runbook, self.profiles[str(name)])
        house = self.house.for_file(file_path)
        key = (str(name), matched, runs, house.key)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._build(str(name), matched, runs, house)
        return plan

    def _build(self, profile_name: str, matched: tuple[int, ...], runs: bool,
               house: HouseStyle = NONE) -> Plan:
        profile = self.profiles[profile_name]
        if profile.max_age_days is None:
            from dataclasses import replace

            profile = replace(profile, max_age_days=self.config.max_age_days)
        every = registry.all_rules()
        prof_ignore = registry.expand(profile.ignore, f"profile {profile.name}", strict=False)
        settings: dict[str, dict[str, Any]] = {r.id: {} for r in every}
        for rid, own in self.rules.items():
            settings[rid].update(own)
        for i in matched:
            for rid, extra in self.overrides[i].rules.items():
                settings[rid].update(extra)
        if self.cli_select is not None:
            enabled = set(self.cli_select) - prof_ignore
        else:
            defaults = {r.id for r in every if r.enabled_by_default}
            runner = registry.expand(RUNNER_RULES, "runner rules", strict=False) & defaults
            enabled = set(defaults)
            if profile.only is not None:
                enabled &= registry.expand(profile.only, f"profile {profile.name}",
                                           strict=False) | ENGINE_IDS
            # The runner-only rules follow the file, not the profile's other choices.
            enabled = (enabled | runner) if runs else (enabled - runner)
            enabled |= registry.expand(profile.select, f"profile {profile.name}", strict=False)
            enabled -= prof_ignore
            enabled -= house.off  # what the repository's markdownlint configuration turns off
            enabled = (enabled | self.select) - self.ignore
            for rid, own in self.rules.items():
                if "enabled" in own:
                    (enabled.add if own["enabled"] else enabled.discard)(rid)
            for i in matched:
                o = self.overrides[i]
                enabled = (enabled | o.select) - o.ignore
                for rid, extra in o.rules.items():
                    if "enabled" in extra:
                        (enabled.add if extra["enabled"] else enabled.discard)(rid)
        enabled -= self.cli_ignore
        rules = []
        for cls in every:
            if cls.id not in enabled:
                continue
            entry = settings[cls.id]
            options = {k: v for k, v in entry.items() if k not in _RULE_KEYS}
            severity = cast(Severity, entry.get("severity", cls.severity))
            rules.append((cls(), severity, MappingProxyType({**cls.options, **options})))
        extra = self.config.section("test").get("readonly_commands", ())
        return Plan(profile=profile, rules=tuple(rules), enabled=frozenset(enabled),
                    house=house, readonly_commands=tuple(str(e) for e in extra),
                    inventory=self.config.section("run").get("inventory"))

    def fingerprint(self) -> str:
        """A digest of everything besides the file that the findings depend on."""
        from runwright import __version__

        payload = json.dumps({"version": __version__, "code": _code_stamp(),
                              "config": thaw(self.config.data), "cli": self.cli,
                              "root": str(self.config.root)}, sort_keys=True, default=str)
        return hexdigest(payload.encode())


def _code_stamp() -> str:
    """A stamp of runwright's own source files, so that an edited checkout misses the cache."""
    base = Path(__file__).resolve().parent.parent
    stamps = []
    for folder, _dirs, files in os.walk(base):
        for name in files:
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                stamps.append(f"{folder}/{name}:{st.st_mtime_ns}:{st.st_size}")
    return hexdigest("\n".join(sorted(stamps)).encode())
