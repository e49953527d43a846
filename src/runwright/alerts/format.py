"""Output of ``alerts check``: text for people, JSON for tools (pure functions of the report)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from runwright.alerts.check import AlertResult, CheckReport

_LABELS = {
    "ok": "ok", "missing": "no runbook link", "todo": "TODO link", "templated":
    "templated link, not checked", "unmapped": "URL not under a mapped base, not checked",
    "broken": "link does not resolve", "bad-anchor": "anchor not found",
}


def shown(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd())
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


def _target(r: AlertResult) -> str:
    res = r.resolution
    if res.path is None:
        return ""
    return shown(res.path) + (f"#{res.anchor}" if res.anchor else "")


def render_text(report: CheckReport, verbose: bool = False) -> str:
    lines: list[str] = []
    for r in report.results:
        status = r.resolution.status
        if status == "ok" and not verbose:
            continue
        a = r.alert
        sev = f" ({a.severity})" if a.severity else ""
        head = f"{a.file}:{a.line}: {a.name}{sev}: {_LABELS[status]}"
        if status == "ok":
            lines.append(f"{head} -> {_target(r)}")
            continue
        detail = r.resolution.detail
        lines.append(f"{head}" + (f": {detail}" if detail and status != "missing" else ""))
        if r.suggestion is not None:
            lines.append(f"  a runbook is named after it: {shown(r.suggestion)}")
        if r.close is not None:
            lines.append(f"  did you mean {shown(r.close)}?")
    for o in report.orphans:
        if o.maybe:
            lines.append(f"{shown(o.path)}: incident runbook that no alert points to, unless "
                         f"the templated link of {', '.join(o.maybe)} names it (uncertain)")
        else:
            lines.append(f"{shown(o.path)}: incident runbook that no alert points to")
    c = report.counts
    total = len(report.results)
    parts = [f"{c.get(s, 0)} {s}" for s in _LABELS if c.get(s, 0) or s == "ok"]
    summary = f"{total} alert(s): " + ", ".join(parts)
    if report.runbooks is not None:
        summary += f"; {len(report.orphans)} orphan runbook(s) in {shown(report.runbooks)}"
        if report.orphans and not report.fail_on_orphans:
            summary += " (reported, not failing: --fail-on-orphans to fail on them)"
    else:
        summary += "; orphan runbooks not checked (no runbook folder: give --runbooks DIR)"
    if report.errors:
        summary += f"; {len(report.errors)} rule file(s) could not be read"
    lines.append(summary)
    return "\n".join(lines)


def to_dict(report: CheckReport) -> dict[str, Any]:
    alerts = []
    for r in report.results:
        a, res = r.alert, r.resolution
        alerts.append({
            "name": a.name, "file": a.file, "line": a.line, "group": a.group,
            "severity": a.severity, "link": a.link, "status": res.status,
            "problem": r.problem, "runbook": shown(res.path) if res.path else None,
            "anchor": res.anchor, "detail": res.detail,
            "suggestion": shown(r.suggestion) if r.suggestion else None,
            "did_you_mean": shown(r.close) if r.close else None,
        })
    return {
        "alerts": alerts,
        "orphans": [{"path": shown(o.path), "title": o.title, "uncertain": bool(o.maybe),
                     "templated_by": list(o.maybe)} for o in report.orphans],
        "errors": [{"file": e.file, "line": e.line, "message": e.message}
                   for e in report.errors],
        "runbooks": shown(report.runbooks) if report.runbooks else None,
        "summary": {"alerts": len(report.results), **dict(report.counts),
                    "orphans": len(report.orphans), "errors": len(report.errors),
                    "fail_on_orphans": report.fail_on_orphans, "failed": report.failed},
    }


def render_json(report: CheckReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)
