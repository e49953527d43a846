"""Whatever text a block holds, the shell model reads it without raising, and every position
it gives is inside the block."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runwright.shell._tree import walk
from runwright.shell.readonly import judge

PIECES = ["ls", "sudo", "ssh h", "bash -c", "kubectl exec p --", "docker exec c", "xargs",
          "env A=1", "timeout 5", "watch", "'", '"', "\\", "$", "$(", ")", "`", "<<EOF", "EOF",
          "<<-'X'", "X", "\t", "\n", " ", "|", "&&", ";", "{", "}", "(", "if", "then", "fi",
          "for", "do", "done", "case", "esac", ">", ">>", "2>&1", "<", "<<<", "#", "é", "💥",
          "$'\\n'", "${A:-b}", "<(", "=", "[[", "]]", "!", "*", "~", "\\\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_parse_never_raises_and_positions_stay_in_the_block(code: str) -> None:
    script = walk(code)  # uncached: every example is read
    lines = code.split("\n")
    for cmd in script.commands:
        for w in cmd.words:
            assert 1 <= w.line <= len(lines)
            assert 0 <= w.column <= len(lines[w.line - 1])
    for e in script.errors:
        assert 1 <= e.line <= len(lines)
    assert isinstance(judge(code), str | None)


_ANY_TEXT = """
import sys
from hypothesis import given, settings
from hypothesis import strategies as st
from runwright.shell import parse
from runwright.shell.readonly import judge

@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=200))
def read(code):
    parse(code)
    judge(code)

read()
"""


def test_any_text_is_read_without_raising() -> None:
    """Arbitrary text, in a process of its own: tree-sitter-bash has been seen to crash
    (SIGSEGV) after many parses of random non-BMP text, which must not take a test worker
    down with it. A Python exception fails the test; that known crash is reported as xfail
    until the grammar is fixed or the parser is isolated."""
    import signal
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _ANY_TEXT], capture_output=True, text=True,
                          timeout=600)
    if done.returncode == -signal.SIGSEGV:
        pytest.xfail("tree-sitter-bash crashed (SIGSEGV) on random text: known grammar defect")
    assert done.returncode == 0, done.stdout + done.stderr
