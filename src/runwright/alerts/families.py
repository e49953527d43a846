"""What an alert is about, read from its rule: family, target, threshold, labels.

``alerts draft`` writes the diagnosis and the mitigation of an incident runbook from this
reading instead of a "TODO": the **family** (availability, error rate, latency, CPU, memory,
disk, connections, certificate expiry, replication, queue backlog, job failure, restarts) from
the alert's name and the metrics its expression reads; the **target** (pod, node, instance,
job, namespace) from the labels the expression keeps and its metrics; the **threshold** and its
direction from the comparison the expression ends with (``< 0.03`` fires *below* 0.03); the
**matchers** (``namespace="shop"``) that the diagnosis queries keep, so that they look at the
alert's own series.

The steps themselves are data (:data:`DIAGNOSIS`, :data:`MITIGATION`, :data:`TARGET_STEPS`),
each in English and French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

Lang = Mapping[str, str]  # {"en": ..., "fr": ...}


def L(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


@dataclass(frozen=True, slots=True)
class Step:
    """One drafted step: a title, a command (or manual instructions) and what to expect."""

    title: Lang
    expected: Lang
    code: str | None = None
    attrs: str = "readonly"  # the fence attributes of the command
    text: Lang | None = None  # what to do, for a step without a command or before it
    variables: tuple[str, ...] = ()  # the variables the command needs (see VARIABLES)
    undo: str | None = None  # the command that undoes it (a rollback case)


@dataclass(frozen=True, slots=True)
class Analysis:
    family: str
    target: str | None  # "pod", "node", "instance", "job", "namespace" or None
    op: str | None  # the comparison the expression ends with: ">", "<", "==" ...
    value: str | None  # its threshold
    matchers: Mapping[str, str] = field(default_factory=dict)  # label="value" of the series
    labels: tuple[str, ...] = ()  # the labels the expression keeps (by ...)

    def direction(self, lang: str) -> str:
        """Which series the expression returns, in words (the threshold's direction)."""
        fr = lang == "fr"
        if self.op is None or self.value is None:
            return "les séries qui déclenchent l'alerte, avec leurs valeurs" if fr else \
                "the series that fire the alert, with their values"
        words = {">": ("above", "au-dessus de"), ">=": ("at or above", "égales ou supérieures à"),
                 "<": ("below", "en dessous de"), "<=": ("at or below",
                                                       "égales ou inférieures à"),
                 "==": ("equal to", "égales à"), "!=": ("other than", "différentes de")}
        en, fr_words = words[self.op]
        if fr:
            return f"les séries dont la valeur est {fr_words} {self.value}, avec leurs valeurs"
        return f"the series whose value is {en} {self.value}, with their values"


#: (family, pattern on the words of the alert's name and of its metrics' names, CamelCase and
#: snake_case split: "KubeJobFailed kube_job_status_failed" reads "kube job failed kube job
#: status failed"), first match wins. Label values (``job="alertmanager"``) are not read.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("certificate", r"\b(certs?|certificates?|x509|ssl|tls)\b|expir"),
        ("replication", r"\b(replication|slave|standby|wal receiver|seconds behind)\b"
                        r"|\breplica lag\b"),
        ("queue", r"\b(queues?|backlog|consumergroup|messages ready)\b|\bconsumer lag\b"
                  r"|\bkafka\b.*\blag\b"),
        ("job", r"\bjob (status )?failed\b|\bcron ?jobs?\b|\bbackup (failed|failure)\b"),
        ("restarts", r"\bcrash ?loop|\brestarts\b|\brestart count\b|\boom ?kill"),
        ("disk", r"\b(disks?|filesystem|volumes?|pvc|inodes?|raid)\b|(?<!remote )\bstorage\b"),
        ("memory", r"\b(memory|oom|heap|rss|mem)\b"),
        ("cpu", r"\b(cpu|load1|load5|load15|throttled|throttling)\b"),
        ("connections", r"\b(connections?|conntrack|numbackends|threads connected)\b"
                        r"|\bpg stat activity\b"),
        ("latency", r"\b(latency|duration|slow|bucket)\b|\bresponse time\b"),
        ("availability", r"\b(up|down|absent|unavailable|unreachable|health|healthy)\b"
                         r"|\bnot ready\b|\breplicas available\b|\bprobe (success|failed"
                         r"|failure)\b"),
        ("errors", r"\b(errors?|errs|5xx|failures?|failed|failing|exceptions?)\b"),
    ))
