"""``runwright run`` on a transcript: a block in which every command carries a ``$ `` prompt
runs its commands without the prompts and ignores its output lines."""

from __future__ import annotations

from pathlib import Path

from .conftest import WriteRunbook

TRANSCRIPT = """# Runbook: Transcript

## Procedure
### Step 1: Write and read a file
```bash
$ printf '%s\\n' ready > out.txt
$ cat out.txt \\
    out.txt
ready
ready
$ cat <<END >> out.txt
done
END
```
"""


def test_a_transcript_runs_its_commands_without_prompts_or_output(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(TRANSCRIPT)
    result = cli("run", "rb.md", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out.txt").read_text() == "ready\ndone\n"
    assert "command not found" not in result.stdout + result.stderr


def test_a_block_mixing_prompted_and_plain_commands_runs_as_written(
        cli, write_runbook: WriteRunbook, tmp_path: Path) -> None:
    write_runbook(TRANSCRIPT.replace("$ printf", "printf"))
    result = cli("run", "rb.md", "--yes")
    # Not a transcript: run as written, so "$ cat" is no command and the run fails.
    assert result.returncode != 0
    assert (tmp_path / "out.txt").read_text() == "ready\n"
