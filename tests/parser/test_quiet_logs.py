"""markdown-it-py's block rules lose their per-line debug call only when DEBUG is off."""

from __future__ import annotations

import logging

import markdown_it.rules_block.list as list_rule

from runwright.parser import core


def _restore(real: logging.Logger) -> None:
    list_rule.LOGGER = real


def test_debug_off_gives_a_no_op_debug_that_forwards_the_rest() -> None:
    real = logging.getLogger("markdown_it.rules_block.list")
    list_rule.LOGGER = real
    try:
        core.quiet_block_rule_logs()
        quiet = list_rule.LOGGER
        assert not isinstance(quiet, logging.Logger)
        assert quiet.debug("entering list: %s", 1) is None
        assert quiet.name == real.name  # everything but debug is the real logger's
        # The parse is the same with the quiet logger (the goldens check it on every file).
        assert core.parse("# T\n\n- a\n  - b\n").title == "T"
    finally:
        _restore(real)
        core.quiet_block_rule_logs()


def test_debug_on_keeps_every_message() -> None:
    real = logging.getLogger("markdown_it.rules_block.list")
    list_rule.LOGGER = real
    parent = logging.getLogger("markdown_it")
    level = parent.level
    parent.setLevel(logging.DEBUG)
    try:
        core.quiet_block_rule_logs()
        assert list_rule.LOGGER is real
    finally:
        parent.setLevel(level)
        _restore(real)
        core.quiet_block_rule_logs()
