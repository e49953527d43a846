"""Editor features as functions of a document's text: no protocol, no I/O beyond the config.

Lines and columns here are the model's (1-based); the server converts them to LSP positions
(0-based). Everything is computed from :func:`runwright.parser.parse` and the lint engine
(:func:`runwright.linter.engine.run_rules` with the same :class:`Settings` as ``runwright
lint``), so the editor says what the CLI says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from runwright.linter.finding import Edit, Finding
from runwright.linter.formats import rule_url
from runwright.linter.settings import Settings
from runwright.model import SHELL_LANGUAGES, CodeBlock, Runbook
from runwright.names import SECTION_NAMES, preferred_section_name

#: What each fence attribute means (hover, completion documentation); docs/format.md.
ATTRIBUTE_DOCS: dict[str, str] = {
    "id": "`id=NAME`: the step's stable name (for `--from`, `confirm` and the journal).",
    "confirm": "`confirm`: destructive; the operator must type the step id before it runs.",
    "timeout": "`timeout=60s`: the step fails when it runs longer (s, m, h).",
    "watch": "`watch`: long-running (`-w`, `logs -f`); Ctrl-C or the timeout ends the step, "
             "not the run.",
    "mutating": "`mutating`: the block changes something; never run by `runwright test`.",
    "readonly": "`readonly`: the block only reads; `runwright test` may run it unattended.",
    "cwd": "`cwd=DIR`: the directory the block runs in.",
    "capture": "`capture=NAME`: the block's standard output becomes variable NAME for later "
               "steps.",
    "skip-test": "`skip-test`: `runwright test` skips this block.",
    "interactive": "`interactive`: the block needs a terminal (a prompt, a pager, a REPL); "
                   "run in the operator's terminal.",
    "manual": "`manual`: the step is done by hand; runwright shows it and asks.",
    "exit": "`exit=N` (or `exit=0|3`): the exit statuses that count as success.",
    "on": "`on=PATTERN`: run the block on the Ansible inventory's hosts that match (a group, "
          "a host, `web:&production`).",
    "serial": "`serial=N` or `serial=N%`: hosts per batch of a fleet step (default: all).",
    "max_fail": "`max_fail=N` or `max_fail=N%`: failed hosts a fleet step tolerates before "
                "the rollout stops (default 0).",
    "become": "`become`: a fleet step runs with privilege escalation through Ansible "
              "(instead of `sudo` in the text).",
}
#: Values offered after ``key=``.
ATTRIBUTE_VALUES: dict[str, tuple[str, ...]] = {
    "timeout": ("30s", "60s", "5m", "15m", "1h"),
    "exit": ("0", "1", "0|1"),
    "cwd": (".",),
}
#: Front-matter keys runwright reads (docs/format.md).
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "The runbook's title when it has no H1.",
    "owner": "The team or person responsible (`@team`).",
    "last_updated": "Date of the last review (YYYY-MM-DD).",
    "review_interval": "How often to review it (`90d`, `6 months`).",
    "estimated_time": "How long it takes (`15-30 minutes`).",
    "frequency": "How often it runs (daily, weekly, on demand, every release).",
    "kind": "deployment, incident, maintenance or generic.",
    "alerts": "The Prometheus alerts this runbook answers.",
    "tags": "Words for the catalogue and `find`.",
    "variables": "Inputs of the steps: description, default, pattern, choices, secret.",
    "lang": "The runbook's language (fr or en).",
    "profile": "The lint profile for this file.",
}
MARKS = ("confirm", "readonly", "interactive")
_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_WORD_AT = re.compile(r"[A-Za-z0-9_-]+")
_STEP_WORD = {"fr": "Étape", "en": "Step"}


@dataclass(frozen=True)
class Analysis:
    """One version of a document: its model and its findings."""

    runbook: Runbook
    findings: list[Finding]


def analyse(text: str, settings: Settings, path: str, file_path: Path | None,
            today: dt.date | None = None) -> Analysis:
    """Parse and lint ``text`` as ``runwright lint`` would lint the file."""
    from runwright.linter.engine import parse_and_lint

    return Analysis(*parse_and_lint(text, settings, path, today, file_path))


def rule_summary(rule_id: str) -> str | None:
    from runwright.linter import registry

    rule = registry.lookup(rule_id)
    return None if rule is None else f"{rule.id} {rule.name}: {rule.summary}"


# -- code actions ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Action:
    title: str
    kind: str  # "quickfix" or "refactor"
    edits: tuple[Edit, ...]
    finding: Finding | None = None
    preferred: bool = False


def block_at(runbook: Runbook, line: int) -> CodeBlock | None:
    for block in runbook.code_blocks:
        if block.line <= line <= block.end_line:
            return block
    return None


def _mark(runbook: Runbook, block: CodeBlock, mark: str) -> Edit | None:
    """The opening fence with ``mark`` added to its ``{...}`` attributes (None: present)."""
    if not block.fenced or mark in block.attributes:
        return None
    fence = runbook.lines[block.line - 1]
    if "{" in fence and fence.rstrip().endswith("}"):
        stripped = fence.rstrip()
        inner = stripped[stripped.rindex("{") + 1:-1].strip()
        new = stripped[:stripped.rindex("{")] + "{" + (f"{inner} {mark}" if inner else mark) + "}"
    else:
        new = f"{fence.rstrip()} {{{mark}}}"
        if not block.language:  # a bare fence: the attribute needs a language before it
            new = fence.rstrip() + f"bash {{{mark}}}"
    opposite = {"readonly": "mutating", "mutating": "readonly"}.get(mark)
    if opposite and opposite in block.attributes:
        new = re.sub(rf"(?<=[{{\s]){opposite}(?=[\s}}])\s?", "", new).replace("{ ", "{")
    return Edit(block.line, block.line, (new,))


def code_actions(analysis: Analysis, first: int, last: int) -> list[Action]:
    """Actions for lines ``first``..``last``: the fixes and disables of the findings there,
    then the marks of the code block there."""
    runbook = analysis.runbook
    actions: list[Action] = []
    lines = runbook.lines
    for finding in analysis.findings:
        if not first <= finding.line <= last:
            continue
        if finding.fix is not None and finding.fix.edits and all(b.closed
                                                                 for b in runbook.code_blocks):
            actions.append(Action(f"Fix {finding.rule}: {finding.fix.description}", "quickfix",
                                  finding.fix.edits, finding, preferred=True))
        target = finding.line
        block = block_at(runbook, target)
        if block is not None and block.fenced:
            target = block.line  # a comment inside a fence is code: put it before the fence
        indent = re.match(r"\s*", lines[target - 1] if target <= len(lines) else "")
        comment = f"{indent.group(0) if indent else ''}<!-- runwright-disable-next-line " \
                  f"{finding.rule} -->"
        actions.append(Action(f"Disable {finding.rule} ({finding.name}) for the next line",
                              "quickfix", (Edit(target, target - 1, (comment,)),), finding))
    block = block_at(runbook, first)
    if block is not None:
        for mark in MARKS:
            edit = _mark(runbook, block, mark)
            if edit is not None:
                actions.append(Action(f"Mark this block {{{mark}}}", "refactor", (edit,)))
    return actions


# -- completion -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Completion:
    label: str
    kind: str  # "section", "step", "attribute", "value", "variable", "key"
    insert: str
    detail: str = ""
    documentation: str = ""


def _language(runbook: Runbook, settings: Settings) -> str:
    return runbook.language or settings.config.language or "en"


def _in_front_matter(runbook: Runbook, line: int, lines: list[str]) -> bool:
    if runbook.front_matter_lines is not None:
        start, end = runbook.front_matter_lines
        return start < line < end
    # While it is being written the front matter may not parse yet: a leading '---'.
    if not lines or lines[0].strip() != "---":
        return False
    return all(lines[i].strip() != "---" for i in range(1, line - 1))


def completions(analysis: Analysis, settings: Settings, line: int, column: int,
                text_lines: list[str]) -> list[Completion]:
    """What may be typed at ``line``/``column`` (1-based; the column after the cursor)."""
    runbook = analysis.runbook
    current = text_lines[line - 1] if line <= len(text_lines) else ""
    before = current[:column - 1]
    lang = _language(runbook, settings)
    if _in_front_matter(runbook, line, text_lines):
        if re.fullmatch(r"[A-Za-z_]*", before):
            # Read from the lines: front matter being typed may not parse as YAML yet.
            present = set(runbook.front_matter) | {
                m.group(1) for t in text_lines[1:line - 1] + text_lines[line:]
                if (m := re.match(r"([A-Za-z_]+):", t))}
            return [Completion(k, "key", f"{k}: ", documentation=doc)
                    for k, doc in FRONT_MATTER_KEYS.items() if k not in present]
        return []
    fence = re.match(r"^(\s*)(`{3,}|~{3,})([\w+-]*)\s*(\{[^}]*)?$", before)
    block = block_at(runbook, line)
    if fence and fence.group(4) is not None and (block is None or block.line == line):
        inside = fence.group(4)[1:]
        value = re.search(r"([\w-]+)=([^\s}]*)$", inside)
        if value:
            return [Completion(v, "value", v, detail=value.group(1))
                    for v in ATTRIBUTE_VALUES.get(value.group(1), ())]
        if value is None and re.search(r"capture=$", inside):
            return []
        present = set(re.findall(r"[\w-]+", inside))
        return [Completion(name, "attribute", name + ("=" if name in ATTRIBUTE_VALUES
                                                      or name in ("id", "capture") else ""),
                           documentation=doc)
                for name, doc in ATTRIBUTE_DOCS.items() if name not in present]
    if block is not None and block.line < line < block.end_line + (0 if block.closed else 1):
        if (block.language or "") in SHELL_LANGUAGES and re.search(r"\$\{?[A-Za-z_]*$", before):
            return [Completion(name, "variable", name, detail=detail, documentation=doc)
                    for name, (detail, doc) in declared_variables(runbook, line).items()]
        return []
    heading = re.fullmatch(r"(#{2,3})\s*\S*", before)
    if heading and len(heading.group(1)) == 2:
        present = {s.canonical for s in runbook.sections if s.canonical}
        plan = settings.plan_for(runbook, runbook.path)
        wanted = [c for c in plan.profile.sections if c in SECTION_NAMES]
        others = [c for c in SECTION_NAMES if c not in wanted]
        return [Completion(preferred_section_name(c, "fr" if lang == "fr" else "en"),
                           "section", preferred_section_name(c, "fr" if lang == "fr" else "en"),
                           detail=("required by profile " + plan.profile.name)
                           if c in wanted else "section")
                for c in wanted + others if c not in present]
    if heading:
        number = next_step_number(runbook, line)
        word = _STEP_WORD["fr" if lang == "fr" else "en"]
        label = f"{word} {number}: "
        return [Completion(label, "step", label, detail="next step")]
    return []


def next_step_number(runbook: Runbook, line: int) -> int:
    """The number of a step written at ``line``: one more than the step before it."""
    before = [s.number for s in runbook.steps if s.line < line and s.number is not None]
    return (max(before) if before else 0) + 1


def declared_variables(runbook: Runbook, line: int) -> dict[str, tuple[str, str]]:
    """Variables a block at ``line`` may read: declared in front matter, or captured by an
    earlier block. name -> (detail, documentation)."""
    out: dict[str, tuple[str, str]] = {}
    for var in runbook.variables:
        doc = var.description or ""
        if var.default is not None and not var.secret:
            doc += f"\n\ndefault: `{var.default}`"
        out[var.name] = ("secret variable" if var.secret else "variable", doc.strip())
    for block in runbook.code_blocks:
        name = block.attributes.get("capture")
        if isinstance(name, str) and block.line < line and name not in out:
            out[name] = ("captured", f"standard output of the block at line {block.line}")
    return out


# -- hover, symbols, definition ---------------------------------------------------------------

def _word_at(text: str, column: int) -> tuple[str, int, int] | None:
    for match in _WORD_AT.finditer(text):
        if match.start() <= column - 1 <= match.end():
            return match.group(0), match.start() + 1, match.end() + 1
    return None


def hover(analysis: Analysis, line: int, column: int) -> str | None:
    """Markdown for what is under the cursor: a fence attribute, a variable, a finding."""
    runbook = analysis.runbook
    lines = runbook.lines
    if line > len(lines):
        return None
    text = lines[line - 1]
    parts: list[str] = []
    block = block_at(runbook, line)
    word = _word_at(text, column)
    if block is not None and block.line == line and word and "{" in text[:word[1]]:
        doc = ATTRIBUTE_DOCS.get(word[0])
        if doc:
            parts.append(doc)
    variable = variable_at(text, column)
    if variable is not None:
        target = definition(runbook, line, column)
        var = runbook.variable(variable)
        if var is not None:
            bits = [f"**${var.name}**" + (" (secret)" if var.secret else "")]
            if var.description:
                bits.append(var.description)
            if var.default is not None and not var.secret:
                bits.append(f"default: `{var.default}`")
            if var.choices:
                bits.append("choices: " + ", ".join(f"`{c}`" for c in var.choices))
            parts.append("\n\n".join(bits))
        elif target is not None:
            parts.append(f"**${variable}**: captured by the block at line {target}")
    for finding in analysis.findings:
        if finding.line == line:
            summary = rule_summary(finding.rule) or finding.rule
            parts.append(f"[{finding.rule}]({rule_url(finding.rule, finding.name)}) "
                         f"{summary.split(': ', 1)[-1]}")
    return "\n\n---\n\n".join(parts) or None


def variable_at(text: str, column: int) -> str | None:
    for match in _VAR.finditer(text):
        if match.start() <= column - 1 <= match.end():
            return match.group(1)
    return None


def definition(runbook: Runbook, line: int, column: int) -> int | None:
    """The line that defines what is under the cursor: a variable's declaration in front
    matter or the block that captures it; a rollback case's step."""
    lines = runbook.lines
    text = lines[line - 1] if line <= len(lines) else ""
    name = variable_at(text, column)
    if name is not None:
        var = runbook.variable(name)
        if var is not None:
            return var.line
        captured = [b for b in runbook.code_blocks
                    if b.attributes.get("capture") == name and b.line < line]
        return captured[-1].line if captured else None
    for case in runbook.rollback:
        if case.line == line and case.step is not None:
            step = runbook.step(case.step)
            return step.line if step is not None else None
    return None


@dataclass(frozen=True)
class Symbol:
    name: str
    kind: str  # "section" or "step"
    line: int
    end_line: int
    children: tuple[Symbol, ...] = ()


def symbols(runbook: Runbook) -> list[Symbol]:
    """H2 sections with the steps inside them (other headings as sections of their level)."""
    steps = list(runbook.steps)
    out: list[Symbol] = []
    for section in runbook.sections:
        if section.level > 2:
            continue
        inner = tuple(Symbol(s.title if s.number is None else
                             f"{s.number_text or s.number}. {s.title}", "step", s.line,
                             s.end_line)
                      for s in steps if section.line < s.line <= section.end_line)
        out.append(Symbol(section.title, "section", section.line, section.end_line, inner))
    return out
