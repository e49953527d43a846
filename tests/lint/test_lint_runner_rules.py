"""Runner-only rules (RW409 needs-terminal, RW801 destructive-without-confirm) apply to
runbooks meant to be run by ``runwright run``: ``standard`` files and files that use
runwright's fence attributes, ``expect`` fences or front matter; not to every alert page or
how-to that shows a ``sudo``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from runwright.linter.engine import lint_text
from runwright.parser import parse
from runwright.profiles import ALERT, GENERIC, STANDARD, meant_to_run

TODAY = dt.date(2026, 3, 1)
RUNNER = {"RW409", "RW801"}

ALERT_PAGE = """\
# NodeDown

## Meaning

The node is down.

## Impact

Pods are rescheduled.

## Diagnosis

```bash
sudo journalctl -u kubelet
```

## Mitigation

```bash
kubectl delete pod api-0
```
"""

CONFIRMED = ALERT_PAGE.replace("```bash\nkubectl delete pod api-0", "```bash {confirm}\n"
                               "kubectl delete pod api-0")
EXPECTING = ALERT_PAGE + "\n```bash\nkubectl get nodes\n```\n\n```expect\nReady\n```\n"
FRONT_MATTER = "---\nvariables:\n  NODE: node-1\n---\n" + ALERT_PAGE


def rules(text: str, settings: Any) -> set[str]:
    return {f.rule for f in lint_text(text, settings, "x.md", today=TODAY)}


def test_alert_page_without_runwright_syntax(make_settings: Any) -> None:
    assert not rules(ALERT_PAGE, make_settings()) & RUNNER
    assert not rules(ALERT_PAGE, make_settings(profile="alert")) & RUNNER


@pytest.mark.parametrize(("label", "text", "expected"), [
    ("a fence attribute", CONFIRMED, {"RW409"}),
    ("an expect fence", EXPECTING, RUNNER),
    ("runwright front matter", FRONT_MATTER, RUNNER),
])
def test_runwright_syntax_brings_them_back(make_settings: Any, label: str, text: str,
                                          expected: set[str]) -> None:
    assert rules(text, make_settings(profile="alert")) & RUNNER == expected, label


def test_standard_profile_always_has_them(make_settings: Any) -> None:
    assert rules(ALERT_PAGE, make_settings(profile="standard")) & RUNNER == RUNNER


def test_generic_file_with_fence_attributes_has_them(make_settings: Any) -> None:
    how_to = "# Clean up\n\nRun:\n\n```bash {id=clean}\nrm -rf /var/cache/app\n```\n"
    assert rules(how_to, make_settings()) & RUNNER == {"RW801"}
    assert not rules(how_to.replace(" {id=clean}", ""), make_settings()) & RUNNER


def test_named_rules_run_anyway(make_settings: Any) -> None:
    assert rules(ALERT_PAGE, make_settings({"lint": {"select": ["RW801"]}})) & RUNNER == \
        {"RW801"}
    assert rules(ALERT_PAGE, make_settings(select=["RW409"])) == {"RW409"}


def test_custom_profile_can_be_meant_to_run(make_settings: Any) -> None:
    settings = make_settings({"profiles": {"ops": {"extends": "alert", "runner": True}}},
                             profile="ops")
    assert rules(ALERT_PAGE, settings) & RUNNER == RUNNER
    settings = make_settings({"profiles": {"std": {"extends": "standard"}}}, profile="std")
    assert rules(ALERT_PAGE, settings) & RUNNER == RUNNER


def test_meant_to_run() -> None:
    assert meant_to_run(parse(ALERT_PAGE, "x.md"), STANDARD)
    assert not meant_to_run(parse(ALERT_PAGE, "x.md"), ALERT)
    assert meant_to_run(parse(CONFIRMED, "x.md"), ALERT)
    assert meant_to_run(parse(FRONT_MATTER, "x.md"), GENERIC)
    # kramdown / Pandoc attributes are not runwright's
    assert not meant_to_run(parse("```bash {.numberLines #demo}\nls\n```\n", "x.md"), GENERIC)
