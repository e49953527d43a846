"""Only a Procedure section's steps are steps; decimal section numbers are never step
numbers; a list step's number is the one Markdown shows."""

from __future__ import annotations

import pytest

from runwright.parser import parse


@pytest.mark.parametrize(("label", "text"), [
    ("decimal section heading", "# Plan\n\n### 1.3 Communication & Escalation\n\nText.\n"),
    ("numbered H2 in French", "# PCA\n\n## 5. Gestion des incidents\n\nTexte.\n"),
    ("numbered H3 under Diagnosis", "# A\n\n## Diagnosis\n\n### 3) Check the node\n\nx\n"),
    ("numbered H3 with no Procedure", "# A\n\n### 1. Drain\n\n### 2. Upgrade\n"),
    ("a phase", "# A\n\n### Phase one\n\nx\n"),
    ("a step heading outside the procedure", "# A\n\n## Notes\n\n### Step 1: Read\n"),
])
def test_headings_outside_a_procedure_are_not_steps(label: str, text: str) -> None:
    assert parse(text, "x.md").steps == (), label


def test_procedure_sub_headings_are_steps_with_their_numbers() -> None:
    rb = parse("## Procedure\n\n### 3) Check the node\n\n### Step 4: Drain\n\n"
               "### 1.3 Communication\n\n### Phase one\n\n### Étape deux : x\n", "x.md")
    assert [(s.number, s.number_text, s.title) for s in rb.steps] == [
        (3, "3", "Check the node"), (4, "4", "Drain"), (None, None, "1.3 Communication"),
        (None, None, "Phase one"), (None, "deux", "x")]
    assert not rb.problems  # lint says what is wrong with the numbers (RW302)


@pytest.mark.parametrize(("label", "text", "numbers"), [
    ("ones", "## Procedure\n\n1. a\n1. b\n1. c\n", [1, 2, 3]),
    ("written out of order", "## Procedure\n\n1. a\n5. b\n2. c\n", [1, 2, 3]),
    ("start number", "## Procedure\n\n3. a\n3. b\n", [3, 4]),
    ("restarted by an unindented fence",
     "## Procedure\n\n1. a\n1. b\n\n```bash\ntrue\n```\n\n1. c\n", [1, 2, 1]),
    ("continued by its start number",
     "## Procedure\n\n1. a\n\n```bash\ntrue\n```\n\n2. b\n", [1, 2]),
])
def test_list_steps_are_numbered_as_shown(label: str, text: str, numbers: list[int]) -> None:
    assert [s.number for s in parse(text, "x.md").steps] == numbers, label


def test_rollback_names_a_list_step_by_its_shown_number() -> None:
    rb = parse("## Procedure\n\n1. a\n1. b\n\n## Rollback\n\n### If step 2 fails\n\n"
               "```bash\nundo\n```\n", "x.md")
    assert rb.rollback[0].step == 2 and rb.step(2) is not None
    assert [s.number_text for s in rb.steps] == ["1", "2"]  # what `run` shows
