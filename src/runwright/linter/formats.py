"""Output formats: pure functions from the list of findings to text.

* ``text``: ``path:line:col: RW101 [error] message (name)`` and a summary line;
* ``json``: a list of ``{path, line, column, rule, name, severity, message}`` (the contract);
* ``sarif``: SARIF 2.1.0, one run, every rule in ``tool.driver.rules``;
* ``github``: workflow commands that GitHub Actions turns into annotations;
* ``--statistics``: findings counted per rule, as text or JSON.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from operator import attrgetter
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from runwright.linter.finding import Finding

if TYPE_CHECKING:
    from runwright.linter.rule import Rule

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS_URL = "https://github.com/runwright/runwright/blob/main/docs/rules.md"
_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def rule_url(rule_id: str, name: str) -> str:
    """The rule's entry in docs/rules.md (SARIF's helpUri, the editor's diagnostic link)."""
    return f"{DOCS_URL}#{rule_id.lower()}-{name}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(findings: Sequence[Finding], files: int, fixed: int = 0, known: int = 0) -> str:
    """One line: how many problems of each severity, in how many files, and fixable ones;
    ``known``: findings the baseline held back."""
    parts = []
    if fixed:
        parts.append(f"Fixed {plural(fixed, 'problem')}. ")
    held = f"; {plural(known, 'known problem')} in the baseline" if known else ""
    if not findings:
        return "".join(parts) + f"All checks passed ({plural(files, 'file')}{held})."
    # C-level passes over the fields (a warm run may summarise tens of thousands)
    counts = Counter(map(attrgetter("severity"), findings))
    detail = ", ".join(plural(counts[s], s) if s != "info" else f"{counts[s]} info"
                       for s in ("error", "warning", "info") if counts[s])
    affected = len(set(map(attrgetter("path"), findings)))
    parts.append(f"Found {plural(len(findings), 'problem')} ({detail}) in "
                 f"{affected} of {plural(files, 'file')}{held}.")
    fixable = len(findings) - list(map(attrgetter("fix"), findings)).count(None)
    if fixable:
        parts.append(f" {fixable} fixable with --fix.")
    return "".join(parts)


def text(findings: Sequence[Finding], files: int, color: bool = False, fixed: int = 0,
         known: int = 0) -> str:
    """Human-readable lines, then the summary line."""
    import click

    if color:
        lines = []
        for f in findings:
            sev = click.style(f"[{f.severity}]", fg=_COLORS[f.severity],
                              bold=f.severity == "error")
            lines.append(f"{f.path}:{f.line}:{f.column}: {click.style(f.rule, bold=True)} {sev} "
                         f"{f.message} ({f.name}){' [*]' if f.fix is not None else ''}")
    else:  # thousands of lines on a warm run: unpacked, without a call per line
        lines = [f"{path}:{line}:{col}: {rule} [{sev}] {message} ({name})"
                 f"{'' if fix is None else ' [*]'}"
                 for path, line, col, rule, name, sev, message, fix in findings]
    line = summary(findings, files, fixed, known)
    if color:
        line = click.style(line, fg="red" if any(f.severity == "error" for f in findings)
                           else "green" if not findings else "yellow", bold=True)
    if lines:
        lines.append("")
    lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class RuleCount:
    """One line of ``--statistics``: a rule, how many findings it has, how many ``--fix``
    fixes."""

    rule: str
    name: str
    count: int
    fixable: int


def statistics(findings: Sequence[Finding], rules: Sequence[type[Rule]]) -> list[RuleCount]:
    """Findings counted per rule, most first (then by ID)."""
    names = {r.id: r.name for r in rules}
    counts = Counter(map(attrgetter("rule"), findings))
    fixable = Counter(f.rule for f in findings if f.fix is not None)
    seen = {f.rule: f.name for f in findings}
    return sorted((RuleCount(rid, names.get(rid, seen[rid]), n, fixable[rid])
                   for rid, n in counts.items()), key=lambda r: (-r.count, r.rule))


