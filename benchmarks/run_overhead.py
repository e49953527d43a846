"""Per-step overhead of ``runwright run``, journal included, against plain bash.

Writes a runbook of N steps (default 200), each a ``bash`` block running ``true``, a bash
script of the same N commands, and a bash script that runs each of them in a shell of its own
(``bash -c true``, as runwright runs each step). In one run, times ``runwright run RUNBOOK
--yes`` (a fresh SQLite journal in WAL mode, every event committed) and both scripts, and
prints the per-step overhead: (runwright - bash) / N, the same against the script with a shell
per step (what is left is runwright's own work: journal, output, prompts), and the marginal
cost per step measured against a 1-step runbook (which removes runwright's start-up).
Each measure is repeated (``--repeat``, default 5, the commands taken in turn, each
repetition with a state directory of its own) and the median is printed. runwright's modules
are byte-compiled first, as an installed package is, and the runs do not inherit
``PYTHONDONTWRITEBYTECODE``: without bytecode every run compiles the sources again, which is
not what a user meets. Target: at most 3 ms per step.

    python benchmarks/run_overhead.py [--steps 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe


def runbook(steps: int) -> str:
    parts = ["# Runbook: Overhead benchmark\n", "## Procedure\n"]
    for i in range(1, steps + 1):
        parts.append(f"### Step {i}: Run true number {i}\n```bash\ntrue\n```\n")
    return "\n".join(parts)


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import runwright

    compileall.compile_dir(Path(runwright.__file__).parent, quiet=1)
    runs: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="rw-bench-") as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        (root / "big.md").write_text(runbook(args.steps), encoding="utf-8")
        (root / "one.md").write_text(runbook(1), encoding="utf-8")
        (root / "script.sh").write_text("#!/bin/bash\n" + "true\n" * args.steps)
        (root / "shells.sh").write_text("#!/bin/bash\n" + "bash -c true\n" * args.steps)
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("RUNWRIGHT_JOURNAL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        rw = [sys.executable, "-m", "runwright", "run", "--yes"]
        for k in range(args.repeat):
            env["RUNWRIGHT_STATE_DIR"] = str(root / f"state-{k}")
            runs.setdefault("one", []).append(timed([*rw, "one.md"], root, env))
            runs.setdefault("big", []).append(timed([*rw, "big.md"], root, env))
            runs.setdefault("bash", []).append(timed(["bash", "script.sh"], root, env))
            runs.setdefault("shells", []).append(timed(["bash", "shells.sh"], root, env))

    def median(name: str) -> tuple[float, float]:
        return (statistics.median(w for w, _ in runs[name]),
                statistics.median(c for _, c in runs[name]))

    (t_one, c_one), (t_big, c_big) = median("one"), median("big")
    (t_bash, c_bash), (t_shells, c_shells) = median("bash"), median("shells")
    n = args.steps
    per_step = (t_big - t_bash) / n * 1000
    marginal = (t_big - t_one) / (n - 1) * 1000
    print(f"machine: {describe()}; medians of {args.repeat} runs")
    print(f"runwright run --yes, {n} steps: {t_big:.3f} s (1 step: {t_one:.3f} s)")
    print(f"bash script, {n} commands:      {t_bash:.3f} s")
    print(f"ratio runwright / bash:        {t_big / t_bash:.1f}x")
    print(f"bash, a shell per command:     {t_shells:.3f} s")
    print(f"overhead per step:             {per_step:.2f} ms (total minus bash, / {n})")
    print(f"runwright's own work per step: {(t_big - t_shells) / n * 1000:.2f} ms wall, "
          f"{(c_big - c_shells) / n * 1000:.2f} ms CPU (total minus a shell per command)")
    print(f"marginal cost per step:        {marginal:.2f} ms (start-up excluded)")
    print(f"CPU time per step:             {(c_big - c_bash) / n * 1000:.2f} ms overhead, "
          f"{(c_big - c_one) / (n - 1) * 1000:.2f} ms marginal (less sensitive to load)")
    print(f"load average:                  {os.getloadavg()[0]:.2f}")
    print(f"target <= 3 ms per step:       {'met' if per_step <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
