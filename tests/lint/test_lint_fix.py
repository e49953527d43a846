"""``--fix``: non-overlapping edits, idempotence, suppressions, CRLF and BOM kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from runwright.linter.fix import apply_edits, choose, fix_text
from runwright.linter.rule import Edit, Fix

TODAY = dt.date(2026, 3, 1)
BROKEN = ("# Runbook: Restart\n\n## Procedure\n\n### Step 1: Restart\n\n"
          "```bash\nsystemctl restart api\n```\n")


def test_choose_skips_overlapping_fixes() -> None:
    a = Fix("a", (Edit(2, 3, ("x",)),))
    b = Fix("b", (Edit(3, 4, ("y",)),))  # overlaps a
    c = Fix("c", (Edit(5, 4, ("z",)),))  # insertion before line 5: free
    d = Fix("d", (Edit(5, 4, ("w",)),))  # same insertion point as c
    e = Fix("e", (Edit(1, 0, ("v",)),))  # insertion before line 1, outside a
    assert [f.description for f in choose([a, b, c, d, e])] == ["a", "c", "e"]


def test_apply_edits_bottom_up() -> None:
    lines = ["1", "2", "3", "4", "5"]
    fixes = [Fix("r", (Edit(2, 3, ("two-three",)),)), Fix("i", (Edit(5, 4, ("ins",)),)),
             Fix("d", (Edit(1, 1, ()),))]
    assert apply_edits(lines, fixes) == ["two-three", "4", "ins", "5"]


def test_fix_text_converges_and_is_idempotent(make_settings: Any) -> None:
    settings = make_settings(profile="standard", select=["RW102"])
    new, fixed, remaining = fix_text(BROKEN, settings, "x.md", None, TODAY)
    assert fixed and not [f for f in remaining if f.rule == "RW102"]
    assert "## Information" in new and "## Contacts" in new
    again, fixed2, _ = fix_text(new, settings, "x.md", None, TODAY)
    assert again == new and fixed2 == []


def test_cli_fix_twice_changes_nothing_more(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    f.write_text(BROKEN, encoding="utf-8")
    r = cli("lint", "--fix", "--profile", "standard", "--select", "RW102", "x.md")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Fixed x.md: RW102 (missing-section)" in r.stderr
    first = f.read_bytes()
    r = cli("lint", "--fix", "--profile", "standard", "--select", "RW102", "x.md")
    assert r.returncode == 0 and "Fixed" not in r.stderr
    assert f.read_bytes() == first


def test_cli_fix_keeps_crlf_and_bom(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    f.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode())
    r = cli("lint", "--fix", "--profile", "standard", "--select", "RW102", "x.md")
    assert r.returncode == 0, r.stderr
    data = f.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Runbook")
    assert b"## Contacts\r\n" in data or data.endswith(b"## Contacts")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_cli_fix_respects_suppressions(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    text = "<!-- runwright-disable-file missing-section -->\n" + BROKEN
    f.write_text(text, encoding="utf-8")
    r = cli("lint", "--fix", "--profile", "standard", "--select", "RW102", "x.md")
    assert r.returncode == 0
    assert f.read_text(encoding="utf-8") == text
