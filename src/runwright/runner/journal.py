"""The run journal: every run and event, written as it happens.

SQLite (WAL mode, one committed transaction per event, so a crash of runwright loses nothing)
at ``<state dir>/journal.db`` by default; PostgreSQL through psycopg 3 when the configuration's
``journal`` key or ``RUNWRIGHT_JOURNAL`` is a ``postgresql://`` URL. Both hold the same tables
(:mod:`runwright.runner.migrations`). Runbook paths are stored relative to the repository root
(posix), so that a team sharing one PostgreSQL journal agrees on names.

Secret values given to :meth:`Journal.set_secrets` are replaced by ``****`` in everything the
journal writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from runwright import state
from runwright.config import Config
from runwright.errors import RunwrightError
from runwright.runner.masking import Masker
from runwright.runner.migrations import LATEST, PG_SCHEMA, TABLES, Dialect, pending
from runwright.runner.runlock import DEFAULT_STALE_AFTER, RunLock
from runwright.runner.spool import Spool, send, spool_path

JOURNAL_FILE = "journal.db"
_T = TypeVar("_T")
#: Run statuses. "running" also marks a run whose process died (kill -9, power cut).
#: Interactive runs end "completed", "failed", "rolled_back", "rollback_failed",
#: "rollback_declined", "aborted" or "interrupted";
#: unattended tests end "passed", "failed" or "skipped" (every step skipped).
PASSED = ("completed", "passed")
UNFINISHED = ("running", "interrupted", "aborted", "failed")


class JournalError(RunwrightError):
    """The journal cannot be opened or written. ``unreachable`` when the database did not
    answer (connection refused or lost): the cue to spool."""

    def __init__(self, message: str, hint: str | None = None,
                 unreachable: bool = False) -> None:
        super().__init__(message, hint)
        self.unreachable = unreachable


#: How each write of the journal is made, as (statement, payload keys): the same statements
#: write directly and replay a spooled write (:mod:`runwright.runner.spool`), so that replaying
#: one twice changes nothing.
WRITES: dict[str, tuple[str, tuple[str, ...]]] = {
    "start_run": ("INSERT INTO runs (id, runbook, title, content_hash, mode, operator, host, "
                  "started_at, ended_at, status, variables, secrets) VALUES (?, ?, ?, ?, ?, ?, "
                  "?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                  ("id", "runbook", "title", "content_hash", "mode", "operator", "host",
                   "started_at", "ended_at", "status", "variables", "secrets")),
    "event": ("INSERT INTO events (run_id, at, kind, step, data, uid) VALUES (?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (uid) DO NOTHING",
              ("run_id", "at", "kind", "step", "data", "uid")),
    "set_status": ("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                   ("status", "ended_at", "run_id")),
    "update_variables": ("UPDATE runs SET variables = ? WHERE id = ?", ("variables", "run_id")),
}


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


#: A step "ran" when its commands were started: it ended done, failed or interrupted.
RAN = ("done", "failed", "interrupted")


def count_steps(ends: Iterable[tuple[int | None, object]]) -> tuple[int, int]:
    """(steps that ran, steps gone through) from the (step, status) of ``step_end`` events."""
    seen: set[int] = set()
    ran: set[int] = set()
    for step, status in ends:
        if step is not None:
            seen.add(step)
            if status in RAN:
                ran.add(step)
    return len(ran), len(seen)


@dataclass(frozen=True)
class TestRecord:
    """One finished test (or completed interactive run) of a runbook, and how much of it ran.

    ``status`` is ``passed``, ``failed`` or ``skipped`` (a completed interactive run is
    ``passed``); ``steps_run`` counts the steps whose commands ran, ``steps`` every step the
    run went through, skipped ones included.
    """

    when: dt.datetime
    passed: bool
    run_id: str
    status: str = "passed"
    steps_run: int = 0
    steps: int = 0

    @property
    def counts(self) -> bool:
        """A test only when at least one step ran: a run that skipped every step (or failed
        before any ran) proved nothing about the runbook."""
        return self.steps_run > 0

    @property
    def partial(self) -> bool:
        """Some steps ran and others were skipped."""
        return 0 < self.steps_run < self.steps


@dataclass(frozen=True)
class TestHistory:
    """What the journal knows of one runbook's tests."""

    #: the latest finished test in which steps ran (None: never really tested)
    tested: TestRecord | None
    #: the latest finished test, whether or not any step ran
    latest: TestRecord

    @property
    def not_tested_since(self) -> TestRecord | None:
        """The latest test when no step ran in it (it came after ``tested``), else None."""
        return None if self.latest.counts else self.latest


