"""Output formats are pure functions of the findings; SARIF validates against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from runwright.linter import formats, registry
from runwright.linter.rule import Edit, Finding, Fix

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

FINDINGS = [
    Finding("docs/a b.md", 3, 2, "RW101", "missing-title", "error", "no title, at all: 100%"),
    Finding("docs/a b.md", 7, 1, "RW102", "missing-section", "warning", "line\nbreak",
            Fix("insert", (Edit(7, 6, ("## Rollback",)),))),
    Finding("c.md", 1, 1, "RW002", "unused-suppression", "info", "unused"),
]


def test_text_lines_and_summary() -> None:
    out = formats.text(FINDINGS, files=4)
    lines = out.splitlines()
    assert lines[0] == "docs/a b.md:3:2: RW101 [error] no title, at all: 100% (missing-title)"
    assert lines[-1] == ("Found 3 problems (1 error, 1 warning, 1 info) in 2 of 4 files. "
                         "1 fixable with --fix.")
    assert "\x1b[" not in out
    assert "\x1b[" in formats.text(FINDINGS, files=4, color=True)
    assert formats.text([], files=2) == "All checks passed (2 files)."


def test_json_contract() -> None:
    data = json.loads(formats.to_json(FINDINGS))
    assert data[0] == {"path": "docs/a b.md", "line": 3, "column": 2, "rule": "RW101",
                       "name": "missing-title", "severity": "error",
                       "message": "no title, at all: 100%"}
    assert all(set(d) == {"path", "line", "column", "rule", "name", "severity", "message"}
               for d in data)
    assert json.loads(formats.to_json([])) == []


def test_sarif_is_valid_against_the_official_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(formats.sarif(FINDINGS, registry.all_rules(), "0.1.0"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "docs/a%20b.md"
    assert loc["region"] == {"startLine": 3, "startColumn": 2}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == "RW101"
    empty = json.loads(formats.sarif([], registry.all_rules(), "0.1.0"))
    jsonschema.validate(empty, schema)


def test_github_annotations_escape_properties_and_data() -> None:
    lines = formats.github(FINDINGS).splitlines()
    assert lines[0] == ("::error file=docs/a b.md,line=3,col=2,title=RW101::"
                        "no title, at all: 100%25 (missing-title)")
    assert lines[1].startswith("::warning ") and "line%0Abreak" in lines[1]
    assert lines[2].startswith("::notice file=c.md,line=1,col=1,title=RW002::")
