"""``runwright show``: the document model as a stable JSON contract or a readable outline.

The JSON contract (one object per file, documented in docs/show-json.md):
``path, title, kind, language, metadata, prerequisites, steps, verification, rollback,
troubleshooting, contacts, variables, sections, problems``. Lines are 1-based.
"""

from __future__ import annotations

from typing import Any

from runwright.model import ChecklistItem, CodeBlock, Runbook

SCHEMA_VERSION = 1


def _command(block: CodeBlock) -> dict[str, Any]:
    return {
        "language": block.language,
        "code": block.code,
        "line": block.line,
        "attributes": dict(block.attributes),
    }


def _item(item: ChecklistItem, with_checked: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"text": item.text}
    if with_checked:
        out["checked"] = item.checked
    out["line"] = item.line
    out["is_task"] = item.is_task
    if item.commands:
        out["commands"] = [_command(c) for c in item.commands]
    return out


def to_dict(rb: Runbook) -> dict[str, Any]:
    """The JSON-ready contract for one runbook."""
    md = rb.metadata
    metadata: dict[str, Any] = {
        "last_updated": md.last_updated.isoformat() if md.last_updated else None,
        "owner": md.owner,
        "estimated_time": md.estimated_time,
        "frequency": md.frequency,
    }
    known = {"last_updated", "owner", "estimated_time", "frequency"}
    for f in md.fields:
        if f.name not in known and f.name not in metadata:
            metadata[f.name] = f.value
    last_field = md.field("last_updated")
    metadata["parsed"] = {
        "last_updated_raw": last_field.value if last_field is not None else None,
        "owners": list(md.owners),
        "estimated_minutes": (
            {"low": md.duration.low, "high": md.duration.high} if md.duration else None
        ),
        "frequency_key": md.frequency_key,
        "review_interval_days": md.review_interval_days,
    }
    contacts: dict[str, Any] = {"on_call": None, "escalation": None}
    for c in rb.contacts:
        if contacts.get(c.role) is None:
            contacts[c.role] = c.value
    return {
        "path": rb.path,
        "title": rb.title,
        "kind": rb.kind,
        "language": rb.language,
        "metadata": metadata,
        "prerequisites": [_item(i) for i in rb.prerequisites],
        "steps": [
            {
                "number": s.number,
                "title": s.title,
                "line": s.line,
                "commands": [_command(c) for c in s.commands],
                "expected_result": s.expected_result,
                "expectations": [
                    {
                        "line": e.line,
                        "lines": [{"text": x.text, "regex": x.regex, "line": x.line}
                                  for x in e.lines],
                        "exit": e.exit_statuses[0] if e.exit_statuses else 0,
                        "exits": list(e.exit_statuses or (0,)),
                        "command_index": e.command_index,
                    }
                    for e in s.expectations
                ],
                "manual": s.manual,
            }
            for s in rb.steps
        ],
        "verification": [_item(i, with_checked=False) for i in rb.verification],
        "rollback": [
            {"step": r.step, "title": r.title, "line": r.line,
             "commands": [_command(c) for c in r.commands]}
            for r in rb.rollback
        ],
        "troubleshooting": [
            {"error": t.error, "cause": t.cause, "solution": t.solution, "line": t.line,
             "commands": [_command(c) for c in t.commands]}
            for t in rb.troubleshooting
        ],
        "contacts": contacts,
        "variables": [
            {"name": v.name, "description": v.description, "default": v.default,
             "pattern": v.pattern, "choices": list(v.choices), "secret": v.secret,
             "line": v.line}
            for v in rb.variables
        ],
        "sections": [
            {"title": s.title, "level": s.level, "line": s.line, "canonical": s.canonical,
             "anchor": s.anchor}
            for s in rb.sections
        ],
        "problems": [{"line": p.line, "message": p.message} for p in rb.problems],
    }


def render_text(rb: Runbook) -> str:
    """A readable outline of one runbook."""
    md = rb.metadata
    out: list[str] = []
    out.append(f"{rb.path}")
    out.append(f"  title     {rb.title or '(none)'}")
    out.append(f"  kind      {rb.kind}   language {rb.language or '?'}")
    out.append(f"  updated   {md.last_updated.isoformat() if md.last_updated else '?'}"
               f"   owner {md.owner or '?'}")
    out.append(f"  time      {md.estimated_time or '?'}   frequency {md.frequency or '?'}")
    if rb.variables:
        out.append("  variables " + ", ".join(
            v.name + (" (secret)" if v.secret else "") for v in rb.variables))
    if rb.prerequisites:
        out.append(f"  prerequisites ({len(rb.prerequisites)})")
        for p in rb.prerequisites:
            box = "[x]" if p.checked else "[ ]" if p.is_task else " - "
            out.append(f"    {box} {p.text}")
    if rb.steps:
        out.append(f"  steps ({len(rb.steps)})")
        for s in rb.steps:
            num = str(s.number) if s.number is not None else (s.number_text or "-")
            extra = []
            if s.commands:
                extra.append(f"{len(s.commands)} command block(s)")
            if s.expectations:
                extra.append(f"{len(s.expectations)} expect")
            if s.manual:
                extra.append("manual")
            if s.expected_result is None:
                extra.append("no expected result")
            detail = ", ".join(extra) or "no commands"
            out.append(f"    {num:>3}. {s.title}  (line {s.line}; {detail})")
    if rb.verification:
        out.append(f"  verification ({len(rb.verification)})")
        for v in rb.verification:
            out.append(f"    [ ] {v.text}")
    if rb.rollback:
        out.append(f"  rollback ({len(rb.rollback)})")
        for r in rb.rollback:
            target = f"step {r.step}" if r.step is not None else "any failure"
            out.append(f"    - {r.title} ({target}; {len(r.commands)} command block(s))")
    if rb.troubleshooting:
        out.append(f"  troubleshooting ({len(rb.troubleshooting)})")
        for t in rb.troubleshooting:
            out.append(f"    - {t.error or t.title}")
    if rb.contacts:
        out.append("  contacts")
        for c in rb.contacts:
            out.append(f"    {c.label}: {c.value}")
    if not rb.steps and rb.sections:
        out.append("  sections")
        for sec in rb.sections:
            out.append(f"    {'  ' * (sec.level - 1)}{sec.title}")
    for problem in rb.problems:
        out.append(f"  problem   line {problem.line}: {problem.message}")
    return "\n".join(out)
