"""RW902 broken-anchor: links to ``#anchors`` point to headings that exist.

## Why

``[rollback](#rollback)`` and ``[step 3](deploy.md#step-3-migrate)`` stop working silently
when a heading is renamed. Anchors follow GitHub's rules: lower-case, punctuation dropped,
spaces to dashes, accents kept, ``-1``, ``-2`` ... for repeated headings, and a ``{#id}``
or ``{: #id}`` attribute after a heading (Hugo, kramdown, Pandoc) gives it that id. HTML
anchors (``<a id="...">``) count too.

Site generators make anchors their own way; the ``slugs`` option says whose rules to follow.
``auto`` (the default) accepts GitHub's anchors, the same with runs of dashes collapsed, and
those of the site generator the repository uses: MkDocs' (accents dropped, ``_1`` for
repeated headings) when an ``mkdocs.yml`` is found from the file's folder up to the
repository root, GitLab's (runs of dashes collapsed) when a ``.gitlab-ci.yml`` is. ``github``,
``gitlab`` or ``mkdocs`` follow exactly one. Links to generated pages (``page.html``) are
not checked for anchors.

## Fails

````markdown
# Runbook: Restart the API

Roll back as described in [Rollback](#rolback).

## Rollback
````

## Options

- ``slugs`` (``auto``, ``github``, ``gitlab`` or ``mkdocs``; default ``auto``): how heading
  anchors are made.

## Passes

````markdown
# Runbook: Restart the API

Roll back as described in [Rollback](#rollback).

## Rollback
````
"""

from __future__ import annotations

from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._links import (
    SLUG_STYLES,
    anchors_in_file,
    anchors_of,
    is_checkable,
    resolve,
    split,
)

_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".md.erb")


class BrokenAnchor(Rule):
    id = "RW902"
    name = "broken-anchor"
    severity = "error"
    summary = "Links to #anchors (in this file or another) point to existing headings."
    options = MappingProxyType({"slugs": "auto"})
    choices = MappingProxyType({"slugs": SLUG_STYLES})

    def check(self, ctx: LintContext) -> None:
        own: frozenset[str] | None = None
        style, site = str(ctx.option("slugs")), ctx.house.site
        for link in ctx.runbook.links:
            if not is_checkable(link):
                continue
            path, fragment = split(link.target)
            if not fragment:
                continue
            if not path:
                if own is None:
                    own = anchors_of(ctx.runbook, style, site)
                anchors: frozenset[str] | None = own
                where = "this file"
            else:
                if not path.lower().endswith(_MARKDOWN):
                    continue
                target = resolve(path, ctx.file_path, ctx.root)
                if target is None or not target.is_file():
                    continue  # RW901 reports missing files
                anchors = anchors_in_file(target, style, site)
                where = path
            if anchors is None or fragment.lower() in anchors:
                continue
            near = _nearest(fragment.lower(), anchors)
            hint = f" (did you mean '#{near}'?)" if near else ""
            ctx.report(link.line, f"anchor '#{fragment}' does not exist in {where}{hint}: "
                                  "link to an existing heading",
                       column=link.column)


def _nearest(fragment: str, anchors: frozenset[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    return match[0] if match else None