@dataclass(frozen=True)
class RunRow:
    id: str
    runbook: str
    title: str | None
    content_hash: str | None
    mode: str  # "run" or "test"
    operator: str | None
    host: str | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    status: str
    variables: dict[str, str | None] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["ended_at"] = self.ended_at.isoformat() if self.ended_at else None
        return data


@dataclass(frozen=True)
class EventRow:
    id: int
    run_id: str
    at: dt.datetime
    kind: str
    step: int | None
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "kind": self.kind,
                "step": self.step, "data": self.data}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_ts(value: str | dt.datetime | None) -> dt.datetime | None:
    """A stored time: ISO 8601 text (SQLite) or a datetime (PostgreSQL timestamptz)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return dt.datetime.fromisoformat(value) if value else None


def _parse_json(value: Any, empty: Any) -> Any:
    """A stored JSON value: text (SQLite) or already decoded (PostgreSQL jsonb)."""
    if value is None or value == "":
        return empty
    return json.loads(value) if isinstance(value, str | bytes) else value


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def display_location(location: str) -> str:
    """The journal's address as it may be printed (never a password)."""
    if is_postgres(location):
        return location.split("@")[-1]
    return location


def journal_location(config: Config | None = None, root: Path | None = None) -> str:
    """Where the journal lives: ``RUNWRIGHT_JOURNAL``, else config ``journal``, else
    ``<state dir>/journal.db``. A value that is not a PostgreSQL URL is a SQLite file path."""
    from runwright.state import repository_root, state_dir

    value = os.environ.get("RUNWRIGHT_JOURNAL") or (
        config.data.get("journal") if config is not None else None)
    if isinstance(value, str) and value:
        if is_postgres(value):
            return value
        path = Path(value.removeprefix("sqlite://")).expanduser()
        if config is not None and not path.is_absolute():
            path = config.root / path
        return str(path)
    repo = repository_root(root) if root is not None else None
    return str(state_dir(repo) / JOURNAL_FILE)


