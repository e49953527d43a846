"""Benchmark ``runwright find`` against ``grep -ril`` on 5,000 generated runbooks.

Measures, in one run: the time to build the index from scratch, the warm query latency (the
index is up to date; each query still checks every file's size and modification time, then
searches) p50 and p95 over a set of queries, and ``grep -ril`` for the same words (one grep
per word, as a person would search, or all words in one ``grep -ril -e w1 -e w2`` call).
Prints the figures and the ratios. Target: warm p50 under 50 ms.

    python benchmarks/find.py [--count 5000] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # the sibling modules, found through sys.path
from machine import describe

QUERIES = [
    "ImagePullBackOff",
    "CrashLoopBackOff",
    '2026-01-15 03:12:44.123 UTC [28481] FATAL:  password authentication failed for user "app"',
    "Warning  BackOff  3m (x12 over 10m)  kubelet  Back-off restarting failed container",
    "upstream timed out (110: Connection timed out) while reading response header",
    "connection refused",
    "certificate expired",
    "No space left on device",
    "OOMKilled",
    "replication lag",
    "disk full",
    "high cpu",
]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the queries")
    args = parser.parse_args()

    from runwright.config import Config
    from runwright.search import find, query_words

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        books = root / "docs" / "runbooks"
        generate(books, args.count, args.seed)
        os.environ["RUNWRIGHT_STATE_DIR"] = str(Path(tmp) / "state")
        config = Config(root=root)

        t0 = time.perf_counter()
        built = find("warm up", config, root=root, reindex=True)
        build = time.perf_counter() - t0

        find(QUERIES[0], config, root=root)  # warm caches
        ours: list[float] = []
        found = 0
        for _ in range(args.rounds):
            for q in QUERIES:
                t = time.perf_counter()
                result = find(q, config, root=root)
                ours.append(time.perf_counter() - t)
                found += bool(result.hits)

        per_word: list[float] = []
        one_call: list[float] = []
        for _ in range(args.rounds):
            for q in QUERIES:
                words = query_words(q) or [q]
                t = time.perf_counter()
                for w in words:
                    subprocess.run(["grep", "-ril", w, str(books)], capture_output=True,
                                   check=False)
                per_word.append(time.perf_counter() - t)
                cmd = ["grep", "-ril"] + [x for w in words for x in ("-e", w)] + [str(books)]
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=False)
                one_call.append(time.perf_counter() - t)

        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "runwright", "find", QUERIES[2]], cwd=root,
                       capture_output=True, check=False)
        cli = time.perf_counter() - t

    p50, p95 = _pct(ours, 0.5) * 1000, _pct(ours, 0.95) * 1000
    g50, g95 = _pct(per_word, 0.5) * 1000, _pct(per_word, 0.95) * 1000
    o50, o95 = _pct(one_call, 0.5) * 1000, _pct(one_call, 0.95) * 1000
    print(f"machine: {describe()}")
    print(f"corpus: {args.count} generated runbooks (seed {args.seed}), "
          f"{built.stats.indexed} indexed")
    print(f"index build (from scratch): {build:.2f} s")
    print(f"find, warm, {len(ours)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(median of all {statistics.median(ours) * 1000:.1f} ms); "
          f"{found}/{len(ours)} queries found something")
    print(f"grep -ril, one call per word: p50 {g50:.1f} ms, p95 {g95:.1f} ms")
    print(f"grep -ril -e w1 -e w2 ..., one call: p50 {o50:.1f} ms, p95 {o95:.1f} ms")
    print(f"ratio grep per word / find (p50): {g50 / p50:.1f}x; "
          f"grep one call / find (p50): {o50 / p50:.1f}x")
    print(f"runwright find, whole CLI process (start-up included): {cli * 1000:.0f} ms")
    print(f"target warm p50 < 50 ms: {'met' if p50 < 50 else 'NOT met'}")
    print(f"load average after the run: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
