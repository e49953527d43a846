"""Profiles: which sections and fields a runbook must have, and which rules apply.

``standard`` is the structure of the runbook standard (the default for files runwright writes);
``alert`` is the Prometheus-operator style (Meaning / Impact / Diagnosis / Mitigation);
teams define their own in config (``[profiles.NAME]``); ``auto`` picks one per file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


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
)

BUILTIN: Mapping[str, Profile] = MappingProxyType({"standard": STANDARD, "alert": ALERT})
