"""Lint speed: runwright (cold and warm cache, one file) against markdownlint-cli2 and pymarkdown.

Generates 2,000 runbooks with :mod:`corpus` into ``benchmarks/.work/lint-corpus`` and, in one
run on that same input, times each tool as a user would run it from the shell, several times
(``--repeat``, default 3; warm and one-file runs, which take a tenth of a second, 3 times as
many; pymarkdown, which takes minutes, once), and reports the median of each:

* ``runwright lint`` with an empty cache (cold: parse and every default rule, all cores; each
  repetition starts from an empty cache),
* ``runwright lint`` again (warm: every file answered from the cache by its ``stat``),
* ``runwright lint`` after every file was touched (same bytes, new modification time, as after
  a ``git checkout``: answered by content hash, each file read once more),
* ``runwright lint --no-cache`` on one file,
* ``markdownlint-cli2 "**/*.md"`` with all its default rules (installed with npm into
  ``benchmarks/.work/node_modules``),
* ``pymarkdown scan -r`` with its default rules (PyPI ``pymarkdownlnt``).

Prints median wall times (and the fastest run) and the ratios the targets are stated in
(cold at least 2x faster than markdownlint-cli2, warm at least 20x faster than cold, one file
under 0.2 s), and beside them the CPU time (user + system) of each command and its children,
which moves less than wall time when other jobs share the machine; the load averages are
printed before and after.

runwright's own modules are byte-compiled first, as an installed package is (and the runs do
not inherit ``PYTHONDONTWRITEBYTECODE``), so that start-up is measured as a user meets it.

    python benchmarks/lint.py [--count 2000] [--repeat 3] [--skip pymarkdown]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from machine import describe

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
BIN = Path(sys.executable).parent


def _markdownlint() -> list[str] | None:
    exe = WORK / "node_modules" / ".bin" / "markdownlint-cli2"
    if not exe.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", str(WORK), "--no-audit", "--no-fund",
                        "markdownlint-cli2"], check=False, capture_output=True)
    return [str(exe)] if exe.exists() else None


def _pymarkdown() -> list[str] | None:
    exe = BIN / "pymarkdown"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pymarkdownlnt"],
                       check=False, capture_output=True)
    return [str(exe)] if exe.exists() else None


def _time(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, children included) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each command (warm and one-file runs: 3 times as many)")
    ap.add_argument("--skip", action="append", default=[], choices=["markdownlint-cli2",
                                                                    "pymarkdown"],
                    help="leave a comparison tool out (repeatable)")
    args = ap.parse_args(argv)
    import runwright

    compileall.compile_dir(Path(runwright.__file__).parent, quiet=1)
    corpus = WORK / "lint-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    files = generate(corpus, args.count, seed=0)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runwright = [str(BIN / "runwright"), "lint", "--fail-on", "never"]
    mdl = None if "markdownlint-cli2" in args.skip else _markdownlint()
    pym = None if "pymarkdown" in args.skip else _pymarkdown()
    print(f"lint benchmark: {len(files)} runbooks; {describe()}; load {_load()}")
    runs: dict[str, list[tuple[float, float]]] = {}
    quick = 3 * args.repeat
    one = str(files[0].relative_to(corpus))
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as state:
            env["RUNWRIGHT_STATE_DIR"] = state
            runs.setdefault("runwright cold", []).append(_time([*runwright, "."], corpus, env))
            if "runwright warm" not in runs:  # warm runs on the first cold run's cache
                runs["runwright warm"] = [_time([*runwright, "."], corpus, env)
                                          for _ in range(quick)]
                touched = []
                for _ in range(quick):
                    for f in files:
                        os.utime(f)
                    touched.append(_time([*runwright, "."], corpus, env))
                runs["runwright warm, touched"] = touched
                runs["runwright one file"] = [
                    _time([*runwright, "--no-cache", one], corpus, env) for _ in range(quick)]
    if mdl:
        runs["markdownlint-cli2"] = [_time([*mdl, "**/*.md"], corpus, env)
                                     for _ in range(args.repeat)]
    if pym:
        runs["pymarkdown"] = [_time([*pym, "scan", "-r", "."], corpus, env)]
    results = {name: (statistics.median(w for w, _c in times),
                      statistics.median(c for _w, c in times)) for name, times in runs.items()}
    print(f"  {'command':<24} {'runs':>4} {'median wall':>12} {'fastest':>9} {'median CPU':>11}")
    for name, (wall, cpu) in results.items():
        fastest = min(w for w, _c in runs[name])
        print(f"  {name:<24} {len(runs[name]):>4} {wall:10.3f} s {fastest:7.3f} s "
              f"{cpu:9.3f} s")
    (cold, cold_cpu), (warm, warm_cpu) = results["runwright cold"], results["runwright warm"]
    print(f"  warm vs cold: {cold / warm:.1f}x faster (target >= 20x); "
          f"CPU time {cold_cpu / warm_cpu:.1f}x")
    touched, touched_cpu = results["runwright warm, touched"]
    print(f"  warm after touching every file vs cold: {cold / touched:.1f}x faster; "
          f"CPU time {cold_cpu / touched_cpu:.1f}x")
    for other in ("markdownlint-cli2", "pymarkdown"):
        if other in results:
            wall, cpu = results[other]
            print(f"  cold vs {other}: {wall / cold:.2f}x faster"
                  + (" (target >= 2x)" if other == "markdownlint-cli2" else "")
                  + f"; CPU time {cpu / cold_cpu:.2f}x")
    print(f"  one file: {results['runwright one file'][0]:.3f} s (target < 0.2 s)")
    print(f"  load after: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