def statistics_text(rows: Sequence[RuleCount], hidden: int = 0) -> str:
    """``count  RULE  [*] name`` lines (``[*]``: ``--fix`` fixes them), as ruff prints them,
    then a total."""
    if not rows:
        return "No problems." + (f" {plural(hidden, 'known problem')} in the baseline."
                                 if hidden else "")
    width = len(str(rows[0].count))
    lines = [f"{r.count:>{width}}\t{r.rule}\t{'[*]' if r.fixable else '[ ]'} {r.name}"
             + (f" ({r.fixable} fixable)" if 0 < r.fixable < r.count else "")
             for r in rows]
    total = sum(r.count for r in rows)
    fixable = sum(r.fixable for r in rows)
    tail = f"{plural(total, 'problem')}, {plural(len(rows), 'rule')}"
    if fixable:
        tail += f"; {fixable} fixable with --fix"
    if hidden:
        tail += f"; {plural(hidden, 'known problem')} in the baseline"
    return "\n".join([*lines, "", tail + "."])


def statistics_json(rows: Sequence[RuleCount]) -> str:
    """A list of ``{rule, name, count, fixable}`` (``fixable``: how many ``--fix`` fixes)."""
    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)


def to_json(findings: Sequence[Finding]) -> str:
    """The JSON contract: a list of objects with exactly the documented keys."""
    return json.dumps([
        {"path": f.path, "line": f.line, "column": f.column, "rule": f.rule, "name": f.name,
         "severity": f.severity, "message": f.message}
        for f in findings], ensure_ascii=False, indent=2)


def _uri(path: str) -> str:
    # The raw bytes of a file name that is not valid UTF-8 are percent-encoded as they are.
    return quote(PurePath(path).as_posix().encode("utf-8", "surrogateescape"))


_ERROR_AT = re.compile(r"^(?P<path>[^\n]+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?P<text>.*)$",
                       re.S)


def error_location(message: str) -> tuple[str | None, int | None, str]:
    """(file, line, text) of an input error message "path[:line[:col]]: text"."""
    m = _ERROR_AT.match(message)
    if m is None:
        return None, None, message
    line = m.group("line")
    return m.group("path"), int(line) if line else None, m.group("text")


def sarif(findings: Sequence[Finding], rules: Sequence[type[Rule]], version: str,
          errors: Sequence[str] = ()) -> str:
    """A SARIF 2.1.0 log with one run; ``errors`` (files that could not be read) become
    tool execution notifications and mark the run as not successful."""
    index = {r.id: i for i, r in enumerate(rules)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    driver = {
        "name": "runwright",
        "version": version,
        "informationUri": "https://github.com/runwright/runwright",
        "rules": [{
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "helpUri": rule_url(r.id, r.name),
            "defaultConfiguration": {"level": level[r.severity],
                                     "enabled": bool(r.enabled_by_default)},
        } for r in rules],
    }
    results = []
    for f in findings:
        result: dict[str, object] = {
            "ruleId": f.rule,
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column},
            }}],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    notifications = []
    for message in errors:
        path, line, _text = error_location(message)
        note: dict[str, object] = {"level": "error", "message": {"text": message},
                                   "descriptor": {"id": "input-error"}}
        if path is not None:
            region = {"region": {"startLine": line}} if line else {}
            note["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}, **region}}]
        notifications.append(note)
    run: dict[str, object] = {"tool": {"driver": driver}, "results": results,
                              "columnKind": "unicodeCodePoints"}
    if notifications:
        run["invocations"] = [{"executionSuccessful": False,
                               "toolExecutionNotifications": notifications}]
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], errors: Sequence[str] = ()) -> str:
    """``::error file=…,line=…,col=…,title=RW101::message`` lines (info becomes notice);
    a file that could not be read is an ``::error`` annotation of its own."""
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for message in errors:
        path, line, _text = error_location(message)
        where = "" if path is None else \
            f" file={_escape_property(PurePath(path).as_posix())}" + \
            (f",line={line}" if line else "") + ",title=unreadable runbook"
        out.append(f"::error{where}::{_escape_data(message)}")
    out.extend(
        f"::{kind[f.severity]} file={_escape_property(PurePath(f.path).as_posix())},"
        f"line={f.line},col={f.column},title={f.rule}::"
        f"{_escape_data(f'{f.message} ({f.name})')}"
        for f in findings)
    return "\n".join(out)