#: What the expression itself says of its family: ``absent(...)``, a 5xx status matcher.
_EXPR_FAMILY = (("availability", re.compile(r"\babsent(_over_time)?\s*\(")),
                ("errors", re.compile(r"\b(code|status|status_code)\s*=~?\s*\"5")))


_AVAILABILITY = dict(_FAMILIES)["availability"]


def _words(*names: str) -> str:
    """Names (an alert's, metrics') as lower-case words."""
    text = " ".join(re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", n)
                    for n in names)
    return re.sub(r"[_:.\-]+", " ", text).lower()


def _family(name: str, expr: str, metrics: list[str]) -> str:
    """The alert's name says it first (``GrafanaRequestsFailing`` reads a duration metric but
    is about errors), then the metrics it reads, then its expression."""
    named = _words(name)
    for words in (named, _words(*(m.split("{", 1)[0] for m in metrics))):
        found = next((f for f, pattern in _FAMILIES if pattern.search(words)), None)
        if found == "availability" and words is named and not _AVAILABILITY.search(
                re.sub(r"\bup\b", " ", words)):
            found = None  # "FillingUp": the word up in a name says nothing; the up metric does
        if found is not None:
            return found
    return next((f for f, pattern in _EXPR_FAMILY if pattern.search(expr)), "generic")


_NUMBER = r"-?[\d.]+(?:e[+-]?\d+)?"
#: The comparison an expression ends with: its operator and its threshold (a number, or a
#: product of numbers such as ``86400 * 7``).
_COMPARISON = re.compile(rf"(==|!=|>=|<=|>|<)\s*({_NUMBER}(?:\s*[*/]\s*{_NUMBER})*)\s*\)*\s*$",
                         re.I)
_MATCHER = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_BY = re.compile(r"\bby\s*\(([^)]*)\)", re.I)


def _target(expr: str, metrics: list[str], labels: tuple[str, ...],
            matchers: Mapping[str, str]) -> str | None:
    names = " ".join(m.split("{", 1)[0] for m in metrics)
    kept = set(labels) | set(matchers)
    if "job_name" in kept or re.search(r"kube_job_|kube_cronjob_", names):
        return "job"
    if "pod" in kept or "container" in kept or re.search(
            r"kube_pod_|container_|kubelet_volume_stats|kube_persistentvolumeclaim", names):
        return "pod" if "pod" in kept or "kube_pod_" in names or "container_" in names \
            else "namespace"
    if "node" in kept or re.search(r"kube_node_", names):
        return "node"
    if "instance" in kept or re.search(r"\bnode_|\bup\b|probe_|process_", names + " " + expr):
        return "instance"
    if "namespace" in kept or re.search(r"kube_", names):
        return "namespace"
    return None


def analyse(name: str, expr: str, metrics: list[str]) -> Analysis:
    """Family, target, threshold and matchers of an alert."""
    family = _family(name, expr, metrics)
    flat = " ".join(line.split("#", 1)[0] for line in expr.splitlines()).strip()
    m = _COMPARISON.search(flat)
    op, value = (m.group(1), m.group(2)) if m else (None, None)
    found: dict[str, str] = {}
    for selector in metrics:
        for label, val in _MATCHER.findall(selector.split("{", 1)[1] if "{" in selector else ""):
            found.setdefault(label, val)
    # only the matchers every selector that has matchers agrees on: the alert's own series
    matchers = {k: v for k, v in found.items()
                if all(f'{k}="{v}"' in s.replace(" ", "") for s in metrics if "{" in s)}
    labels = tuple(dict.fromkeys(x.strip() for b in _BY.findall(flat) for x in b.split(",")
                                 if x.strip()))
    target = _target(flat, metrics, labels, matchers)
    if family == "availability" and target is None:
        target = "instance"
    return Analysis(family, target, op, value, matchers, labels)


