"""The client-side search index, built with the site and shipped as a JavaScript file.

A JavaScript file rather than JSON so that search works when the site is opened from
``file://`` (where browsers refuse ``fetch``). Each runbook contributes its title, category
and owners, its headings, its troubleshooting errors and its commands, each with the anchor to
jump to.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from runwright.model import CodeBlock, Runbook
from runwright.site.collect import SitePage
from runwright.site.commands import block_kind, copy_text

MAX_COMMAND = 200  # characters kept per command line
MAX_COMMANDS = 60  # command lines kept per runbook


def _anchor_at(rb: Runbook, line: int) -> str:
    """The anchor of the heading at ``line``, else of the nearest heading above it."""
    best = ""
    for s in rb.sections:
        if s.line <= line and s.anchor:
            best = s.anchor
        if s.line > line:
            break
    return best


def _command_lines(blocks: Sequence[CodeBlock]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if block_kind(b.language) not in ("command", "transcript"):
            continue
        for line in copy_text(b.code, b.language).split("\n"):
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line[:MAX_COMMAND])
    return out


def entry(page: SitePage) -> dict[str, Any]:
    rb = page.entry.runbook
    assert rb is not None
    info = rb.section("information")
    headings = [[s.title, s.anchor] for s in rb.sections if s.level > 1 and s.anchor
                and not (info is not None and info.line <= s.line <= info.end_line)]
    errors = [[t.error or t.title, _anchor_at(rb, t.line)] for t in rb.troubleshooting]
    commands: list[list[str]] = []
    seen: set[str] = set()
    for b in rb.code_blocks:
        for line in _command_lines([b]):
            if line not in seen and len(commands) < MAX_COMMANDS:
                seen.add(line)
                commands.append([line, _anchor_at(rb, b.line)])
    owners = " ".join(rb.metadata.owners or ((rb.metadata.owner,) if rb.metadata.owner else ()))
    return {"t": page.entry.title, "u": page.page, "c": page.entry.category, "o": owners,
            "h": headings, "e": errors, "k": commands}


def index_script(pages: Sequence[SitePage]) -> str:
    """``window.RUNWRIGHT_SEARCH = [...]``: the index as a script."""
    data = json.dumps([entry(p) for p in pages], ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.RUNWRIGHT_SEARCH={data};\n"
