"""Golden files: the JSON model of the examples and of tricky inputs, through the real CLI.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/parser`` and review
the diff of ``tests/parser/golden/``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
INPUTS = HERE / "inputs"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

EXAMPLES = ["deploy-production.fr.md", "incident-database-down.en.md"]
TRICKY = sorted(p.name for p in INPUTS.glob("*.md"))


def _check(name: str, stdout: str) -> None:
    data = json.loads(stdout)
    golden = GOLDEN / (name + ".json")
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if UPDATE or not golden.exists():
        if not UPDATE:
            pytest.fail(f"no golden file {golden.name}; run with UPDATE_GOLDEN=1 to create it")
        golden.write_text(text, encoding="utf-8")
        return
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert data == expected, f"{name}: model differs from {golden.name} (UPDATE_GOLDEN=1)"


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_golden(cli, repo_root: Path, name: str) -> None:
    result = cli("show", "--format", "json", f"examples/{name}", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    _check(name, result.stdout)


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_golden(cli, tmp_path: Path, name: str) -> None:
    shutil.copy(INPUTS / name, tmp_path / name)
    result = cli("show", "--format", "json", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _check(name, result.stdout)


@pytest.mark.parametrize("variant", ["crlf", "bom", "crlf+bom"])
def test_line_endings_and_bom_give_the_same_model(cli, repo_root: Path, tmp_path: Path,
                                                  variant: str) -> None:
    source = (repo_root / "examples" / EXAMPLES[0]).read_text(encoding="utf-8")
    data = source.encode("utf-8")
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    (tmp_path / EXAMPLES[0]).write_bytes(data)
    result = cli("show", "--format", "json", EXAMPLES[0], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    want = json.loads((GOLDEN / (EXAMPLES[0] + ".json")).read_text(encoding="utf-8"))
    got["path"] = want["path"]
    assert got == want


def test_examples_every_field(cli, repo_root: Path) -> None:
    """Spot checks that read like the issue's list of fields, independent of the goldens."""
    result = cli("show", "--format", "json", "examples", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    by_name = {Path(d["path"]).name: d for d in json.loads(result.stdout)}
    fr = by_name["deploy-production.fr.md"]
    assert (fr["title"], fr["kind"], fr["language"]) == (
        "Déploiement de l'API en production", "deployment", "fr")
    assert fr["metadata"]["last_updated"] == "2026-11-12"
    assert fr["metadata"]["owner"] == "@platform-team"
    assert fr["metadata"]["parsed"]["estimated_minutes"] == {"low": 15.0, "high": 30.0}
    assert fr["metadata"]["parsed"]["frequency_key"] == "every-release"
    assert [s["number"] for s in fr["steps"]] == list(range(1, 10))
    deploy = fr["steps"][4]
    assert deploy["commands"][0]["attributes"] == {
        "id": "deploy", "confirm": True, "mutating": True, "timeout": "15m"}
    assert deploy["expectations"][0]["lines"][0]["regex"] is True
    assert all(s["expected_result"] for s in fr["steps"])
    assert [r["step"] for r in fr["rollback"]] == [5, 9, None]
    assert fr["troubleshooting"][0]["error"] == "ImagePullBackOff"
    assert fr["contacts"]["on_call"].startswith("#platform-oncall")
    assert fr["contacts"]["escalation"] == "@cto"
    assert {v["name"] for v in fr["variables"]} == {"VERSION", "NAMESPACE"}
    assert fr["problems"] == []
    en = by_name["incident-database-down.en.md"]
    assert (en["kind"], en["language"]) == ("incident", "en")
    assert en["steps"][0]["expectations"][0]["exit"] == 2
    assert "FATAL:  the database system is starting up" in [
        t["error"] for t in en["troubleshooting"]]
    assert en["problems"] == []