#: Variables the steps may use: description (en, fr); the namespace's default comes from the
#: alert's own matcher when it has one.
VARIABLES: dict[str, Lang] = {
    "NAMESPACE": L("Kubernetes namespace of the alert (its `namespace` label)",
                   "namespace Kubernetes de l'alerte (son label `namespace`)"),
    "POD": L("pod named by the alert's `pod` label",
             "pod nommé par le label `pod` de l'alerte"),
    "NODE": L("Kubernetes node named by the alert's `node` label",
              "nœud Kubernetes nommé par le label `node` de l'alerte"),
    "INSTANCE": L("target named by the alert's `instance` label (host:port)",
                  "cible nommée par le label `instance` de l'alerte (hôte:port)"),
    "JOB_NAME": L("Kubernetes Job named by the alert's `job_name` label",
                  "Job Kubernetes nommé par le label `job_name` de l'alerte"),
    "DEPLOYMENT": L("Deployment that runs the pods of the alert",
                    "Deployment qui fait tourner les pods de l'alerte"),
    "REPLICAS": L("number of replicas to scale to", "nombre de réplicas visé"),
}

_HOST = '"${INSTANCE%%:*}"'

#: Steps that look at the alert's target, before the family's own.
TARGET_STEPS: dict[str, tuple[Step, ...]] = {
    "pod": (
        Step(L("Look at the pod's state and events", "Examiner l'état et les événements du pod"),
             L("the containers' State, Last State and Reason (OOMKilled, Error), Restart Count "
               "and the Events at the end",
               "State, Last State et Reason des conteneurs (OOMKilled, Error), Restart Count "
               "et les Events à la fin"),
             'kubectl -n "$NAMESPACE" describe pod "$POD"', variables=("NAMESPACE", "POD")),
        Step(L("Read the pod's logs", "Lire les journaux du pod"),
             L("the last lines before the problem; an error or a stack trace names the cause",
               "les dernières lignes avant le problème ; une erreur ou une trace d'appels en "
               "donne la cause"),
             'kubectl -n "$NAMESPACE" logs "$POD" --all-containers --tail=100',
             variables=("NAMESPACE", "POD")),
    ),
    "namespace": (
        Step(L("List the namespace's pods", "Lister les pods du namespace"),
             L("every pod Running with all its containers READY; the others are the ones to "
               "look at", "tous les pods Running avec tous leurs conteneurs READY ; les autres "
               "sont ceux à examiner"),
             'kubectl -n "$NAMESPACE" get pods -o wide', variables=("NAMESPACE",)),
        Step(L("Read the namespace's recent events", "Lire les événements récents du namespace"),
             L("the last events; Warning events (FailedScheduling, BackOff, Unhealthy) name "
               "the cause", "les derniers événements ; les Warning (FailedScheduling, BackOff, "
               "Unhealthy) en donnent la cause"),
             'kubectl -n "$NAMESPACE" get events --sort-by=.lastTimestamp | tail -n 20',
             variables=("NAMESPACE",)),
    ),
    "node": (
        Step(L("Look at the node's conditions and load",
               "Examiner les conditions et la charge du nœud"),
             L("Conditions: Ready True, MemoryPressure, DiskPressure and PIDPressure False; "
               "Allocated resources under 100%",
               "Conditions : Ready True, MemoryPressure, DiskPressure et PIDPressure False ; "
               "Allocated resources sous 100 %"),
             'kubectl describe node "$NODE"', variables=("NODE",)),
    ),
    "instance": (
        Step(L("Check that the target answers", "Vérifier que la cible répond"),
             L("`200` when the target serves its metrics; a connection error (status 7 or 28) "
               "says it is down or unreachable",
               "`200` quand la cible sert ses métriques ; une erreur de connexion (statut 7 ou "
               "28) dit qu'elle est arrêtée ou injoignable"),
             "curl -sS -o /dev/null -m 10 -w '%{http_code}\\n' \"http://$INSTANCE/metrics\"",
             attrs="readonly exit=0|7|28", variables=("INSTANCE",)),
    ),
    "job": (
        Step(L("Look at the Job and its pods", "Examiner le Job et ses pods"),
             L("COMPLETIONS and the pods' STATUS; a failed pod says why in its logs",
               "COMPLETIONS et le STATUS des pods ; un pod en échec dit pourquoi dans ses "
               "journaux"),
             'kubectl -n "$NAMESPACE" get job "$JOB_NAME" -o wide\n'
             'kubectl -n "$NAMESPACE" get pods -l job-name="$JOB_NAME"',
             variables=("NAMESPACE", "JOB_NAME")),
        Step(L("Read the Job's logs", "Lire les journaux du Job"),
             L("the error that ended the last attempt",
               "l'erreur qui a terminé la dernière tentative"),
             'kubectl -n "$NAMESPACE" logs job/"$JOB_NAME" --tail=100',
             variables=("NAMESPACE", "JOB_NAME")),
    ),
}

