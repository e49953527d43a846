"""Section and field names in French and English, with their aliases.

Names are compared after :func:`normalize`: accents, case, punctuation, emoji and extra spaces
are ignored, so "## 🚀 Procédure :" and "## procedure" are the same section.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Lang = Literal["fr", "en"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SLUG_DROP = re.compile(r"[^a-z0-9 _-]+")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (accents and symbols dropped)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.lower()).strip()


# canonical -> (French names, English names). The first name of each language is the one
# runwright writes; the others are accepted aliases.
SECTION_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "information": (
        ("Informations", "Information", "Infos", "Métadonnées", "Fiche"),
        ("Information", "Info", "Metadata", "About", "Overview of this runbook"),
    ),
    "prerequisites": (
        ("Prérequis", "Pré-requis", "Pré requis", "Avant de commencer", "Conditions préalables"),
        ("Prerequisites", "Pre-requisites", "Requirements", "Before you start", "Before you begin"),
    ),
    "procedure": (
        ("Procédure", "Étapes", "Mode opératoire", "Marche à suivre"),
        ("Procedure", "Steps", "Runbook steps", "Instructions"),
    ),
    "verification": (
        ("Vérification", "Vérifications", "Validation", "Contrôles", "Vérification finale"),
        ("Verification", "Verify", "Validation", "Checks", "Post-checks", "Post checks"),
    ),
    "rollback": (
        ("Rollback", "Retour arrière", "Retour en arrière", "Plan de retour", "Annulation"),
        ("Rollback", "Roll back", "Revert", "Backout", "Back-out plan", "Undo"),
    ),
    "troubleshooting": (
        ("Dépannage", "Troubleshooting", "Résolution de problèmes", "Problèmes courants",
         "Erreurs courantes", "Problèmes connus"),
        ("Troubleshooting", "Common issues", "Common errors", "Known issues", "Common problems"),
    ),
    "contacts": (
        ("Contacts", "Contact", "Escalade", "Qui contacter"),
        ("Contacts", "Contact", "Escalation", "Escalation contacts", "Who to contact"),
    ),
    # Prometheus alert runbooks (Meaning / Impact / Diagnosis / Mitigation) and friends.
    "meaning": (("Signification", "Description"), ("Meaning", "Description", "Summary")),
    "impact": (("Impact", "Impacts", "Conséquences"), ("Impact", "Impacts", "Consequences")),
    "diagnosis": (
        ("Diagnostic", "Diagnostique", "Vérifications possibles"),
        ("Diagnosis", "Diagnostics", "Diagnose", "Possible checks", "Investigation"),
    ),
    "mitigation": (
        ("Remédiation", "Mitigation", "Atténuation", "Résolution", "Correction"),
        ("Mitigation", "Remediation", "Resolution", "Fix", "Mitigations"),
    ),
    "symptoms": (("Symptômes", "Symptôme"), ("Symptoms", "Symptom")),
}

FIELD_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "last_updated": (
        ("Dernière mise à jour", "Mise à jour", "Mis à jour", "Date de mise à jour",
         "Dernière modification", "Date"),
        ("Last updated", "Last update", "Updated", "Last modified", "Last reviewed", "Date"),
    ),
    "owner": (
        ("Responsable", "Propriétaire", "Équipe", "Responsables", "Référent"),
        ("Owner", "Owners", "Owned by", "Team", "Maintainer", "Maintainers"),
    ),
    "estimated_time": (
        ("Temps estimé", "Durée estimée", "Durée", "Temps"),
        ("Estimated time", "Estimated duration", "Duration", "Time estimate", "Time"),
    ),
    "frequency": (("Fréquence", "Périodicité"), ("Frequency", "Cadence", "How often")),
    "review_interval": (
        ("Intervalle de revue", "Revue", "Périodicité de revue"),
        ("Review interval", "Review every", "Review cadence"),
    ),
}

# Front matter keys (already machine names) and their canonical field.
FRONT_MATTER_FIELDS: dict[str, str] = {
    "last_updated": "last_updated",
    "last-updated": "last_updated",
    "lastupdated": "last_updated",
    "updated": "last_updated",
    "lastmod": "last_updated",
    "last_reviewed": "last_updated",
    "owner": "owner",
    "owners": "owner",
    "team": "owner",
    "estimated_time": "estimated_time",
    "estimated-time": "estimated_time",
    "duration": "estimated_time",
    "frequency": "frequency",
    "review_interval": "review_interval",
    "review-interval": "review_interval",
}

CONTACT_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "on_call": (("Astreinte", "On-call", "Personne d'astreinte", "Garde"),
                ("On-call", "Oncall", "On call", "Pager", "Primary", "On-call rotation")),
    "escalation": (("Escalade", "Escalation", "Escalader", "Responsable d'escalade"),
                   ("Escalation", "Escalate", "Escalation contact", "Secondary",
                    "Escalation path")),
}

EXPECTED_RESULT_NAMES: tuple[str, ...] = (
    "Résultat attendu", "Résultats attendus", "Sortie attendue", "Attendu",
    "Expected result", "Expected results", "Expected output", "Expected", "Expected outcome",
)

CAUSE_NAMES: tuple[str, ...] = ("Cause", "Causes", "Cause probable", "Probable cause", "Why")
SOLUTION_NAMES: tuple[str, ...] = (
    "Solution", "Solutions", "Résolution", "Correctif", "Fix", "Resolution", "Remediation",
)
ERROR_NAMES: tuple[str, ...] = ("Erreur", "Error", "Symptôme", "Symptom", "Problème", "Problem")
MANUAL_MARKERS: tuple[str, ...] = ("manuel", "manuelle", "manual", "manual step", "etape manuelle")

FREQUENCIES: dict[str, tuple[str, ...]] = {
    "daily": ("quotidien", "quotidienne", "daily", "tous les jours", "every day", "chaque jour"),
    "weekly": ("hebdo", "hebdomadaire", "weekly", "every week", "chaque semaine"),
    "monthly": ("mensuel", "mensuelle", "monthly", "every month", "chaque mois"),
    "quarterly": ("trimestriel", "trimestrielle", "quarterly", "every quarter"),
    "yearly": ("annuel", "annuelle", "yearly", "annually", "every year", "chaque annee"),
    "on-demand": ("a la demande", "on demand", "as needed", "ad hoc", "au besoin",
                  "si besoin"),
    "every-release": ("a chaque release", "every release", "each release", "per release",
                      "a chaque version", "at each release", "chaque release"),
    "every-deployment": ("a chaque deploiement", "every deployment", "each deployment",
                         "every deploy", "per deployment"),
    "on-incident": ("en cas d incident", "on incident", "on alert", "when alerted",
                    "lors d un incident", "sur alerte", "on page"),
}


def _index(
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]],
) -> dict[str, tuple[str, Lang]]:
    out: dict[str, tuple[str, Lang]] = {}
    for canonical, (fr, en) in table.items():
        for lang, names in (("en", en), ("fr", fr)):
            for name in names:
                out.setdefault(normalize(name), (canonical, lang))  # type: ignore[arg-type]
    return out


_SECTIONS = _index(SECTION_NAMES)
_FIELDS = _index(FIELD_NAMES)
_CONTACTS = _index(CONTACT_ROLES)
_FREQ = {normalize(alias): key for key, aliases in FREQUENCIES.items() for alias in aliases}
_EXPECTED = frozenset(normalize(n) for n in EXPECTED_RESULT_NAMES)
_CAUSE = frozenset(normalize(n) for n in CAUSE_NAMES)
_SOLUTION = frozenset(normalize(n) for n in SOLUTION_NAMES)
_ERROR = frozenset(normalize(n) for n in ERROR_NAMES)
_MANUAL = frozenset(normalize(m) for m in MANUAL_MARKERS)


def _shared(table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> frozenset[str]:
    """Normalised names a canonical entry lists in both languages."""
    out: set[str] = set()
    for fr, en in table.values():
        out |= {normalize(n) for n in fr} & {normalize(n) for n in en}
    return frozenset(out)


_SHARED_SECTIONS = _shared(SECTION_NAMES)
_SHARED_FIELDS = _shared(FIELD_NAMES)


def _lookup(key: str, index: dict[str, tuple[str, Lang]],
            shared: frozenset[str]) -> tuple[str, Lang | None] | None:
    hit = index.get(key)
    if hit is None:
        return None
    # Names shared by both languages ("Rollback", "Contacts", "Impact") say nothing of language.
    return (hit[0], None) if key in shared else hit


@lru_cache(maxsize=8192)
def section_canonical(title: str) -> tuple[str, Lang | None] | None:
    """The canonical section for a heading title, with the language of the name, or None."""
    return _lookup(normalize(title), _SECTIONS, _SHARED_SECTIONS)


def field_canonical(label: str) -> tuple[str, Lang | None] | None:
    """The canonical metadata field for a label, with the language of the name, or None."""
    return _lookup(normalize(label), _FIELDS, _SHARED_FIELDS)


def contact_role(label: str) -> str:
    """"on_call", "escalation", or a slug of the label for any other contact."""
    key = normalize(label)
    hit = _CONTACTS.get(key)
    if hit is not None:
        return hit[0]
    if key.startswith(("on call", "oncall", "astreinte")):
        return "on_call"
    if key.startswith(("escalat", "escalad")):
        return "escalation"
    return key.replace(" ", "_") or "contact"


def frequency_key(value: str) -> str | None:
    """The normalised frequency ("daily", "on-demand", ...) or None for free text."""
    key = normalize(value)
    if key in _FREQ:
        return _FREQ[key]
    for alias, canonical in _FREQ.items():
        if key.startswith(alias + " ") or key == alias:
            return canonical
    return None


def is_expected_label(label: str) -> bool:
    return normalize(label) in _EXPECTED


def is_cause_label(label: str) -> bool:
    return normalize(label) in _CAUSE


def is_solution_label(label: str) -> bool:
    return normalize(label) in _SOLUTION


def is_error_label(label: str) -> bool:
    return normalize(label) in _ERROR


def is_manual_marker(text: str) -> bool:
    return normalize(text) in _MANUAL


#: The vocabularies runwright writes French drafts in: the standard's own words (its French
#: text keeps "## Troubleshooting", "On-call" and "Escalation"), or French words throughout
#: ("## Dépannage", "Astreinte", "Escalade"). Chosen by ``[scaffold] french_terms``.
FRENCH_TERMS = ("standard", "french")
_STANDARD_FRENCH_SECTIONS = {"troubleshooting": "Troubleshooting"}
_CONTACT_LABELS = {"on_call": ("Astreinte", "On-call"), "escalation": ("Escalade", "Escalation")}


def preferred_section_name(canonical: str, lang: Lang, terms: str = "french") -> str:
    """The name runwright writes for a section in a language (in French, with the standard's
    words when ``terms`` is ``"standard"``)."""
    fr, en = SECTION_NAMES[canonical]
    if lang == "fr" and terms == "standard" and canonical in _STANDARD_FRENCH_SECTIONS:
        return _STANDARD_FRENCH_SECTIONS[canonical]
    return (fr if lang == "fr" else en)[0]


def contact_label(role: str, lang: Lang, terms: str = "french") -> str:
    """The label runwright writes for a contact role (``On-call``, ``Astreinte``...)."""
    french, english = _CONTACT_LABELS[role]
    return french if lang == "fr" and terms != "standard" else english


def preferred_field_name(canonical: str, lang: Lang) -> str:
    fr, en = FIELD_NAMES[canonical]
    return (fr if lang == "fr" else en)[0]


@lru_cache(maxsize=8192)
def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower-case, punctuation dropped, spaces to dashes.

    Accented letters are kept (GitHub keeps Unicode letters), emoji and symbols are dropped.
    """
    lowered = text.strip().lower()
    if lowered.isascii():
        return _SLUG_DROP.sub("", lowered).replace(" ", "-")
    out = []
    for ch in lowered:
        if ch.isalnum() or ch in "-_":
            out.append(ch)
        elif ch == " ":
            out.append("-")
        else:
            cat = unicodedata.category(ch)
            if cat.startswith("M"):  # combining marks stay with their letter
                out.append(ch)
    return "".join(out)


