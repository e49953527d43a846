"""RW901 broken-link: relative links point to files that exist.

## Why

Runbooks link to each other ("then follow the database failover runbook") and to scripts and
dashboards in the repository. A link broken by a rename sends the operator nowhere in the
middle of an incident. Links are resolved from the file's folder (``/path`` from the
repository root). Extension-less links to pages of a static site (``page`` for
``page.md``, ``page/_index.md``, or ``/docs/page`` for Hugo's ``content/docs/page.md``)
resolve too, as do links to generated pages (``page.html`` for Middleman's
``page.html.md`` or ``page.html.md.erb``, Hugo's or Jekyll's ``page.md``) and site-absolute
links under a site root folder (``content/``, ``docs/``, ``source/`` of any folder above the
file). A link whose form cannot be checked precisely is skipped, not guessed: a generated
page with no source found (a template or a plug-in may make it) and a target outside the
repository. URLs with a scheme (``https:``, ``mailto:``) are not fetched.

## Fails

````markdown
See [the failover runbook](./no-such-runbook.md).
````

## Passes

````markdown
See [the Information section](#information).

## Information
````
"""

from __future__ import annotations

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._links import exists, is_checkable, resolve, split


class BrokenLink(Rule):
    id = "RW901"
    name = "broken-link"
    severity = "error"
    summary = "Relative links point to files that exist."

    def check(self, ctx: LintContext) -> None:
        if ctx.file_path is None:
            return
        for link in ctx.runbook.links:
            if not is_checkable(link):
                continue
            path, _fragment = split(link.target)
            if not path:
                continue  # an anchor in this file: RW902
            target = resolve(path, ctx.file_path, ctx.root)
            if target is None or exists(target, ctx.root, path.startswith("/"),
                                        ctx.file_path, path) is not False:
                continue  # it exists, or its form cannot be checked precisely
            what = "image" if link.image else "link"
            ctx.report(link.line, f"{what} target '{path}' does not exist (resolved to "
                                  f"{_shown(target, ctx)}): fix the path or remove the link",
                       column=link.column)


def _shown(target: object, ctx: LintContext) -> str:
    from pathlib import Path

    assert isinstance(target, Path)
    try:
        return str(target.resolve().relative_to(ctx.root.resolve()))
    except ValueError:
        return str(target)
