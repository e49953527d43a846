"""Whatever text a block holds, the shell model reads it without raising, and every position
it gives is inside the block."""

from __future__ import annotations

import subprocess
import sys

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


def _in_a_process(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=600)


def test_any_text_is_read_without_raising() -> None:
    """Arbitrary text, in a process of its own, so that a crash of the parser (tree-sitter-bash
    has ended the process with SIGSEGV on ``{`` followed by a character above U+00FF) fails
    this test instead of taking a test worker down with it."""
    done = _in_a_process(_ANY_TEXT)
    assert done.returncode == 0, (done.returncode, done.stdout + done.stderr)


_BRACES = """
from runwright.shell._tree import walk
for _ in range(200):
    for code in ["echo {\U0010ffff", "x{\U000bda25 y", "echo {12\U0001f680", "{1..\U0010ffff}",
                 "echo {\u7845 {\u0101"]:
        walk(code)
print("read")
"""


def test_a_brace_before_a_wide_character_does_not_crash_the_parser() -> None:
    """tree-sitter-bash 0.25 gives that character to isdigit(), which reads outside the C
    library's table: `echo {🚀` crashed every process that read it, lint included."""
    done = _in_a_process(_BRACES)
    assert done.returncode == 0 and done.stdout.strip() == "read", done.stderr


@pytest.mark.parametrize("code", ["echo {\U0010ffff done", "printf '%s' x{\U0001f680 y",
                                  "echo {1..\u7845} ok"])
def test_what_the_parser_is_given_instead_keeps_every_word_and_position(code: str) -> None:
    cmd = walk(code).commands[0]
    assert " ".join(w.text for w in cmd.words) == code
    for w in cmd.words:
        line = code.split("\n")[w.line - 1]
        assert line[w.column:w.column + len(w.text)] == w.text
