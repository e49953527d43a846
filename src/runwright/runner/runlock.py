"""One live process per run: the run lock, its heartbeat and its takeover.

A process that starts or resumes a run holds it until the run ends. The holder (operator, host,
pid, since, last heartbeat) is a row of ``run_locks``; while the run goes on, a background
thread refreshes its heartbeat every :func:`heartbeat_interval` seconds (on its own connection,
never per output line or event). ``runwright run --resume`` of a run that a live process holds
is refused with who holds it (:class:`RunLocked`). A lock is taken over, with a notice, when
its holder is dead:

- SQLite: the holder ran on this host and its pid is gone, or its heartbeat is older than
  ``run.lock_stale_after`` (default 2 minutes).
- PostgreSQL: the row goes with a session-level advisory lock (``pg_try_advisory_lock``) on the
  journal's connection, held for the run; the server releases it when the holder's connection
  closes (its process died), so a free advisory lock means a dead holder. A holder whose
  connection lingers without a heartbeat for ``run.lock_stale_after`` (a host that vanished)
  has that connection terminated (``pg_terminate_backend``), then the lock is taken.

The lock is taken *before* the run's history is read, so that of two racing resumes exactly one
runs the remaining steps; the other is refused, or finds the run already finished.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runwright.digest import blake2b
from runwright.errors import RunwrightError

if TYPE_CHECKING:
    from runwright.runner.journal import Journal

#: Seconds without a heartbeat after which a lock counts as left by a dead process.
DEFAULT_STALE_AFTER = 120.0
#: Seconds to wait for a terminated holder's advisory lock to be released.
_PG_LOCK_TIMEOUT = 10.0
_HOLDER_ROW_WAIT = 2.0  # seconds a refusal waits for the holder's row to be written


def heartbeat_interval(stale_after: float) -> float:
    """How often a holder refreshes its heartbeat: a quarter of the stale time, at most 30 s."""
    return max(0.2, min(30.0, stale_after / 4))


def pg_key(run_id: str) -> int:
    """The PostgreSQL advisory lock key of a run (63 bits of a hash of its id)."""
    return int.from_bytes(blake2b(run_id.encode(), digest_size=8).digest(), "big") >> 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return dt.datetime.fromisoformat(str(value))


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


@dataclass(frozen=True)
class Holder:
    run_id: str
    operator: str | None
    host: str
    pid: int
    since: dt.datetime
    heartbeat: dt.datetime

    def describe(self) -> str:
        return (f"{self.operator or 'unknown'} on {self.host}, pid {self.pid}, since "
                f"{self.since:%Y-%m-%d %H:%M:%S} UTC (last heartbeat "
                f"{_ago((_now() - self.heartbeat).total_seconds())} ago)")


class RunLocked(RunwrightError):
    """The run is held by a live process."""

    def __init__(self, run_id: str, holder: Holder | None, stale_after: float) -> None:
        who = holder.describe() if holder is not None else "another runwright process"
        where = f" (pid {holder.pid} on {holder.host})" if holder is not None else ""
        super().__init__(
            f"run {run_id} is being run by {who}",
            hint=f"wait for it to end, or end that process{where}; a run whose process is "
                 f"gone, or without a heartbeat for run.lock_stale_after "
                 f"({_ago(stale_after)}), is taken over")
        self.holder = holder


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def dead_reason(holder: Holder, stale_after: float, here: str) -> str | None:
    """Why ``holder`` counts as dead, or None when it may be alive."""
    if holder.host == here and not pid_alive(holder.pid):
        return f"its process ({holder.pid}) is gone"
    silent = (_now() - holder.heartbeat).total_seconds()
    if silent > stale_after:
        return f"no heartbeat for {_ago(silent)}"
    return None


class RunLock:
    """The lock this process holds on one run, and the thread that keeps its heartbeat."""

    _COLUMNS = "run_id, operator, host, pid, since, heartbeat"

    def __init__(self, journal: Journal, run_id: str, operator: str | None,
                 stale_after: float) -> None:
        self.journal = journal
        self.run_id = run_id
        self.operator = operator
        self.stale_after = stale_after
        self.token = os.urandom(8).hex()
        self.host = os.uname().nodename
        self.pid = os.getpid()
        self.lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- taking ------------------------------------------------------------------------
    def acquire(self) -> str | None:
        """Take the lock; return a notice when it was taken over from a dead holder. Raises
        :class:`RunLocked` when a live process holds the run."""
        if self.journal.dialect == "postgresql":
            notice = self._acquire_postgres()
        else:
            with self.journal._transaction():
                notice = self._take(self._holder())
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat {self.run_id}",
                                        daemon=True)
        self._thread.start()
        return notice

    def _holder(self) -> Holder | None:
        row = self.journal._execute(f"SELECT {self._COLUMNS} FROM run_locks WHERE run_id = ?",
                                    (self.run_id,)).fetchone()
        if row is None:
            return None
        return Holder(run_id=row[0], operator=row[1], host=row[2], pid=int(row[3]),
                      since=_time(row[4]), heartbeat=_time(row[5]))

    def _take(self, holder: Holder | None, reason: str | None = None) -> str | None:
        """Write this process as the holder (inside the caller's lock)."""
        notice = None
        if holder is not None:
            reason = reason or dead_reason(holder, self.stale_after, self.host)
            if reason is None:
                raise RunLocked(self.run_id, holder, self.stale_after)
            notice = (f"run {self.run_id} was held by {holder.describe()}, but {reason}: "
                      "this process takes it over")
            self.journal._execute("DELETE FROM run_locks WHERE run_id = ?", (self.run_id,))
        stamp = _now().isoformat()
        self.journal._execute(
            "INSERT INTO run_locks (run_id, token, operator, host, pid, since, heartbeat) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self.run_id, self.token, self.operator, self.host, self.pid, stamp, stamp))
        return notice

    def _acquire_postgres(self) -> str | None:
        key = pg_key(self.run_id)
        got = self.journal._execute("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0]
        if got:
            # A row without the advisory lock was left by a holder whose connection closed.
            holder = self._holder()
            reason = "its connection to the journal is closed (its process ended)"
            return self._take(holder, reason if holder is not None else None)
        holder = self._holder_of_held_lock()
        dead = dead_reason(holder, self.stale_after, self.host) if holder is not None else None
        if holder is None or dead is None:
            raise RunLocked(self.run_id, holder, self.stale_after)
        # Held by a connection that no longer beats: end that connection, then take the lock.
        self.journal._execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            "AND granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1",
            (key >> 32, key & 0xFFFFFFFF))
        deadline = time.monotonic() + _PG_LOCK_TIMEOUT
        while not self.journal._execute("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0]:
            if time.monotonic() > deadline:
                raise RunLocked(self.run_id, holder, self.stale_after)
            time.sleep(0.1)
        return self._take(holder, f"{dead}; its database connection was ended")

    def _holder_of_held_lock(self) -> Holder | None:
        """The holder of an advisory lock another connection holds. That connection writes
        its row just after taking the lock, so a racing process may look in between: it
        waits a little for the row, so that a refusal names who holds the run."""
        deadline = time.monotonic() + _HOLDER_ROW_WAIT
        holder = self._holder()
        while holder is None and time.monotonic() < deadline:
            time.sleep(0.05)
            holder = self._holder()
        return holder

    # -- keeping -----------------------------------------------------------------------
    def _beat(self) -> None:
        """Refresh the heartbeat until released, on a connection of its own."""
        # Signals are the main thread's business (Ctrl-C, hang-up): never delivered here.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
        conn: Any = None
        interval = heartbeat_interval(self.stale_after)
        while not self._stop.wait(interval):
            try:
                if conn is None:
                    conn = self._connect()
                update = "UPDATE run_locks SET heartbeat = ? WHERE run_id = ? AND token = ?"
                if self.journal.dialect == "postgresql":
                    update = update.replace("?", "%s")
                cursor = conn.execute(update, (_now().isoformat(), self.run_id, self.token))
                if cursor.rowcount == 0:
                    self.lost = True  # taken over: the owner reports it at release
            except Exception:  # the journal is unreachable: try again at the next beat
                if conn is not None:
                    with contextlib.suppress(Exception):
                        conn.close()
                conn = None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def _connect(self) -> Any:
        location = self.journal.location
        if self.journal.dialect == "postgresql":
            import psycopg

            from runwright.runner.migrations import PG_SCHEMA

            pg = psycopg.connect(location, autocommit=True, connect_timeout=10)
            pg.execute(f"SET search_path TO {PG_SCHEMA}")
            return pg
        lite = sqlite3.connect(location, timeout=30, isolation_level=None)
        lite.execute("PRAGMA busy_timeout = 30000")
        return lite

    # -- letting go --------------------------------------------------------------------
    def release(self) -> None:
        """Stop the heartbeat and give the run up (nothing when it was taken over)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with contextlib.suppress(RunwrightError):
            self.journal._execute("DELETE FROM run_locks WHERE run_id = ? AND token = ?",
                                  (self.run_id, self.token))
            if self.journal.dialect == "postgresql":
                self.journal._execute("SELECT pg_advisory_unlock(?)", (pg_key(self.run_id),))
