"""Benchmark: ``runwright site build`` against ``mkdocs build`` on the same generated corpus.

Generates 2,000 runbooks with :mod:`benchmarks.corpus` (seed 0), then in one run:

* ``mkdocs build`` (default theme, the whole folder as ``docs_dir``), cold;
* ``runwright site build``, cold (empty output folder);
* ``runwright site build`` again with nothing changed (incremental: no page rendered, every
  runbook taken from the parse cache), and after touching one runbook;
* ``runwright site build`` into a new empty folder with the parse cache warm;
* ``runwright index --check`` and ``runwright audit`` over the same runbooks, for information
  (one repository scan each, parsed on every core).

runwright's state directory (``RUNWRIGHT_STATE_DIR``, where the parse cache lives) is a new
empty folder, so that the first build is cold.

Each tool runs as a subprocess, as a user would run it. Prints wall and CPU time (user +
system, children included: fairer than wall time on a shared machine) and the ratios.

    python benchmarks/site.py [--count 2000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402 - the benchmark folder is not a package
from machine import describe  # noqa: E402


def timed(argv: list[str], cwd: Path, ok: tuple[int, ...] = (0, 2)) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and its children) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/.work/site")
    args = parser.parse_args()
    mkdocs = BIN / "mkdocs"
    if not mkdocs.exists():
        sys.exit("mkdocs is not installed: pip install -e '.[bench]'")
    work = HERE / ".work" / "site"
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    generate(docs, args.count, seed=0)
    (work / "mkdocs.yml").write_text("site_name: Runbooks\ndocs_dir: docs\nsite_dir: "
                                     "out-mkdocs\ntheme:\n  name: mkdocs\n", encoding="utf-8")
    files = sum(1 for _ in docs.rglob("*.md"))
    os.environ["RUNWRIGHT_STATE_DIR"] = str(work / "state")  # an empty parse cache
    (work / "runwright.toml").write_text('paths = ["docs"]\n', encoding="utf-8")
    print(f"site build: {files} runbooks; {describe()}")

    t_mkdocs = timed([str(mkdocs), "build", "-q"], work)
    rw = [str(BIN / "runwright"), "site", "build", str(docs), "--out", str(work / "out-rw"), "-q"]
    t_cold = timed(rw, work)
    t_again = timed(rw, work)
    one = next(iter(sorted(docs.rglob("*.md"))))
    one.write_text(one.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    t_one = timed(rw, work)
    t_new_out = timed([*rw[:-2], str(work / "out-rw2"), "-q"], work)
    t_index = timed([str(BIN / "runwright"), "index", str(work), "--check"], work, ok=(0, 1))
    t_audit = timed([str(BIN / "runwright"), "audit", str(work)], work, ok=(0, 1))

    print(f"  {'':44} {'wall':>9} {'CPU':>9}")
    print(f"  {'mkdocs build (default theme), cold':44} {t_mkdocs[0]:8.2f}s {t_mkdocs[1]:8.2f}s")
    for label, t in (("runwright site build, cold", t_cold),
                     ("runwright site build, no change", t_again),
                     ("runwright site build, one edited", t_one),
                     ("runwright site build, new folder, cache warm", t_new_out),
                     ("runwright index --check", t_index),
                     ("runwright audit", t_audit)):
        print(f"  {label:44} {t[0]:8.2f}s {t[1]:8.2f}s")
    print(f"  cold: runwright is {t_mkdocs[0] / t_cold[0]:.1f}x faster than mkdocs (wall), "
          f"{t_mkdocs[1] / t_cold[1]:.1f}x less CPU (os.cpu_count() = {os.cpu_count()})")
    print(f"  load average after the run: {os.getloadavg()[0]:.2f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
