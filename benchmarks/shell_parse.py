"""Time to read one shell block into the shell model (``runwright.shell``), uncached.

Prints, per block, the tree-sitter-bash parse alone and the whole model (the parse, the walk,
the wrappers taken off), in microseconds, the median of many runs. The lint and the runner
call the cached ``runwright.shell.parse``; this measures the first read of a block.

    python benchmarks/shell_parse.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe

from runwright.shell._tree import _PARSER, walk

BLOCKS = {
    "one line": "kubectl get pods -n prod -l app=api\n",
    "typical (6 lines)": (
        "kubectl -n \"$NAMESPACE\" get deploy api -o wide\n"
        "kubectl -n \"$NAMESPACE\" rollout status deploy/api --timeout=120s\n"
        "curl -fsS https://api.example.com/healthz | jq .status\n"
        "psql -h db1 -U app -c 'SELECT count(*) FROM jobs WHERE state = $$failed$$'\n"
        "sudo journalctl -u api --since '10 min ago' | grep -i error | tail -n 20\n"
        "ssh db1 'df -h /var/lib/postgresql && uptime'\n"),
    "script (25 lines)": "\n".join([
        "set -euo pipefail",
        "for host in web1 web2 web3; do",
        "  if ssh \"$host\" systemctl is-active --quiet nginx; then",
        "    echo \"$host ok\"",
        "  else",
        "    echo \"$host down\" >&2",
        "  fi",
        "done",
        "cat <<EOF | kubectl apply -f -",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: x",
        "EOF",
        "while read -r pod; do",
        "  kubectl logs \"$pod\" --tail=5",
        "done < <(kubectl get pods -o name)",
        "count=$(psql -tAc 'select 1')",
        "test \"$count\" -eq 1",
        "docker compose exec -T db pg_isready",
        "timeout 30 bash -c 'until curl -fs localhost:8080; do sleep 1; done'",
        "df -h | awk '{print $5}'",
        "free -m",
        "uptime",
        "ls -l /var/log | head"]) + "\n",
}


def median_us(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    print(describe())
    print(f"{'block':<20} {'tree-sitter':>12} {'whole model':>12}")
    for name, code in BLOCKS.items():
        data = code.encode()
        ts = median_us(lambda d=data: _PARSER.parse(d), args.runs)
        model = median_us(lambda c=code: walk(c), args.runs)
        print(f"{name:<20} {ts:>10.1f}us {model:>10.1f}us")


if __name__ == "__main__":
    main()
