"""Bad input through the real CLI: a clear message naming the file, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOOD = "# Runbook: Good\n\n## Contacts\n- **On-call**: #ops\n"


def _bad_files(root: Path) -> dict[str, str]:
    """name -> a fragment the error message must contain."""
    (root / "good.md").write_text(GOOD)
    (root / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    (root / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "huge.md").write_bytes(b"# Big\n\n" + b"word " * (20 * 1024 * 1024 // 5))
    (root / "empty-dir").mkdir()
    return {
        "latin1.md": "not valid UTF-8",
        "binary.md": "binary file",
        "huge.md": "MiB limit",
        "missing.md": "no such file or directory",
        "empty-dir": "no Markdown runbooks found",
    }


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_inputs_are_reported_and_the_rest_is_processed(cli, tmp_path: Path,
                                                           fmt: str) -> None:
    expected = _bad_files(tmp_path)
    result = cli("show", "--format", fmt, "good.md", *expected, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for name, fragment in expected.items():
        line = next((ln for ln in result.stderr.splitlines() if name in ln), "")
        assert line.startswith("Error: "), (name, result.stderr)
        assert fragment in line, (name, line)
    if fmt == "json":
        items = json.loads(result.stdout)
        assert [i["title"] for i in items] == ["Good"]
    else:
        assert "Good" in result.stdout


def test_invalid_utf8_names_line_and_column(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"# Title\n\nok \xff here\n")
    result = cli("show", "bad.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "Error: bad.md:3:4: not valid UTF-8 (byte 0xff)" in result.stderr


@pytest.mark.parametrize(("name", "content", "warning"), [
    ("empty.md", "", "the file is empty"),
    ("unterminated.md", "# T\n\n```bash\necho hi\n", "never closed"),
    ("deep-list.md", "- " * 10_000 + "x\n\n# After\n", "nested"),
    ("deep-indent.md", "".join("  " * i + "- a\n" for i in range(1_000)) + "\n# After\n",
     "nested"),
    ("deep-quote.md", ">" * 10_000 + " deep\n\n# After\n", "nested"),
    ("quotes.md", '---\ntitle: "Deploy "web" now"\n---\n# T\n', "front matter"),
])
def test_readable_but_odd_files_warn_and_exit_zero(cli, tmp_path: Path, name: str,
                                                   content: str, warning: str) -> None:
    (tmp_path / name).write_text(content)
    result = cli("show", "--format", "json", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"Warning: {name}:" in result.stderr and warning in result.stderr
    data = json.loads(result.stdout)
    assert any(warning in p["message"] for p in data["problems"])


def test_a_template_front_matter_gives_no_warning(cli, tmp_path: Path) -> None:
    """A Hugo archetype is YAML once Hugo fills it in: nothing to warn about."""
    (tmp_path / "hugo.md").write_text('---\ntitle: "{{ replace .Name "-" " " }}"\n---\n# T\n')
    result = cli("show", "--format", "json", "hugo.md", cwd=tmp_path)
    assert result.returncode == 0 and "Warning" not in result.stderr
    assert json.loads(result.stdout)["problems"] == []


def test_deep_emphasis_and_brackets_do_not_crash(cli, tmp_path: Path) -> None:
    (tmp_path / "inline.md").write_text("*" * 20_000 + "a" + "*" * 20_000 + "\n\n"
                                        + "[" * 20_000 + "\n\n# Title\n")
    result = cli("show", "--format", "json", "inline.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"][-1]["title"] == "Title"


def test_crlf_and_bom_are_read(cli, tmp_path: Path) -> None:
    (tmp_path / "win.md").write_bytes(b"\xef\xbb\xbf# Runbook: W\r\n\r\n## Procedure\r\n\r\n"
                                      b"### Step 1: a\r\n\r\n```bash\r\necho hi\r\n```\r\n")
    result = cli("show", "--format", "json", "win.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "W"
    assert data["steps"][0]["commands"][0] == {
        "language": "bash", "code": "echo hi\n", "line": 7, "attributes": {}}


def test_one_file_is_an_object_several_or_a_directory_an_array(cli, tmp_path: Path) -> None:
    (tmp_path / "rb").mkdir()
    (tmp_path / "rb" / "a.md").write_text(GOOD)
    (tmp_path / "rb" / "b.md").write_text(GOOD.replace("Good", "Other"))
    one = json.loads(cli("show", "--format", "json", "rb/a.md", cwd=tmp_path).stdout)
    assert isinstance(one, dict) and one["path"] == "rb/a.md"
    two = json.loads(cli("show", "--format", "json", "rb/a.md", "rb/b.md", cwd=tmp_path).stdout)
    assert [d["title"] for d in two] == ["Good", "Other"]
    directory = json.loads(cli("show", "--format", "json", "rb", cwd=tmp_path).stdout)
    assert isinstance(directory, list) and len(directory) == 2


def test_show_help_has_examples(cli) -> None:
    result = cli("show", "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout and "runwright show" in result.stdout
