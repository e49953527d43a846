"""The reading of an alert (family, target, threshold, matchers) and the draft built on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CliRunner

from runwright.alerts.draft import metrics_of
from runwright.alerts.families import analyse
from runwright.parser import load

CASES = [
    # (alert name, expression, family, target, op, value)
    ("KubePodCrashLooping",
     'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", '
     'job="kube-state-metrics"}[5m]) >= 1', "restarts", "pod", ">=", "1"),
    ("NodeFilesystemAlmostOutOfSpace",
     '(node_filesystem_avail_bytes{job="node-exporter",fstype!=""} / '
     'node_filesystem_size_bytes{job="node-exporter",fstype!=""} * 100 < 3)', "disk",
     "instance", "<", "3"),
    ("KubePersistentVolumeFillingUp",
     'kubelet_volume_stats_available_bytes{job="kubelet",namespace="shop"} / '
     'kubelet_volume_stats_capacity_bytes{job="kubelet",namespace="shop"} < 0.03', "disk",
     "namespace", "<", "0.03"),
    ("NodeMemoryHigh", "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1",
     "memory", "instance", "<", "0.1"),
    ("ContainerMemoryNearLimit",
     'sum by (namespace, pod) (container_memory_working_set_bytes{namespace="shop"}) > 1e9',
     "memory", "pod", ">", "1e9"),
    ("CPUThrottlingHigh",
     "sum(increase(container_cpu_cfs_throttled_periods_total[5m])) by (container, pod) > 0.25",
     "cpu", "pod", ">", "0.25"),
    ("TargetDown", 'up{job="api"} == 0', "availability", "instance", "==", "0"),
    ("BlackboxProbeFailed", "probe_success == 0", "availability", "instance", "==", "0"),
    ("SSLCertExpiringSoon", "probe_ssl_earliest_cert_expiry - time() < 86400 * 7",
     "certificate", "instance", "<", "86400 * 7"),
    ("PostgresReplicationLag", "pg_replication_lag_seconds > 30", "replication", None, ">",
     "30"),
    ("KafkaConsumerLag", "sum by (consumergroup) (kafka_consumergroup_lag) > 1000", "queue",
     None, ">", "1000"),
    ("KubeJobFailed", 'kube_job_status_failed{job="kube-state-metrics"} > 0', "job", "job",
     ">", "0"),
    ("HighErrorRate",
     'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) '
     "> 0.05", "errors", None, ">", "0.05"),
    ("LatencyHigh",
     "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) "
     "> 1", "latency", None, ">", "1"),
    ("PostgresTooManyConnections",
     "sum(pg_stat_activity_count) > 0.9 * max(pg_settings_max_connections)", "connections",
     None, None, None),
    ("SomethingOdd", "my_metric > 5", "generic", None, ">", "5"),
]


@pytest.mark.parametrize(("name", "expr", "family", "target", "op", "value"), CASES,
                         ids=[c[0] for c in CASES])
def test_family_target_and_threshold(name: str, expr: str, family: str, target: str | None,
                                     op: str | None, value: str | None) -> None:
    a = analyse(name, expr, metrics_of(expr))
    assert (a.family, a.target, a.op, a.value) == (family, target, op, value)


def test_matchers_are_the_alert_own_series() -> None:
    expr = ('kubelet_volume_stats_available_bytes{job="kubelet",namespace="shop"} / '
            'kubelet_volume_stats_capacity_bytes{job="kubelet",namespace="shop"} < 0.03')
    assert analyse("X", expr, metrics_of(expr)).matchers == {"job": "kubelet",
                                                             "namespace": "shop"}
    # a matcher that only one selector has is not the alert's own
    mixed = 'a{namespace="shop"} / b{namespace="other"} > 1'
    assert analyse("X", mixed, metrics_of(mixed)).matchers == {}


def test_direction_is_said_right_in_both_languages() -> None:
    below = analyse("DiskLow", "node_filesystem_avail_bytes < 0.03",
                    ["node_filesystem_avail_bytes"])
    assert below.direction("en") == "the series whose value is below 0.03, with their values"
    assert below.direction("fr") == ("les séries dont la valeur est en dessous de 0.03, avec "
                                     "leurs valeurs")
    above = analyse("X", "x > 3", ["x"])
    assert "above 3" in above.direction("en")


RULES = """\
groups:
  - name: app
    rules:
      - alert: PVCFillingUp
        expr: >-
          kubelet_volume_stats_available_bytes{namespace="shop"}
          / kubelet_volume_stats_capacity_bytes{namespace="shop"} < 0.03
        labels: {severity: critical}
        annotations:
          summary: Volume almost full
      - alert: KubePodCrashLooping
        expr: increase(kube_pod_container_status_restarts_total{namespace="shop"}[15m]) > 3
        labels: {severity: warning}
      - alert: ApiDown
        expr: up{job="api"} == 0
        labels: {severity: critical}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "runwright.toml").write_text('owner = "@shop-sre"\n', encoding="utf-8")
    return tmp_path


