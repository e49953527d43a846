"""Table tests for RW102 (missing-section) beyond its fixes (see test_rule_fixes.py)."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import run_rule

UNCLOSED = """\
# PrometheusOperatorNodeLookupErrors

## Meaning

Errors while looking up nodes.

## Impact

None.

## Diagnosis

```shell
kubectl logs deploy/prometheus-operator

## Mitigation

Fix the RBAC rules.
"""


@pytest.mark.parametrize(("label", "text", "missing"), [
    ("heading inside an unclosed fence: the fence is the defect (RW001)", UNCLOSED, []),
    ("a section really missing is still reported",
     UNCLOSED.replace("## Mitigation", "Mitigation:"), ["Mitigation"]),
    ("closed fence: the section is present", UNCLOSED.replace(
        "deploy/prometheus-operator\n", "deploy/prometheus-operator\n```\n"), []),
    ("no fence", "# A\n\n## Meaning\n\nx\n\n## Impact\n\ny\n", ["Diagnosis", "Mitigation"]),
])
def test_missing_sections(label: str, text: str, missing: list[str]) -> None:
    got = run_rule("RW102", text, profile="alert")
    assert [f.message.split("'")[1] for f in got] == missing, label
