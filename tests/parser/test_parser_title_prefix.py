"""A "Runbook:" title whose name is also a section alias stays the title."""

from __future__ import annotations

from runwright.parser import parse

DOC = """# Runbook: Steps

## Procedure

### Step 1: Check

```bash
true
```

**Expected result**: nothing happens.

### Step 2: Check again

```bash
true
```

**Expected result**: still nothing.
"""


def test_runbook_prefixed_h1_is_the_title_not_a_section() -> None:
    rb = parse(DOC, "steps.md")
    assert rb.title == "Steps"
    assert rb.sections[0].canonical is None
    assert [s.number for s in rb.steps] == [1, 2]
    assert [s.title for s in rb.steps] == ["Check", "Check again"]


def test_plain_h1_section_name_still_counts_as_a_section() -> None:
    rb = parse("# Procedure\n\n1. do a thing\n", "x.md")
    assert rb.sections[0].canonical == "procedure"