#: The family's own diagnosis, by target ("*": any target).
DIAGNOSIS: dict[str, dict[str, tuple[Step, ...]]] = {
    "disk": {
        "instance": (
            Step(L("See which filesystems are full", "Voir quels systèmes de fichiers sont "
                   "pleins"),
                 L("Use% and Avail of each filesystem; the alert's mount point is the one to "
                   "free", "Use% et Avail de chaque système de fichiers ; le point de montage "
                   "de l'alerte est celui à libérer"),
                 f"ssh {_HOST} df -h", variables=("INSTANCE",)),
            Step(L("Find what fills it", "Trouver ce qui le remplit"),
                 L("the largest folders first: logs, dumps or caches are what can go",
                   "les plus gros dossiers d'abord : journaux, dumps ou caches sont ce qui "
                   "peut partir"),
                 f"ssh {_HOST} 'sudo -n du -xh --max-depth=2 /var | sort -rh | head -n 20'",
                 variables=("INSTANCE",)),
        ),
        "pod": (
            Step(L("See how full the pod's volumes are", "Voir le remplissage des volumes du "
                   "pod"),
                 L("Use% of each mounted volume; the alert's volume is the one to free or grow",
                   "Use% de chaque volume monté ; le volume de l'alerte est celui à libérer ou "
                   "agrandir"),
                 'kubectl -n "$NAMESPACE" exec "$POD" -- df -h',
                 variables=("NAMESPACE", "POD")),
        ),
        "namespace": (
            Step(L("List the namespace's volume claims", "Lister les volumes du namespace"),
                 L("each claim Bound, with its CAPACITY", "chaque volume Bound, avec sa "
                   "CAPACITY"),
                 'kubectl -n "$NAMESPACE" get pvc', variables=("NAMESPACE",)),
        ),
    },
    "memory": {
        "instance": (
            Step(L("See the host's memory", "Voir la mémoire de l'hôte"),
                 L("`available` in MiB; close to 0 with swap in use means memory pressure",
                   "`available` en Mio ; proche de 0 avec du swap utilisé, la mémoire manque"),
                 f"ssh {_HOST} free -m", variables=("INSTANCE",)),
            Step(L("Find the processes that use it", "Trouver les processus qui l'utilisent"),
                 L("the processes by resident memory (RSS), largest first",
                   "les processus par mémoire résidente (RSS), du plus gros au plus petit"),
                 f"ssh {_HOST} 'ps aux --sort=-rss | head -n 15'", variables=("INSTANCE",)),
        ),
        "pod": (
            Step(L("See the pod's memory use by container",
                   "Voir la mémoire du pod par conteneur"),
                 L("MEMORY of each container, to compare with its limit in the describe "
                   "output above", "MEMORY de chaque conteneur, à comparer à sa limite dans "
                   "le describe ci-dessus"),
                 'kubectl -n "$NAMESPACE" top pod "$POD" --containers',
                 variables=("NAMESPACE", "POD")),
        ),
    },
    "cpu": {
        "instance": (
            Step(L("See what uses the CPU", "Voir ce qui utilise le CPU"),
                 L("the load average and the processes with the most %CPU",
                   "la charge moyenne et les processus avec le plus de %CPU"),
                 f"ssh {_HOST} 'top -b -n 1 | head -n 20'", variables=("INSTANCE",)),
        ),
        "*": (
            Step(L("See the pods that use the most CPU", "Voir les pods qui utilisent le plus "
                   "de CPU"),
                 L("CPU(cores) of each pod, largest first", "CPU(cores) de chaque pod, du plus "
                   "gros au plus petit"),
                 'kubectl -n "$NAMESPACE" top pod --sort-by=cpu', variables=("NAMESPACE",)),
        ),
    },
    "connections": {
        "instance": (
            Step(L("Count the host's connections by state", "Compter les connexions de l'hôte "
                   "par état"),
                 L("the totals by state; many in TIME-WAIT or ESTAB towards one port point at "
                   "the client that holds them", "les totaux par état ; beaucoup en TIME-WAIT "
                   "ou ESTAB vers un port désignent le client qui les garde"),
                 f"ssh {_HOST} ss -s", variables=("INSTANCE",)),
        ),
    },
    "certificate": {
        "instance": (
            Step(L("Read the certificate the target serves", "Lire le certificat servi par la "
                   "cible"),
                 L("notAfter: the expiry date; subject and issuer say which certificate to "
                   "renew", "notAfter : la date d'expiration ; subject et issuer disent quel "
                   "certificat renouveler"),
                 f'echo | openssl s_client -connect "$INSTANCE" -servername {_HOST} '
                 "2>/dev/null | openssl x509 -noout -enddate -subject -issuer",
                 variables=("INSTANCE",)),
        ),
        "*": (
            Step(L("List the namespace's certificates", "Lister les certificats du namespace"),
                 L("READY True and a renewal time in the future for each Certificate",
                   "READY True et une date de renouvellement future pour chaque Certificate"),
                 'kubectl -n "$NAMESPACE" get certificates.cert-manager.io -o wide',
                 variables=("NAMESPACE",)),
        ),
    },
}

