"""RW102 missing-section: every section the profile requires is present.

## Why

The standard structure is what lets an engineer who has never seen a runbook find the rollback
or the escalation contact in seconds. Under the ``standard`` profile a runbook has Information,
Prerequisites, Procedure, Verification, Rollback, Troubleshooting and Contacts; under ``alert``
it has Meaning, Impact, Diagnosis and Mitigation. Section names are recognised in French and
English, with their aliases and the profile's own aliases.

The fix inserts each missing section as an empty ``##`` heading, titled in the file's language,
at its place in the profile's order (an empty section is then reported by RW104 until it is
filled in).

A section whose heading is swallowed by a code fence that is never closed is not reported
here: the unclosed fence is (RW001), and closing it brings the section back.

## Fails

````markdown
# Runbook: Restart the API

## Procedure

### Step 1: Restart
````

## Passes

````markdown
# Runbook: Restart the API

## Information

## Prerequisites

## Procedure

### Step 1: Restart

## Verification

## Rollback

## Troubleshooting

## Contacts
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import Edit, Fix, LintContext, Rule
from runwright.linter.rules._util import language, section_title
from runwright.model import Runbook, Section
from runwright.names import section_canonical


class MissingSection(Rule):
    id = "RW102"
    name = "missing-section"
    severity = "error"
    summary = "Every section the profile requires is present."
    fixable = True

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        profile = ctx.profile
        lang = language(rb)
        required = profile.sections
        present: dict[str, Section] = {}
        for name in required:
            found = profile.find_section(rb, name)
            if found is not None:
                present[name] = found
        swallowed = _swallowed_headings(rb)
        missing = [name for name in required if name not in present
                   and not any(profile.accepts(name, h) for h in swallowed)]
        if not missing:
            return
        # Group the missing sections by where they go: before the next present section in the
        # profile's order, else after the last one before them, else at the end of the file.
        groups: dict[int, list[str]] = {}
        for name in missing:
            groups.setdefault(self._anchor_line(rb.lines, required, present, name), []).append(name)
        lines = rb.lines
        n_lines = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
        for at, names in sorted(groups.items()):
            new: list[str] = []
            for name in names:
                new += [f"## {section_title(name, lang, profile)}", ""]
            if at > n_lines:
                at = n_lines + 1
                new.pop()  # no blank line after the last heading of the file
                if n_lines and lines[n_lines - 1].strip():
                    new.insert(0, "")  # keep a blank line after the last content line
            edit = Edit(at, at - 1, tuple(new))
            report_line = at if at <= n_lines else max(1, n_lines)
            for i, name in enumerate(names):
                title = section_title(name, lang, profile)
                fix = Fix(f"insert '## {title}'" if len(names) == 1 else
                          "insert " + ", ".join(f"'## {section_title(n, lang, profile)}'"
                                                for n in names),
                          (edit,)) if i == 0 else None
                ctx.report(report_line,
                           f"required section '{title}' is missing (profile "
                           f"'{profile.name}'): add a '## {title}' section", fix=fix)

    @staticmethod
    def _anchor_line(lines: list[str], required: tuple[str, ...], present: dict[str, Section],
                     name: str) -> int:
        """The line before which the missing section ``name`` is inserted."""
        index = required.index(name)
        for later in required[index + 1:]:
            section = present.get(later)
            if section is not None and section.level <= 2:
                return section.line
        for earlier in reversed(required[:index]):
            section = present.get(earlier)
            if section is not None:
                return section.end_line + 1
        n_lines = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
        return n_lines + 1


_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def _swallowed_headings(rb: Runbook) -> list[Section]:
    """Headings written inside a code fence that is never closed (read as code)."""
    out: list[Section] = []
    for block in rb.code_blocks:
        if block.closed:
            continue
        for offset, text in enumerate(block.code.split("\n")):
            m = _HEADING.match(text)
            if m:
                line = block.first_code_line + offset
                hit = section_canonical(m.group(2))
                out.append(Section(title=m.group(2), level=len(m.group(1)), line=line,
                                   end_line=line, canonical=hit[0] if hit else None))
    return out
