"""Rendering the runbook templates (Jinja2, package data under ``scaffold/templates``).

A template writes its steps as ``### [[step:ID]] Title`` and refers to them as
``[[ref:ID]]``; :func:`render` numbers them (``### Étape 3: Title`` / ``### Step 3: Title``) so
that conditional steps never break the numbering or the rollback cases that name them. The
front matter is written last: every ``$VARIABLE`` the body reads that no step sets is declared
there from :data:`VARIABLES` (description, pattern, default).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import jinja2
import yaml

from runwright import names

_STEP = re.compile(r"^### \[\[step:([a-z0-9-]+)\]\] ", re.M)
_REF = re.compile(r"\[\[ref:([a-z0-9-]+)\]\]")
_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
_CAPTURE = re.compile(r"capture=([A-Z_][A-Z0-9_]*)")
_ENVIRONMENT = frozenset({"HOME", "PATH", "USER", "PWD", "SHELL", "HOSTNAME", "TMPDIR", "LANG"})

_DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
#: name -> (French description, English description, extra keys)
VARIABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "VERSION": ("Version à déployer (tag Git et tag de l'image)",
                "Version to deploy (Git tag and image tag)",
                {"pattern": r"^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$"}),
    "PREVIOUS_VERSION": ("Version stable vers laquelle revenir",
                         "Known-good version to return to",
                         {"pattern": r"^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$"}),
    "DEPLOY_COMMIT": ("Commit du déploiement à annuler (git log de l'overlay)",
                      "Commit of the deployment to revert (git log of the overlay)",
                      {"pattern": r"^[0-9a-f]{7,40}$"}),
    "KUBE_CONTEXT": ("Contexte kubectl du cluster cible", "kubectl context of the target cluster",
                     {}),
    "NAMESPACE": ("Namespace Kubernetes de l'application", "Kubernetes namespace of the "
                  "application", {"pattern": _DNS_LABEL}),
    "DEPLOYMENT": ("Nom du Deployment Kubernetes de l'application",
                   "Name of the application's Kubernetes Deployment", {"pattern": _DNS_LABEL}),
    "CONTAINER": ("Nom du conteneur principal du Deployment",
                  "Name of the Deployment's main container", {"pattern": _DNS_LABEL}),
    "IMAGE": ("Dépôt de l'image de l'application, sans tag",
              "Image repository of the application, without tag",
              {"pattern": r"^[a-z0-9][a-z0-9._/:-]*$"}),
    "RELEASE": ("Nom de la release Helm", "Name of the Helm release", {"pattern": _DNS_LABEL}),
    "DB_WORKLOAD": ("StatefulSet de la base de données", "StatefulSet of the database",
                    {"pattern": _DNS_LABEL}),
    "DB_SERVICE": ("Service docker compose de la base de données",
                   "docker compose service of the database", {"pattern": r"^[a-zA-Z0-9._-]+$"}),
    "APP_SERVICE": ("Service docker compose de l'application",
                    "docker compose service of the application",
                    {"pattern": r"^[a-zA-Z0-9._-]+$"}),
    "DEPLOY_DIR": ("Répertoire du projet docker compose sur l'hôte (clone Git)",
                   "Directory of the docker compose project on the host (a Git clone)",
                   {"pattern": r"^/.+"}),
    "SERVICE": ("Unité systemd de l'application", "systemd unit of the application",
                {"pattern": r"^[A-Za-z0-9@._-]+\.service$"}),
    "APP_DIR": ("Répertoire d'installation de l'application (releases/ et current)",
                "Installation directory of the application (releases/ and current)",
                {"pattern": r"^/.+"}),
    "DB_NAME": ("Nom de la base de données", "Name of the database",
                {"pattern": r"^[A-Za-z0-9_]+$"}),
    "DB_USER": ("Utilisateur de la base de données (le dépôt ne le donne pas)",
                "Database user (the repository does not give it)",
                {"pattern": r"^[A-Za-z0-9_.-]+$"}),
    "TAG_KEY": ("Clé des values du chart qui porte le tag de l'image (lue dans templates/)",
                "Chart values key holding the image tag (as templates/ reads it)",
                {"pattern": r"^[A-Za-z0-9_.]+$"}),
    "VALUES_FILE": ("Fichier de values Helm de l'environnement",
                    "Helm values file of the environment", {"pattern": r"^\S+$"}),
    "WEB_SERVICE": ("Service docker compose du serveur web (nginx)",
                    "docker compose service of the web server (nginx)",
                    {"pattern": r"^[a-zA-Z0-9._-]+$"}),
    "BACKUP_DIR": ("Répertoire local des sauvegardes", "Local directory for backups",
                   {"pattern": r"^/.+"}),
    "BACKUP_FILE": ("Sauvegarde à restaurer (un fichier de la sauvegarde quotidienne)",
                    "Backup to restore (a file of the daily backup)", {"pattern": r"^/.+"}),
    "DOMAIN": ("Nom de domaine du certificat", "Domain name of the certificate",
               {"pattern": r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"}),
    "CERT_NAME": ("Nom de la ressource Certificate (cert-manager)",
                  "Name of the Certificate resource (cert-manager)", {"pattern": _DNS_LABEL}),
    "HEALTH_URL": ("URL du contrôle de santé de l'application",
                   "Health check URL of the application", {"pattern": r"^https?://\S+$"}),
}


class TemplateError(Exception):
    """A template that does not render to a well-formed runbook (a bug in runwright)."""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("runwright.scaffold", "templates"),
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)


def labels(lang: str, terms: str = "standard") -> dict[str, Any]:
    """Section, field and label names in the file's language (French with the standard's own
    words, or French words throughout: ``[scaffold] french_terms``)."""
    la: names.Lang = "fr" if lang == "fr" else "en"
    fr = la == "fr"
    return {
        "S": {c: names.preferred_section_name(c, la, terms) for c in names.SECTION_NAMES},
        "C": {r: names.contact_label(r, la, terms) for r in ("on_call", "escalation")},
        "F": {c: names.preferred_field_name(c, la) for c in names.FIELD_NAMES},
        "R": "Résultat attendu" if fr else "Expected result",
        "fr": fr, "lang": la,
    }


def _number(body: str, lang: str) -> str:
    word = "Étape" if lang == "fr" else "Step"
    numbers: dict[str, int] = {}

    def step(m: re.Match[str]) -> str:
        if m.group(1) in numbers:
            raise TemplateError(f"step id {m.group(1)!r} used twice")
        numbers[m.group(1)] = len(numbers) + 1
        return f"### {word} {numbers[m.group(1)]}: "

    body = _STEP.sub(step, body)

    def ref(m: re.Match[str]) -> str:
        if m.group(1) not in numbers:
            raise TemplateError(f"reference to unknown step {m.group(1)!r}")
        return str(numbers[m.group(1)])

    return _REF.sub(ref, body)


def declared_variables(body: str) -> list[str]:
    """Variables the body reads that nothing in it sets, in order of first use. What a block
    sets is read with the shell model: ``make deploy VERSION="$VERSION"`` passes a make
    variable and sets no shell variable, so VERSION must be declared."""
    from runwright.shell import parse
    from runwright.shell.variables import assigned

    blocks: list[list[str]] = []
    in_code = False
    for line in body.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            if in_code:
                blocks.append([])
            continue
        if in_code:
            blocks[-1].append(line)
    set_here = set(_CAPTURE.findall(body)) | _ENVIRONMENT
    scripts = [parse("\n".join(block)) for block in blocks]
    for script in scripts:
        set_here |= assigned(script)[0]
    out: list[str] = []
    for script in scripts:
        # the shell model's expansions: not in single quotes, comments or quoted here-documents,
        # nor in strings another shell expands (``sh -c '... "$MARIADB_PASSWORD"'`` reads the
        # container's variable, not the runbook's)
        for e in script.expansions:
            if _NAME.fullmatch(e.name) and e.name not in set_here and e.name not in out:
                out.append(e.name)
    return out


def front_matter(kind: str, body: str, lang: str, defaults: Mapping[str, str],
                 tags: list[str],
                 overrides: Mapping[str, Mapping[str, object]] | None = None) -> str:
    data: dict[str, Any] = {"kind": kind}
    if tags:
        data["tags"] = tags
    variables: dict[str, dict[str, object]] = {}
    for name in declared_variables(body):
        if name not in VARIABLES:
            raise TemplateError(f"variable ${name} is read but has no declaration")
        fr, en, extra = VARIABLES[name]
        spec: dict[str, object] = {"description": fr if lang == "fr" else en, **extra}
        for key, value in (overrides or {}).get(name, {}).items():
            spec[key] = value
        if name in defaults:
            spec["default"] = defaults[name]
        variables[name] = spec
    if variables:
        data["variables"] = variables
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{text}---\n\n"


def render(template: str, context: Mapping[str, Any], kind: str, lang: str,
           defaults: Mapping[str, str] | None = None, tags: list[str] | None = None,
           overrides: Mapping[str, Mapping[str, object]] | None = None) -> str:
    """Render one runbook template to its final Markdown text."""
    ctx = {**labels(lang, str(context.get("terms", "standard"))), **context}
    body = environment().get_template(template).render(ctx)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    body = _number(body, lang)
    return front_matter(kind, body, lang, defaults or {}, tags or [], overrides) + body
