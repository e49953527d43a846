"""``alerts draft`` writes the runbook where the alert's existing runbook_url points."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner

from runwright.parser import load

RULES = """groups:
  - name: linked
    rules:
      - alert: HighErrorRate5xx
        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
        annotations:
          summary: Too many errors
          runbook_url: https://runbooks.example.com/runbooks/incidents/high-error-rate
      - alert: PaymentsDown
        expr: up{job="payments"} == 0
        annotations:
          runbook_url: docs/runbooks/payments/payments-down.md#first-steps
      - alert: OutsideRepo
        expr: up == 0
        annotations:
          runbook_url: ../../../outside.md
      - alert: WikiOnly
        expr: up == 0
        annotations:
          runbook_url: https://wiki.example.com/pages/wiki-only
"""


def test_draft_goes_where_the_link_points(cli: CliRunner, alert_repo: Path) -> None:
    (alert_repo / "rules/linked.yaml").write_text(RULES, encoding="utf-8")
    proc = cli("alerts", "draft", "rules/linked.yaml", cwd=alert_repo,
               env={"RUNWRIGHT_TODAY": "2026-01-15"})
    assert proc.returncode == 0, proc.stderr
    runbooks = alert_repo / "docs/runbooks"
    mapped = runbooks / "incidents/high-error-rate.md"
    assert load(mapped).front_matter["alerts"] == ["HighErrorRate5xx"]
    assert load(runbooks / "payments/payments-down.md").title == "PaymentsDown"
    assert not (runbooks / "incidents/HighErrorRate5xx.md").exists()
    assert not (runbooks / "incidents/PaymentsDown.md").exists()
    # no usable link: the usual place, and advice to set the URL
    assert (runbooks / "incidents/OutsideRepo.md").is_file()
    assert not (alert_repo.parent.parent / "outside.md").exists()
    out = proc.stdout
    assert "HighErrorRate5xx's runbook_url already points here" in out
    assert "add to HighErrorRate5xx's annotations" not in out
    assert "add to OutsideRepo's annotations" in out
    # an unmapped URL (drafted when named): the usual place too
    wiki = cli("alerts", "draft", "rules/linked.yaml", "WikiOnly", cwd=alert_repo)
    assert (runbooks / "incidents/WikiOnly.md").is_file()
    assert "add to WikiOnly's annotations" in wiki.stdout
    check = cli("alerts", "check", "rules/linked.yaml", "--format", "json", cwd=alert_repo)
    statuses = {a["name"]: a["status"] for a in json.loads(check.stdout)["alerts"]}
    assert statuses["HighErrorRate5xx"] == "ok"
    # the anchor names a heading the draft does not have yet: still reported, file found
    assert statuses["PaymentsDown"] == "bad-anchor"


def test_explicit_out_and_folder_links(cli: CliRunner, alert_repo: Path) -> None:
    rules = RULES.replace("docs/runbooks/payments/payments-down.md#first-steps",
                          "docs/runbooks/deployment/")
    (alert_repo / "rules/linked.yaml").write_text(rules, encoding="utf-8")
    proc = cli("alerts", "draft", "rules/linked.yaml", "PaymentsDown", cwd=alert_repo)
    assert proc.returncode == 0, proc.stderr
    assert (alert_repo / "docs/runbooks/deployment/PaymentsDown.md").is_file()
    out = cli("alerts", "draft", "rules/linked.yaml", "HighErrorRate5xx", "--out", "elsewhere",
              cwd=alert_repo)
    assert (alert_repo / "elsewhere/HighErrorRate5xx.md").is_file()
    assert not (alert_repo / "docs/runbooks/incidents/high-error-rate.md").exists()
    assert "add to HighErrorRate5xx's annotations" in out.stdout
