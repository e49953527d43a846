"""``runwright alerts check`` on fixture rule files (both styles, templated, broken YAML)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CliRunner

from runwright.alerts import alerts_by_runbook, check, load_rules
from runwright.alerts.resolve import Resolver
from runwright.alerts.rules import Alert
from runwright.config import load_config


def _by_name(payload: dict[str, object]) -> dict[tuple[str, str | None], dict[str, object]]:
    alerts = payload["alerts"]
    assert isinstance(alerts, list)
    return {(a["name"], a["severity"]): a for a in alerts}


def test_both_styles_are_read_with_lines(alert_repo: Path) -> None:
    alerts, errors = load_rules([alert_repo / "rules" / "plain.yaml",
                                 alert_repo / "rules" / "operator.yaml"])
    assert errors == []
    names = [a.name for a in alerts]
    # the recording rule is skipped; both documents of the manifest are read
    assert names == ["HighErrorRate", "HighErrorRateAnchor", "LatencyHigh", "QueueBacklog",
                     "TeamRouted", "GoneAway", "KubePodCrashLooping", "NodeDiskAlmostFull",
                     "NodeDiskAlmostFull"]
    first = alerts[0]
    assert (first.line, first.severity, first.duration, first.link_key) == (
        6, "critical", "10m", "runbook_url")
    assert alerts[-1].link_key == "runbook"


def test_check_statuses_json(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "check", "rules", "--format", "json", cwd=alert_repo)
    assert proc.returncode == 2, proc.stderr  # the Helm template could not be read
    assert "rules/helm-template.yaml:1: not valid YAML" in proc.stderr
    assert "Traceback" not in proc.stderr
    payload = json.loads(proc.stdout)
    got = {k: v["status"] for k, v in _by_name(payload).items()}
    assert got == {
        ("HighErrorRate", "critical"): "ok",
        ("HighErrorRateAnchor", "warning"): "bad-anchor",
        ("LatencyHigh", "warning"): "missing",
        ("QueueBacklog", "warning"): "todo",
        ("TeamRouted", "critical"): "templated",
        ("GoneAway", "critical"): "broken",
        ("KubePodCrashLooping", "warning"): "ok",
        ("NodeDiskAlmostFull", "critical"): "broken",
        ("NodeDiskAlmostFull", "warning"): "unmapped",
    }
    ok = _by_name(payload)[("KubePodCrashLooping", "warning")]
    # lower-cased URL resolved to the CamelCase file through the configured URL base
    assert ok["runbook"] == "docs/runbooks/incidents/KubePodCrashLooping.md"
    assert _by_name(payload)[("HighErrorRate", "critical")]["anchor"] == "diagnosis"
    assert [o["path"] for o in payload["orphans"]] == ["docs/runbooks/incidents/OldOutage.md"]
    assert payload["errors"][0]["file"] == "rules/helm-template.yaml"
    assert payload["summary"]["templated"] == 1 and payload["summary"]["failed"] is True


def test_text_output_and_exit_one_without_file_errors(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "check", "rules/plain.yaml", "rules/operator.yaml", cwd=alert_repo)
    assert proc.returncode == 1
    out = proc.stdout
    assert "rules/plain.yaml:20: LatencyHigh (warning): no runbook link" in out
    assert "rules/plain.yaml:27: QueueBacklog (warning): TODO link" in out
    assert "templated link, not checked" in out
    assert "no heading with anchor #no-such-heading" in out
    assert "docs/runbooks/incidents/OldOutage.md: incident runbook that no alert points to" in out
    # a deployment runbook is never an orphan; a runbook declaring its alert is not either
    assert "deploy-production" not in out and "DiskFull.md" not in out
    assert "9 alert(s): 2 ok" in out


def test_severity_filter_and_clean_exit(cli: CliRunner, alert_repo: Path) -> None:
    (alert_repo / "docs/runbooks/incidents/OldOutage.md").unlink()
    proc = cli("alerts", "check", "rules/plain.yaml", "--severity", "CRITICAL", "--format",
               "json", cwd=alert_repo)
    names = {a["name"] for a in json.loads(proc.stdout)["alerts"]}
    assert names == {"HighErrorRate", "TeamRouted", "GoneAway"}
    (alert_repo / "rules/only-ok.yaml").write_text(
        "groups:\n- name: g\n  rules:\n  - alert: HighErrorRate\n    expr: vector(1)\n"
        "    annotations:\n      runbook_url: https://runbooks.example.com/runbooks/incidents/"
        "higherrorrate#mitigation\n", encoding="utf-8")
    for name in ("KubePodCrashLooping.md", "DiskFull.md"):
        (alert_repo / "docs/runbooks/incidents" / name).unlink()
    proc = cli("alerts", "check", "rules/only-ok.yaml", cwd=alert_repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 alert(s): 1 ok; 0 orphan runbook(s)" in proc.stdout


def test_url_base_flag_maps_bare_url_to_runbooks(cli: CliRunner, alert_repo: Path) -> None:
    (alert_repo / "runwright.toml").write_text("", encoding="utf-8")
    proc = cli("alerts", "check", "rules/operator.yaml", "--runbooks", "docs/runbooks",
               "--url-base", "https://RUNBOOKS.example.com/runbooks/", "--format", "json",
               cwd=alert_repo)
    statuses = {k: v["status"] for k, v in _by_name(json.loads(proc.stdout)).items()}
    assert statuses[("KubePodCrashLooping", "warning")] == "ok"
    proc = cli("alerts", "check", "rules/operator.yaml", "--url-base", "ftp://x=docs",
               cwd=alert_repo)
    assert proc.returncode == 2 and "Error: --url-base ftp://x=docs" in proc.stderr


def test_missing_rule_file_does_not_stop_others(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "check", "nope.yaml", "rules/plain.yaml", cwd=alert_repo)
    assert proc.returncode == 2
    assert "Error: nope.yaml: no such file or directory" in proc.stderr
    assert "LatencyHigh" in proc.stdout


def test_no_rules_given_uses_config_or_says_so(cli: CliRunner, alert_repo: Path) -> None:
    proc = cli("alerts", "check", cwd=alert_repo)
    assert proc.returncode == 2 and "no rule files given" in proc.stderr
    with (alert_repo / "runwright.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[alerts.extra]\n')
    proc = cli("alerts", "check", cwd=alert_repo)
    assert proc.returncode == 2 and "unknown key 'alerts.extra'" in proc.stderr


@pytest.mark.parametrize(("link", "status"), [
    ("docs/runbooks/incidents/higherrorrate", "ok"),
    ("docs/runbooks/incidents/HighErrorRate.md#Diagnosis", "ok"),
    ("docs/runbooks/incidents/", "ok"),  # a folder: the file named after the alert
    ("https://runbooks.example.com/runbooks/incidents/HIGHERRORRATE.md#mitigation", "ok"),
    ("https://runbooks.example.com/runbooks/incidents/{{ $labels.alertname }}", "ok"),
    ("https://runbooks.example.com/runbooks/nothing-here", "broken"),
    ("tbd", "todo"),
    ("TODO: write it", "todo"),
    ("{{ $externalURL }}/runbooks/x", "templated"),
    ("mailto:ops@example.com", "unmapped"),
])
def test_resolver_table(alert_repo: Path, link: str, status: str) -> None:
    resolver = Resolver(alert_repo, alert_repo / "docs/runbooks",
                        {"https://runbooks.example.com/runbooks": "docs/runbooks"})
    alert = Alert(name="HighErrorRate", file=str(alert_repo / "rules" / "x.yaml"), line=1,
                  link=link)
    assert resolver.resolve(alert).status == status


def test_alerts_by_runbook(alert_repo: Path) -> None:
    config = load_config(alert_repo / "runwright.toml")
    refs = alerts_by_runbook(sorted((alert_repo / "rules").glob("*.yaml")), alert_repo, config)
    assert sorted(refs) == ["docs/runbooks/incidents/HighErrorRate.md",
                            "docs/runbooks/incidents/KubePodCrashLooping.md"]
    ref = refs["docs/runbooks/incidents/HighErrorRate.md"][0]
    assert (ref.name, ref.severity, ref.file, ref.line, ref.anchor) == (
        "HighErrorRate", "critical", "rules/plain.yaml", 6, "diagnosis")


def test_public_kube_prometheus_rules(shared_corpus: Path) -> None:
    rules = shared_corpus / "_alert_rules"
    books = shared_corpus / "prometheus-operator__runbooks" / "content" / "runbooks"
    config = load_config(start=shared_corpus)
    report = check([rules], config, shared_corpus, runbooks=books,
                   url_bases=["https://runbooks.prometheus-operator.dev/runbooks"])
    assert report.errors == ()
    statuses = {r.alert.name: r.resolution.status for r in report.results}
    assert len(report.results) > 100
    # lower-cased URLs found the CamelCase files
    assert statuses["AlertmanagerFailedReload"] == "ok"
    assert statuses["KubePodCrashLooping"] == "ok"
    # some alerts have no page in this snapshot: reported, not hidden
    assert statuses["NodeCPUHighUsage"] == "broken"
    assert sum(1 for s in statuses.values() if s == "ok") > 80
    orphans = {o.path.name for o in report.orphans}
    assert "_index.md" not in orphans and "KubeProxyDown.md" in orphans


def test_orphans_are_reported_and_fail_only_when_asked(cli: CliRunner, alert_repo: Path) -> None:
    (alert_repo / "rules/only-ok.yaml").write_text(
        "groups:\n- name: g\n  rules:\n  - alert: HighErrorRate\n    expr: vector(1)\n"
        "    annotations:\n      runbook_url: docs/runbooks/incidents/HighErrorRate.md\n",
        encoding="utf-8")
    # one rule file of many: the other alerts' runbooks are orphans here, and that is no failure
    proc = cli("alerts", "check", "rules/only-ok.yaml", cwd=alert_repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "docs/runbooks/incidents/OldOutage.md: incident runbook that no alert points to" \
        in proc.stdout
    assert "orphan runbook(s) in docs/runbooks (reported, not failing: --fail-on-orphans" \
        in proc.stdout
    proc = cli("alerts", "check", "rules/only-ok.yaml", "--fail-on-orphans", cwd=alert_repo)
    assert proc.returncode == 1
    (alert_repo / "runwright.toml").write_text(
        (alert_repo / "runwright.toml").read_text(encoding="utf-8").replace(
            "[alerts]", "[alerts]\nfail_on_orphans = true", 1)
        if "[alerts]" in (alert_repo / "runwright.toml").read_text(encoding="utf-8")
        else "[alerts]\nfail_on_orphans = true\n", encoding="utf-8")
    proc = cli("alerts", "check", "rules/only-ok.yaml", "--format", "json", cwd=alert_repo)
    payload = json.loads(proc.stdout)
    assert proc.returncode == 1 and payload["summary"]["fail_on_orphans"] is True
    proc = cli("alerts", "check", "rules/only-ok.yaml", "--no-fail-on-orphans", cwd=alert_repo)
    assert proc.returncode == 0


def test_an_orphan_a_templated_link_could_name_is_uncertain(alert_repo: Path) -> None:
    incidents = alert_repo / "docs/runbooks/incidents"
    (incidents / "Down.md").write_text("# Runbook: Service down\n", encoding="utf-8")
    rules = alert_repo / "rules/templated.yaml"
    rules.write_text(
        "groups:\n- name: g\n  rules:\n"
        "  - alert: TeamRouted\n    expr: up == 0\n    annotations:\n"
        "      runbook_url: 'https://wiki.example.com/{{ $labels.team }}/incidents/down'\n",
        encoding="utf-8")
    config = load_config(alert_repo / "runwright.toml")
    report = check([rules], config, alert_repo)
    by_name = {o.path.name: o for o in report.orphans}
    assert by_name["Down.md"].maybe == ("TeamRouted",)  # could be it: uncertain
    assert by_name["OldOutage.md"].maybe == ()  # another name: an orphan for sure
    rules.write_text(
        "groups:\n- name: g\n  rules:\n"
        "  - alert: Routed\n    expr: up == 0\n    annotations:\n"
        "      runbook_url: 'https://runbooks.example.com/{{ $labels.runbook }}'\n",
        encoding="utf-8")
    report = check([rules], config, alert_repo)
    assert all(o.maybe == ("Routed",) for o in report.orphans)
    from runwright.alerts.format import render_text

    assert "unless the templated link of Routed names it (uncertain)" in render_text(report)


def test_a_broken_link_gets_did_you_mean(cli: CliRunner, alert_repo: Path) -> None:
    (alert_repo / "rules/typo.yaml").write_text(
        "groups:\n- name: g\n  rules:\n"
        "  - alert: HighErrorRate\n    expr: vector(1)\n    annotations:\n"
        "      runbook_url: docs/runbooks/incidents/HighErorRate.md\n"
        "  - alert: KubePodCrashLoop\n    expr: vector(1)\n    annotations:\n"
        "      runbook_url: docs/runbooks/incidents/nothing-like-it.md\n"
        "  - alert: Elsewhere\n    expr: vector(1)\n    annotations:\n"
        "      runbook_url: docs/runbooks/incidents/Unrelated.md\n", encoding="utf-8")
    proc = cli("alerts", "check", "rules/typo.yaml", "--format", "json", cwd=alert_repo)
    got = {a["name"]: a["did_you_mean"] for a in json.loads(proc.stdout)["alerts"]}
    assert got == {"HighErrorRate": "docs/runbooks/incidents/HighErrorRate.md",
                   "KubePodCrashLoop": "docs/runbooks/incidents/KubePodCrashLooping.md",
                   "Elsewhere": None}
    text = cli("alerts", "check", "rules/typo.yaml", cwd=alert_repo).stdout
    assert "  did you mean docs/runbooks/incidents/HighErrorRate.md?" in text
