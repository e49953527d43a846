"""Prometheus alerting rules held against the runbooks: ``runwright alerts check|draft``.

- :mod:`~runwright.alerts.rules` reads rule files (plain groups, PrometheusRule manifests);
- :mod:`~runwright.alerts.resolve` resolves a ``runbook_url`` to a file and anchor;
- :mod:`~runwright.alerts.check` checks every alert and finds orphaned incident runbooks;
- :mod:`~runwright.alerts.draft` writes incident runbooks for alerts that lack one.
"""

from runwright.alerts.check import AlertRef, CheckReport, alerts_by_runbook, check
from runwright.alerts.rules import Alert, RuleFileError, load_rules

__all__ = ["Alert", "AlertRef", "CheckReport", "RuleFileError", "alerts_by_runbook", "check",
           "load_rules"]
