"""Pure pieces of the runner: expectations, the mutating heuristic, timeouts, masking."""

from __future__ import annotations

import pytest

from runwright.model import Expectation, ExpectLine
from runwright.runner.checks import check_output
from runwright.runner.environment import ScriptedEnvironment
from runwright.runner.masking import Masker
from runwright.runner.output import LiveOutput, clip
from runwright.runner.shell import parse_timeout


def _exp(*lines: str, exits: tuple[int, ...] = ()) -> tuple[Expectation, ...]:
    items = tuple(ExpectLine(t.strip("/"), t.startswith("/") and t.endswith("/"), 1)
                  for t in lines)
    return (Expectation(line=1, lines=items, exit_statuses=exits, command_index=0),)


@pytest.mark.parametrize(("lines", "output", "status", "passed"), [
    (("ready",), "pods ready\n", 0, True),
    (("a", "b"), "a\nb\n", 0, True),
    (("b", "a"), "a\nb\n", 0, False),  # order matters
    (("/v[0-9]+/",), "version v12\n", 0, True),
    (("hello", "/v[0-9]/"), "hello v2\n", 0, True),  # two checks on one line, in order
    (("ok",), "ok\n", 1, False),
])
def test_expectations(lines: tuple[str, ...], output: str, status: int, passed: bool) -> None:
    assert check_output(_exp(*lines), output, status).passed is passed


def test_expected_exit_status() -> None:
    result = check_output(_exp(exits=(3,)), "", 3)
    assert result.passed
    assert check_output(_exp(exits=(3,)), "", 0).describe() == "exit status 0, expected 3"


def test_several_accepted_exit_statuses() -> None:
    assert check_output(_exp(exits=(0, 3)), "", 3).passed
    assert check_output(_exp(exits=(0, 3)), "", 0).passed
    assert check_output(_exp(exits=(0, 1, 3)), "", 4).describe() == \
        "exit status 4, expected 0, 1 or 3"
    # The command block's own statuses count when its expect block names none.
    assert check_output(_exp("ok"), "ok\n", 3, accepted=(0, 3)).passed
    assert not check_output(_exp("ok"), "ok\n", 3).passed
    assert not check_output(_exp(exits=(2,)), "", 3, accepted=(0, 3)).passed


@pytest.mark.parametrize(("text", "seconds"), [
    ("30", 30.0), ("30s", 30.0), ("5m", 300.0), ("1h30m", 5400.0), ("500ms", 0.5),
    ("soon", None), (True, None), (None, None), ("0", 0.0),
])
def test_parse_timeout(text: str | bool | None, seconds: float | None) -> None:
    assert parse_timeout(text) == seconds


def test_masking_longest_first_and_nested() -> None:
    masker = Masker(["abc", "abcdef", ""])
    assert masker.text("xabcdefx abc") == "x****x ****"
    assert masker.data({"a": ["abc", 1, {"b": "zabc"}]}) == {"a": ["****", 1, {"b": "z****"}]}
    assert Masker().text("abc") == "abc"


def test_live_output_masks_a_secret_split_across_chunks() -> None:
    env = ScriptedEnvironment()
    live = LiveOutput(env, Masker(["hunter2"]))
    for chunk in ("token=hun", "ter2\nnext ", "line"):
        live.write(chunk)
    live.flush()
    assert env.text == "token=****\nnext line\n"


def test_clip_keeps_head_and_tail() -> None:
    text = "H" * 50 + "T" * 50
    clipped = clip(text, 20)
    assert clipped.startswith("H" * 10) and clipped.endswith("T" * 10)
    assert "80 characters cut" in clipped
    assert clip("short", 20) == "short"
