"""The lint cache: hits, misses on content, config, date and link-target changes, and the
stat-keyed path that answers unchanged files without reading them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from runwright.files import SETTLE_NS, settled
from runwright.linter.cache import Cache
from runwright.linter.engine import lint_paths

DAY = dt.date(2026, 3, 1)


def _run(settings: Any, tmp_path: Path, today: dt.date = DAY, **kw: Any) -> Any:
    return lint_paths([str(tmp_path / "docs")], settings, today=today, **kw)


def test_second_run_hits_and_matches(make_settings: Any, tmp_path: Path,
                                     monkeypatch: Any) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("## Procedure\n", encoding="utf-8")
    (docs / "b.md").write_text("# Runbook: B\n", encoding="utf-8")
    settings = make_settings(select=["RW1"])
    cold = _run(settings, tmp_path)
    warm = _run(settings, tmp_path)
    assert cold.cache_hits == 0 and warm.cache_hits == 2
    assert warm.findings == cold.findings and warm.findings
    (docs / "b.md").write_text("## Procedure\n", encoding="utf-8")
    changed = _run(settings, tmp_path)
    assert changed.cache_hits == 1
    assert {f.path for f in changed.findings} == {str(docs / "a.md"), str(docs / "b.md")}
    assert _run(make_settings(select=["RW101"]), tmp_path).cache_hits == 0
    assert _run(settings, tmp_path, today=DAY + dt.timedelta(days=1)).cache_hits == 0
    assert _run(settings, tmp_path, use_cache=False).cache_hits == 0


def test_link_target_change_invalidates(make_settings: Any, tmp_path: Path,
                                        monkeypatch: Any) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Runbook: A\n\nSee [b](../target/b.md#top).\n", encoding="utf-8")
    settings = make_settings(select=["RW1"])
    _run(settings, tmp_path)
    assert _run(settings, tmp_path).cache_hits == 1
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "b.md").write_text("# Top\n", encoding="utf-8")
    assert _run(settings, tmp_path).cache_hits == 0
    assert _run(settings, tmp_path).cache_hits == 1


def test_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "lint-cache.sqlite").write_bytes(b"this is not a database" * 100)
    cache = Cache(folder, "2026-03-01")
    assert cache.get("k") is None
    cache.put_many([("k", None, [], [])])
    cache.close()
    again = Cache(folder, "2026-03-01")
    again.put_many([("k", None, [], [])])
    assert again.get("k") == []
    again.close()


def test_parallel_run_matches_serial(make_settings: Any, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(60):
        (docs / f"r{i:02}.md").write_text("## Procedure\n" if i % 2 else f"# Runbook: {i}\n",
                                          encoding="utf-8")
    settings = make_settings(select=["RW1"])
    serial = _run(settings, tmp_path, use_cache=False, jobs=1)
    parallel = _run(settings, tmp_path, use_cache=False, jobs=2)
    assert parallel.findings == serial.findings and parallel.files == 60


def test_damaged_entries_are_misses_and_the_rest_still_hit(tmp_path: Path) -> None:
    import sqlite3

    from runwright.linter.rule import Finding

    cache = Cache(tmp_path, "2026-03-01")
    one = [Finding("a.md", 1, 1, "RW101", "missing-title", "error", "m\udcff")]
    cache.put_many([("a", None, [], one), ("b", None, [], []), ("c", None, [], one),
                    ("d", None, [], one), ("e", None, [], one)])
    cache.close()
    db = sqlite3.connect(tmp_path / "lint-cache.sqlite")
    with db:
        db.execute("UPDATE entries SET findings = '[[1,2' WHERE key = 'b'")
        db.execute("UPDATE entries SET deps = 'not json' WHERE key = 'c'")
        db.execute("""UPDATE entries SET findings = '[["a.md", 1, 1, "RW101", "x", "m"]]'
                      WHERE key = 'e'""")  # a row of the wrong length
    db.close()
    again = Cache(tmp_path, "2026-03-01")
    found = again.get_many(["a", "b", "c", "d", "e", "missing"])
    assert found == {"a": one, "d": one} and again.hits == 2


# -- the stat-keyed path: unchanged files are answered without being read ------------------


def _settle() -> None:
    """Let the files just written age past the timestamp granularity (see cache.settled)."""
    import time

    time.sleep(3 * SETTLE_NS / 1e9)


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine reads (a spy on its one reader; the reading still happens)."""
    from runwright.linter import engine

    seen: list[str] = []
    real = engine._read

    def spy(path: Any, display: str, max_size: int) -> Any:
        seen.append(display)
        return real(path, display, max_size)

    monkeypatch.setattr(engine, "_read", spy)
    return seen


def _docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> Path:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in files.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    return docs


def test_settled_unchanged_files_are_answered_without_reading(
        make_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        reads: list[str]) -> None:
    _docs(tmp_path, monkeypatch, a="## Procedure\n", b="# Runbook: B\n")
    _settle()
    settings = make_settings(select=["RW1"])
    cold = _run(settings, tmp_path)
    assert len(reads) == 2 and cold.cache_hits == 0
    reads.clear()
    warm = _run(settings, tmp_path)
    assert reads == [] and warm.stat_hits == 2 and warm.cache_hits == 2
    assert warm.findings == cold.findings and warm.files == 2


def test_a_file_written_too_recently_is_read_until_it_settles(
        make_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        reads: list[str]) -> None:
    from runwright import files

    _docs(tmp_path, monkeypatch, a="## Procedure\n")
    settings = make_settings(select=["RW1"])
    monkeypatch.setattr(files, "SETTLE_NS", 3_600 * 10**9)  # everything is "just written"
    _run(settings, tmp_path)
    second = _run(settings, tmp_path)
    assert second.cache_hits == 1 and second.stat_hits == 0 and len(reads) == 2
    monkeypatch.setattr(files, "SETTLE_NS", SETTLE_NS)
    _settle()
    third = _run(settings, tmp_path)  # a content hit, and now the stat is recorded
    assert third.cache_hits == 1 and third.stat_hits == 0 and len(reads) == 3
    fourth = _run(settings, tmp_path)
    assert fourth.stat_hits == 1 and len(reads) == 3


