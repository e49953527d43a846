"""A deterministic generator of realistic runbooks, shared by every benchmark.

``generate(dest, count, seed)`` writes ``count`` Markdown runbooks under ``dest`` in
``deployment/``, ``incidents/``, ``maintenance/`` and ``alerts/`` folders: French and English,
the standard structure (Information, Prerequisites checklist, 3-12 steps with bash fences and
expected results, ``expect`` fences and fence attributes, Verification, Rollback cases naming
steps, Troubleshooting entries, Contacts), a share with front matter and variables, a share of
Prometheus alert-style pages (Meaning / Impact / Diagnosis / Mitigation) and a few imperfect
files with real defects (missing sections, shell prompts in bash blocks, vague wording,
unterminated fences). The same seed always gives the same files.

Command line::

    python benchmarks/corpus.py DEST --count 2000 [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

SERVICES = ("api", "billing", "checkout", "search", "auth", "catalog", "payments", "gateway",
            "notifier", "scheduler", "reporting", "inventory", "ledger", "profile", "media")
TEAMS = ("@platform-team", "@sre", "@devops-team", "@payments-oncall", "@data-eng",
         "@backend-team", "@infra")
CHANNELS = ("#platform-oncall", "#sre-oncall", "#ops", "#incidents", "#payments-oncall")
ESCALATIONS = ("@cto", "@head-of-infra", "@eng-manager", "PagerDuty: Platform Primary",
               "@vp-engineering")
DATES = tuple(f"2026-{m:02d}-{d:02d}" for m in range(1, 12) for d in (3, 11, 19, 27))
OLD_DATES = ("2023-02-14", "2024-05-06", "2022-11-30")


@dataclass(frozen=True)
class StepDef:
    """One step template: titles (fr, en), command, attributes, expected results, expect."""

    fr: str
    en: str
    command: str
    attrs: str = ""
    expected_fr: str = "la commande se termine sans erreur"
    expected_en: str = "the command exits without error"
    expect: str = ""


DEPLOY_STEPS = (
    StepDef("Vérifier la CI", "Check CI is green",
            'gh run list --branch main --limit 5 --json conclusion --jq ".[].conclusion"',
            "{id=ci timeout=60s readonly}", "cinq lignes `success`", "five `success` lines",
            "success"),
    StepDef("Vérifier le contexte kubectl", "Check the kubectl context",
            "kubectl config current-context", "{readonly}",
            "le contexte de production est affiché", "the production context is printed",
            "/prod/"),
    StepDef("Récupérer le chart", "Fetch the chart",
            "helm repo update\nhelm search repo \"charts/$SERVICE\" --version \"$VERSION\"",
            "{timeout=120s}", "le chart est listé avec la bonne version",
            "the chart is listed at the right version"),
    StepDef("Sauvegarder la révision courante", "Record the current revision",
            "helm history \"$SERVICE\" -n \"$NAMESPACE\" --max 1 -o json",
            "{capture=PREVIOUS_REVISION readonly}", "une révision au statut deployed",
            "one revision with status deployed", "deployed"),
    StepDef("Déployer la nouvelle version", "Deploy the new version",
            "helm upgrade --install \"$SERVICE\" \"charts/$SERVICE\" -n \"$NAMESPACE\" "
            "--set image.tag=\"$VERSION\" --wait --timeout 10m",
            "{id=deploy confirm timeout=15m mutating}", "`STATUS: deployed`",
            "`STATUS: deployed`", "/STATUS: deployed/"),
    StepDef("Suivre le rollout", "Watch the rollout",
            "kubectl rollout status \"deployment/$SERVICE\" -n \"$NAMESPACE\" --timeout=10m",
            "{timeout=11m readonly}", "`successfully rolled out`", "`successfully rolled out`",
            "/successfully rolled out/"),
    StepDef("Surveiller les pods", "Watch the pods",
            "kubectl get pods -n \"$NAMESPACE\" -l \"app=$SERVICE\" -w", "{watch timeout=5m}",
            "tous les pods sont `Running` et `READY 1/1`",
            "every pod is `Running` and `READY 1/1`"),
    StepDef("Contrôler la santé", "Check health",
            "curl -fsS \"https://$SERVICE.example.com/healthz\"", "{timeout=30s readonly}",
            "la réponse est `ok`", "the response is `ok`", "ok"),
    StepDef("Lancer les tests de fumée", "Run smoke tests",
            "npm run test:smoke -- --env=production", "{timeout=10m skip-test}",
            "tous les tests passent", "all tests pass"),
    StepDef("Taguer la release", "Tag the release",
            "git tag -a \"v$VERSION\" -m \"Release $VERSION\"\ngit push origin \"v$VERSION\"",
            "{mutating}", "le tag apparaît sur le dépôt distant", "the tag shows on the remote"),
    StepDef("Annoncer le déploiement", "Announce the deployment",
            "echo \"Deploying $SERVICE $VERSION to $NAMESPACE\"", "",
            "le message est affiché", "the message is printed"),
    StepDef("Consulter les logs", "Follow the logs",
            "kubectl logs -f \"deployment/$SERVICE\" -n \"$NAMESPACE\" --since=5m",
            "{watch timeout=3m}", "aucune ligne `ERROR`", "no `ERROR` line"),
)

INCIDENT_STEPS = (
    StepDef("Confirmer l'alerte", "Confirm the alert",
            "curl -s \"$PROMETHEUS_URL/api/v1/alerts\" | jq '.data.alerts[].labels.alertname'",
            "{readonly timeout=30s}", "l'alerte est listée", "the alert is listed"),
    StepDef("Vérifier l'état du service", "Check the service state",
            "systemctl status \"$SERVICE\" --no-pager", "{readonly}",
            "`active (running)`", "`active (running)`", "/active \\(running\\)/"),
    StepDef("Lire les journaux", "Read the logs",
            "journalctl -u \"$SERVICE\" --since \"15 min ago\" --no-pager | tail -n 50",
            "{readonly}", "les dernières erreurs sont visibles", "the latest errors are visible"),
    StepDef("Vérifier la base de données", "Check the database",
            "pg_isready -h \"$DB_HOST\" -p 5432", "{readonly timeout=10s}",
            "`accepting connections`", "`accepting connections`",
            "/accepting connections/"),
    StepDef("Compter les connexions", "Count connections",
            "psql -h \"$DB_HOST\" -U postgres -Atc \"SELECT count(*) FROM pg_stat_activity\"",
            "{readonly}", "un nombre inférieur à `max_connections`",
            "a number below `max_connections`"),
    StepDef("Vérifier l'espace disque", "Check disk space",
            "df -h /var/lib/postgresql", "{readonly}", "moins de 80 % utilisés",
            "less than 80% used"),
    StepDef("Redémarrer le service", "Restart the service",
            "sudo systemctl restart \"$SERVICE\"", "{confirm mutating timeout=2m}",
            "le service redémarre", "the service restarts", "{exit=0}"),
    StepDef("Vérifier les pods", "Check the pods",
            "kubectl get pods -n \"$NAMESPACE\" -o wide", "{readonly}",
            "tous les pods sont `Running`", "every pod is `Running`"),
    StepDef("Consulter la charge CPU", "Check CPU load",
            "top -b -n 1 | head -n 15", "{readonly}", "la charge est visible",
            "the load is visible"),
    StepDef("Basculer sur le réplica", "Fail over to the replica",
            "patronictl -c /etc/patroni/patroni.yml failover --candidate \"$REPLICA\" --force",
            "{id=failover confirm mutating timeout=5m}", "le réplica devient leader",
            "the replica becomes leader", "/Leader/"),
    StepDef("Vider le cache", "Flush the cache",
            "redis-cli -h \"$REDIS_HOST\" FLUSHDB", "{confirm mutating}",
            "`OK`", "`OK`", "OK"),
)

MAINT_STEPS = (
    StepDef("Lister les sauvegardes", "List backups",
            "aws s3 ls \"s3://$BUCKET/backups/\" --recursive | tail -n 5", "{readonly}",
            "la sauvegarde du jour est listée", "today's backup is listed"),
    StepDef("Lancer la sauvegarde", "Run the backup",
            "pg_dump -h \"$DB_HOST\" -U postgres -Fc -f \"/backups/$DB_NAME.dump\" \"$DB_NAME\"",
            "{timeout=1h mutating}", "le fichier de sauvegarde est créé",
            "the dump file is created"),
    StepDef("Vérifier la sauvegarde", "Verify the backup",
            "pg_restore --list \"/backups/$DB_NAME.dump\" | head -n 20", "{readonly}",
            "la table des matières s'affiche", "the table of contents is printed"),
    StepDef("Faire tourner les journaux", "Rotate the logs",
            "sudo logrotate -f /etc/logrotate.d/nginx", "{mutating}",
            "de nouveaux fichiers de log sont créés", "new log files are created"),
    StepDef("Renouveler le certificat", "Renew the certificate",
            "sudo certbot renew --cert-name \"$DOMAIN\"", "{confirm timeout=5m}",
            "`Congratulations, all renewals succeeded`",
            "`Congratulations, all renewals succeeded`", "/all renewals succeeded/"),
    StepDef("Contrôler l'expiration", "Check expiry",
            "echo | openssl s_client -connect \"$DOMAIN:443\" -servername \"$DOMAIN\" 2>/dev/null"
            " | openssl x509 -noout -enddate", "{readonly}", "une date dans plus de 60 jours",
            "a date more than 60 days away", "/notAfter=/"),
    StepDef("Vider les anciens fichiers", "Purge old files",
            "find /var/log/app -name '*.gz' -mtime +30 -delete", "{confirm mutating}",
            "les archives de plus de 30 jours sont supprimées",
            "archives older than 30 days are gone"),
    StepDef("Mettre à jour les paquets", "Update packages",
            "sudo apt-get update\nsudo apt-get upgrade -y", "{timeout=20m mutating}",
            "aucune erreur de paquet", "no package error"),
    StepDef("Redémarrer nginx", "Reload nginx",
            "sudo nginx -t\nsudo systemctl reload nginx", "{mutating}",
            "`syntax is ok`", "`syntax is ok`", "/syntax is ok/"),
    StepDef("Vérifier l'espace", "Check free space", "df -h / /var", "{readonly}",
            "plus de 20 % libres", "more than 20% free"),
)

TROUBLE = (
    ("ImagePullBackOff", "l'image n'existe pas dans le registre",
     "the image does not exist in the registry",
     "docker manifest inspect \"registry.example.com/$SERVICE:$VERSION\""),
    ("CrashLoopBackOff", "l'application s'arrête au démarrage", "the app exits on start",
     "kubectl logs \"deployment/$SERVICE\" -n \"$NAMESPACE\" --previous"),
    ('error: deployment "api" exceeded its progress deadline',
     "les nouveaux pods ne deviennent jamais prêts", "new pods never become ready",
     "kubectl describe \"deployment/$SERVICE\" -n \"$NAMESPACE\""),
    ("FATAL:  the database system is starting up", "PostgreSQL rejoue le WAL",
     "PostgreSQL is replaying WAL", "tail -n 50 /var/log/postgresql/postgresql-15-main.log"),
    ("could not connect to server: Connection refused", "PostgreSQL est arrêté",
     "PostgreSQL is down", "sudo systemctl start postgresql"),
    ("FATAL:  remaining connection slots are reserved", "le pool de connexions est saturé",
     "the connection pool is exhausted",
     "psql -U postgres -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
     "WHERE state = 'idle' AND state_change < now() - interval '10 minutes'\""),
    ("No space left on device", "le disque est plein", "the disk is full",
     "sudo du -xh /var --max-depth=2 | sort -rh | head -n 20"),
    ("x509: certificate has expired or is not yet valid", "le certificat a expiré",
     "the certificate expired", "sudo certbot renew --force-renewal"),
    ("Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress",
     "une release Helm précédente est bloquée", "a previous Helm release is stuck",
     "helm rollback \"$SERVICE\" -n \"$NAMESPACE\""),
)

ALERTS = ("KubePodCrashLooping", "KubeDeploymentReplicasMismatch", "NodeFilesystemSpaceFillingUp",
          "PostgresDown", "HighErrorRate", "TargetDown", "CPUThrottlingHigh", "KubeJobFailed",
          "EtcdHighNumberOfFailedGRPCRequests", "PrometheusRuleFailures")

VARIABLES = {
    "VERSION": ("Version to deploy", None, r"^\d+\.\d+\.\d+$", None),
    "NAMESPACE": ("Kubernetes namespace", "production", None, ("production", "staging")),
    "SERVICE": ("Service name", None, None, None),
    "DB_HOST": ("Database host", "db-primary.internal", None, None),
    "DB_NAME": ("Database name", "app", None, None),
    "DOMAIN": ("Domain of the certificate", "example.com", None, None),
    "BUCKET": ("Backup bucket", "acme-backups", None, None),
    "PROMETHEUS_URL": ("Prometheus base URL", "http://prometheus:9090", None, None),
    "REPLICA": ("Replica to promote", "db-replica-1", None, None),
    "REDIS_HOST": ("Redis host", "redis.internal", None, None),
}

L = {
    "fr": {"info": "Informations", "updated": "Dernière mise à jour", "owner": "Responsable",
           "time": "Temps estimé", "freq": "Fréquence", "prereq": "Prérequis",
           "proc": "Procédure", "step": "Étape", "expected": "Résultat attendu",
           "verif": "Vérification", "rollback": "Rollback", "if_step": "Si problème à l'étape",
           "general": "Si problème détecté après le déploiement", "trouble": "Dépannage",
           "error": "Erreur", "cause": "Cause", "solution": "Solution", "contacts": "Contacts",
           "oncall": "Astreinte", "escal": "Escalade", "minutes": "minutes",
           "freqs": ("À chaque release", "Quotidien", "Hebdo", "À la demande",
                     "En cas d'incident", "Mensuel")},
    "en": {"info": "Information", "updated": "Last updated", "owner": "Owner",
           "time": "Estimated time", "freq": "Frequency", "prereq": "Prerequisites",
           "proc": "Procedure", "step": "Step", "expected": "Expected result",
           "verif": "Verification", "rollback": "Rollback", "if_step": "If step",
           "general": "If a problem shows after the change", "trouble": "Troubleshooting",
           "error": "Error", "cause": "Cause", "solution": "Solution", "contacts": "Contacts",
           "oncall": "On-call", "escal": "Escalation", "minutes": "minutes",
           "freqs": ("Every release", "Daily", "Weekly", "On demand", "On alert", "Monthly")},
}

PREREQS = {
    "fr": ("Accès au cluster Kubernetes de production", "VPN connecté", "`kubectl` 1.30 ou plus",
           "Droits d'écriture sur le dépôt", "Canal #deployments ouvert", "`helm` 3.14 installé",
           "Accès SSH au bastion", "Client `psql` installé"),
    "en": ("Access to the production Kubernetes cluster", "VPN connected", "`kubectl` 1.30+",
           "Write access to the repository", "#deployments channel open", "`helm` 3.14 installed",
           "SSH access to the bastion", "`psql` client installed"),
}
VERIFS = {
    "fr": ("Le health check répond 200", "Pas de nouvelle erreur dans Sentry",
           "Le taux d'erreur 5xx reste sous 1 %", "Les métriques de latence sont normales"),
    "en": ("Health check returns 200", "No new error in Sentry", "5xx rate stays below 1%",
           "Latency dashboards look normal"),
}
KINDS = {"deployment": DEPLOY_STEPS, "incidents": INCIDENT_STEPS, "maintenance": MAINT_STEPS}
TITLES = {
    "deployment": ("Déploiement de {s} en production", "Deploy {s} to production"),
    "incidents": ("Incident : {s} indisponible", "Incident: {s} is down"),
    "maintenance": ("Maintenance de {s}", "{s} maintenance"),
}


def _vars_used(text: str) -> list[str]:
    return [name for name in VARIABLES if "$" + name in text]


def _front_matter(rng: random.Random, kind: str, date: str, owner: str, body: str) -> str:
    out = ["---", f"kind: {kind.rstrip('s') if kind == 'incidents' else kind}",
           f"owner: \"{owner}\"", f"last_updated: {date}",
           f"review_interval: {rng.choice(('90d', '180d', '6 months', 'quarterly'))}",
           f"tags: [{rng.choice(('k8s', 'postgres', 'web', 'batch'))}]"]
    used = _vars_used(body)
    if used:
        out.append("variables:")
        for name in used:
            desc, default, pattern, choices = VARIABLES[name]
            out.append(f"  {name}:")
            out.append(f"    description: {desc}")
            if default is not None:
                out.append(f"    default: {default}")
            if pattern is not None:
                out.append(f"    pattern: '{pattern}'")
            if choices:
                out.append(f"    choices: [{', '.join(choices)}]")
    out.append("---")
    return "\n".join(out) + "\n\n"


def _standard(rng: random.Random, kind: str, lang: str, service: str, defects: set[str]) -> str:
    t = L[lang]
    title = TITLES[kind][0 if lang == "fr" else 1].format(s=service)
    date = rng.choice(OLD_DATES if "stale" in defects else DATES)
    owner = rng.choice(TEAMS)
    parts: list[str] = [f"# Runbook: {title}\n"]
    low = rng.choice((5, 10, 15, 20, 30))
    parts.append(
        f"## {t['info']}\n- **{t['updated']}**: {date}\n- **{t['owner']}**: {owner}\n"
        f"- **{t['time']}**: {low}-{low * 2} {t['minutes']}\n"
        f"- **{t['freq']}**: {rng.choice(t['freqs'])}\n")
    prereqs = rng.sample(PREREQS[lang], rng.randint(2, 5))
    parts.append(f"## {t['prereq']}\n" + "".join(f"- [ ] {p}\n" for p in prereqs))
    pool = KINDS[kind]
    steps = [pool[i] for i in sorted(rng.sample(range(len(pool)), min(len(pool),
                                                                       rng.randint(3, 12))))]
    body: list[str] = [f"## {t['proc']}\n"]
    for n, step in enumerate(steps, 1):
        name = step.fr if lang == "fr" else step.en
        style = rng.random()
        heading = (f"### {t['step']} {n}: {name}" if style < 0.6
                   else f"### {n}. {name}" if style < 0.9 else f"### {t['step']} {n} - {name}")
        command = step.command
        if "prompt" in defects and n == 1:
            command = "$ " + command.replace("\n", "\n$ ")
        attrs = f" {step.attrs}" if step.attrs and rng.random() < 0.8 else ""
        chunk = f"{heading}\n\n```bash{attrs}\n{command}\n```\n"
        if step.expect and rng.random() < 0.5:
            chunk += f"\n```expect\n{step.expect}\n```\n"
        if "vague" in defects and n == 2:
            chunk += ("\nRelancer si besoin, comme d'habitude.\n" if lang == "fr"
                      else "\nRetry if needed, as usual.\n")
        if not ("no-expected" in defects and n % 2 == 0):
            expected = step.expected_fr if lang == "fr" else step.expected_en
            chunk += f"\n**{t['expected']}**: {expected}\n"
        body.append(chunk)
    parts.append("\n".join(body))
    if "no-verification" not in defects:
        parts.append(f"## {t['verif']}\n" + "".join(
            f"- [ ] {v}\n" for v in rng.sample(VERIFS[lang], rng.randint(2, 4))))
    if "no-rollback" not in defects:
        target = rng.randint(1, len(steps))
        rb = [f"## {t['rollback']}\n",
              f"### {t['if_step']} {target}\n\n```bash {{confirm}}\n"
              f"kubectl rollout undo \"deployment/$SERVICE\" -n \"$NAMESPACE\"\n```\n"]
        if rng.random() < 0.6:
            rb.append(f"### {t['general']}\n\n```bash\n"
                      f"helm rollback \"$SERVICE\" -n \"$NAMESPACE\"\n```\n")
        parts.append("\n".join(rb))
    entries = rng.sample(TROUBLE, rng.randint(1, 4))
    tr = [f"## {t['trouble']}\n"]
    for error, cause_fr, cause_en, fix in entries:
        tr.append(f"### {t['error']}: {error}\n\n**{t['cause']}**: "
                  f"{cause_fr if lang == 'fr' else cause_en}\n\n**{t['solution']}**:\n\n"
                  f"```bash\n{fix}\n```\n")
    parts.append("\n".join(tr))
    if "no-contacts" not in defects:
        parts.append(f"## {t['contacts']}\n- **{t['oncall']}**: {rng.choice(CHANNELS)}\n"
                     f"- **{t['escal']}**: {rng.choice(ESCALATIONS)}\n")
    if "unterminated" in defects:
        parts.append("## Notes\n\n```bash\n"
                     "kubectl get events -n \"$NAMESPACE\" --sort-by=.lastTimestamp\n")
    text = "\n".join(parts)
    if rng.random() < 0.35:
        text = _front_matter(rng, kind, date, owner, text) + text
    return text


def _alert(rng: random.Random, alert: str) -> str:
    severity = rng.choice(("warning", "critical"))
    return f"""---
