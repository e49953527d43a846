"""Table tests for RW412 (fleet-target), with a real static inventory read by ansible-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.lint_rules.helpers import run_rule

INVENTORY = "[web]\nweb1\nweb2\n\n[db]\ndb1\n\n[production:children]\nweb\n"


def _rb(fence: str, body: str = "uptime", front: str = "inventory: inv.ini") -> str:
    head = f"---\n{front}\n---\n" if front else ""
    return f"{head}# Runbook: X\n\n## Procedure\n\n### Step 1: Go\n\n```bash {{{fence}}}\n" \
           f"{body}\n```\n"


CASES: list[tuple[str, str, list[str]]] = [
    ("a group", _rb("on=web serial=1 max_fail=10%"), []),
    ("an intersection", _rb("on=web:&production become"), []),
    ("an index", _rb("on=web[0]"), []),
    ("no inventory", _rb("on=web", front=""), ["no inventory is configured"]),
    ("no pattern", _rb("on"), ["names no host pattern"]),
    ("matches nothing", _rb("on=cache"), ["on=cache matches no host in inv.ini"]),
    ("empty intersection", _rb("on=db:&production"), ["matches no host"]),
    ("bad serial", _rb("on=web serial=two"), ["serial='two' is not a number"]),
    ("zero serial", _rb("on=web serial=0"), ["serial=0"]),
    ("bad share", _rb("on=web max_fail=150%"), ["between 0% and 100%"]),
    ("serial without on", _rb("serial=2"), ["fleet steps only"]),
    ("sudo", _rb("on=web", "cd /srv && sudo systemctl restart app"), ["sudo in a fleet step"]),
    ("sudo without on is not this rule's", _rb("", "sudo true"), []),
]


@pytest.mark.parametrize(("name", "text", "wanted"), CASES, ids=[c[0] for c in CASES])
def test_fleet_target(tmp_path: Path, name: str, text: str, wanted: list[str]) -> None:
    pytest.importorskip("ansible", reason="the runwright[fleet] extra is not installed")
    (tmp_path / "inv.ini").write_text(INVENTORY)
    path = tmp_path / "rb.md"
    path.write_text(text)
    findings = run_rule("RW412", text, path=path)
    assert len(findings) == len(wanted), [f.message for f in findings]
    for finding, words in zip(findings, wanted, strict=True):
        assert words in finding.message


def test_configured_inventory_relative_to_the_root(tmp_path: Path) -> None:
    pytest.importorskip("ansible", reason="the runwright[fleet] extra is not installed")
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "inv.ini").write_text(INVENTORY)
    text = _rb("on=nothing", front="")
    path = tmp_path / "rb.md"
    assert [f.message for f in run_rule("RW412", text, path=path, root=tmp_path,
                                        inventory="ops/inv.ini")] == [
        "on=nothing matches no host in inv.ini"]


def test_a_dynamic_inventory_is_not_run(tmp_path: Path) -> None:
    script = tmp_path / "inv.py"
    script.write_text("#!/bin/sh\ntouch ran\n")
    script.chmod(0o755)
    text = _rb("on=nothing", front="inventory: inv.py")
    path = tmp_path / "rb.md"
    assert run_rule("RW412", text, path=path) == []
    assert not (tmp_path / "ran").exists()