@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_same_size_rewrite_with_the_old_times_put_back_misses(
        make_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """``touch -d``, ``cp -p`` and ``rsync -t`` put the modification time back (in place, or
    as a new file renamed over the old one); the status-change time still moves."""
    import os

    docs = _docs(tmp_path, monkeypatch, b="# Runbook: B\n")
    _settle()
    settings = make_settings(select=["RW1"])
    assert _run(settings, tmp_path).findings == []
    st = os.stat(docs / "b.md")
    target = docs / "b.md" if how == "in place" else tmp_path / "new.md"
    target.write_text("## Procedure\n", encoding="utf-8")  # same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    if how == "by rename":
        os.replace(target, docs / "b.md")
    assert (os.stat(docs / "b.md").st_size, os.stat(docs / "b.md").st_mtime_ns) == \
        (st.st_size, st.st_mtime_ns)
    _settle()
    after = _run(settings, tmp_path)
    assert after.stat_hits == 0 and after.cache_hits == 0
    assert "RW101" in {f.rule for f in after.findings}  # the new text has no title


def test_stat_hits_still_check_link_targets(make_settings: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _docs(tmp_path, monkeypatch, a="# Runbook: A\n\nSee [b](../target/b.md#top).\n")
    _settle()
    settings = make_settings(select=["RW1"])
    _run(settings, tmp_path)
    assert _run(settings, tmp_path).stat_hits == 1
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "b.md").write_text("# Top\n", encoding="utf-8")
    changed = _run(settings, tmp_path)
    assert changed.cache_hits == 0 and changed.stat_hits == 0


def test_stat_keys_depend_on_config_date_path_and_name(
        make_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _docs(tmp_path, monkeypatch, a="## Procedure\n")
    _settle()
    settings = make_settings(select=["RW1"])
    _run(settings, tmp_path)
    assert _run(settings, tmp_path).stat_hits == 1
    assert _run(make_settings(select=["RW101"]), tmp_path).cache_hits == 0
    assert _run(settings, tmp_path, today=DAY + dt.timedelta(days=1)).cache_hits == 0
    monkeypatch.chdir(tmp_path)  # the same file under another name (relative): its own entry
    assert lint_paths(["docs"], settings, today=DAY).cache_hits == 0


def test_unreadable_files_are_reported_on_every_run(make_settings: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(tmp_path, monkeypatch, a="## Procedure\n")
    (docs / "bad.md").write_bytes(b"\xff\xfe not UTF-8 \xc3\x28")
    _settle()
    settings = make_settings(select=["RW1"])
    for _ in range(3):
        report = _run(settings, tmp_path)
        assert [e.message.split(":")[0] for e in report.errors] == [str(docs / "bad.md")]
        assert report.files == 1


def test_settled_needs_both_times_past_the_granularity() -> None:
    import os

    def st(mtime: int, ctime: int) -> os.stat_result:
        return os.stat_result((0o100644, 1, 2, 1, 0, 0, 10, 0, 0, 0),
                              {"st_mtime_ns": mtime, "st_ctime_ns": ctime})

    now = 100 * 10**9 + 500_000_000
    assert settled(st(now - SETTLE_NS - 1, now - SETTLE_NS - 1), now)
    assert not settled(st(now - SETTLE_NS, now - 10**9), now)
    assert not settled(st(now - 10**9, now - 1), now)
    # whole-second times (a file system without sub-second timestamps): 2 s of margin
    assert not settled(st(99 * 10**9, 99 * 10**9), now)
    assert settled(st(98 * 10**9, 98 * 10**9), now)


def test_an_older_cache_layout_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    from runwright.linter.finding import Finding

    db = sqlite3.connect(tmp_path / "lint-cache.sqlite")
    with db:
        db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, day TEXT NOT NULL, "
                   "deps TEXT NOT NULL, findings TEXT NOT NULL)")
        db.execute("INSERT INTO entries VALUES ('k', '2026-03-01', '[]', '[]')")
    db.close()
    cache = Cache(tmp_path, "2026-03-01")
    assert cache.get("k") is None
    one = [Finding("a.md", 1, 1, "RW101", "missing-title", "error", "m")]
    cache.put_many([("k", "s", [], one)])
    assert cache.get("k") == one and cache.get_by_stat(["s"]) == {"s": ("k", one)}
    cache.close()


def test_an_unreadable_file_does_not_cost_another_file_its_findings(
        make_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file refused while its batch is looked up, before the next batch is found: every
    other file still has its findings, and report.linted lists each readable file once."""
    from runwright.linter.engine import LOOKUP_BATCH

    docs = _docs(tmp_path, monkeypatch)
    (docs / "a000.md").write_text("TODO " * 100, encoding="utf-8")  # over max_file_size
    names = [f"b{i:03}.md" for i in range(LOOKUP_BATCH + 10)]
    for name in names:
        (docs / name).write_text("TODO x\n", encoding="utf-8")
    settings = make_settings({"max_file_size": 200}, select=["RW502"])
    for _ in range(2):  # cold, then from the cache
        report = _run(settings, tmp_path, jobs=1)
        assert [e.message.split(":")[0] for e in report.errors] == [str(docs / "a000.md")]
        assert sorted(Path(f.path).name for f in report.findings) == names
        assert sorted(Path(p).name for p in report.linted) == names
        assert report.files == len(names)