def test_draft_by_family_in_english(cli: CliRunner, repo: Path) -> None:
    proc = cli("alerts", "draft", "rules.yaml", "--out", "docs/runbooks/incidents", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    crash = load(repo / "docs/runbooks/incidents/KubePodCrashLooping.md")
    code = "\n".join(b.code for b in crash.code_blocks)
    assert 'kubectl -n "$NAMESPACE" describe pod "$POD"' in code
    assert 'kubectl -n "$NAMESPACE" logs "$POD" --all-containers --tail=100' in code
    namespace = crash.variable("NAMESPACE")
    assert namespace is not None and namespace.default == "shop"  # the alert's own matcher
    pod = crash.variable("POD")
    assert pod is not None and pod.default is None and pod.description  # not invented
    assert "| Family | restarts, pod |" in crash.source
    assert "A restart alone does not fix a crash loop." in crash.source
    assert "TODO" not in crash.source
    assert crash.metadata.owner == "@shop-sre"
    assert crash.contact("escalation") is not None
    pvc = (repo / "docs/runbooks/incidents/PVCFillingUp.md").read_text(encoding="utf-8")
    assert "the series whose value is below 0.03, with their values" in pvc
    assert "Never delete a database's data files to make room." in pvc
    assert 'kubectl -n "$NAMESPACE" get pvc' in pvc
    down = load(repo / "docs/runbooks/incidents/ApiDown.md")
    assert down.variable("INSTANCE") is not None
    assert any("http://$INSTANCE/metrics" in b.code and b.exit_statuses == (0, 7, 28)
               for b in down.code_blocks)


def test_draft_in_french_is_french(cli: CliRunner, repo: Path) -> None:
    proc = cli("alerts", "draft", "rules.yaml", "--lang", "fr", "--out",
               "docs/runbooks/incidents", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    text = (repo / "docs/runbooks/incidents/PVCFillingUp.md").read_text(encoding="utf-8")
    assert "les séries dont la valeur est en dessous de 0.03" in text
    assert "| Famille | saturation disque, namespace |" in text
    assert "Lister les volumes du namespace" in text
    for english in ("Expected result", "the series", "Look at", "Check that", "Never delete"):
        assert english not in text, english
    assert "Volume almost full" in text  # the rule's own summary, quoted as written


def test_diagnosis_runs_unattended_and_mitigation_asks(cli: CliRunner, repo: Path) -> None:
    cli("alerts", "draft", "rules.yaml", "--out", "docs/runbooks/incidents", cwd=repo)
    crash = repo / "docs/runbooks/incidents/KubePodCrashLooping.md"
    text = crash.read_text(encoding="utf-8")
    crash.write_text(text, encoding="utf-8")
    explain = cli("test", "--explain", str(crash), cwd=repo)
    decisions = {line.split(None, 3)[3].strip(): line.split()[2]
                 for line in explain.stdout.splitlines()
                 if line.startswith("  Step ") and len(line.split(None, 3)) == 4}
    assert decisions["Look at the pod's state and events"] == "run"
    assert decisions["Read the pod's logs"] == "run"
    assert decisions["Fix the cause the logs give (manual)"] == "skip"
    down = repo / "docs/runbooks/incidents/ApiDown.md"
    blocks = load(down).code_blocks
    assert not any("delete" in b.code for b in blocks)  # an instance has no pod to delete
    lint = cli("lint", "--profile", "standard", "--format", "json", "--no-cache",
               "docs/runbooks/incidents", cwd=repo)
    findings = json.loads(lint.stdout)
    rules = {f["rule"] for f in findings}
    assert not rules & {"RW401", "RW410", "RW404", "RW501", "RW502", "RW303", "RW304",
                        "RW411"}, findings