#: The family's mitigation: what to do, and when a command does it, the command and its undo.
MITIGATION: dict[str, dict[str, tuple[Step, ...]]] = {
    "disk": {"*": (Step(
        L("Free or grow the space (manual)", "Libérer ou agrandir l'espace (manuel)"),
        L("the alert's expression no longer returns this filesystem (step 2)",
          "l'expression de l'alerte ne renvoie plus ce système de fichiers (étape 2)"),
        text=L("Remove what the diagnosis shows can go (rotated logs, old dumps, caches), or "
               "grow the volume. Never delete a database's data files to make room.",
               "Supprimer ce que le diagnostic montre inutile (journaux archivés, anciens "
               "dumps, caches), ou agrandir le volume. Ne jamais supprimer les fichiers de "
               "données d'une base pour faire de la place.")),)},
    "memory": {
        "pod": (Step(
            L("Restart the pod if its memory only grows",
              "Redémarrer le pod si sa mémoire ne fait que croître"),
            L("a new pod Running, its memory back to its usual level",
              "un nouveau pod Running, sa mémoire revenue à son niveau habituel"),
            'kubectl -n "$NAMESPACE" delete pod "$POD"', attrs="confirm",
            text=L("Its controller starts a new one. If memory grows again, the limit is too "
                   "low or the code leaks: raise the limit in the manifests, or fix the leak.",
                   "Son contrôleur en démarre un nouveau. Si la mémoire croît de nouveau, la "
                   "limite est trop basse ou le code fuit : relever la limite dans les "
                   "manifestes, ou corriger la fuite."),
            variables=("NAMESPACE", "POD")),),
        "*": (Step(
            L("Relieve the memory pressure (manual)", "Réduire la pression mémoire (manuel)"),
            L("the alert's expression no longer returns this host (step 2)",
              "l'expression de l'alerte ne renvoie plus cet hôte (étape 2)"),
            text=L("Restart the process that grows without bound (a leak) once its state is "
                   "saved, or move load off the host.",
                   "Redémarrer le processus qui croît sans fin (une fuite) une fois son état "
                   "sauvegardé, ou déplacer de la charge hors de l'hôte.")),),
    },
    "cpu": {"*": (Step(
        L("Add capacity or remove the hot spot (manual)",
          "Ajouter de la capacité ou supprimer le point chaud (manuel)"),
        L("the alert's expression no longer returns the target (step 2)",
          "l'expression de l'alerte ne renvoie plus la cible (étape 2)"),
        text=L("If one process or pod is stuck in a loop, restart it; if the load is real, "
               "add replicas or capacity.",
               "Si un processus ou un pod tourne en boucle, le redémarrer ; si la charge est "
               "réelle, ajouter des réplicas ou de la capacité.")),)},
    "restarts": {"*": (Step(
        L("Fix the cause the logs give (manual)", "Corriger la cause donnée par les journaux "
          "(manuel)"),
        L("the pod Running, its Restart Count no longer growing",
          "le pod Running, son Restart Count qui n'augmente plus"),
        text=L("OOMKilled: raise the memory limit; a configuration or secret error: fix it "
               "and redeploy; a failing dependency: see its own runbook. A restart alone does "
               "not fix a crash loop.",
               "OOMKilled : relever la limite mémoire ; une erreur de configuration ou de "
               "secret : la corriger et redéployer ; une dépendance en panne : voir son propre "
               "runbook. Un redémarrage seul ne règle pas une boucle de plantage.")),)},
    "availability": {
        "pod": (Step(
            L("Replace the pod", "Remplacer le pod"),
            L("a new pod Running and READY", "un nouveau pod Running et READY"),
            'kubectl -n "$NAMESPACE" delete pod "$POD"', attrs="confirm",
            text=L("Its controller starts a new one; do it once the logs are read.",
                   "Son contrôleur en démarre un nouveau ; le faire une fois les journaux lus."),
            variables=("NAMESPACE", "POD")),),
        "*": (Step(
            L("Bring the target back (manual)", "Rétablir la cible (manuel)"),
            L("the target answering again, `up` back to 1",
              "la cible qui répond de nouveau, `up` revenu à 1"),
            text=L("Restart the service the target runs once its logs say why it stopped; if "
                   "the host is unreachable, see the host's runbook.",
                   "Redémarrer le service de la cible une fois ses journaux lus ; si l'hôte est "
                   "injoignable, voir le runbook de l'hôte.")),),
    },
    "certificate": {"*": (Step(
        L("Renew the certificate (manual)", "Renouveler le certificat (manuel)"),
        L("a notAfter date months ahead", "une date notAfter dans plusieurs mois"),
        text=L("cert-manager: fix what keeps the Certificate from being READY (its events "
               "say), it renews by itself; certbot: `sudo certbot renew` on the host; a "
               "certificate bought by hand: ask its owner now.",
               "cert-manager : corriger ce qui empêche le Certificate d'être READY (ses "
               "événements le disent), il se renouvelle seul ; certbot : `sudo certbot renew` "
               "sur l'hôte ; un certificat acheté : prévenir son responsable maintenant.")),)},
    "job": {"*": (Step(
        L("Fix the cause and run the job again (manual)",
          "Corriger la cause et relancer le job (manuel)"),
        L("a new run that completes", "une nouvelle exécution qui se termine"),
        text=L("Once the logs' error is fixed, run it again from its CronJob: `kubectl -n "
               "NAMESPACE create job NAME-manual --from=cronjob/NAME`.",
               "Une fois l'erreur des journaux corrigée, le relancer depuis son CronJob : "
               "`kubectl -n NAMESPACE create job NOM-manuel --from=cronjob/NOM`.")),)},
}

