"""Command.checked: the commands whose failure the shell tests (so ``bash -e`` goes on)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from runwright.shell import commands

CASES = [
    ("grep -q x f", {"grep": False}),
    ("grep -q x f && echo found", {"grep": True, "echo": False}),
    ("grep -q x f || true", {"grep": True, "true": False}),
    ("a || b && c", {"a": True, "b": True, "c": False}),
    ("if grep -q x f; then echo a; elif test -f y; then b; else c; fi",
     {"grep": True, "echo": False, "test": True, "b": False, "c": False}),
    ("while read -r l; do x; done", {"read": True, "x": False}),
    ("until pg_isready; do sleep 1; done", {"pg_isready": True, "sleep": False}),
    ("! grep x f", {"grep": True}),
    ("diff a b & builtin wait", {"diff": True, "wait": False}),
    ("grep x f | wc -l", {"grep": False, "wc": False}),
    ("( grep x f; ls ) || true", {"grep": True, "ls": True, "true": False}),
    ("{ grep x f; } && echo", {"grep": True, "echo": False}),
    ("ssh db1 'grep x f || true'", {"grep": True, "true": False}),
    ("bash -c 'diff a b' || echo differ", {"diff": True, "echo": False}),
    ("sudo systemctl status nginx || journalctl -u nginx",
     {"systemctl": True, "journalctl": False}),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_checked(code: str, expected: dict[str, bool]) -> None:
    assert {c.name: c.checked for c in commands(code) if c.name} == expected


@pytest.mark.parametrize(("code", "expected"), [c for c in CASES if "until" not in c[0]])
def test_checked_is_what_bash_e_does(code: str, expected: dict[str, bool],
                                     tmp_path: Path) -> None:
    """Each command made to fail in turn (the others succeeding, failing, or one of them
    failing): whenever it runs, ``bash -e`` runs something after it exactly when it is
    checked, or when it is not the last of its pipeline (its status is not the pipeline's
    without pipefail). ``builtin wait`` stays the real one."""
    for name, checked in expected.items():
        if name == "wait":
            continue
        pipeline = re.search(r"(?<!\|)\|(?!\|)", code) is not None
        first, last = code.split("|")[0].split()[0], code.split("|")[-1].split()[0]
        ran = False
        for failing in ([], list(expected), *([m] for m in expected)):
            # without pipefail the pipeline's status is its last command's
            hidden = pipeline and name == first and last not in failing
            stand_ins = "".join(f"{n}() {{ builtin echo RAN-{n} >&2; return "
                                f"{int(n == name or n in failing)}; }}\n" for n in expected)
            script = stand_ins + _local(code) + "\nbuiltin echo REACHED >&2"
            done = subprocess.run(["bash", "-e", "-c", script], capture_output=True,
                                  text=True, cwd=tmp_path, timeout=10)
            lines = done.stderr.split()
            if f"RAN-{name}" not in lines:
                continue
            ran = True
            if pipeline:  # its members run at once: only what follows the pipeline counts
                went_on = "REACHED" in lines
            else:
                went_on = lines.index(f"RAN-{name}") < len(lines) - 1  # something ran after it
            assert went_on == (checked or hidden), (name, code, failing, lines)
        assert ran, (name, code)


def _local(code: str) -> str:
    """The code with its wrappers run here (the functions stand for the commands)."""
    return (code.replace("ssh db1 ", "eval ").replace("sudo ", "")
            .replace("bash -c", "eval"))
