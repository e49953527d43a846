"""Profiles: which sections and fields a runbook must have, and which rules apply.

``standard`` is the structure of the runbook standard (the default for files runwright writes);
``alert`` is the Prometheus-operator style (Meaning / Impact / Diagnosis / Mitigation);
``generic`` is for any other Markdown (how-to pages, knowledge pages, templates): only the
content-safety rules run on it; teams define their own in config (``[profiles.NAME]``, see
:func:`build_profiles`), each saying which files it fits (``match``); ``auto`` picks one per
file (:func:`detect`), and picks ``standard`` or ``alert`` only for files that follow them.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from runwright.errors import ConfigError
from runwright.names import FIELD_NAMES, normalize, preferred_section_name, section_canonical

if TYPE_CHECKING:  # annotations only: importing the model costs start-up time
    from runwright.model import Runbook, Section


@dataclass(frozen=True)
class Match:
    """Which files a custom profile fits, for ``auto``: path globs and sections present.

    A file fits when its path matches one of ``files`` (when given) and it has at least
    ``min_sections`` of ``sections`` (all of them when ``min_sections`` is None).
    """

    files: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    min_sections: int | None = None


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
    #: when set, the only rules on by default in this profile (besides the engine's own);
    #: ``select`` here, in config or on the command line still turns others on
    only: tuple[str, ...] | None = None
    #: which files ``auto`` gives this profile (custom profiles only; never inherited)
    match: Match | None = None
    #: whether the profile's files are meant to be run by ``runwright run``: the runner-only
    #: rules (:data:`RUNNER_RULES`) apply to them, and otherwise only to files that use
    #: runwright's fence attributes or front matter (:func:`meant_to_run`)
    runner: bool = False
    #: the title a custom profile's config gives a known section ("Possible checks" for
    #: ``diagnosis``), used in messages and fixes instead of runwright's own name
    titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def fits(self, runbook: Runbook, rel: str) -> bool:
        """Whether ``auto`` should give this profile to ``runbook`` (at ``rel``)."""
        match = self.match
        if match is None:
            return False
        if match.files and not glob_match(rel, match.files):
            return False
        if match.sections:
            present = sum(1 for name in match.sections if self.find_section(runbook, name))
            if present < (len(match.sections) if match.min_sections is None
                          else match.min_sections):
                return False
        return True

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

#: Rules that matter only to runbooks meant to be run by ``runwright run``: nothing
#: ``runwright test`` can run, a placeholder that ``run`` would paste into the shell, a command
#: that needs the terminal, a destructive command without ``{confirm}``.
RUNNER_RULES = ("RW305", "RW404", "RW409", "RW801")

STANDARD = Profile(
    name="standard",
    description="The runbook standard: Information, Prerequisites, Procedure, Verification, "
                "Rollback, Troubleshooting, Contacts.",
    sections=("information", "prerequisites", "procedure", "verification", "rollback",
              "troubleshooting", "contacts"),
    required_fields=("last_updated", "owner", "estimated_time", "frequency"),
    runner=True,
)

ALERT = Profile(
    name="alert",
    description="Prometheus alert runbooks: Meaning, Impact, Diagnosis, Mitigation; no "
                "rollback, contacts or Information block required.",
    sections=("meaning", "impact", "diagnosis", "mitigation"),
    required_fields=(),
    ignore=_PROCEDURE_RULES,
)

#: What is checked in any Markdown, whatever its structure: shell syntax in runnable blocks,
#: unterminated fences and other parser problems, real-format secrets, ``curl | sh``, broken
#: relative links and anchors, TODO markers.
CONTENT_SAFETY_RULES = ("RW406", "RW802", "RW803", "RW901", "RW902", "RW502")

GENERIC = Profile(
    name="generic",
    description="Any other Markdown (how-to, knowledge page, template): no required sections "
                "or fields; only content safety is checked (shell syntax, unterminated fences, "
                "secrets, curl | sh, broken links and anchors, TODO markers).",
    sections=(),
    order=False,
    required_fields=(),
    only=CONTENT_SAFETY_RULES,
)

BUILTIN: Mapping[str, Profile] = MappingProxyType(
    {"standard": STANDARD, "alert": ALERT, "generic": GENERIC})

#: The profile name that picks one of standard / alert / generic per file.
AUTO = "auto"

#: The alert sections by their own names (not aliases such as "Resolution" or "Possible
#: checks", which post-mortem templates and symptom pages use too).
_ALERT_NAMES: Mapping[str, str] = MappingProxyType({
    normalize(name): canonical
    for canonical in ALERT.sections
    for name in (preferred_section_name(canonical, "fr"), preferred_section_name(canonical, "en"))})
#: Front matter keys that only runwright reads, and the kinds it writes.
RUNWRIGHT_FRONT_MATTER = frozenset({"variables", "estimated_time", "estimated-time",
                                    "review_interval", "review-interval", "frequency"})
RUNWRIGHT_KINDS = frozenset({"deployment", "incident", "maintenance"})
#: How many of the standard's sections make "most of them", and Information fields a block.
_MOST_STANDARD_SECTIONS = len(STANDARD.sections) // 2 + 1
_INFORMATION_FIELDS = 2


def has_runwright_front_matter(runbook: Runbook) -> bool:
    """Whether the front matter carries keys only runwright reads (``variables``,
    ``estimated_time``, ``review_interval``, ``frequency``, or a runwright ``kind``)."""
    fm = runbook.front_matter
    if any(key in RUNWRIGHT_FRONT_MATTER for key in fm):
        return True
    kind = fm.get("kind")
    return isinstance(kind, str) and kind.strip().lower() in RUNWRIGHT_KINDS


def meant_to_run(runbook: Runbook, profile: Profile) -> bool:
    """Whether a file is meant to be run by ``runwright run``: its profile says so
    (``standard``), or it uses runwright's fence attributes (``{confirm}``, ``{id=...}``), an
    ``expect`` fence, or runwright front matter."""
    if profile.runner or has_runwright_front_matter(runbook):
        return True
    from runwright.model import FENCE_ATTRIBUTES

    return any(block.is_expect or not FENCE_ATTRIBUTES.isdisjoint(block.attributes)
               for block in runbook.code_blocks)


def follows_standard(runbook: Runbook) -> bool:
    """Whether a file follows the runbook standard: an Information block (two or more known
    fields in it), runwright front matter, or most of the standard's sections."""
    if has_runwright_front_matter(runbook):
        return True
    known = {f.name for f in runbook.metadata.fields
             if f.source == "information" and f.name in FIELD_NAMES}
    if len(known) >= _INFORMATION_FIELDS:
        return True
    found = {s.canonical for s in runbook.sections if s.canonical in STANDARD.sections}
    return len(found) >= _MOST_STANDARD_SECTIONS