#: Mitigation text for the families that have no command of their own.
_GENERIC_MITIGATION: dict[str, Lang] = {
    "errors": L("Find the first error in the logs and the change that brought it (a "
                "deployment, a dependency); roll that change back if it is recent.",
                "Trouver la première erreur des journaux et le changement qui l'a amenée (un "
                "déploiement, une dépendance) ; annuler ce changement s'il est récent."),
    "latency": L("Look for the slow dependency (database, external API) in the logs and its "
                 "own dashboards; add capacity if the load is real.",
                 "Chercher la dépendance lente (base, API externe) dans les journaux et ses "
                 "propres tableaux de bord ; ajouter de la capacité si la charge est réelle."),
    "connections": L("Find the client that holds the connections and fix its pool; raise the "
                     "server's limit only if the load is real.",
                     "Trouver le client qui garde les connexions et corriger son pool ; relever "
                     "la limite du serveur seulement si la charge est réelle."),
    "replication": L("Check the replica's link to the primary and its disk and CPU; a replica "
                     "that stopped replaying must be restarted or rebuilt from a backup.",
                     "Vérifier le lien du réplica vers le primaire, son disque et son CPU ; un "
                     "réplica qui ne rejoue plus doit être redémarré ou reconstruit depuis une "
                     "sauvegarde."),
    "queue": L("Check that the consumers run and keep up: add consumers, or fix the one that "
               "fails on a message.",
               "Vérifier que les consommateurs tournent et suivent : en ajouter, ou corriger "
               "celui qui échoue sur un message."),
    "generic": L("Act on what the previous steps show, and write it down here for next time.",
                 "Agir selon ce que montrent les étapes précédentes, et l'écrire ici pour la "
                 "prochaine fois."),
}


