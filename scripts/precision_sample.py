"""Draw a seeded random sample of lint findings per source, for judging precision by hand.

Each folder under ``CORPUS`` (``_``-prefixed folders skipped) is one source: a repository of
runbooks written by others. Each is linted as a new user would (``runwright lint .`` from its
root, default settings, no cache, a throw-away state directory), and ``--per-source`` findings
are drawn from it with :class:`random.Random` seeded by ``SEED:source`` (all of them when there
are fewer). The same runwright, corpus and seed always give the same sample. The method is
described in docs/precision.md.

With ``--markdown-only``, the corpus is taken to be a copy that kept only the Markdown files:
a broken-link finding (RW901) whose target is not a Markdown file dangles because of the
copy, so it is set aside (counted, never drawn).

Command line::

    python scripts/precision_sample.py CORPUS --seed 1 [--per-source 20] [--runwright PATH]
                                   [--format markdown|json]

Markdown output is a table per source (file, line, rule, message, the line itself, and empty
verdict and reason columns to fill in); JSON output is the same data for tools.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Source:
    name: str
    files: int
    findings: list[dict[str, Any]]
    aside: list[dict[str, Any]]
    sample: list[dict[str, Any]]


def markdown_files(root: Path) -> int:
    return sum(1 for _d, _s, names in os.walk(root) for n in names if n.endswith(".md"))


def lint(runwright: str, root: Path) -> list[dict[str, Any]]:
    state = tempfile.mkdtemp(prefix="precision-")
    env = dict(os.environ, RUNWRIGHT_STATE_DIR=state, NO_COLOR="1")
    try:
        proc = subprocess.run([runwright, "lint", "--format", "json", "--no-cache",
                               "--fail-on", "never", "."],
                              cwd=root, env=env, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"{root}: runwright exited {proc.returncode}: {proc.stderr.strip()[:200]}")
    found: list[dict[str, Any]] = json.loads(proc.stdout or "[]")
    return found


def line_of(root: Path, finding: dict[str, Any]) -> str:
    try:
        lines = (root / finding["path"]).read_text(encoding="utf-8",
                                                    errors="replace").splitlines()
    except OSError:
        return ""
    n = finding["line"] - 1
    return lines[n].strip() if 0 <= n < len(lines) else ""


_LINK_TARGET = re.compile(r"^(?:link|image) target '(?P<target>[^']*)' does not exist")


def left_out_by_copy(finding: dict[str, Any]) -> bool:
    """A broken link to a file that is not Markdown (a copy of only the Markdown lost it)."""
    m = _LINK_TARGET.match(finding["message"]) if finding["rule"] == "RW901" else None
    if m is None:
        return False
    target = m.group("target").split("#")[0].split("?")[0].lower()
    return not target.endswith((".md", ".markdown", "/")) and "." in target.rsplit("/")[-1]


def sample_source(runwright: str, root: Path, seed: int, per_source: int,
                  markdown_only: bool) -> Source:
    findings = sorted(lint(runwright, root),
                      key=lambda f: (f["path"], f["line"], f["column"], f["rule"], f["message"]))
    aside = [f for f in findings if markdown_only and left_out_by_copy(f)]
    pool = [f for f in findings if not (markdown_only and left_out_by_copy(f))]
    rng = random.Random(f"{seed}:{root.name}")
    picked = pool if len(pool) <= per_source else rng.sample(pool, per_source)
    picked = sorted(picked, key=lambda f: (f["path"], f["line"], f["rule"]))
    for f in picked:
        f["text"] = line_of(root, f)
    return Source(root.name, markdown_files(root), findings, aside, picked)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(sources: list[Source], seed: int) -> str:
    out = [f"Seed {seed}.", ""]
    for s in sources:
        rules = collections.Counter(f["rule"] for f in s.findings)
        out += [f"## {s.name}", "",
                f"{s.files} files, {len(s.findings)} findings "
                f"({len(s.findings) / max(s.files, 1):.2f} per file); "
                f"by rule: {', '.join(f'{r} {n}' for r, n in rules.most_common()) or 'none'}; "
                f"set aside (links to files the copy left out): {len(s.aside)}; "
                f"sample {len(s.sample)}.", ""]
        if not s.sample:
            continue
        out += ["| # | file | line | rule | message | line text | verdict | reason |",
                "|---|---|---|---|---|---|---|---|"]
        for i, f in enumerate(s.sample, start=1):
            out.append(f"| {i} | {_cell(f['path'])} | {f['line']} | {f['rule']} | "
                       f"{_cell(f['message'])} | `{_cell(f['text'])[:100]}` |  |  |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-source", type=int, default=20)
    parser.add_argument("--runwright", default=shutil.which("runwright") or "runwright")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--markdown-only", action="store_true",
                        help="the corpus kept only Markdown files: set aside broken links "
                        "to other files")
    args = parser.parse_args(argv)
    roots = sorted(p for p in args.corpus.iterdir() if p.is_dir() and not p.name.startswith("_"))
    sources = [sample_source(args.runwright, root, args.seed, args.per_source,
                             args.markdown_only) for root in roots]
    if args.format == "json":
        print(json.dumps([{"source": s.name, "files": s.files, "findings": len(s.findings),
                           "set_aside": len(s.aside), "sample": s.sample} for s in sources],
                         ensure_ascii=False, indent=2))
    else:
        print(to_markdown(sources, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
