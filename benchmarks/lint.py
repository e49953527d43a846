"""Lint speed: runwright (cold and warm cache, one file) against markdownlint-cli2 and pymarkdown.

Generates 2,000 runbooks with :mod:`corpus` into ``benchmarks/.work/lint-corpus`` and, in one
run on that same input, times each tool once as a user would run it from the shell:

* ``runwright lint`` with an empty cache (cold: parse and every default rule, all cores),
* ``runwright lint`` again (warm: every file answered from the content-hash cache),
* ``runwright lint --no-cache`` on one file,
* ``markdownlint-cli2 "**/*.md"`` with all its default rules (installed with npm into
  ``benchmarks/.work/node_modules``),
* ``pymarkdown scan -r`` with its default rules (PyPI ``pymarkdownlnt``).

Prints wall times and the ratios the targets are stated in (cold at least 2x faster than
markdownlint-cli2, warm at least 20x faster than cold, one file under 0.2 s).

    python benchmarks/lint.py [--count 2000]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
BIN = Path(sys.executable).parent


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


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


def _time(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args(argv)
    corpus = WORK / "lint-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    files = generate(corpus, args.count, seed=0)
    env = dict(os.environ, NO_COLOR="1")
    runwright = [str(BIN / "runwright"), "lint", "--fail-on", "never"]
    print(f"lint benchmark: {len(files)} runbooks; {_machine()}")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as state:
        env["RUNWRIGHT_STATE_DIR"] = state
        results["runwright cold"], _ = _time([*runwright, "."], corpus, env)
        results["runwright warm"], _ = _time([*runwright, "."], corpus, env)
        one = str(files[0].relative_to(corpus))
        results["runwright one file"], _ = _time([*runwright, "--no-cache", one], corpus, env)
    mdl = _markdownlint()
    if mdl:
        results["markdownlint-cli2"], _ = _time([*mdl, "**/*.md"], corpus, env)
    pym = _pymarkdown()
    if pym:
        results["pymarkdown"], _ = _time([*pym, "scan", "-r", "."], corpus, env)
    for name, seconds in results.items():
        print(f"  {name:<20} {seconds:8.2f} s")
    cold, warm = results["runwright cold"], results["runwright warm"]
    print(f"  warm vs cold: {cold / warm:.1f}x faster (target >= 20x)")
    for other in ("markdownlint-cli2", "pymarkdown"):
        if other in results:
            print(f"  cold vs {other}: {results[other] / cold:.2f}x faster"
                  + (" (target >= 2x)" if other == "markdownlint-cli2" else ""))
    print(f"  one file: {results['runwright one file']:.3f} s (target < 0.2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
