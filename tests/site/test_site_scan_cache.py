"""The repository scan behind site, index and audit: parallel parsing and the parse cache."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from runwright.catalog import scan
from runwright.config import load_config
from runwright.errors import InputError
from runwright.parse_cache import (
    CACHE_FILE,
    PARALLEL_THRESHOLD,
    ParseCache,
    decode,
    encode,
    entry_key,
    load_many,
)
from runwright.parser import load
from runwright.site import build_site

REPO_ROOT = Path(__file__).resolve().parents[2]


def _markdown_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.md") if p.is_file())


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def big_repo(tmp_path: Path) -> Path:
    """A repository with more runbooks than the parallel threshold, and two unreadable files."""
    sources = _markdown_files(REPO_ROOT / "examples", Path(__file__).parent / "fixtures")
    assert sources
    base = tmp_path / "repo" / "docs" / "runbooks"
    for i in range(PARALLEL_THRESHOLD + 6):
        folder = base / ("incidents" if i % 2 else "deployment")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[i % len(sources)], folder / f"rb-{i:03}.md")
    (base / "incidents" / "binary.md").write_bytes(b"# x\n\x00\x01\x02")
    (base / "incidents" / "latin1.md").write_bytes("# Café\n".encode("latin-1"))
    return tmp_path / "repo"


def _round_trip(files: list[Path]) -> None:
    assert files
    for path in files:
        try:
            runbook = load(path)
        except InputError:
            continue
        back = decode(encode(runbook))
        assert back == runbook, path
        assert back.lines == runbook.lines


def test_encoding_round_trips_examples() -> None:
    _round_trip(_markdown_files(REPO_ROOT / "examples", REPO_ROOT / "tests"))


def test_encoding_round_trips_shared_corpus(shared_corpus: Path) -> None:
    _round_trip(_markdown_files(shared_corpus)[:600])


def test_decode_refuses_other_objects() -> None:
    from runwright.parse_cache import dumps

    with pytest.raises(TypeError):
        decode(dumps({"not": "a runbook"}))


def test_parallel_scan_equals_one_by_one_loading(big_repo: Path, state: Path) -> None:
    config = load_config(start=big_repo)
    catalog = scan(big_repo, config)
    assert catalog.parsed == PARALLEL_THRESHOLD + 6 and catalog.cached == 0
    assert [e.rel for e in catalog.entries] == sorted(e.rel for e in catalog.entries)
    assert len(catalog.entries) == PARALLEL_THRESHOLD + 8
    for entry in catalog.entries:
        try:
            expected = load(entry.path, entry.rel, max_size=config.max_file_size)
        except InputError as exc:
            assert entry.runbook is None and entry.error == exc.message
        else:
            assert entry.error is None and entry.runbook == expected
    errors = {e.rel.rsplit("/", 1)[-1]: e.error for e in catalog.entries if e.error}
    assert set(errors) == {"binary.md", "latin1.md"}
    assert "binary file" in str(errors["binary.md"])
    assert "not valid UTF-8" in str(errors["latin1.md"])
    assert not state.exists()  # no cache asked for: nothing written
    _, stats = load_many([(e.path, e.rel) for e in catalog.entries], config.max_file_size)
    if len(os.sched_getaffinity(0)) >= 2:
        assert stats.workers >= 2  # the parallel path really ran


def test_cached_scan_parses_only_what_changed(big_repo: Path, state: Path) -> None:
    config = load_config(start=big_repo)
    first = scan(big_repo, config, cache=True)
    assert (first.parsed, first.cached) == (PARALLEL_THRESHOLD + 6, 0)
    assert (state / CACHE_FILE).is_file()

    second = scan(big_repo, config, cache=True)
    assert (second.parsed, second.cached) == (0, PARALLEL_THRESHOLD + 6)
    assert second.entries == first.entries  # errors are not cached but come out the same

    edited = big_repo / "docs/runbooks/incidents/rb-001.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")
    third = scan(big_repo, config, cache=True)
    assert (third.parsed, third.cached) == (1, PARALLEL_THRESHOLD + 5)
    entry = next(e for e in third.entries if e.path == edited)
    assert entry.runbook == load(edited, entry.rel)
    with sqlite3.connect(state / CACHE_FILE) as conn:  # the old version of it was dropped
        rows = conn.execute("SELECT count(*) FROM entries WHERE path=?",
                            (str(edited),)).fetchone()
    assert rows == (1,)


def test_unchanged_site_rebuild_parses_nothing(state: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "repo", repo)
    config = load_config(start=repo)
    first = build_site(repo, config)
    assert first.pages == 2 and first.built == 2 and first.parsed == 2 and first.cached == 0

    again = build_site(repo, config)
    assert (again.built, again.unchanged, again.parsed, again.cached) == (0, 2, 0, 2)

    source = repo / "docs/runbooks/incidents/database-down.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")
    edited = build_site(repo, config)
    assert (edited.built, edited.unchanged, edited.parsed, edited.cached) == (1, 1, 1, 1)
    assert "One more line." in (repo / "_site/incidents/database-down.html").read_text()

    # A page deleted from the output is rendered again from the cached runbook.
    (repo / "_site/deployment/deploy-production.html").unlink()
    again = build_site(repo, config)
    assert (again.built, again.parsed, again.cached) == (1, 0, 2)
    assert (repo / "_site/deployment/deploy-production.html").is_file()


def test_damaged_cache_is_rebuilt_not_an_error(state: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "repo", repo)
    state.mkdir(parents=True)
    (state / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    report = build_site(repo, load_config(start=repo))
    assert report.pages == 2 and report.parsed == 2 and not report.errors
    again = build_site(repo, load_config(start=repo))  # the cache was started over
    assert (again.parsed, again.cached) == (0, 2)


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Runbook: A\n", encoding="utf-8")
    cache = ParseCache(tmp_path / "state")
    key = entry_key("a.md", path.read_bytes())
    cache.put([(key, str(path), b"garbage")])
    results, stats = load_many([(path, "a.md")], 1 << 20, cache)
    assert stats.parsed == 1 and stats.cached == 0
    assert results == [load(path, "a.md")]
    results, stats = load_many([(path, "a.md")], 1 << 20, cache)  # replaced by a good entry
    assert stats.cached == 1
    cache.close()


def test_cache_key_depends_on_name_and_bytes() -> None:
    assert entry_key("a.md", b"x") != entry_key("b.md", b"x")
    assert entry_key("a.md", b"x") != entry_key("a.md", b"y")
    assert entry_key("a.md", b"x") == entry_key("a.md", b"x")


def test_unwritable_state_directory_still_builds(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(blocker / "state"))
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "repo", repo)
    report = build_site(repo, load_config(start=repo))
    assert report.pages == 2 and report.parsed == 2 and not report.errors


def test_oversized_and_missing_files_keep_load_messages(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("# Big\n" + "x" * 2000, encoding="utf-8")
    gone = tmp_path / "gone.md"
    results, stats = load_many([(big, "big.md"), (gone, "gone.md")], 1000)
    assert stats.parsed == 0
    for path, result in zip((big, gone), results, strict=True):
        with pytest.raises(InputError) as expected:
            load(path, path.name, max_size=1000)
        assert isinstance(result, InputError) and result.message == expected.value.message


def test_removed_runbooks_leave_the_cache(big_repo: Path, state: Path) -> None:
    config = load_config(start=big_repo)
    scan(big_repo, config, cache=True)
    removed = big_repo / "docs/runbooks/deployment/rb-000.md"
    removed.unlink()
    scan(big_repo, config, cache=True)
    with sqlite3.connect(state / CACHE_FILE) as conn:
        paths = {row[0] for row in conn.execute("SELECT path FROM entries")}
    assert str(removed) not in paths
    assert len(paths) == PARALLEL_THRESHOLD + 5