title: {alert}
weight: 20
---

# {alert}

## Meaning

The alert `{alert}` fires when the condition in the rule holds for more than 15 minutes.
Severity: **{severity}**.

## Impact

Users may see errors or slow responses from the affected service. Sustained firing can
exhaust the error budget.

## Diagnosis

Check which targets fire:

```shell
kubectl get pods -A --field-selector=status.phase!=Running
```

Look at recent events for the namespace in the alert labels:

```shell
kubectl get events -n "$NAMESPACE" --sort-by=.lastTimestamp | tail -n 20
```

## Mitigation

1. Identify the failing workload from the alert labels.
2. Roll back the last change when it started right after a deployment:

   ```shell
   kubectl rollout undo "deployment/$SERVICE" -n "$NAMESPACE"
   ```

3. Scale the workload when the load is the cause.
"""


def generate(dest: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` runbooks under ``dest`` (created when missing); return their paths."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(count):
        roll = rng.random()
        service = rng.choice(SERVICES)
        if roll < 0.12:
            alert = rng.choice(ALERTS)
            folder, name, text = "alerts", f"{alert.lower()}-{i:05d}.md", _alert(rng, alert)
        else:
            kind = rng.choice(("deployment", "incidents", "maintenance"))
            lang = "fr" if rng.random() < 0.5 else "en"
            defects: set[str] = set()
            if rng.random() < 0.1:
                defects = set(rng.sample(("stale", "prompt", "vague", "no-expected",
                                          "no-verification", "no-rollback", "no-contacts",
                                          "unterminated"), rng.randint(1, 3)))
            text = _standard(rng, kind, lang, service, defects)
            folder, name = kind, f"{service}-{kind}-{i:05d}.{lang}.md"
        path = dest / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.dest, args.count, args.seed)
    print(f"wrote {len(paths)} runbooks under {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
