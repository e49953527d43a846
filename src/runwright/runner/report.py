"""Run listings (``runwright runs``) and timelines (``runwright report``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from runwright.config import Config
from runwright.errors import UsageError
from runwright.runner import failures
from runwright.runner.journal import (
    EventRow,
    Journal,
    RunRow,
    count_steps,
    journal_location,
    relative_runbook,
)
from runwright.runner.session import NOT_KEPT


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


def text(value: object) -> str:
    """A journalled value as a reader writes it: never a Python repr (``None``, ``True``,
    ``['a']``, ``{'k': 1}``)."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k}={text(v)}" for k, v in value.items()) or "-"
    if isinstance(value, list | tuple | set):
        return ", ".join(text(v) for v in value) or "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def code_span(value: str) -> str:
    """``value`` as one Markdown code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or longest else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def code_block(value: str, info: str = "") -> list[str]:
    """``value`` as a fenced code block (the fence longer than any backtick run inside)."""
    longest = max((len(run) for run in re.findall(r"`{3,}", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", value.rstrip("\n"), fence]


def _where(e: EventRow, kind: str, data: dict[str, Any]) -> str:
    """"step 2, command 1" / "rollback of step 2, command 1" / "verification, command 1"."""
    number = int(data.get("command", 0)) + 1
    if kind == "verify":
        return f"verification command {number}"
    owner = f"step {e.step}" if e.step else "the run"
    prefix = {"rollback": "rollback of ", "recapture": "secret captured again by "}.get(kind, "")
    return f"{prefix}{owner}, command {number}"


def _is_command(e: EventRow) -> bool:
    return e.kind.endswith(("_start", "_end")) and e.kind.rsplit("_", 1)[0] in COMMAND_KINDS


#: Event kinds ``<kind>_start`` / ``<kind>_end`` that journal one shell command.
COMMAND_KINDS = ("command", "rollback", "verify", "recapture")


def _ran(d: dict[str, Any]) -> str:
    if d.get("interrupted"):
        what = "interrupted (Ctrl-C)"
    elif d.get("timed_out"):
        what = "timed out"
    elif d.get("exit_status") is None:
        what = "stopped by runwright"
    else:
        what = f"exit {d['exit_status']}"
    return f"{what} after {text(d.get('duration', 0))}s"


#: The operator's one-letter answers, as words.
_ANSWERS = {
    "prerequisite": {"y": "met", "s": "not met, went on anyway", "q": "not met, quit"},
    "result": {"y": "yes", "n": "no"},
    "rollback": {"y": "run", "n": "not run", "q": "rollback stopped"},
}


def why_it_failed(events: list[EventRow]) -> list[str]:
    """The "Why it failed" section (nothing when nothing failed): per failed step its reason
    and the last lines of its last command's output, then the failed rollback and
    verification commands (see :mod:`runwright.runner.failures`)."""
    failed = failures.failed_commands(events)
    if not failed:
        return []
    lines = ["", "## Why it failed"]
    for item in failed:
        lines += ["", f"- **{item.title}**: {item.outcome}"
                  + (", last lines of output:" if item.lines else ", no output")]
        if item.lines:
            lines += [""] + [f"  {row}".rstrip()
                             for row in code_block("\n".join(item.lines), "text")]
    return lines


def _describe(e: EventRow) -> str:
    """One timeline line for the event (Markdown inline text, no line breaks)."""
    d: dict[str, Any] = e.data
    kind = e.kind
    if kind == "step_start":
        return f"step {e.step} **{text(d.get('title'))}**: {text(d.get('decision'))}"
    if kind == "step_end":
        reason = f" ({text(d['reason'])})" if d.get("reason") else ""
        return f"step {e.step} {text(d.get('status'))}{reason}"
    if kind == "run_end":
        return f"run ended: **{text(d.get('status'))}**"
    if kind == "host_end":
        where = _where(e, str(d.get("phase", "command")), d)
        reason = f" ({text(d['reason'])})" if d.get("reason") else ""
        return (f"{where} on {text(d.get('host'))} (batch {text(d.get('batch'))}): "
                f"{text(d.get('status'))}{reason} after {text(d.get('duration', 0))}s")
    if _is_command(e):
        what, edge = kind.rsplit("_", 1)
        where = _where(e, what, d)
        if edge == "end" and "done" in d:  # a fleet block
            failed = d.get("failed") or []
            return (f"{where}: done on {text(d.get('done'))} host(s), failed on "
                    f"{len(failed)}" + (f" ({text(failed)})" if failed else "")
                    + f", not run on {text(d.get('not_run', 0))}")
        if edge == "end" and "error" in d:
            return f"{where}: {text(d.get('error'))}"
        if edge == "end":
            return f"{where}: {_ran(d)}"
        code = str(d.get("code", "")).strip()
        if "\n" in code:
            return f"{where}: script of {code.count(chr(10)) + 1} lines (below)"
        return f"{where}: {code_span(code)}"
    if kind == "decision":
        return f"operator chose **{text(d.get('choice'))}**"
    if kind == "prerequisite":
        answer = _ANSWERS["prerequisite"].get(str(d.get("answer")), text(d.get("answer")))
        return f"prerequisite \u201c{text(d.get('text'))}\u201d: {answer}"
    if kind == "variables":
        return "variables: " + ", ".join(code_span(f"{k}={text(v)}")
                                         for k, v in dict(d.get("values") or {}).items())
    if kind == "expect":
        return f"expect {'passed' if d.get('passed') else 'failed'}: {text(d.get('detail'))}"
    if kind == "capture" and d.get("kept") == "memory":
        return (f"captured {code_span(text(d.get('name')))}: a secret, kept in memory only "
                "(not journalled)")
    if kind == "capture":
        value = str(d.get("value", ""))
        shown = code_span(value) if value and "\n" not in value else \
            f"{value.count(chr(10)) + 1} lines" if value else "empty"
        return f"captured {code_span(text(d.get('name')))}: {shown}"
    if kind == "result":
        answer = _ANSWERS["result"].get(str(d.get("confirmed")), text(d.get("confirmed")))
        return f"expected result seen: {answer}"
    if kind == "step_failed":
        return f"step {e.step} failed: {text(d.get('reason'))}"
    if kind == "troubleshooting":
        return "troubleshooting shown: " + text(d.get("matched"))
    if kind == "rollback":
        if d.get("case") is None:
            return "rollback: none documented for this step"
        answer = _ANSWERS["rollback"].get(str(d.get("answer")), text(d.get("answer", "run")))
        return f"rollback \u201c{text(d['case'])}\u201d: {answer}"
    if kind == "verification":
        return f"verification \u201c{text(d.get('text'))}\u201d: {text(d.get('result'))}"
    if kind == "resume":
        changed = " (the runbook had changed)" if d.get("changed") else ""
        return (f"resumed at step {e.step} by {text(d.get('operator'))} on "
                f"{text(d.get('host'))}{changed}")
    if kind == "confirmation":
        matched = "typed right" if d.get("confirmed") else "not typed right: not run"
        return f"typed confirmation of the {text(d.get('what'))}: {matched}"
    if kind == "rollback_failed":
        return (f"rollback \u201c{text(d.get('case'))}\u201d failed at command "
                f"{int(d.get('command', 0)) + 1}: the rollback stopped there")
    if kind == "takeover":
        return f"lock taken over: {text(d.get('detail'))}"
    if kind == "error":
        return f"error: {text(d.get('message'))}"
    details = "; ".join(f"{k.replace('_', ' ')}: {text(v)}" for k, v in d.items()
                        if k != "values")
    return kind.replace("_", " ") + (f": {details}" if details else "")


def _interrupted_steps(events: list[EventRow]) -> list[str]:
    """Steps whose latest outcome is "interrupted" (a resumed run may have finished them)."""
    last: dict[int, str] = {}
    for e in events:
        if e.kind == "step_end" and e.step is not None:
            last[e.step] = str(e.data.get("status"))
    return [str(step) for step, status in sorted(last.items()) if status == "interrupted"]


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _commands(events: list[EventRow]) -> list[str]:
    """Every command with its code as a code block, how it ended and its output."""
    lines: list[str] = []
    open_: dict[tuple[str, int | None, object], EventRow] = {}
    hosts: dict[tuple[str, int | None, object], list[EventRow]] = {}
    for e in events:
        if e.kind == "host_end":
            hosts.setdefault((str(e.data.get("phase", "command")), e.step,
                              e.data.get("command")), []).append(e)
            continue
        if not _is_command(e):
            continue
        what, edge = e.kind.rsplit("_", 1)
        key = (what, e.step, e.data.get("command"))
        if edge == "start":
            open_[key] = e
            continue
        started = open_.pop(key, None)
        lines += [f"### {(started or e).at:%H:%M:%S} {_where(e, what, e.data)}", ""]
        if started is not None:
            lines += [*code_block(str(started.data.get("code", "")), "shell"), ""]
        if started is not None and "on" in started.data:
            lines += _host_table(started, hosts.pop(key, []), e)
            if "error" in e.data:
                lines += [text(e.data["error"]), ""]
            continue
        lines += [f"{_ran(e.data).capitalize()}.", ""]
        output = e.data.get("output")
        if output == NOT_KEPT:
            lines += [f"_{NOT_KEPT}_", ""]
        elif output:
            lines += [*code_block(str(output), "text"), ""]
    for key, started in open_.items():  # started, never ended (the process died)
        lines += [f"### {started.at:%H:%M:%S} {_where(started, key[0], started.data)}", "",
                  *code_block(str(started.data.get("code", "")), "shell"), "",
                  "No end recorded (runwright stopped while it ran).", ""]
        if "on" in started.data:
            lines += _host_table(started, hosts.pop(key, []), None)
    return lines


def _host_table(started: EventRow, ends: list[EventRow], end: EventRow | None) -> list[str]:
    """A fleet block: one row per host that reported (host, batch, status, exit status,
    duration), the hosts that never did, then each host's output."""
    on = str(started.data.get("on", ""))
    wanted = [str(h) for h in started.data.get("hosts", []) or []]
    lines = [f"On {code_span(on)}: {len(wanted)} host(s).", "",
             "| Host | Batch | Status | Exit | Duration |", "|---|---|---|---|---|"]
    mine = [e for e in ends if e.id > started.id and (end is None or e.id < end.id)]
    seen = set()
    for e in mine:
        d = e.data
        seen.add(str(d.get("host")))
        status = str(d.get("status", "")) + (f" ({d['reason']})" if d.get("reason") else "")
        lines.append(f"| {_cell(str(d.get('host')))} | {text(d.get('batch', ''))} | "
                     f"{_cell(status)} | {text(d.get('exit_status'))} | "
                     f"{text(d.get('duration', 0))}s |")
    for host in wanted:
        if host not in seen:
            lines.append(f"| {_cell(host)} | | not run | | |")
    lines.append("")
    for e in mine:
        output = e.data.get("output")
        if output:
            lines += [f"#### {e.data.get('host')}", "", *code_block(str(output), "text"), ""]
    return lines


def markdown(run: RunRow, events: list[EventRow]) -> str:
    """The timeline of a run as Markdown (times in UTC): a header, a timeline table, then every
    command as a code block with how it ended and its output."""
    lines = [f"# Run {run.id}: {run.title or run.runbook}", "",
             f"- **Runbook**: {code_span(run.runbook)}",
             f"- **Operator**: {text(run.operator)} on {text(run.host)}",
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
        shown = ", ".join(code_span(f"{k}={'****' if v is None else v}")
                          for k, v in run.variables.items())
        lines.append(f"- **Variables**: {shown}")
    lines += why_it_failed(events)
    lines += ["", "## Timeline", "", "| Time (UTC) | Event |", "|---|---|"]
    for e in events:
        lines.append(f"| {e.at:%H:%M:%S} | {_cell(_describe(e))} |")
    commands = _commands(events)
    if commands:
        lines += ["", "## Commands", "", *commands]
    return "\n".join(lines).rstrip() + "\n"
