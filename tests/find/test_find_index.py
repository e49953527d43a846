"""The find index: incremental updates from file hashes, --reindex, damaged files, stdin."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import CliRunner

from runwright.config import Config
from runwright.search import DB_NAME, find

NEW_ENTRY = """
### Error: x509: certificate has expired or is not yet valid
**Cause**: the internal CA rotated.
**Solution**: restart the pods so that they load the new bundle.
"""


def test_incremental_updates(find_repo: Path, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state-inc"))
    config = Config(root=find_repo)
    first = find("ImagePullBackOff", config, root=find_repo)
    assert first.stats.indexed == 6 and first.hits
    again = find("ImagePullBackOff", config, root=find_repo)
    assert again.stats.indexed == 0  # nothing changed: nothing re-read
    nginx = find_repo / "docs/runbooks/incidents/nginx-errors.md"
    nginx.write_text(nginx.read_text(encoding="utf-8") + NEW_ENTRY, encoding="utf-8")
    found = find("x509: certificate has expired or is not yet valid", config, root=find_repo)
    assert found.stats.indexed == 1
    assert found.hits[0].heading == "Error: x509: certificate has expired or is not yet valid"
    # same content, new modification time: the hash says it is unchanged
    os.utime(nginx, ns=(1, 1))
    assert find("x509", config, root=find_repo).stats.indexed == 0
    nginx.unlink()
    gone = find("x509 certificate expired", config, root=find_repo)
    assert gone.stats.removed == 1
    assert all(h.path != "docs/runbooks/incidents/nginx-errors.md" for h in gone.hits)
    rebuilt = find("ImagePullBackOff", config, root=find_repo, reindex=True)
    assert rebuilt.stats.indexed == 5


def test_damaged_index_is_rebuilt(cli: CliRunner, find_repo: Path, tmp_path: Path) -> None:
    state = tmp_path / "state-bad"
    state.mkdir()
    (state / DB_NAME).write_bytes(b"this is not a database" * 100)
    proc = cli("find", "CrashLoopBackOff", cwd=find_repo, env={"RUNWRIGHT_STATE_DIR": str(state)})
    assert proc.returncode == 0, proc.stderr
    assert "deploy-api.md" in proc.stdout


def test_stdin_noise_only_and_bad_file(cli: CliRunner, find_repo: Path) -> None:
    proc = cli("find", "-", "--format", "json", cwd=find_repo,
               input="2026-01-15T03:12:44Z level=error msg=\"Challenge failed for domain\"\n")
    assert json.loads(proc.stdout)["results"][0]["path"].endswith("certificate-renewal.md")
    proc = cli("find", "2026-01-15 10.0.0.1 0d7c4e9a-1b2f-4c3d-9e8f-123456789abc", cwd=find_repo)
    assert proc.returncode == 1 and "none of the query's words" in proc.stdout
    (find_repo / "docs/runbooks/binary.md").write_bytes(b"\x00\x01\x02")
    proc = cli("find", "ImagePullBackOff", cwd=find_repo)
    assert proc.returncode == 2
    assert "Error: docs/runbooks/binary.md: binary file" in proc.stderr
    assert "deploy-api.md" in proc.stdout  # the others are still searched


def test_no_runbook_folder(cli: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    proc = cli("find", "anything", cwd=empty)
    assert proc.returncode == 2 and "no runbook folder to search" in proc.stderr
    proc = cli("find", "anything", "--limit", "0", cwd=empty)
    assert proc.returncode == 2


def test_settled_files_are_not_read_and_a_rewrite_with_old_times_is_seen(
        find_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged file costs one stat once its times have settled; a same-size rewrite that
    puts the old modification time back (``touch -d``, ``cp -p``) is still re-indexed."""
    import time

    from runwright import files, search

    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state-settled"))
    reads: list[str] = []
    real = search.read_bytes

    def spy(path: Any, name: str, max_size: int = files.MAX_FILE_SIZE) -> bytes:
        reads.append(name)
        return real(path, name, max_size)

    monkeypatch.setattr(search, "read_bytes", spy)
    config = Config(root=find_repo)
    time.sleep(3 * files.SETTLE_NS / 1e9)
    assert find("ImagePullBackOff", config, root=find_repo).stats.indexed == 6
    reads.clear()
    assert find("ImagePullBackOff", config, root=find_repo).stats.indexed == 0
    assert reads == []
    nginx = find_repo / "docs/runbooks/incidents/nginx-errors.md"
    old = nginx.read_text(encoding="utf-8")
    st = os.stat(nginx)
    new = old.replace("nginx", "NGINX", 1)
    assert new != old and len(new) == len(old)
    nginx.write_text(new, encoding="utf-8")
    os.utime(nginx, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = find("NGINX", config, root=find_repo)
    assert again.stats.indexed == 1 and reads == ["docs/runbooks/incidents/nginx-errors.md"]


def test_a_file_written_just_now_is_read_again_until_it_settles(
        find_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from runwright import files

    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state-racy"))
    monkeypatch.setattr(files, "SETTLE_NS", 3_600 * 10**9)  # every file is "just written"
    config = Config(root=find_repo)
    find("ImagePullBackOff", config, root=find_repo)
    db = tmp_path / "state-racy" / DB_NAME
    import sqlite3

    conn = sqlite3.connect(db)
    assert {row[0] for row in conn.execute("SELECT stat FROM files")} == {""}
    conn.close()
    assert find("ImagePullBackOff", config, root=find_repo).stats.indexed == 0  # same bytes
