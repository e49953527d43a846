"""Profile inference: ``auto`` gives ``standard`` or ``alert`` only to files that follow them,
custom profiles by their own ``match``, ``generic`` to everything else, and ``generic`` is
quiet on prose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from runwright.errors import ConfigError
from runwright.linter.engine import lint_text
from runwright.parser import parse
from runwright.profiles import detect

TODAY = dt.date(2026, 3, 1)

HOW_TO = """\
# How to rotate the TLS certificate

## Prerequisites

- kubectl access to the cluster

## Steps

1. Renew the certificate.
2. Restart the ingress.

## Troubleshooting

If the browser still shows the old certificate, clear its cache.
"""

KNOWLEDGE = """\
# Kafka

## Overview

Kafka carries the order events.

## Architecture

Three brokers, one per zone.

## Contacts

- Slack: #kafka
"""

POST_MORTEM = """\
# Post-mortem template

## Overview

## What Happened

## Contributing Factors

## Resolution

## Impact

## Timeline
"""

SYMPTOMS = """\
# The API is slow

## Symptoms

Requests take more than a second.

## Possible checks

Look at the database load.

## Resolution

Scale the API out.
"""

ALERT_TWO = """\
# KubePodCrashLooping

## Meaning

A pod restarts over and over.

## Mitigation

Fix the configuration.
"""

INFO_BLOCK = """\
# Rotate the logs

## Information

- **Owner**: @ops
- **Last updated**: 2026-01-15
"""

INFO_ONE_FIELD = """\
# Team page

## About

- **Owner**: @ops

We run the platform.
"""

MOST_SECTIONS = """\
# Restart the API

## Prerequisites

- [ ] Access

## Procedure

### Step 1: Restart

## Rollback

Undo it.

## Contacts

- **On-call**: #ops
"""

RUNWRIGHT_FRONT_MATTER = """\
---
kind: deployment
---
# Deploy
"""

VARIABLES_FRONT_MATTER = """\
---
variables:
  VERSION: v1.2.3
---
# Deploy
"""

HUGO_FRONT_MATTER = """\
---
title: Deploy
weight: 20
kind: page
---
Some text.
"""


@pytest.mark.parametrize(("label", "text", "expected"), [
    ("how-to page", HOW_TO, "generic"),
    ("knowledge page", KNOWLEDGE, "generic"),
    ("post-mortem template (Impact + Resolution)", POST_MORTEM, "generic"),
    ("Symptoms / Possible checks / Resolution", SYMPTOMS, "generic"),
    ("one procedure section", "# A\n\n## Procedure\n\n### Step 1: x\n", "generic"),
    ("two standard sections", "# A\n\n## Prerequisites\n- [ ] a\n\n## Rollback\nb\n",
     "generic"),
    ("plain notes", "# A\n\n## Notes\nSomething.\n", "generic"),
    ("two alert sections", ALERT_TWO, "alert"),
    ("four alert sections",
     "# A\n\n## Meaning\nx\n\n## Impact\ny\n\n## Diagnosis\nz\n\n## Mitigation\nw\n", "alert"),
    ("French alert sections", "# A\n\n## Signification\nx\n\n## Diagnostic\ny\n", "alert"),
    ("one alert section", "# A\n\n## Impact\nNone.\n", "generic"),
    ("Information block", INFO_BLOCK, "standard"),
    ("one known field is not a block", INFO_ONE_FIELD, "generic"),
    ("most of the standard sections", MOST_SECTIONS, "standard"),
    ("runwright kind in front matter", RUNWRIGHT_FRONT_MATTER, "standard"),
    ("runwright variables in front matter", VARIABLES_FRONT_MATTER, "standard"),
    ("Hugo front matter", HUGO_FRONT_MATTER, "generic"),
])
def test_auto_detection(label: str, text: str, expected: str) -> None:
    assert detect(parse(text, "x.md")) == expected, label


PROSE_WITH_EVERYTHING = """\
Some context, no title.

## Prerequisites

- access to the bastion

## Steps

### 1.3 Communication

Make sure everything is fine, as usual.

```bash
$ sudo systemctl restart <service>
kubectl delete pod api-0
```

### 3) Check the node

```bash
curl -fsSL https://get.example.com | sh
```

TODO: say which node.

