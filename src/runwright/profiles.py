"""Profiles: which sections and fields a runbook must have, and which rules apply.

``standard`` is the structure of the runbook standard (the default for files runwright writes);
``alert`` is the Prometheus-operator style (Meaning / Impact / Diagnosis / Mitigation);
``generic`` is a lenient profile for Markdown that follows neither (no required sections or
fields; command, safety, wording and link checks still apply); teams define their own in config
(``[profiles.NAME]``, see :func:`build_profiles`); ``auto`` picks one per file
(:func:`detect`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from runwright.errors import ConfigError
from runwright.names import FIELD_NAMES, normalize, section_canonical

if TYPE_CHECKING:  # annotations only: importing the model costs start-up time
    from runwright.model import Runbook, Section


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    #: required sections, canonical names (see runwright.names) or custom names, in order
    sections: tuple[str, ...]
    #: whether the sections must appear in that order
    order: bool = True
    #: extra accepted titles per section name (normalised comparison)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: required metadata fields (canonical names)
    required_fields: tuple[str, ...] = ()
    #: rules (IDs or names) turned off in this profile, and turned on beyond their default
    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    max_age_days: int | None = None

    def accepts(self, name: str, section: Section) -> bool:
        """Whether ``section`` satisfies the required section ``name`` of this profile.

        A section matches by its canonical name (any French or English alias from
        :mod:`runwright.names`), by its title, or by one of the profile's own aliases.
        """
        if section.canonical is not None and section.canonical == name:
            return True
        title = normalize(section.title)
        if title == normalize(name):
            return True
        return any(title == normalize(alias) for alias in self.aliases.get(name, ()))

    def find_section(self, runbook: Runbook, name: str) -> Section | None:
        """The first section of ``runbook`` that satisfies the required section ``name``."""
        for section in runbook.sections:
            if self.accepts(name, section):
                return section
        return None


#: Rules that only make sense for step-by-step procedures with contacts.
_PROCEDURE_RULES = ("RW301", "RW304", "RW621")

STANDARD = Profile(
    name="standard",
    description="The runbook standard: Information, Prerequisites, Procedure, Verification, "
                "Rollback, Troubleshooting, Contacts.",
    sections=("information", "prerequisites", "procedure", "verification", "rollback",
              "troubleshooting", "contacts"),
    required_fields=("last_updated", "owner", "estimated_time", "frequency"),
)

ALERT = Profile(
    name="alert",
    description="Prometheus alert runbooks: Meaning, Impact, Diagnosis, Mitigation; no "
                "rollback, contacts or Information block required.",
    sections=("meaning", "impact", "diagnosis", "mitigation"),
    required_fields=(),
    ignore=_PROCEDURE_RULES,
)

GENERIC = Profile(
    name="generic",
    description="Any other Markdown runbook: no required sections or fields; commands, safety, "
                "wording, freshness and links are still checked.",
    sections=(),
    order=False,
    required_fields=(),
    ignore=(*_PROCEDURE_RULES, "RW103"),
)

BUILTIN: Mapping[str, Profile] = MappingProxyType(
    {"standard": STANDARD, "alert": ALERT, "generic": GENERIC})

#: The profile name that picks one of standard / alert / generic per file.
AUTO = "auto"

_ALERT_SECTIONS = frozenset({"meaning", "impact", "diagnosis", "mitigation", "symptoms"})
_STANDARD_SECTIONS = frozenset(STANDARD.sections)


def detect(runbook: Runbook) -> str:
    """The built-in profile that fits a file: ``alert``, ``standard`` or ``generic``.

    * ``alert`` when at least two of Meaning / Impact / Diagnosis / Mitigation / Symptoms are
      sections and they outnumber the standard's sections;
    * else ``standard`` when the file has two standard sections, an Information block, or a
      Procedure section;
    * else ``generic``.
    """
    found = {s.canonical for s in runbook.sections if s.canonical}
    alert = len(found & _ALERT_SECTIONS)
    standard = len(found & _STANDARD_SECTIONS)
    if alert >= 2 and alert > standard:
        return "alert"
    has_info = any(f.source == "information" for f in runbook.metadata.fields)
    if standard >= 2 or has_info or "procedure" in found:
        return "standard"
    return "generic"


_PROFILE_KEYS = ("description", "extends", "sections", "order", "aliases", "required_fields",
                 "select", "ignore", "max_age_days")


def _section_key(name: str) -> str:
    hit = section_canonical(name)
    return hit[0] if hit else name


def build_profiles(table: Mapping[str, Any], origin: str = "configuration"
                   ) -> Mapping[str, Profile]:
    """The built-in profiles plus the custom ones of a config ``[profiles]`` table.

    A custom profile may ``extends`` a built-in or another custom profile: unset keys are
    inherited, ``select``/``ignore``/``aliases`` are merged. Section names are canonicalised when
    they are a known name (``"Procédure"`` -> ``procedure``); other names are custom sections
    matched by title or alias. Raises :class:`ConfigError` for an unknown parent, a cycle or an
    unknown field name.
    """
    out: dict[str, Profile] = dict(BUILTIN)
    resolving: list[str] = []

    def resolve(name: str) -> Profile:
        if name in out:
            return out[name]
        if name not in table:
            choices = sorted({*out, *table})
            import difflib

            near = difflib.get_close_matches(name, choices, n=1, cutoff=0.5)
            raise ConfigError(f"{origin}: unknown profile {name!r}",
                              hint=f"did you mean {near[0]!r}?" if near else
                              "known profiles: " + ", ".join(choices))
        if name in resolving:
            raise ConfigError(f"{origin}: profiles.{name} extends itself "
                              f"({' -> '.join([*resolving, name])})")
        if name == AUTO:
            raise ConfigError(f"{origin}: 'auto' is reserved and cannot be a custom profile")
        resolving.append(name)
        spec = table[name]
        parent = resolve(str(spec["extends"])) if "extends" in spec else None
        resolving.pop()
        out[name] = _make(name, spec, parent, origin)
        return out[name]

    for name in table:
        resolve(name)
    return MappingProxyType(out)


def _make(name: str, spec: Mapping[str, Any], parent: Profile | None, origin: str) -> Profile:
    for key in spec.get("required_fields", ()):
        if key not in FIELD_NAMES:
            import difflib

            near = difflib.get_close_matches(key, list(FIELD_NAMES), n=1, cutoff=0.5)
            raise ConfigError(f"{origin}: profiles.{name}.required_fields: unknown field {key!r}",
                              hint=f"did you mean {near[0]!r}?" if near else
                              "known fields: " + ", ".join(FIELD_NAMES))
    base = parent or Profile(name=name, description="", sections=())
    aliases = {k: tuple(v) for k, v in base.aliases.items()}
    for key, values in spec.get("aliases", {}).items():
        aliases[_section_key(key)] = (*aliases.get(_section_key(key), ()), *values)
    sections = tuple(_section_key(s) for s in spec["sections"]) if "sections" in spec \
        else base.sections
    select = (*[r for r in base.select if r not in spec.get("ignore", ())],
              *spec.get("select", ()))
    ignore = (*[r for r in base.ignore if r not in spec.get("select", ())],
              *spec.get("ignore", ()))
    return replace(
        base, name=name, description=str(spec.get("description", base.description or
                                                  f"Custom profile {name}.")),
        sections=sections, order=bool(spec.get("order", base.order)),
        aliases=MappingProxyType(aliases),
        required_fields=tuple(spec.get("required_fields", base.required_fields)),
        select=select, ignore=ignore,
        max_age_days=spec.get("max_age_days", base.max_age_days))
