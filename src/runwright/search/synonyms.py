"""The operations synonyms shared by ``find`` and the site's search.

Each concept names phrases that mean the same thing in English and French; a phrase found in
a runbook or a query adds the concept's term, so that "disque plein" finds a runbook that says
"No space left on device". Teams add concepts or phrases in the configuration::

    [find.synonyms]
    disk-full = ["volume saturé"]          # added to the built-in concept
    queue-stuck = ["queue stuck", "file bloquée", "consumer lag"]

A phrase is analysed like any text (accents folded, stemmed, stop words dropped), so
"certificats expirés" matches "certificat expiré".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from runwright.errors import UsageError

BUILTIN: Mapping[str, tuple[str, ...]] = {
    "database": ("database", "db", "base de données", "bdd", "postgresql", "postgres",
                 "mysql", "mariadb"),
    "disk-full": ("disk full", "no space left on device", "disque plein", "disk space",
                  "espace disque", "filesystem full", "filesystem space filling up",
                  "file system full", "out of disk", "disk pressure", "volume full",
                  "plus d'espace"),
    "cert-expired": ("certificate expired", "certificat expiré", "certificate has expired",
                     "expired certificate", "certificate expiry", "cert expiry",
                     "certificate renewal", "renouvellement du certificat",
                     "certificat", "certificate", "tls", "ssl"),
    "down": ("down", "indisponible", "unavailable", "unreachable", "injoignable",
             "connection refused", "connexion refusée", "panne", "outage", "not responding",
             "ne répond pas"),
    "node": ("node", "nœud", "noeud", "worker"),
    "ready": ("ready", "prêt", "prête"),
    "memory": ("out of memory", "oom", "oomkilled", "mémoire", "memory"),
    "cpu": ("cpu", "processeur", "high load", "charge élevée"),
    "crash-loop": ("crashloopbackoff", "crash loop", "crash looping", "redémarre en boucle",
                   "restarting"),
    "slow": ("slow", "lent", "latency", "latence", "timed out", "timeout", "délai dépassé"),
    "deploy": ("deploy", "deployment", "déploiement", "déployer", "release", "mise en production"),
    "rollback": ("rollback", "roll back", "retour arrière", "revenir en arrière"),
    "backup": ("backup", "sauvegarde", "restore", "restauration"),
    "auth-failed": ("authentication failed", "échec d'authentification", "permission denied",
                    "access denied", "accès refusé", "unauthorized", "forbidden"),
}


def table(config_section: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The built-in table extended by ``[find.synonyms]``; a bad entry is a usage error."""
    out = {k: tuple(v) for k, v in BUILTIN.items()}
    extra = config_section.get("synonyms", {})
    if not isinstance(extra, Mapping):
        raise UsageError("[find] synonyms must be a table of concept = [phrases]")
    for concept, phrases in extra.items():
        if not isinstance(phrases, Sequence) or isinstance(phrases, str) or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            raise UsageError(f"[find.synonyms] {concept} must be a list of phrases")
        out[str(concept)] = tuple(dict.fromkeys((*out.get(str(concept), ()), *phrases)))
    return out