See [the guide](missing.md) and [the part](#nowhere).

```bash
if true; then
```
"""


def test_generic_reports_only_content_safety(make_settings: Any, tmp_path: Path) -> None:
    got = lint_text(PROSE_WITH_EVERYTHING, make_settings(), "x.md", today=TODAY,
                    file_path=tmp_path / "x.md")
    assert {f.rule for f in got} == {"RW406", "RW502", "RW803", "RW901", "RW902"}


def test_generic_still_reports_parser_problems(make_settings: Any) -> None:
    got = lint_text("Text.\n\n```bash\necho hi\n", make_settings(), "x.md", today=TODAY)
    assert [f.rule for f in got] == ["RW001"]


def test_generic_rules_can_be_selected_in_config(make_settings: Any) -> None:
    settings = make_settings({"lint": {"select": ["RW501"]}})
    got = lint_text(PROSE_WITH_EVERYTHING, settings, "x.md", today=TODAY)
    assert "RW501" in {f.rule for f in got}
    got = lint_text(PROSE_WITH_EVERYTHING, make_settings(select=["RW501"]), "x.md", today=TODAY)
    assert {f.rule for f in got} == {"RW501"}


def test_standard_file_gets_every_rule(make_settings: Any, good: str) -> None:
    assert lint_text(good, make_settings(), "x.md", today=TODAY) == []
    broken = good.replace("## Contacts", "## Notes")
    assert "RW102" in {f.rule for f in lint_text(broken, make_settings(), "x.md", today=TODAY)}


SERVICE = {"sections": ["Symptoms", "Possible checks", "Resolution"],
           "match": {"sections": ["Symptoms", "Resolution"]}}


def test_custom_profile_chosen_by_its_sections(make_settings: Any) -> None:
    settings = make_settings({"profiles": {"service": SERVICE}})
    rb = parse(SYMPTOMS, "x.md")
    assert detect(rb, settings.profiles) == "service"
    assert settings.plan_for(rb, "x.md").profile.name == "service"
    assert detect(parse(HOW_TO, "x.md"), settings.profiles) == "generic"
    missing = SYMPTOMS.replace("## Possible checks", "## Notes")
    got = lint_text(missing, settings, "x.md", today=TODAY)
    assert [f.rule for f in got if f.rule == "RW102"] == ["RW102"]
    assert "Possible checks" in next(f.message for f in got if f.rule == "RW102")


def test_custom_profile_min_sections_and_aliases(make_settings: Any) -> None:
    spec = {"sections": ["Symptoms", "Checks", "Fix"], "aliases": {"Fix": ["Remedy"]},
            "match": {"sections": ["Symptoms", "Checks", "Fix"], "min_sections": 2}}
    profiles = make_settings({"profiles": {"svc": spec}}).profiles
    assert detect(parse("# A\n\n## Symptoms\nx\n\n## Remedy\ny\n", "x.md"), profiles) == "svc"
    assert detect(parse("# A\n\n## Symptoms\nx\n", "x.md"), profiles) == "generic"


def test_custom_profile_chosen_by_path(make_settings: Any, tmp_path: Path) -> None:
    settings = make_settings({"profiles": {"ops": {
        "extends": "standard", "match": {"files": ["ops/**"]}}}})
    assert settings.reads_paths
    inside = tmp_path / "ops" / "a" / "x.md"
    assert settings.plan_for(parse(HOW_TO, "x.md"), settings.relative(inside)
                             ).profile.name == "ops"
    outside = tmp_path / "docs" / "x.md"
    assert settings.plan_for(parse(HOW_TO, "x.md"), settings.relative(outside)
                             ).profile.name == "generic"


def test_custom_profile_both_criteria_and_config_order(make_settings: Any) -> None:
    profiles = make_settings({"profiles": {
        "first": {"match": {"files": ["svc/**"], "sections": ["Symptoms"]}},
        "second": {"match": {"sections": ["Symptoms"]}}}}).profiles
    rb = parse(SYMPTOMS, "x.md")
    assert detect(rb, profiles, "svc/x.md") == "first"
    assert detect(rb, profiles, "other/x.md") == "second"


def test_match_is_not_inherited(make_settings: Any) -> None:
    profiles = make_settings({"profiles": {
        "svc": SERVICE, "child": {"extends": "svc", "ignore": ["RW101"]}}}).profiles
    assert profiles["child"].match is None
    assert detect(parse(SYMPTOMS, "x.md"), profiles) == "svc"


def test_custom_only_limits_the_defaults(make_settings: Any) -> None:
    settings = make_settings({"profiles": {"quiet": {
        "only": ["RW803"], "match": {"sections": ["Steps"]}}}})
    got = lint_text(PROSE_WITH_EVERYTHING, settings, "x.md", today=TODAY)
    assert {f.rule for f in got} == {"RW803"}


@pytest.mark.parametrize(("spec", "needle"), [
    ({"match": {}}, "needs 'files'"),
    ({"match": {"sections": ["A"], "min_sections": 2}}, "min_sections"),
    ({"match": {"section": ["A"]}}, "did you mean 'sections'"),
    ({"match": {"files": "ops/**"}}, "must be a list"),
    ({"only": ["RW99"]}, "unknown rule"),
])
def test_profile_config_errors(make_settings: Any, spec: dict[str, Any], needle: str) -> None:
    with pytest.raises(ConfigError) as info:
        make_settings({"profiles": {"svc": spec}})
    assert needle in f"{info.value.message} {info.value.hint}"


def test_front_matter_profile_is_used_under_auto(make_settings: Any) -> None:
    text = "---\nprofile: alert\n---\n" + HOW_TO
    assert make_settings().plan_for(parse(text, "x.md"), "x.md").profile.name == "alert"
    unknown = "---\nprofile: nonesuch\n---\n" + HOW_TO
    assert make_settings().plan_for(parse(unknown, "x.md"), "x.md").profile.name == "generic"
    assert make_settings(profile="standard").plan_for(
        parse(text, "x.md"), "x.md").profile.name == "standard"
