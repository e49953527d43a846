"""The variables a block expands and sets, as the shell model reads them (RW407 and the
drafts' declared variables use them)."""

from __future__ import annotations

import pytest

from runwright.shell import parse
from runwright.shell.variables import assigned


def _uses(code: str) -> list[tuple[str, int, int, bool]]:
    return [(e.name, e.line, e.column, e.guarded) for e in parse(code).expansions]


@pytest.mark.parametrize(("code", "uses"), [
    ('echo "$A" ${B}', [("A", 1, 6, False), ("B", 1, 10, False)]),
    ("echo ${A:-x} ${B:?set B} ${C+y} ${#D} ${!E}",
     [("A", 1, 5, True), ("B", 1, 13, True), ("C", 1, 25, True), ("D", 1, 32, True),
      ("E", 1, 38, True)]),
    ("echo '$A' # $B", []),  # single quotes, comments
    ("cat <<EOF\n$A\nEOF", [("A", 2, 0, False)]),
    ("cat <<'EOF'\n$A\nEOF", []),  # a quoted here-document is not expanded
    ("x=$(kubectl get pod $POD)", [("POD", 1, 20, False)]),
    ("ssh db1 'echo $HOME'", []),  # the remote shell expands it
    ("echo ${A:-$B}", [("A", 1, 5, True)]),  # B is read only when A is unset
])
def test_expansions(code: str, uses: list[tuple[str, int, int, bool]]) -> None:
    assert _uses(code) == uses


@pytest.mark.parametrize(("code", "names", "opaque"), [
    ("A=1\nB+=x C[1]=2", {"A", "B", "C"}, False),
    ("export D=1 E\nlocal -r F=2\nreadonly G", {"D", "E", "F", "G"}, False),
    ("for H in 1 2; do :; done\nselect I in a b; do break; done", {"H", "I"}, False),
    ("read -r -p 'Name? ' J K\nmapfile -t L < f\nread -a M", {"J", "K", "L", "M"}, False),
    ("getopts ab: N\nprintf -v O '%s' x", {"N", "O"}, False),
    ('make deploy VERSION="$VERSION"', set(), False),  # a make variable, no shell variable
    ("source ./env.sh", set(), True),
    ("set -a", set(), True),
    ("set -o allexport", set(), True),
    ("eval \"$(ssh-agent)\"", set(), True),
])
def test_assigned(code: str, names: set[str], opaque: bool) -> None:
    assert assigned(parse(code)) == (names, opaque)