def alias_tables_markdown() -> str:
    """The section, field and contact name tables of docs/format.md, generated from this module.

    The first name in each cell is the one runwright writes; the others are accepted aliases.
    """

    def table(title: str, rows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> list[str]:
        out = [f"| {title} | French | English |", "|---|---|---|"]
        for canonical, (fr, en) in rows.items():
            out.append(f"| `{canonical}` | {', '.join(fr)} | {', '.join(en)} |")
        return out

    lines = ["**Sections**", "", *table("canonical", SECTION_NAMES)]
    lines += ["", "**Information fields**", "", *table("field", FIELD_NAMES)]
    lines += ["", "**Contact roles**", "", *table("role", CONTACT_ROLES)]
    lines += ["", "**Labels inside steps and troubleshooting entries**", "",
              "| label | names |", "|---|---|",
              f"| expected result | {', '.join(EXPECTED_RESULT_NAMES)} |",
              f"| error | {', '.join(ERROR_NAMES)} |",
              f"| cause | {', '.join(CAUSE_NAMES)} |",
              f"| solution | {', '.join(SOLUTION_NAMES)} |",
              f"| manual step | {', '.join(MANUAL_MARKERS)} |"]
    lines += ["", "**Frequencies** (free text is allowed too)", "", "| key | recognised |",
              "|---|---|"]
    lines += [f"| `{key}` | {', '.join(aliases)} |" for key, aliases in FREQUENCIES.items()]
    lines += ["", "**Front matter keys read as metadata**", "", "| key | field |", "|---|---|"]
    lines += [f"| `{key}` | `{field}` |" for key, field in FRONT_MATTER_FIELDS.items()]
    return "\n".join(lines) + "\n"
