"""The local spool: what a run writes while the team journal (PostgreSQL) is unreachable.

When the PostgreSQL journal cannot be reached at the start of a run, or stops answering in the
middle of one, the run goes on: every write the journal would have made (the run, its events,
its status and variables) is appended, in order, to a SQLite file in the state directory,
``spool-<hash of the journal's address>.db`` (mode 0600), and a warning says so. The spool is
an append-only list of operations, so that several runs may spool at once and a sync may run
while they do.

:func:`send` replays the spool into the journal in one transaction and then drops what it sent:
a run is inserted unless it is already there, an event unless its unique id (``uid``) is
already there, a status or variables update is applied. Sending twice is therefore harmless,
and a second sync has nothing to send. The spool is sent when any runwright command opens the
journal and finds it reachable (:meth:`runwright.runner.journal.Journal.open`), and by
``runwright journal sync`` (:func:`sync`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runwright import state
from runwright.digest import blake2b

if TYPE_CHECKING:
    from runwright.config import Config
    from runwright.runner.journal import Journal

_SCHEMA = ("CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
           "op TEXT NOT NULL, run_id TEXT NOT NULL, payload TEXT NOT NULL)")

def spool_path(location: str) -> Path:
    """The spool file of the journal at ``location`` (a PostgreSQL URL), in the state
    directory; the name carries a hash of the address without its password."""
    from runwright.runner.journal import display_location

    digest = blake2b(display_location(location).encode(), digest_size=6).hexdigest()
    return state.state_dir() / f"spool-{digest}.db"


class Spool:
    """One spool file, opened for appending or sending."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if state.is_state_dir(path.parent):
            state.ensure(path.parent)
        state.private_file(path)
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                    check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute(_SCHEMA)
        state.private_files(path)

    def append(self, op: str, run_id: str, payload: dict[str, Any]) -> None:
        self.conn.execute("INSERT INTO ops (op, run_id, payload) VALUES (?, ?, ?)",
                          (op, run_id, json.dumps(payload, ensure_ascii=False)))

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM ops").fetchone()[0])

    def close(self) -> None:
        self.conn.close()


@dataclass(frozen=True)
class Sent:
    """What one sync sent: operations, events and runs (distinct run ids)."""

    ops: int
    events: int
    runs: int
    spool: Path

    def describe(self) -> str:
        if not self.ops:
            return f"The spool {self.spool} is empty: nothing to send."
        return (f"Sent {self.events} spooled event{'s' if self.events != 1 else ''} of "
                f"{self.runs} run{'s' if self.runs != 1 else ''} from {self.spool} to the "
                "team journal.")


def send(journal: Journal, path: Path) -> Sent:
    """Replay the spool at ``path`` into ``journal`` (reachable, PostgreSQL) and drop what was
    sent. Safe to run twice or concurrently: what is already in the journal is skipped."""
    from runwright.runner.journal import WRITES

    if not path.is_file():
        return Sent(0, 0, 0, path)
    spool = Spool(path)
    try:
        spool.conn.execute("BEGIN IMMEDIATE")  # one sender at a time; spooling runs wait
        try:
            rows = spool.conn.execute("SELECT seq, op, run_id, payload FROM ops "
                                      "ORDER BY seq").fetchall()
            if rows:
                with journal._transaction():
                    for _seq, op, run_id, payload in rows:
                        sql, keys = WRITES[op]
                        data = {"run_id": run_id, **json.loads(payload)}
                        journal._execute(sql, [data.get(k) for k in keys])
                        if op == "set_status" and data.get("ended_at"):
                            journal._execute("DELETE FROM run_locks WHERE run_id = ?", (run_id,))
                spool.conn.execute("DELETE FROM ops WHERE seq <= ?", (rows[-1][0],))
            spool.conn.execute("COMMIT")
        except BaseException:
            spool.conn.execute("ROLLBACK")
            raise
    finally:
        spool.close()
    return Sent(ops=len(rows), events=sum(1 for r in rows if r[1] == "event"),
                runs=len({r[2] for r in rows}), spool=path)


def sync(config: Config, say: Callable[[str], None] | None = None) -> Sent:
    """``runwright journal sync``: send the spool of the configured team journal to it."""
    from runwright.errors import UsageError
    from runwright.runner.journal import Journal, is_postgres, journal_location

    location = journal_location(config)
    if not is_postgres(location):
        raise UsageError("the journal is a local SQLite file: there is no spool to send",
                         hint="a spool is kept only for a PostgreSQL journal that is "
                              "unreachable ('journal' in the configuration)")
    path = spool_path(location)
    with Journal.open(location, send_spool=False) as journal:
        return send(journal, path)
