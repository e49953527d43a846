"""``runwright alerts draft``: runbooks pre-filled from the alert, and the link to add."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import CliRunner

from runwright.alerts.draft import metrics_of, one_line
from runwright.parser import load


def test_metrics_of_promql() -> None:
    expr = """# comment mentioning not_a_metric
    sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{job="kubelet", image!=""}[5m]))
      / on (pod) group_left kube_pod_info > 0.9 offset 5m"""
    assert metrics_of(expr) == ['container_cpu_usage_seconds_total{job="kubelet",image!=""}',
                                "kube_pod_info"]
    assert metrics_of("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1") == [
        "x_bucket"]
    assert one_line("a  >\n  # note\n 1") == "a > 1"


def test_draft_writes_standard_runbooks_and_urls(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "draft", "rules/plain.yaml", cwd=alert_repo,
               env={"RUNWRIGHT_TODAY": "2026-01-15"})
    assert proc.returncode == 0, proc.stderr
    # alerts without a working link: missing, TODO and broken ones; not the templated one
    written = sorted(p.name for p in (alert_repo / "docs/runbooks/incidents").iterdir())
    assert {"LatencyHigh.md", "QueueBacklog.md", "GoneAway.md"} <= set(written)
    assert "TeamRouted.md" not in written and "HighErrorRateAnchor.md" not in written
    url = "https://runbooks.example.com/runbooks/incidents/LatencyHigh.md"
    assert f"runbook_url: {url}" in proc.stdout
    rb = load(alert_repo / "docs/runbooks/incidents/LatencyHigh.md")
    assert rb.kind == "incident" and rb.title == "LatencyHigh"
    assert rb.front_matter["alerts"] == ["LatencyHigh"]
    assert rb.metadata.last_updated is not None and rb.metadata.last_updated.isoformat() == \
        "2026-01-15"
    assert {s.canonical for s in rb.sections} >= {
        "information", "prerequisites", "procedure", "verification", "rollback",
        "troubleshooting", "contacts"}
    assert rb.variable("PROMETHEUS_URL") is not None
    assert "p99 latency over one second" in rb.source and "The API answers slowly." in rb.source
    commands = "\n".join(c.code for c in rb.code_blocks)
    assert 'ALERTS{alertname="LatencyHigh",alertstate="firing"}' in commands
    assert "$PROMETHEUS_URL/api/v1/query" in commands
    assert "http_request_duration_seconds_bucket{job=\"api\"}" in commands
    # a second run keeps the file a person may have edited
    again = cli("alerts", "draft", "rules/plain.yaml", "LatencyHigh", cwd=alert_repo)
    assert "exists, kept" in again.stdout


def test_draft_in_french_then_check_passes(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "draft", "rules/plain.yaml", "latencyhigh", "--lang", "fr", "--out",
               "docs/runbooks/alertes", cwd=alert_repo)
    assert proc.returncode == 0, proc.stderr
    text = (alert_repo / "docs/runbooks/alertes/LatencyHigh.md").read_text(encoding="utf-8")
    for heading in ("## Informations", "## Prérequis", "## Procédure", "### Étape 1:",
                    "## Vérification", "## Troubleshooting", "**Résultat attendu**"):
        assert heading in text
    url = re.search(r"runbook_url: (\S+)", proc.stdout)
    assert url is not None
    rules = alert_repo / "rules/plain.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "          description: The API answers slowly.",
        "          description: The API answers slowly.\n"
        f"          runbook_url: {url.group(1)}"), encoding="utf-8")
    check = cli("alerts", "check", "rules/plain.yaml", "--format", "json", cwd=alert_repo)
    statuses = {a["name"]: a["status"] for a in json.loads(check.stdout)["alerts"]}
    assert statuses["LatencyHigh"] == "ok"


def test_draft_unknown_alert_and_bad_file(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "draft", "rules/plain.yaml", "LatencyHihg", cwd=alert_repo)
    assert proc.returncode == 2
    assert "no alert named LatencyHihg" in proc.stderr and "LatencyHigh" in proc.stderr
    proc = cli("alerts", "draft", "rules/helm-template.yaml", cwd=alert_repo)
    assert proc.returncode == 2 and "not valid YAML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_draft_from_public_manifest(cli: CliRunner, shared_corpus: Path, tmp_path: Path) -> None:
    rules = (shared_corpus / "_alert_rules/prometheus-operator__kube-prometheus/manifests/"
             "nodeExporter-prometheusRule.yaml")
    proc = cli("alerts", "draft", str(rules), "NodeFilesystemSpaceFillingUp", "--out", "out",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rb = load(tmp_path / "out/NodeFilesystemSpaceFillingUp.md")
    assert {"critical", "warning"} <= set(re.findall(r"critical|warning", rb.source))
    assert "node_filesystem_avail_bytes" in "\n".join(c.code for c in rb.code_blocks)
