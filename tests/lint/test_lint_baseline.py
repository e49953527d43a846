"""``runwright lint --baseline`` / ``--write-baseline``, through the real CLI.

The findings are TODO markers (RW502, selected alone): the baseline does not depend on what
the rules report, only on rule, file and line text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CliRunner

# Two identical lines (two findings with one key), and another one.
DOC = """\
# Notes

TODO check the pods

Some text.

TODO check the pods

FIXME write the rollback
"""
SELECT = ("--select", "RW502")
BASELINE = ".runwright-baseline.json"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(DOC, encoding="utf-8")
    (docs / "b.md").write_text("# B\n\nTODO everything\n", encoding="utf-8")
    return tmp_path


def _found(cli: CliRunner, repo: Path, *args: str) -> list[dict[str, object]]:
    r = cli("lint", "--format", "json", "--fail-on", "never", *SELECT, *args, "docs", cwd=repo)
    assert r.returncode == 0, r.stderr
    found: list[dict[str, object]] = json.loads(r.stdout)
    return found


def _write(cli: CliRunner, repo: Path, *args: str) -> dict[str, object]:
    r = cli("lint", *SELECT, "--write-baseline", BASELINE, *args, "docs", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"in {BASELINE}." in r.stderr
    data: dict[str, object] = json.loads((repo / BASELINE).read_text(encoding="utf-8"))
    return data


def test_write_then_nothing_new(cli: CliRunner, repo: Path) -> None:
    before = _found(cli, repo)
    assert len(before) == 4
    data = _write(cli, repo)
    assert data["version"] == 1 and data["tool"] == "runwright"
    findings = data["findings"]
    assert isinstance(findings, dict)
    assert sorted(findings) == ["docs/a.md", "docs/b.md"]
    assert findings["docs/a.md"] == [
        {"count": 1, "name": "todo-in-prose", "rule": "RW502", "text": "FIXME write the rollback"},
        {"count": 2, "name": "todo-in-prose", "rule": "RW502", "text": "TODO check the pods"}]
    assert _found(cli, repo, "--baseline", BASELINE) == []
    r = cli("lint", *SELECT, "--baseline", BASELINE, "docs", cwd=repo)
    assert r.returncode == 0
    assert "All checks passed (2 files; 4 known problems in the baseline)." in r.stdout


def test_the_file_is_sorted_and_stable(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    first = (repo / BASELINE).read_text(encoding="utf-8")
    _write(cli, repo)
    assert (repo / BASELINE).read_text(encoding="utf-8") == first
    assert first.endswith("}\n")
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True,
                               ensure_ascii=False) + "\n"


def test_edits_elsewhere_do_not_bring_findings_back(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    a = repo / "docs" / "a.md"
    a.write_text("Intro added above.\n\n" + DOC.replace("Some text.", "Some\n\nmore text."),
                 encoding="utf-8")
    assert _found(cli, repo, "--baseline", BASELINE) == []


def test_blanks_inside_the_line_do_not_matter(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    a = repo / "docs" / "a.md"
    a.write_text(DOC.replace("FIXME write the rollback", "  FIXME   write the  rollback  "),
                 encoding="utf-8")
    assert _found(cli, repo, "--baseline", BASELINE) == []


def test_a_new_file_is_all_new(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    (repo / "docs" / "c.md").write_text(DOC, encoding="utf-8")
    found = _found(cli, repo, "--baseline", BASELINE)
    assert [(f["path"], f["line"]) for f in found] == [("docs/c.md", 3), ("docs/c.md", 7),
                                                       ("docs/c.md", 9)]


def test_two_identical_lines_are_two_findings(cli: CliRunner, repo: Path) -> None:
    (repo / "docs" / "b.md").write_text("# B\n\nTODO later\n\nTODO later\n", encoding="utf-8")
    data = _write(cli, repo)
    findings = data["findings"]
    assert isinstance(findings, dict)
    assert findings["docs/b.md"] == [{"count": 2, "name": "todo-in-prose", "rule": "RW502",
                                      "text": "TODO later"}]
    (repo / "docs" / "b.md").write_text("# B\n\nTODO later\n\nTODO later\n\nTODO later\n",
                                        encoding="utf-8")
    found = _found(cli, repo, "--baseline", BASELINE)
    assert [(f["path"], f["line"]) for f in found] == [("docs/b.md", 7)]


def test_a_fixed_finding_leaves_the_baseline(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    (repo / "docs" / "b.md").write_text("# B\n\nAll written.\n", encoding="utf-8")
    data = _write(cli, repo)
    findings = data["findings"]
    assert isinstance(findings, dict)
    assert sorted(findings) == ["docs/a.md"]
    # ... so it is new when it comes back
    (repo / "docs" / "b.md").write_text("# B\n\nTODO everything\n", encoding="utf-8")
    assert [f["path"] for f in _found(cli, repo, "--baseline", BASELINE)] == ["docs/b.md"]


def test_a_run_on_part_of_the_tree_keeps_the_other_files(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    (repo / "docs" / "a.md").write_text("# A\n\nclean\n", encoding="utf-8")
    r = cli("lint", *SELECT, "--write-baseline", BASELINE, "docs/a.md", cwd=repo)
    assert r.returncode == 0, r.stderr
    data = json.loads((repo / BASELINE).read_text(encoding="utf-8"))
    assert sorted(data["findings"]) == ["docs/b.md"]  # a.md pruned, b.md kept
    (repo / "docs" / "b.md").unlink()  # a file that is gone leaves it on the next write
    _write(cli, repo)
    assert json.loads((repo / BASELINE).read_text(encoding="utf-8"))["findings"] == {}


def test_keys_do_not_depend_on_the_working_directory(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    r = cli("lint", *SELECT, "--format", "json", "--baseline", f"../{BASELINE}", ".",
            cwd=repo / "docs")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_format_reports_only_new_findings(cli: CliRunner, repo: Path, fmt: str) -> None:
    _write(cli, repo)
    (repo / "docs" / "new.md").write_text("# N\n\nFIXME soon\n", encoding="utf-8")
    r = cli("lint", *SELECT, "--format", fmt, "--fail-on", "warning", "--baseline", BASELINE,
            "docs", cwd=repo)
    assert r.returncode == 1, r.stderr
    assert "new.md" in r.stdout
    assert "a.md" not in r.stdout and "b.md" not in r.stdout


def test_with_the_cache_warm(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    for _ in range(2):  # the second run answers from the cache
        assert _found(cli, repo, "--baseline", BASELINE) == []
        assert len(_found(cli, repo)) == 4


def test_config_default_and_no_baseline(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    (repo / "runwright.toml").write_text(f'[lint]\nbaseline = "{BASELINE}"\n',
                                         encoding="utf-8")
    assert _found(cli, repo) == []
    assert len(_found(cli, repo, "--no-baseline")) == 4
    # relative to the configuration file's folder, wherever lint runs from
    r = cli("lint", *SELECT, "--format", "json", ".", cwd=repo / "docs")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []


def test_statistics_after_the_baseline(cli: CliRunner, repo: Path) -> None:
    _write(cli, repo)
    (repo / "docs" / "new.md").write_text("# N\n\nTODO soon\n", encoding="utf-8")
    r = cli("lint", *SELECT, "--statistics", "--baseline", BASELINE, "docs", cwd=repo)
    assert r.stdout.splitlines()[0] == "1\tRW502\t[ ] todo-in-prose"
    assert "4 known problems in the baseline" in r.stdout


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("{not json", "not valid JSON (line 1, column 2"),
    ('{"version": 2, "tool": "runwright", "findings": {}}', "version 2 is not one this"),
    ('{"findings": {}}', "not a runwright baseline"),
    ("[1, 2]", "not a runwright baseline"),
    ('{"version": 1, "tool": "runwright", "findings": []}', '"findings" must be an object'),
    ('{"version": 1, "tool": "runwright", "findings": {"a.md": [{"rule": "RW502"}]}}',
     'entry 1 of \'a.md\' needs "rule" and "text"'),
    ('{"version": 1, "tool": "runwright", "findings": {"a.md": [{"rule": "RW502", '
     '"text": "x", "count": 0}]}}', 'positive "count"'),
])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_bad_baseline_is_a_clear_error(cli: CliRunner, repo: Path, content: str | None,
                                         message: str, fmt: str) -> None:
    if content is not None:
        (repo / BASELINE).write_text(content, encoding="utf-8")
    r = cli("lint", "--format", fmt, "--baseline", BASELINE, "docs", cwd=repo)
    assert r.returncode == 2
    assert r.stderr.startswith(f"Error: baseline {BASELINE}: ")
    assert message in r.stderr
    assert "--write-baseline" in r.stderr  # says how to mend it
    assert "Traceback" not in r.stderr
    assert r.stdout == ""  # nothing linted on a wrong premise


def test_a_missing_configured_baseline_is_an_error(cli: CliRunner, repo: Path) -> None:
    (repo / "runwright.toml").write_text('[lint]\nbaseline = "gone.json"\n', encoding="utf-8")
    r = cli("lint", "docs", cwd=repo)
    assert r.returncode == 2
    assert "Error: baseline " in r.stderr and "gone.json: no such file" in r.stderr


def test_writing_mends_a_broken_baseline(cli: CliRunner, repo: Path) -> None:
    (repo / BASELINE).write_text("{broken", encoding="utf-8")
    _write(cli, repo)
    assert _found(cli, repo, "--baseline", BASELINE) == []


def test_an_unwritable_baseline_is_a_clear_error(cli: CliRunner, repo: Path) -> None:
    r = cli("lint", "--write-baseline", "no/such/folder/b.json", "docs", cwd=repo)
    assert r.returncode == 2
    assert r.stderr.startswith("Error: baseline no/such/folder/b.json: cannot write")
