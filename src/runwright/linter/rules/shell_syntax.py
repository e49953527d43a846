"""RW406 shell-syntax: runnable blocks are valid shell.

## Why

A block that does not parse fails at the worst moment, after the operator has already run
the steps before it. Typical causes: a block that ends in a pipe, ``&&`` or ``\\`` (the rest
of the command was lost in an edit), an unclosed quote, ``if`` without ``fi``, a
here-document without its end marker. The check runs ``bash -n`` (parse only, nothing is
executed) once per file over all its ``bash``/``sh``/``shell`` blocks, each wrapped in its
own function so that one block's error cannot hide another's; results are remembered per
block. Transcripts with prompts are left to RW403, blocks with placeholders to RW404.
Blocks that hold no commands are not checked: a PromQL expression or an SQL statement in a
fence labelled as shell, a MyST directive fence.

## Fails

````markdown
```bash
kubectl get pods -n production |
```
````

## Passes

````markdown
```bash
kubectl get pods -n production | grep -v Running
```
````
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence

from runwright.digest import hexdigest
from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import prompts
from runwright.linter.rules.placeholder import placeholders
from runwright.model import CodeBlock

_CHECKED = frozenset({"bash", "sh", "shell"})
_MESSAGE = re.compile(r"^.*?: line (\d+): (.*)$")
#: block hash -> list of (line offset in block, message); empty when the block parses.
_MEMO: dict[str, tuple[tuple[int, str], ...]] = {}
_MEMO_LIMIT = 50_000


def _key(code: str) -> str:
    return hexdigest(code.encode("utf-8", "surrogatepass"))


def _bash() -> str | None:
    return shutil.which("bash")


def _run_bash_n(script: str) -> list[tuple[int, str]]:
    """``bash -n`` over a script: (line, message) for each error or warning."""
    bash = _bash()
    if bash is None:
        return []
    fd, path = tempfile.mkstemp(prefix="runwright-", suffix=".sh")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(script)
        proc = subprocess.run([bash, "-n", path], capture_output=True, text=True,
                              errors="replace", timeout=30, check=False,
                              env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return []
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    out: list[tuple[int, str]] = []
    for raw in proc.stderr.splitlines():
        m = _MESSAGE.match(raw)
        if m and not m.group(2).startswith("`"):  # bash echoes the offending line after
            out.append((int(m.group(1)), m.group(2).strip()))
    return out


def _wrap(codes: Sequence[str]) -> tuple[str, list[int]]:
    """One script with each block in its own function; the script line where each starts."""
    parts: list[str] = []
    starts: list[int] = []
    line = 1
    for i, code in enumerate(codes):
        body = code.rstrip("\n")
        parts.append(f"__runwright_block_{i}() {{\n:\n{body}\n}}\n")
        starts.append(line + 2)
        line += body.count("\n") + 4
    return "".join(parts), starts


def check_blocks(codes: Sequence[str]) -> list[tuple[tuple[int, str], ...]]:
    """Syntax problems of each block: (line offset in the block, message) tuples.

    One ``bash -n`` over all not-yet-seen blocks; only when it fails is each failing candidate
    checked on its own (so an unclosed quote in one block is not blamed on the next).
    """
    todo = [c for c in dict.fromkeys(codes) if _key(c) not in _MEMO]
    if todo:
        script, _starts = _wrap(todo)
        if not _run_bash_n(script):
            for code in todo:
                _remember(code, ())
        else:
            for code in todo:
                single, starts = _wrap([code])
                problems = _run_bash_n(single)
                n = code.rstrip("\n").count("\n") + 1
                if any("here-document" in msg for _, msg in problems):
                    problems = [p for p in problems if "here-document" in p[1]]
                _remember(code, tuple(
                    (min(max(ln - starts[0], 0), n - 1), _explain(code, msg, ln - starts[0] >= n))
                    for ln, msg in problems))
    return [_MEMO[_key(c)] for c in codes]


def _remember(code: str, problems: tuple[tuple[int, str], ...]) -> None:
    if len(_MEMO) > _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[_key(code)] = problems


_TRAILING = re.compile(r"(\|\||&&|\||\\)\s*$")
_HEREDOC_MSG = re.compile(r"here-document at line \d+ delimited by end-of-file \(wanted `(.*)'\)")


def _explain(code: str, message: str, at_end: bool) -> str:
    """A message an operator understands, in terms of the block rather than the wrapper."""
    m = _HEREDOC_MSG.search(message)
    if m:
        return f"the here-document is never closed: add a line '{m.group(1)}' after its text"
    q = re.search(r"looking for matching `(.)'", message)
    if q:
        return f"a {q.group(1)} quote is never closed (the block runs to its end inside it)"
    if at_end or "unexpected end of file" in message:
        last = next((ln for ln in reversed(code.rstrip().split("\n")) if ln.strip()), "")
        t = _TRAILING.search(last)
        if t:
            return (f"the block ends with '{t.group(1)}': the rest of the command is missing")
        return ("the block ends in the middle of a command: an unclosed if/for/while/case, "
                "brace, $( or quote")
    return message.replace("__runwright_block_0", "block")


class ShellSyntax(Rule):
    id = "RW406"
    name = "shell-syntax"
    severity = "error"
    summary = "Runnable shell blocks parse ('bash -n'): no trailing pipe, open quote, ..."

    def check(self, ctx: LintContext) -> None:
        blocks: list[CodeBlock] = [b for b in ctx.runbook.code_blocks
                                   if b.language in _CHECKED and b.code.strip()
                                   and not prompts(b.code) and not placeholders(b.code)
                                   and not not_commands(ctx.runbook, b)]
        if not blocks:
            return
        results = check_blocks([b.code for b in blocks])
        for block, problems in zip(blocks, results, strict=True):
            seen: set[str] = set()
            for offset, message in problems:
                if message in seen:
                    continue
                seen.add(message)
                ctx.report(block.first_code_line + offset,
                           f"shell syntax: {message}", column=block.indent + 1)