class Journal:
    """A connection to the journal. Every write is its own committed transaction."""

    def __init__(self, conn: Any, dialect: Dialect, location: str,
                 say: Callable[[str], None] = _stderr) -> None:
        self.conn = conn
        self.dialect = dialect
        self.location = location
        self.masker = Masker()
        self.say = say
        self.spool: Spool | None = None  # set while the team journal is unreachable
        # Event ids: a random prefix per connection, then a counter (unique, and increasing,
        # so that the unique index grows at its end).
        self._uids = map(f"{os.urandom(8).hex()}-{{:08x}}".format, itertools.count())
        self._locks: dict[str, RunLock] = {}

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str, offline_ok: bool = False, send_spool: bool = True,
             say: Callable[[str], None] = _stderr) -> Journal:
        """Open (creating and migrating when needed) the journal at ``location``.

        PostgreSQL: a spool left by runs during an outage is sent first (unless
        ``send_spool`` is false); with ``offline_ok`` (a run), a journal that cannot be reached
        gives a journal that writes to the local spool, after a warning through ``say``.
        """
        if is_postgres(location):
            try:
                return cls._open_postgres(location, send_spool, say)
            except JournalError as exc:
                if not (offline_ok and exc.unreachable):
                    raise
                journal = cls(None, "postgresql", location, say)
                journal._go_offline(exc.message)
                return journal
        path = Path(location)
        try:
            if state.is_state_dir(path.parent):
                state.ensure(path.parent)
            state.private_file(path)  # its folder too, when it is not the state directory
            conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            state.private_files(path)
        except (OSError, sqlite3.Error) as exc:
            raise JournalError(f"cannot open the journal {location}: {exc}",
                               hint="set RUNWRIGHT_JOURNAL or RUNWRIGHT_STATE_DIR to a "
                                    "writable place") from None
        journal = cls(conn, "sqlite", location, say)
        journal._migrate()
        return journal

    @classmethod
    def _open_postgres(cls, url: str, send_spool: bool = True,
                       say: Callable[[str], None] = _stderr) -> Journal:
        try:
            import psycopg
        except ImportError:
            raise JournalError("a PostgreSQL journal needs psycopg 3",
                               hint="pip install 'runwright[postgres]'") from None
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise JournalError(f"cannot connect to the journal database: "
                               f"{str(exc).strip()}",
                               unreachable=isinstance(exc, psycopg.OperationalError)) from None
        journal = cls(conn, "postgresql", url, say)
        journal._migrate()
        if send_spool:
            journal._send_spool()
        return journal

    def _send_spool(self) -> None:
        """Send what runs spooled while this journal was unreachable (see runner.spool)."""
        path = spool_path(self.location)
        if not path.is_file():
            return
        try:
            sent = send(self, path)
        except (JournalError, OSError, sqlite3.Error) as exc:
            self.say(f"Warning: the local spool {path} could not be sent: {exc} "
                     "(try again with 'runwright journal sync')")
            return
        if sent.ops:
            self.say(sent.describe())

    def _go_offline(self, reason: str) -> None:
        """From now on, write to the local spool (the team journal stopped answering)."""
        path = spool_path(self.location)
        try:
            self.spool = Spool(path)
        except (OSError, sqlite3.Error) as exc:
            raise JournalError(f"the team journal {self._display()} is unreachable ({reason}) "
                               f"and the local spool {path} cannot be written: {exc}",
                               hint="set RUNWRIGHT_STATE_DIR to a writable place") from None
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = None
        self.say(f"Warning: the team journal {self._display()} is unreachable ({reason}). "
                 f"The run goes on and is journalled in the local spool {path}; it is sent "
                 "when the journal is back (at the next runwright command, or with "
                 "'runwright journal sync'). Until then, other hosts do not see this run.")

    def close(self) -> None:
        for run_id in list(self._locks):
            self.release(run_id)
        if self.spool is not None:
            waiting = self.spool.count()
            self.spool.close()
            if waiting:
                self.say(f"Warning: {waiting} journal writes wait in the local spool "
                         f"{self.spool.path}: run 'runwright journal sync' when the team "
                         "journal is back (any runwright command that reaches it sends them).")
        if self.conn is not None:
            self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- low level -----------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.conn is None:
            raise JournalError(f"the team journal {self._display()} is unreachable",
                               hint="its writes are kept in the local spool; see "
                                    "'runwright journal sync'", unreachable=True)
        try:
            return self.conn.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("psycopg"):
                raise JournalError(f"journal {self._display()}: {str(exc).strip()}",
                                   unreachable=self._lost(exc)) from None
            raise

    def _lost(self, exc: Exception) -> bool:
        """Whether ``exc`` means the PostgreSQL server is gone (not a refused statement)."""
        if self.dialect != "postgresql":
            return False
        import psycopg

        return isinstance(exc, psycopg.OperationalError) or bool(self.conn.broken) or bool(
            self.conn.closed)

    def _write(self, op: str, run_id: str, payload: dict[str, Any]) -> None:
        """One write (committed before this returns), or its spooled copy when the team
        journal is unreachable."""
        if self.spool is None:
            sql, keys = WRITES[op]
            values = {"run_id": run_id, **payload}
            try:
                self._execute(sql, [values.get(k) for k in keys])
                return
            except JournalError as exc:
                if not exc.unreachable:
                    raise
                self._go_offline(exc.message)
        assert self.spool is not None
        self.spool.append(op, run_id, payload)

    def _display(self) -> str:
        return display_location(self.location)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.dialect == "sqlite":
            self._execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._execute("ROLLBACK")
                raise
            self._execute("COMMIT")
        else:
            with self.conn.transaction():
                self._execute("SELECT pg_advisory_xact_lock(7402115)")
                yield

    def schema_version(self) -> int:
        self._execute("CREATE TABLE IF NOT EXISTS runwright_schema (version INTEGER NOT NULL)")
        row = self._execute("SELECT MAX(version) FROM runwright_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _use_schema(self) -> None:
        """PostgreSQL: make :data:`PG_SCHEMA` the connection's schema, creating it, and moving
        the tables of a version-1 journal there from the default schema."""
        found = self._execute("SELECT to_regclass(?) IS NOT NULL",
                              (f"{PG_SCHEMA}.runwright_schema",)).fetchone()
        if not found[0]:
            with self._transaction():
                self._execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
                for table in TABLES:
                    row = self._execute(
                        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n "
                        "ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)",
                        (table,)).fetchone()
                    if row is not None and row[0] != PG_SCHEMA:
                        self._execute(f'ALTER TABLE "{row[0]}".{table} SET SCHEMA {PG_SCHEMA}')
                self._execute(f"CREATE TABLE IF NOT EXISTS {PG_SCHEMA}.runwright_schema "
                              "(version INTEGER NOT NULL)")
        self._execute(f"SET search_path TO {PG_SCHEMA}")

    def _migrate(self) -> None:
        if self.dialect == "postgresql":
            self._use_schema()
        if self.schema_version() >= LATEST:
            return
        with self._transaction():
            current = self.schema_version()
            if current > LATEST:
                raise JournalError(f"journal {self._display()} has schema version {current}, "
                                   f"newer than this runwright ({LATEST})",
                                   hint="upgrade runwright")
            for version, statements in pending(current, self.dialect):
                for statement in statements:
                    self._execute(statement)
                self._execute("INSERT INTO runwright_schema (version) VALUES (?)", (version,))

    # -- writing -------------------------------------------------------------------------
    def set_secrets(self, values: Sequence[str]) -> None:
        for value in values:
            self.masker.add(value)

    def start_run(self, run: RunRow) -> None:
        self._write("start_run", run.id, {
            "id": run.id, "runbook": run.runbook, "title": run.title,
            "content_hash": run.content_hash, "mode": run.mode, "operator": run.operator,
            "host": run.host, "started_at": _ts(run.started_at), "ended_at": None,
            "status": run.status, "variables": json.dumps(self.masker.data(run.variables)),
            "secrets": json.dumps(run.secrets)})

    def event(self, run_id: str, kind: str, step: int | None = None, **data: Any) -> None:
        """Append one event (committed before this returns), with a unique id."""
        self._write("event", run_id, {
            "at": _ts(now()), "kind": kind, "step": step, "uid": next(self._uids),
            "data": json.dumps(self.masker.data(data), ensure_ascii=False, default=str)})

    def set_status(self, run_id: str, status: str, ended: bool = False) -> None:
        self._write("set_status", run_id,
                    {"status": status, "ended_at": _ts(now()) if ended else None})

    def update_variables(self, run_id: str, variables: dict[str, str | None]) -> None:
        self._write("update_variables", run_id,
                    {"variables": json.dumps(self.masker.data(variables))})

    # -- run locks -----------------------------------------------------------------------
    def hold(self, run_id: str, operator: str | None,
             stale_after: float = DEFAULT_STALE_AFTER) -> str | None:
        """Hold ``run_id`` for this process until :meth:`release` (or :meth:`close`), with a
        heartbeat; returns a notice when the lock was taken over from a dead process. Raises
        :class:`~runwright.runner.runlock.RunLocked` when a live process holds it."""
        if self.spool is not None:
            return None  # the team journal is unreachable: no one else can resume it now
        lock = RunLock(self, run_id, operator, stale_after)
        notice = lock.acquire()
        self._locks[run_id] = lock
        return notice

    def release(self, run_id: str) -> bool:
        """Give up the lock on ``run_id``; False when another process had taken it over."""
        lock = self._locks.pop(run_id, None)
        if lock is None:
            return True
        lock.release()
        return not lock.lost

    # -- reading -------------------------------------------------------------------------
    _RUN_COLUMNS = ("id, runbook, title, content_hash, mode, operator, host, started_at, "
                    "ended_at, status, variables, secrets")

    @staticmethod
    def _run(row: Sequence[Any]) -> RunRow:
        started = _parse_ts(row[7])
        assert started is not None
        return RunRow(id=row[0], runbook=row[1], title=row[2], content_hash=row[3],
                      mode=row[4], operator=row[5], host=row[6], started_at=started,
                      ended_at=_parse_ts(row[8]), status=row[9],
                      variables=_parse_json(row[10], {}), secrets=_parse_json(row[11], []))

    def runs(self, runbook: str | None = None, limit: int | None = None,
             mode: str | None = None) -> list[RunRow]:
        """Runs, newest first (of one runbook and/or mode when given)."""
        sql = f"SELECT {self._RUN_COLUMNS} FROM runs WHERE 1 = 1"
        params: list[Any] = []
        if runbook is not None:
            sql += " AND runbook = ?"
            params.append(runbook)
        if mode is not None:
            sql += " AND mode = ?"
            params.append(mode)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [self._run(r) for r in self._execute(sql, params).fetchall()]

    def get_run(self, run_id: str) -> RunRow | None:
        """The run with this id, or the only run whose id starts with it."""
        rows = self._execute(f"SELECT {self._RUN_COLUMNS} FROM runs WHERE id = ?",
                             (run_id,)).fetchall()
        if not rows:
            rows = self._execute(f"SELECT {self._RUN_COLUMNS} FROM runs WHERE id LIKE ?",
                                 (run_id.replace("%", "").replace("_", "") + "%",)).fetchall()
        if len(rows) > 1:
            raise JournalError(f"run id {run_id!r} is ambiguous ({len(rows)} runs match)",
                               hint="give more characters of the id")
        return self._run(rows[0]) if rows else None

    def events(self, run_id: str) -> list[EventRow]:
        rows = self._execute("SELECT id, run_id, at, kind, step, data FROM events "
                             "WHERE run_id = ? ORDER BY id", (run_id,)).fetchall()
        out = []
        for r in rows:
            at = _parse_ts(r[2])
            assert at is not None
            out.append(EventRow(id=int(r[0]), run_id=r[1], at=at, kind=r[3], step=r[4],
                                data=_parse_json(r[5], {})))
        return out

    def latest_unfinished(self, runbook: str) -> RunRow | None:
        for run in self.runs(runbook=runbook, mode="run"):
            if run.status in UNFINISHED:
                return run
        return None

    def step_counts(self, run_id: str) -> tuple[int, int]:
        """(steps whose commands ran, steps the run went through) from its ``step_end``
        events; a step that ran in any session of a resumed run counts as run."""
        rows = self._execute("SELECT step, data FROM events WHERE run_id = ? "
                             "AND kind = 'step_end' ORDER BY id", (run_id,)).fetchall()
        return count_steps((step, _parse_json(data, {}).get("status")) for step, data in rows)

    def history(self) -> dict[str, TestHistory]:
        """runbook -> its latest finished unattended test or completed interactive run, and
        the latest of those in which at least one step ran."""
        rows = self._execute(
            "SELECT runbook, id, ended_at, status FROM runs WHERE ended_at IS NOT NULL "
            "AND ((mode = 'test' AND status IN ('passed', 'failed', 'skipped')) "
            "OR (mode = 'run' AND status = 'completed')) "
            "ORDER BY ended_at DESC, id DESC").fetchall()
        latest: dict[str, TestRecord] = {}
        tested: dict[str, TestRecord | None] = {}
        for runbook, run_id, ended, status in rows:
            if tested.get(runbook) is not None:
                continue  # an older run of a runbook whose last real test is known
            when = _parse_ts(ended)
            assert when is not None
            ran, steps = self.step_counts(run_id)
            shown = "passed" if status in PASSED else status
            record = TestRecord(when=when, passed=shown == "passed" and ran > 0,
                                run_id=run_id, status=shown, steps_run=ran, steps=steps)
            latest.setdefault(runbook, record)
            tested[runbook] = record if record.counts else None
        return {runbook: TestHistory(tested=tested[runbook], latest=record)
                for runbook, record in latest.items()}

    def tested(self) -> dict[str, TestRecord]:
        """runbook -> its latest finished test (or completed interactive run) in which at
        least one step ran."""
        return {runbook: h.tested for runbook, h in self.history().items()
                if h.tested is not None}


def _open_existing(location: str) -> Journal | None:
    """The journal at ``location`` opened without creating anything, or None."""
    if is_postgres(location):
        try:
            return Journal._open_postgres(location)
        except JournalError:
            return None
    path = Path(location)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30,
                               isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
    except sqlite3.Error:
        return None
    return Journal(conn, "sqlite", location)


def _rekey(records: dict[str, _T], root: Path) -> dict[str, _T]:
    from runwright.state import repository_root

    repo = repository_root(root) or root.resolve()
    try:
        prefix = root.resolve().relative_to(repo).as_posix()
    except ValueError:
        prefix = "."
    if prefix in ("", "."):
        return records
    return {key[len(prefix) + 1:]: rec for key, rec in records.items()
            if key.startswith(prefix + "/")}


def runbook_tests(config: Config, root: Path) -> dict[str, TestHistory]:
    """What the journal knows of the tests of each runbook under ``root``.

    Keys are runbook paths relative to ``root`` (posix). A test is a finished ``runwright
    test`` of the runbook (passed, failed or skipped), or an interactive ``runwright run``
    that completed (counted as passed); it only counts as the runbook's last test when at
    least one of its steps ran (:attr:`TestRecord.counts`). Returns ``{}`` without creating
    anything when there is no journal (or it cannot be read).
    """
    journal = _open_existing(journal_location(config, root))
    if journal is None:
        return {}
    try:
        return _rekey(journal.history(), root)
    except JournalError:
        return {}
    finally:
        journal.close()


def last_tested(config: Config, root: Path) -> dict[str, TestRecord]:
    """When each runbook under ``root`` last passed or failed a test in which steps ran
    (see :func:`runbook_tests`)."""
    return {rel: h.tested for rel, h in runbook_tests(config, root).items()
            if h.tested is not None}


def last_runs(config: Config, root: Path, limit: int = 50) -> list[RunRow]:
    """The latest runs (newest first) from the journal, or [] when there is none."""
    journal = _open_existing(journal_location(config, root))
    if journal is None:
        return []
    try:
        return journal.runs(limit=limit)
    except JournalError:
        return []
    finally:
        journal.close()


def relative_runbook(path: Path) -> str:
    """``path`` relative to its repository root (posix), as stored in the journal."""
    from runwright.state import repository_root

    resolved = path.resolve()
    repo = repository_root(resolved.parent)
    if repo is not None:
        try:
            return resolved.relative_to(repo).as_posix()
        except ValueError:
            pass
    return resolved.as_posix()
