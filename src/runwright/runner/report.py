"""Run listings (``runwright runs``) and timelines (``runwright report``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from runwright.config import Config
from runwright.errors import UsageError
from runwright.runner.journal import (
    EventRow,
    Journal,
    RunRow,
    count_steps,
    journal_location,
    relative_runbook,
)


def _open(config: Config) -> Journal | None:
    location = journal_location(config)
    if not location.startswith(("postgresql://", "postgres://")) and \
            not Path(location).is_file():
        return None
    return Journal.open(location)


def list_runs(config: Config, runbook: Path | None, limit: int, fmt: str) -> str:
    journal = _open(config)
    rows: list[RunRow] = []
    counts: dict[str, tuple[int, int]] = {}
    if journal is not None:
        with journal:
            rows = journal.runs(relative_runbook(runbook) if runbook else None, limit)
            counts = {r.id: journal.step_counts(r.id) for r in rows}
    if fmt == "json":
        return json.dumps([{**r.to_dict(), "steps_run": counts[r.id][0],
                            "steps": counts[r.id][1]} for r in rows],
                          indent=2, ensure_ascii=False)
    if not rows:
        return "No runs in the journal."
    header = ("ID", "RUNBOOK", "MODE", "OPERATOR", "HOST", "START", "END", "STATUS", "RAN")
    table = [header] + [(r.id, r.runbook, r.mode, r.operator or "", r.host or "",
                         _short(r.started_at), _short(r.ended_at), r.status,
                         f"{counts[r.id][0]}/{counts[r.id][1]}") for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in table)


def _short(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def report_run(config: Config, run_id: str, fmt: str) -> str:
    journal = _open(config)
    if journal is None:
        raise UsageError("the journal is empty: no run to report")
    with journal:
        run = journal.get_run(run_id)
        if run is None:
            raise UsageError(f"no run {run_id!r} in the journal",
                             hint="list runs with 'runwright runs'")
        events = journal.events(run.id)
    if fmt == "json":
        return json.dumps({"run": run.to_dict(), "events": [e.to_dict() for e in events]},
                          indent=2, ensure_ascii=False)
    return markdown(run, events)


def _describe(e: EventRow) -> str:
    d: dict[str, Any] = e.data
    kind = e.kind
    if kind == "step_start":
        return f"step {e.step} **{d.get('title', '')}** — {d.get('decision', '')}"
    if kind == "step_end":
        reason = f" ({d['reason']})" if d.get("reason") else ""
        return f"step {e.step} {d.get('status')}{reason}"
    if kind == "run_end":
        return f"run ended: **{d.get('status')}**"
    if kind.endswith("_start"):
        return f"{kind.removesuffix('_start')} `{str(d.get('code', '')).strip()[:200]}`"
    if kind.endswith("_end"):
        if d.get("interrupted"):
            what = "interrupted (Ctrl-C)"
        elif d.get("timed_out"):
            what = "timed out"
        else:
            what = f"exit {d.get('exit_status')}"
        return f"{kind.removesuffix('_end')} {what} after {d.get('duration', 0)}s"
    if kind == "decision":
        return f"operator chose **{d.get('choice')}**"
    details = ", ".join(f"{k}: {v}" for k, v in d.items() if k != "values")
    return f"{kind.replace('_', ' ')}" + (f" — {details}" if details else "")


def _interrupted_steps(events: list[EventRow]) -> list[str]:
    """Steps whose latest outcome is "interrupted" (a resumed run may have finished them)."""
    last: dict[int, str] = {}
    for e in events:
        if e.kind == "step_end" and e.step is not None:
            last[e.step] = str(e.data.get("status"))
    return [str(step) for step, status in sorted(last.items()) if status == "interrupted"]


def markdown(run: RunRow, events: list[EventRow]) -> str:
    """The timeline of a run as Markdown (times in UTC)."""
    lines = [f"# Run {run.id}: {run.title or run.runbook}", "",
             f"- **Runbook**: `{run.runbook}`",
             f"- **Operator**: {run.operator or '-'} on {run.host or '-'}",
             f"- **Started**: {run.started_at:%Y-%m-%d %H:%M:%S} UTC",
             "- **Ended**: " + (f"{run.ended_at:%Y-%m-%d %H:%M:%S} UTC" if run.ended_at
                                 else "-"),
             f"- **Status**: {run.status}", f"- **Mode**: {run.mode}"]
    ran, steps = count_steps((e.step, e.data.get("status")) for e in events
                             if e.kind == "step_end")
    if steps:
        lines.append(f"- **Steps**: {ran} of {steps} ran"
                     + (f", {steps - ran} skipped" if ran < steps else ""))
    stopped = _interrupted_steps(events)
    if stopped:
        lines.append(f"- **Interrupted**: step {', '.join(stopped)}")
    if run.variables:
        shown = ", ".join(f"`{k}={'****' if v is None else v}`"
                          for k, v in run.variables.items())
        lines.append(f"- **Variables**: {shown}")
    lines += ["", "## Timeline", "", "| Time (UTC) | Event |", "|---|---|"]
    for e in events:
        text = _describe(e).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {e.at:%H:%M:%S} | {text} |")
    outputs = [e for e in events if e.kind.endswith("_end") and e.data.get("output")]
    if outputs:
        lines += ["", "## Output", ""]
        for e in outputs:
            fence = "````" if "```" in str(e.data["output"]) else "```"
            lines += [f"### {e.at:%H:%M:%S} step {e.step}, {e.kind.removesuffix('_end')} "
                      f"{int(e.data.get('command', 0)) + 1}", "", f"{fence}text",
                      str(e.data["output"]).rstrip("\n"), fence, ""]
    return "\n".join(lines).rstrip() + "\n"
