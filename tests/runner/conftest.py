"""Fixtures for the runner tests: runbook files, a throwaway PostgreSQL cluster, journals."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

WriteRunbook = Callable[..., Path]


@pytest.fixture
def write_runbook(tmp_path: Path) -> WriteRunbook:
    """write_runbook(text, name="rb.md") -> path, in a folder that is its own repository."""
    (tmp_path / ".git").mkdir(exist_ok=True)

    def write(text: str, name: str = "rb.md") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


Spawn = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def background() -> Iterator[Spawn]:
    """background(cwd, env, *args): ``python -m runwright ARGS`` started in a session of its
    own (stdin closed, output piped); killed with its process group if still running when the
    test ends."""
    procs: list[subprocess.Popen[str]] = []

    def spawn(cwd: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-m", "runwright", *args], cwd=cwd,
                                env={**os.environ, "NO_COLOR": "1", **env},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        procs.append(proc)
        return proc

    yield spawn
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl) on a Unix socket, that a test may
    stop and start again."""

    def __init__(self) -> None:
        initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
        if initdb is None or pg_ctl is None:
            pytest.skip("initdb/pg_ctl not found: PostgreSQL server binaries are not installed")
        self.pg_ctl = pg_ctl
        self.base = Path(tempfile.mkdtemp(prefix="rw-pg-"))
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            if shutil.which("runuser") is None:
                pytest.skip("running as root without runuser: cannot start PostgreSQL")
            shutil.chown(self.base, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.data = self.base / "data"
        self.port = _free_port()
        try:
            subprocess.run([*self.prefix, initdb, "-D", str(self.data), "-A", "trust", "-U",
                            "postgres", "--no-sync", "-E", "UTF8"], check=True,
                           capture_output=True)
            self.start()
        except subprocess.CalledProcessError as exc:
            shutil.rmtree(self.base, ignore_errors=True)
            pytest.skip(f"cannot start PostgreSQL: {exc.stderr.decode(errors='replace')[-300:]}")
        self.url = f"postgresql://postgres@/postgres?host={self.base}&port={self.port}"

    def start(self) -> None:
        subprocess.run([*self.prefix, self.pg_ctl, "-D", str(self.data), "-l",
                        str(self.base / "log"), "-w", "-o",
                        f"-k {self.base} -p {self.port} -c listen_addresses='' -c fsync=off",
                        "start"], check=True, capture_output=True)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*self.prefix, self.pg_ctl, "-D", str(self.data), "-m", mode, "-w",
                        "stop"], capture_output=True)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[str]:
    """A PostgreSQL cluster shared by the session's tests; yields an admin URL."""
    server = PgServer()
    try:
        yield server.url
    finally:
        server.remove()


@pytest.fixture
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL cluster of this test's own, which it may stop and start."""
    server = PgServer()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def pg_url(pg_cluster: str) -> str:
    """A fresh database in the throwaway cluster."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_cluster, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_cluster.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A journal location for each backend (SQLite file, PostgreSQL database)."""
    if request.param == "sqlite":
        return str(tmp_path / "state" / "journal.db")
    url: str = request.getfixturevalue("pg_url")
    return url


def dump_journal(location: str) -> str:
    """Every value stored in the journal (all tables), as one text, for scans."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as conn:
            rows = [str(r) for table in ("runwright.runs", "runwright.events")
                    for r in conn.execute(f"SELECT * FROM {table}").fetchall()]
        return "\n".join(rows)
    with sqlite3.connect(location) as conn:
        rows = [str(r) for table in ("runs", "events")
                for r in conn.execute(f"SELECT * FROM {table}").fetchall()]
    conn.close()
    raw = b"".join(p.read_bytes() for p in Path(location).parent.glob("journal.db*"))
    return "\n".join(rows) + raw.decode("latin-1")
