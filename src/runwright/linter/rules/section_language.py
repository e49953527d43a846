"""RW106 section-language: standard section names are in the file's language.

## Why

A French runbook with an English "Troubleshooting" heading, or the other way round, reads
as two documents glued together and makes searching by section name unreliable. The fix
renames the heading to the name runwright writes in the file's language.

## Fails

````markdown
# Runbook : Redémarrer l'API

## Informations

- **Responsable** : @equipe-plateforme

## Prerequisites

- [ ] Accès au cluster de production pour la mise à jour
````

## Passes

````markdown
# Runbook : Redémarrer l'API

## Informations

- **Responsable** : @equipe-plateforme

## Prérequis

- [ ] Accès au cluster de production pour la mise à jour
````
"""

from __future__ import annotations

import re

from runwright.linter.rule import Edit, Fix, LintContext, Rule
from runwright.names import preferred_section_name

_ATX = re.compile(r"^(\s{0,3}#{1,6})\s+")

_LANG_NAMES = {"fr": "French", "en": "English"}


class SectionLanguage(Rule):
    id = "RW106"
    name = "section-language"
    severity = "info"
    summary = "Standard section names are written in the file's language."
    fixable = True

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        lang = rb.language
        if lang is None:
            return
        for section in rb.sections:
            if section.canonical is None or section.language is None or section.level > 2:
                continue
            if section.language == lang:
                continue
            wanted = preferred_section_name(section.canonical, lang)
            fix = None
            source = rb.lines[section.line - 1] if section.line <= len(rb.lines) else ""
            m = _ATX.match(source)
            if m:
                fix = Fix(f"rename '{section.title}' to '{wanted}'",
                          (Edit(section.line, section.line, (f"{m.group(1)} {wanted}",)),))
            ctx.report(section.line,
                       f"section '{section.title}' is named in {_LANG_NAMES[section.language]} "
                       f"but the runbook is in {_LANG_NAMES[lang]}: rename it '{wanted}'",
                       column=(m.end() + 1) if m else 1, fix=fix)
