"""--fix never edits a file whose code fence is left open, and never repeats an edit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

OPEN_FENCE = "# Runbook: fence\n\n## Procedure\n\n1. Step\n\n```bash\necho hi\n"


def test_unterminated_fence_is_not_fixed(cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "f.md"
    target.write_text(OPEN_FENCE, encoding="utf-8")
    result = cli("lint", "--fix", "--no-cache", "f.md", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == OPEN_FENCE
    assert "RW001" in result.stdout  # the open fence is what to fix first
    assert result.returncode == 1


def test_fix_applies_each_missing_section_once(cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "f.md"
    target.write_text(OPEN_FENCE + "```\n", encoding="utf-8")
    cli("lint", "--fix", "--no-cache", "--profile", "standard", "f.md", cwd=tmp_path)
    text = target.read_text(encoding="utf-8")
    for section in ("## Verification", "## Rollback", "## Troubleshooting", "## Contacts"):
        assert text.count(section) == 1, text
    again = cli("lint", "--fix", "--no-cache", "--profile", "standard", "f.md", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == text
    assert "Fixed" not in again.stdout