def alert_sections(runbook: Runbook) -> int:
    """How many of Meaning / Impact / Diagnosis / Mitigation are sections, by those names."""
    return len({_ALERT_NAMES[key] for s in runbook.sections
                if (key := normalize(s.title)) in _ALERT_NAMES})


def detect(runbook: Runbook, profiles: Mapping[str, Profile] = BUILTIN, rel: str = "") -> str:
    """The profile ``auto`` gives a file (``rel``: its path relative to the config root).

    * the first custom profile (in config order) whose ``match`` the file fits;
    * else ``standard`` when the file follows the standard (:func:`follows_standard`);
    * else ``alert`` with at least two of Meaning / Impact / Diagnosis / Mitigation;
    * else ``generic``.
    """
    for name, profile in profiles.items():
        if profile.match is not None and profile.fits(runbook, rel):
            return name
    if follows_standard(runbook):
        return "standard"
    if alert_sections(runbook) >= 2:
        return "alert"
    return "generic"


def glob_match(rel: str, patterns: Sequence[str]) -> bool:
    """Whether a relative POSIX path matches one of the globs (``**/x`` also matches ``x``)."""
    for pattern in patterns:
        if fnmatch.fnmatchcase(rel, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False


_PROFILE_KEYS = ("description", "extends", "sections", "order", "aliases", "required_fields",
                 "select", "ignore", "only", "max_age_days", "match", "runner")


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
    match = _match(name, spec["match"], origin) if "match" in spec else None
    aliases = {k: tuple(v) for k, v in base.aliases.items()}
    for key, values in spec.get("aliases", {}).items():
        aliases[_section_key(key)] = (*aliases.get(_section_key(key), ()), *values)
    sections = tuple(_section_key(s) for s in spec["sections"]) if "sections" in spec \
        else base.sections
    titles = MappingProxyType({_section_key(s): s for s in spec["sections"]
                               if _section_key(s) != s}) if "sections" in spec else base.titles
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
        only=tuple(spec["only"]) if "only" in spec else base.only, match=match, titles=titles,
        runner=bool(spec.get("runner", base.runner)),
        max_age_days=spec.get("max_age_days", base.max_age_days))


def _match(name: str, spec: Mapping[str, Any], origin: str) -> Match:
    where = f"{origin}: profiles.{name}.match"
    files = tuple(spec.get("files", ()))
    sections = tuple(_section_key(s) for s in spec.get("sections", ()))
    if not files and not sections:
        raise ConfigError(f"{where} needs 'files' (path globs) or 'sections' (section names)",
                          hint='for example: match = { sections = ["Symptoms", "Resolution"] }')
    least = spec.get("min_sections")
    if least is not None and not 1 <= least <= len(sections):
        raise ConfigError(f"{where}.min_sections must be between 1 and the number of "
                          f"'sections' ({len(sections)}), not {least}")
    return Match(files=files, sections=sections, min_sections=least)
