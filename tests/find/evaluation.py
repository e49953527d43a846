"""The evaluation set of ``runwright find``: what an on-call engineer pastes, and the runbook
(and entry, when there is one) that should come first.

Each case is (query, expected path suffix, expected heading or None, source). ``source`` is
"examples" (the repository's examples, always present) or "corpus" (the public runbooks in
../shared/corpus, skipped when absent). The index holds both.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    query: str
    path: str  # suffix of the expected runbook's path
    heading: str | None  # heading of the expected unit, when one is expected
    source: str  # "examples" or "corpus"
    form: str  # what the query is: a log format, an alert name, words ...


PG = "examples/incident-database-down.en.md"
DEPLOY = "examples/deploy-production.fr.md"
K8S = "prometheus-operator__runbooks/content/runbooks/kubernetes/"
ETCD = "prometheus-operator__runbooks/content/runbooks/etcd/"
AM = "prometheus-operator__runbooks/content/runbooks/alertmanager/"
NODE = "prometheus-operator__runbooks/content/runbooks/node/"
GEN = "prometheus-operator__runbooks/content/runbooks/general/"
KV = "kubevirt__monitoring/docs/runbooks/"

CASES: tuple[Case, ...] = (
    # PostgreSQL server log lines
    Case('2026-01-15 03:12:44.123 UTC [28481] app@orders FATAL:  remaining connection slots '
         'are reserved for non-replication superuser connections', PG,
         "Error: FATAL:  remaining connection slots are reserved for non-replication superuser "
         "connections", "examples", "postgresql"),
    Case("2026-01-15 03:12:45.001 UTC [1] FATAL:  the database system is starting up", PG,
         "Error: FATAL:  the database system is starting up", "examples", "postgresql"),
    Case('psql: error: connection to server at "10.0.3.17", port 5432 failed: Connection '
         'refused', PG, "Error: could not connect to server: Connection refused", "examples",
         "postgresql"),
    Case("2026-01-15 03:14:02.001 UTC [1] PANIC:  could not write to file "
         '"pg_wal/xlogtemp.28481": No space left on device', PG,
         "Error: No space left on device", "examples", "postgresql"),
    # words, English and French
    Case("postgres primary down", PG, None, "examples", "words"),
    Case("base de données indisponible", PG, None, "examples", "words-fr"),
    Case("database down", PG, None, "examples", "words"),
    Case("failover to replica", PG, None, "examples", "words"),
    Case("déploiement en production", DEPLOY, None, "examples", "words-fr"),
    Case("deploy the api to production", DEPLOY, None, "examples", "words"),
    Case("revision helm courante", DEPLOY, None, "examples", "words-fr"),
    # kubectl / helm output, klog, logfmt, JSON
    Case("api-7d9f8b6c4-x2k9z   0/1     CrashLoopBackOff   7 (2m13s ago)   14m", DEPLOY,
         "Erreur: CrashLoopBackOff", "examples", "kubectl"),
    Case('E0115 03:12:44.123456    2381 pod_workers.go:1298] "Error syncing pod, skipping" '
         'err="failed to \\"StartContainer\\" for \\"api\\" with CrashLoopBackOff: \\"back-off '
         '5m0s restarting failed container=api pod=api-7d9f8b6c4-x2k9z\\""', DEPLOY,
         "Erreur: CrashLoopBackOff", "examples", "klog"),
    Case('level=error ts=2026-01-15T03:12:44.123Z caller=deploy.go:88 component=helm '
         'msg="Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in '
         'progress"', DEPLOY,
         "Erreur: Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in "
         "progress", "examples", "logfmt"),
    Case('{"level":"error","ts":1768446764.12,"caller":"rollout/wait.go:51","msg":"error: '
         'deployment \\"api\\" exceeded its progress deadline"}', DEPLOY,
         'Erreur: error: deployment "api" exceeded its progress deadline', "examples", "json"),
    Case("Warning  Failed  12s (x3 over 51s)  kubelet  Failed to pull image "
         '"registry.example.com/api:v1.4.2": rpc error: code = NotFound; ImagePullBackOff',
         DEPLOY, "Erreur: ImagePullBackOff", "examples", "kubectl"),
    Case("Jan 15 03:14:02 db1 postgres[1234]: [1-1] FATAL:  the database system is starting "
         "up", PG, "Error: FATAL:  the database system is starting up", "examples", "syslog"),
    Case("disque plein sur pg_wal", PG, "Error: No space left on device", "examples",
         "words-fr"),
    Case("org.postgresql.util.PSQLException: FATAL: remaining connection slots are reserved "
         "for non-replication superuser connections\n\tat org.postgresql.core.v3."
         "ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:613)", PG,
         "Error: FATAL:  remaining connection slots are reserved for non-replication superuser "
         "connections", "examples", "java"),
    Case("disk full", NODE + "NodeFilesystemSpaceFillingUp.md", None, "corpus", "words"),
    Case("disque plein", NODE + "NodeFilesystemSpaceFillingUp.md", None, "corpus",
         "words-fr"),

    # the public corpus: alert names
    Case("KubePodCrashLooping", K8S + "KubePodCrashLooping.md", None, "corpus", "alert"),
    Case("NodeFilesystemSpaceFillingUp", NODE + "NodeFilesystemSpaceFillingUp.md", None,
         "corpus", "alert"),
    Case("etcdNoLeader", ETCD + "etcdNoLeader.md", None, "corpus", "alert"),
    Case("KubeletDown", K8S + "KubeletDown.md", None, "corpus", "alert"),
    Case("TargetDown", GEN + "TargetDown.md", None, "corpus", "alert"),
    Case("AlertmanagerFailedReload", AM + "AlertmanagerFailedReload.md", None, "corpus",
         "alert"),
    Case("KubeVirtVMGuestMemoryPressure", KV + "KubeVirtVMGuestMemoryPressure.md", None,
         "corpus", "alert"),
    Case("kube persistent volume filling up", K8S + "KubePersistentVolumeFillingUp.md", None,
         "corpus", "alert-words"),
    Case("kubeclientcertificateexpiration", K8S + "KubeClientCertificateExpiration.md", None,
         "corpus", "alert"),
    Case("KubeHpaMaxedOut", K8S + "KubeHpaMaxedOut.md", None, "corpus", "alert"),
    Case("CPUThrottlingHigh", K8S + "CPUThrottlingHigh.md", None, "corpus", "alert"),
    Case("KubeNodeNotReady", K8S + "KubeNodeNotReady.md", None, "corpus", "alert"),
    Case("KubeJobFailed", K8S + "KubeJobFailed.md", None, "corpus", "alert"),
    Case("etcdMembersDown", ETCD + "etcdMembersDown.md", None, "corpus", "alert"),
    Case("KubeQuotaExceeded", K8S + "KubeQuotaExceeded.md", None, "corpus", "alert"),
    # the corpus: log lines and error messages
    Case('level=warn ts=2026-01-15T03:12:44.123Z caller=cluster.go:402 component=cluster '
         'msg="failed to reload configuration" file=/etc/alertmanager/config.yml',
         AM + "AlertmanagerFailedReload.md", None, "corpus", "logfmt"),
    Case('{"level":"warn","ts":"2026-01-15T03:12:44.123Z","caller":"etcdserver/raft.go:369",'
         '"msg":"etcd cluster has no leader"}', ETCD + "etcdNoLeader.md", None, "corpus",
         "json"),
    Case("I0115 03:12:44.123456       1 kubelet_node_status.go:585] \"Node not ready\" "
         "node=\"worker-2\"", K8S + "KubeNodeNotReady.md", None, "corpus", "klog"),
    Case('Jan 15 03:12:44 worker-2 kubelet[1234]: I0115 03:12:44.123456    1234 '
         'kubelet_node_status.go:585] "Node became not ready" node="worker-2"',
         K8S + "KubeNodeNotReady.md", None, "corpus", "syslog"),
    Case("node filesystem almost out of space", NODE + "NodeFilesystemAlmostOutOfSpace.md",
         None, "corpus", "words"),
    Case("etcd backend quota low space", ETCD + "etcdBackendQuotaLowSpace.md", None, "corpus",
         "words"),
    Case("etcd high fsync durations", ETCD + "etcdHighFsyncDurations.md", None, "corpus",
         "words"),
    Case("pod crash looping", K8S + "KubePodCrashLooping.md", None, "corpus", "words"),
    Case("kubelet client certificate renewal errors",
         K8S + "KubeletClientCertificateRenewalErrors.md", None, "corpus", "words"),
    Case("horizontal pod autoscaler maxed out", K8S + "KubeHpaMaxedOut.md", None, "corpus",
         "words"),
    Case("daemonset rollout stuck", K8S + "KubeDaemonSetRolloutStuck.md", None, "corpus",
         "words"),
    Case("statefulset replicas mismatch", K8S + "KubeStatefulSetReplicasMismatch.md", None,
         "corpus", "words"),
    Case("alertmanager cluster down", AM + "AlertmanagerClusterDown.md", None, "corpus",
         "words"),
    Case("watchdog alert always firing", GEN + "Watchdog.md", None, "corpus", "words"),
    Case("network interface flapping", GEN + "NodeNetworkInterfaceFlapping.md", None,
         "corpus", "words"),
    Case("guest filesystem almost out of space", KV + "GuestFilesystemAlmostOutOfSpace.md",
         None, "corpus", "words"),
    Case("virt handler count low", KV + "LowReadyVirtHandlerCount.md", None, "corpus",
         "words"),
    Case("kubemacpool mac collision", KV + "KubemacpoolMACCollisionDetected.md", None,
         "corpus", "words"),
    Case("ERROR 2003 (HY000): Can't connect to MySQL server on '10.0.3.17:3306' (111)", PG,
         "Error: could not connect to server: Connection refused", "corpus", "mysql"),
    Case('2026/01/15 03:15:20 [error] 31#31: *4471 connect() failed (111: Connection '
         'refused) while connecting to upstream, client: 203.0.113.9, server: '
         'api.example.com, upstream: "http://10.0.7.12:8080/"', PG,
         "Error: could not connect to server: Connection refused", "corpus", "nginx"),
    # French on the corpus
    Case("certificat expiré kubelet", K8S + "KubeletClientCertificateExpiration.md", None,
         "corpus", "words-fr"),
    Case("noeud kubernetes pas prêt", K8S + "KubeNodeNotReady.md", None, "corpus",
         "words-fr"),
    Case("sauvegarde S3", "MTES-MCT__apilos/docs/S3_BACKUP.md", None, "corpus", "words-fr"),
    Case("plan de continuité d'activité", "MTES-MCT__apilos/docs/PCA_PRA.md", None, "corpus",
         "words-fr"),
    Case("déploiement apilos", "MTES-MCT__apilos/docs/DEPLOIEMENT.md", None, "corpus",
         "words-fr"),
    Case("volume persistant presque plein", K8S + "KubePersistentVolumeFillingUp.md", None,
         "corpus", "words-fr"),
    Case("incident commander role", "PagerDuty__incident-response-docs/docs/training/"
         "incident_commander.md", None, "corpus", "words"),
)
