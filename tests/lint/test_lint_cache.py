"""The content-hash cache: hits, misses on content, config, date and link-target changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
    cache.put_many([("k", [], [])])
    cache.close()
    again = Cache(folder, "2026-03-01")
    again.put_many([("k", [], [])])
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
    cache.put_many([("a", [], one), ("b", [], []), ("c", [], one), ("d", [], one)])
    cache.close()
    db = sqlite3.connect(tmp_path / "lint-cache.sqlite")
    with db:
        db.execute("UPDATE entries SET findings = '[[1,2' WHERE key = 'b'")
        db.execute("UPDATE entries SET deps = 'not json' WHERE key = 'c'")
    db.close()
    again = Cache(tmp_path, "2026-03-01")
    found = again.get_many(["a", "b", "c", "d", "missing"])
    assert found == {"a": one, "d": one} and again.hits == 2
