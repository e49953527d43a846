"""A read-only fleet step on 20 loopback SSH hosts: ``runwright run`` against ``ansible``.

Starts 20 real OpenSSH servers on 127.0.0.2 ... 127.0.0.21 (tests/sshd_fleet.py: own ports,
host keys, a generated user key), writes a runbook with one step ``{on=fleet readonly}``
running ``uptime``, and in one run times, taken in turn and repeated (``--repeat``, default
5): ``runwright run RUNBOOK --yes`` (journal included) and the same command through Ansible ad
hoc, ``ansible all -i INVENTORY -m shell -a uptime -f 20``. Both use the same inventory, the
same SSH settings and the same empty ansible.cfg; SSH connection multiplexing is per run
(a ControlPath folder of each run's own), so neither reuses the other's connections. Prints
the medians and the ratio. Target: runwright adds at most 10% to Ansible's wall time.

    python benchmarks/fleet.py [--hosts 20] [--repeat 5]
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe

from sshd_fleet import Fleet

ROOT = Path(__file__).resolve().parents[1]

RUNBOOK = """---
inventory: {inventory}
---
# Runbook: Fleet benchmark

## Procedure

### Step 1: Uptime everywhere

```bash {{on=fleet readonly}}
uptime
```
"""


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src" / "runwright"), quiet=1)
    fleet = Fleet(args.hosts)
    work = Path(tempfile.mkdtemp(prefix="rwfleetbench"))
    try:
        (work / ".git").mkdir()
        (work / "rb.md").write_text(RUNBOOK.format(inventory=fleet.inventory))
        env = fleet.env()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["NO_COLOR"] = "1"
        ansible = str(Path(sys.executable).parent / "ansible")
        times: dict[str, list[float]] = {"runwright": [], "ansible": []}
        # one warm-up of each (SSH host keys, page cache), not counted
        for i in range(args.repeat + 1):
            for name in ("runwright", "ansible"):
                for cm in fleet.dir.glob("cm-*"):  # no multiplexed connection carried over
                    cm.unlink(missing_ok=True)
                subprocess.run(["ssh", "-O", "exit", "-o", f"ControlPath={fleet.dir}/cm-x",
                                "x"], capture_output=True)
                state = work / f"state-{name}-{i}"
                run_env = {**env, "RUNWRIGHT_STATE_DIR": str(state)}
                cmd = ([sys.executable, "-m", "runwright", "run", "rb.md", "--yes"]
                       if name == "runwright" else
                       [ansible, "all", "-i", str(fleet.inventory), "-m", "shell", "-a",
                        "uptime", "-f", str(args.hosts)])
                elapsed = _timed(cmd, run_env, work)
                if i:
                    times[name].append(elapsed)
        rw, an = (statistics.median(times[n]) for n in ("runwright", "ansible"))
        print(f"fleet step on {args.hosts} loopback SSH hosts, median of {args.repeat} "
              f"({describe()})")
        print(f"  ansible all -m shell -f {args.hosts}: {an:.2f} s")
        print(f"  runwright run --yes:             {rw:.2f} s")
        print(f"  ratio runwright / ansible: {rw / an:.2f} (target at most 1.10)")
    finally:
        fleet.stop()
        shutil.rmtree(work, ignore_errors=True)
        os.sync()


if __name__ == "__main__":
    main()