def _pick(table: Mapping[str, tuple[Step, ...]], target: str | None) -> tuple[Step, ...]:
    if target is not None and target in table:
        return table[target]
    return table.get("*", ())


def diagnosis(a: Analysis) -> tuple[Step, ...]:
    """The steps that look at the alert's target, then the family's own."""
    own = _pick(DIAGNOSIS.get(a.family, {}), a.target)
    if a.target in ("instance", "node"):  # a namespace-wide step does not fit a host
        own = tuple(step for step in own if "NAMESPACE" not in step.variables)
    return (*TARGET_STEPS.get(a.target or "", ()), *own)


def mitigation(a: Analysis) -> tuple[Step, ...]:
    steps = _pick(MITIGATION.get(a.family, {}), a.target)
    if steps:
        return steps
    return (Step(L("Mitigate (manual)", "Corriger (manuel)"),
                 L("the alert's expression no longer returns the series (step 2)",
                   "l'expression de l'alerte ne renvoie plus ces séries (étape 2)"),
                 text=_GENERIC_MITIGATION.get(a.family, _GENERIC_MITIGATION["generic"])),)


#: Troubleshooting entries by family: (error as seen, cause, solution).
TROUBLE: dict[str, tuple[Lang, Lang, Lang]] = {
    "disk": (L("`No space left on device`", "`No space left on device`"),
             L("the filesystem is full: writes fail", "le système de fichiers est plein : les "
               "écritures échouent"),
             L("free space as in the mitigation step before anything else",
               "libérer de l'espace comme à l'étape de correction avant toute autre chose")),
    "memory": (L("`OOMKilled` in the pod's Last State", "`OOMKilled` dans le Last State du pod"),
               L("the container went over its memory limit", "le conteneur a dépassé sa "
                 "limite mémoire"),
               L("raise the limit in the manifests, or fix the leak",
                 "relever la limite dans les manifestes, ou corriger la fuite")),
    "restarts": (L("`CrashLoopBackOff`", "`CrashLoopBackOff`"),
                 L("the container exits at start-up, again and again",
                   "le conteneur s'arrête au démarrage, encore et encore"),
                 L("read `kubectl logs --previous`: the last lines of the failed start say why",
                   "lire `kubectl logs --previous` : les dernières lignes du démarrage raté "
                   "disent pourquoi")),
    "certificate": (L("`certificate has expired` (x509)", "`certificate has expired` (x509)"),
                    L("the certificate was not renewed in time", "le certificat n'a pas été "
                      "renouvelé à temps"),
                    L("renew it now as in the mitigation step", "le renouveler maintenant "
                      "comme à l'étape de correction")),
}
