"""Parse speed: runwright's parser (document model included) against a bare markdown-it-py parse.

Generates 2,000 realistic runbooks with :mod:`corpus`, reads them into memory once, then times,
in the same run and alternating, (a) ``MarkdownIt("commonmark").enable("table")`` with the
front matter plugin calling ``.parse()`` on every file, the token stream a tool built directly
on markdown-it would start from, and (b) ``runwright.parser.parse`` on every file, which runs
the same markdown-it parse and then builds the whole model. Prints the median of several
repetitions and the overhead of the model over the bare parse.

    python benchmarks/parse.py [--count 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from machine import describe
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from runwright.parser import parse


def _time(fn: Callable[[], object]) -> float:
    """CPU seconds of this process: steadier than wall time on a shared machine."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="runwright parse vs bare markdown-it-py")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="runwright-bench-") as tmp:
        paths = generate(Path(tmp), args.count, seed=0)
        docs = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    size = sum(len(text.encode()) for _, text in docs)
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)

    def bare() -> None:
        for _, text in docs:
            md.parse(text)

    def model() -> None:
        for path, text in docs:
            parse(text, path)

    bare()
    model()  # warm both (imports, caches) before timing
    bare_times: list[float] = []
    model_times: list[float] = []
    for _ in range(args.repeat):
        bare_times.append(_time(bare))
        model_times.append(_time(model))
    b = statistics.median(bare_times)
    m = statistics.median(model_times)
    print(f"machine: {describe()}")
    print(f"corpus: {len(docs)} runbooks, {size / 1e6:.1f} MB, "
          f"median CPU time of {args.repeat} alternating runs")
    print(f"markdown-it-py bare parse : {b:7.3f} s  ({len(docs) / b:6.0f} files/s)")
    print(f"runwright parse + model   : {m:7.3f} s  ({len(docs) / m:6.0f} files/s)")
    print(f"ratio {m / b:.2f}x, model overhead {(m - b) / b * 100:+.1f}% (target < 30%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
