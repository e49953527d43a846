"""docs/running.md holds the allowlist exactly as the data says (``make docs`` writes it)."""

from __future__ import annotations

from pathlib import Path

from runwright.shell.allowlist import CHECK_NOTES, CHECKED, entries, markdown
from runwright.shell.readonly import CHECKS, Entry

RUNNING_MD = Path(__file__).resolve().parents[2] / "docs" / "running.md"


def test_running_md_holds_the_allowlist() -> None:
    text = RUNNING_MD.read_text(encoding="utf-8")
    assert f"\n\n{markdown()}\n\n<!-- End of the allowlist -->" in text, \
        "docs/running.md is out of date (run: make docs)"


def test_every_entry_reads_and_every_checked_command_is_documented() -> None:
    for text in entries():
        entry = Entry.parse(text)
        assert entry.command in {Entry.parse(e).command for e in entries()}
    assert set(CHECK_NOTES) == CHECKED == set(CHECKS)
    listed = {Entry.parse(e).command for e in entries()}
    assert listed >= CHECKED
