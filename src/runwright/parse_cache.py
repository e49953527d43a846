"""Parsed runbooks kept between runs, and a fast way to move them between processes.

:func:`encode` and :func:`decode` turn a :class:`~runwright.model.Runbook` into bytes and back.
They are pickle with one difference: the model's frozen, slotted dataclasses are rebuilt by
setting their slots directly, about twice as fast to load as the dataclass default
(``__setstate__`` looking up ``fields()`` for every object). Worker processes of a parallel scan
return runbooks this way, and the cache stores the same bytes.

:class:`ParseCache` is a SQLite file (``parse-cache.sqlite``) in the state directory. An entry's
key is a digest of runwright's version, a stamp of the parser and model source files (so that
an edited checkout misses), the versions of the Markdown and YAML libraries the parser uses,
the path shown for the file and its exact bytes: the same bytes under the same name give the
same runbook. The cache is an optimisation only: when it cannot
be opened or written, runbooks are parsed as if it were empty.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import io
import operator
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from runwright import model, state
from runwright.model import Runbook

CACHE_FILE = "parse-cache.sqlite"
#: Bump when the encoding changes.
FORMAT = "1"
_SCHEMA = ("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, path TEXT NOT NULL, "
           "data BLOB NOT NULL)",
           "CREATE INDEX IF NOT EXISTS entries_path ON entries(path)")

_REDUCERS: dict[type, Callable[[object], tuple[Any, ...]]] = {}


def _builder(cls: type, names: list[str]) -> Callable[..., object]:
    """A function taking a model class's field values in order and returning the object.

    Generated so that each slot is set by a direct call to its descriptor (no loop, no
    ``fields()``): setting through the slot descriptor bypasses the frozen ``__setattr__``.
    """
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = "".join(f"    s{i}(o, a{i})\n" for i in range(len(names)))
    for i, name in enumerate(names):
        namespace[f"s{i}"] = vars(cls)[name].__set__
    exec(f"def build({args}):\n    o = new(cls)\n{body}    return o\n", namespace)
    build: Callable[..., object] = namespace["build"]
    build.__name__ = build.__qualname__ = f"_build_{cls.__name__}"
    build.__module__ = __name__
    return build


def _register() -> None:
    """Give each model dataclass a module-level builder (pickle finds it by name) and a
    reducer that pickles the object as that builder and its field values."""
    for value in list(vars(model).values()):
        if not (isinstance(value, type) and dataclasses.is_dataclass(value)
                and value.__module__ == model.__name__ and "__slots__" in vars(value)):
            continue
        names = [f.name for f in dataclasses.fields(value)]
        build = _builder(value, names)
        globals()[build.__name__] = build
        getter = operator.attrgetter(*names)
        if len(names) == 1:
            def reduce(obj: object, build: Callable[..., object] = build,
                       get: Callable[[object], Any] = getter) -> tuple[Any, ...]:
                return build, (get(obj),)
        else:
            def reduce(obj: object, build: Callable[..., object] = build,
                       get: Callable[[object], Any] = getter) -> tuple[Any, ...]:
                return build, get(obj)
        _REDUCERS[value] = reduce


_register()


def dumps(obj: object) -> bytes:
    """Pickle ``obj``, with the model objects inside it in the fast form."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table.update(_REDUCERS)
    pickler.dump(obj)
    return buffer.getvalue()


def loads(data: bytes) -> object:
    """The object :func:`dumps` gave these bytes for (same Python and runwright only)."""
    return pickle.loads(data)  # our own bytes: a worker's or our cache's


def encode(runbook: Runbook) -> bytes:
    """The runbook as bytes for :func:`decode`."""
    return dumps(runbook)


def decode(data: bytes) -> Runbook:
    """The runbook :func:`encode` gave these bytes for."""
    runbook = loads(data)
    if not isinstance(runbook, Runbook):
        raise TypeError("not an encoded runbook")
    return runbook


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of runwright's version and of the files that decide what a parse returns."""
    from importlib import metadata

    from runwright import __version__

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for package in ("markdown-it-py", "mdit-py-plugins", "PyYAML"):  # the parser's libraries
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    files = [here / "model.py", here / "names.py", here / "parse_cache.py",
             *sorted((here / "parser").glob("*.py"))]
    for path in files:
        with contextlib.suppress(OSError):
            st = path.stat()
            digest.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()


def entry_key(display: str, data: bytes) -> str:
    """The cache key of a file's bytes read under the name ``display``."""
    digest = hashlib.sha256(code_stamp().encode())
    digest.update(display.encode())
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class ParseCache:
    """Encoded runbooks by :func:`entry_key`, in ``folder``/``parse-cache.sqlite``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.conn: sqlite3.Connection | None = None
        try:
            state.ensure(folder)
            try:
                self.conn = self._open()
            except sqlite3.DatabaseError:  # a damaged or foreign file: it is a cache, start over
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{self.path}{suffix}")
                self.conn = self._open()
        except (OSError, sqlite3.Error):
            self._drop()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _drop(self) -> None:
        """Work without a cache from now on (unwritable folder, damaged file)."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
        self.conn = None

    def get(self, key: str) -> Runbook | None:
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT data FROM entries WHERE key=?", (key,)).fetchone()
        except sqlite3.Error:
            self._drop()
            return None
        if row is None:
            return None
        try:
            return decode(bytes(row[0]))
        except Exception:  # a stale or damaged entry is a miss, never an error
            return None

    def put(self, items: Iterable[tuple[str, str, bytes]]) -> None:
        """Store ``(key, absolute path, encoded runbook)`` items and drop the older entries of
        the same paths."""
        if self.conn is None:
            return
        rows = list(items)
        if not rows:
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany("DELETE FROM entries WHERE path=? AND key<>?",
                                  [(path, key) for key, path, _ in rows])
            self.conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
            self.conn.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            self._drop()

    def prune(self, folder: Path, keep: Iterable[str]) -> int:
        """Drop the entries of files under ``folder`` (absolute) that are not in ``keep``
        (absolute paths): runbooks deleted or moved since. Returns how many were dropped."""
        if self.conn is None:
            return 0
        prefix = os.path.join(os.path.abspath(folder), "")
        kept = set(keep)
        try:
            rows = self.conn.execute("SELECT DISTINCT path FROM entries WHERE path >= ? AND "
                                     "path < ?", (prefix, prefix + "\U0010ffff")).fetchall()
            gone = [(path,) for (path,) in rows if path not in kept]
            if gone:
                self.conn.executemany("DELETE FROM entries WHERE path=?", gone)
            return len(gone)
        except sqlite3.Error:
            self._drop()
            return 0

    def close(self) -> None:
        self._drop()


def cache_folder(root: Path) -> Path:
    """The state directory for the repository holding ``root`` (see :mod:`runwright.state`)."""
    from runwright.state import repository_root, state_dir

    if os.environ.get("RUNWRIGHT_STATE_DIR"):
        return state_dir()
    repo = repository_root(root)
    if repo is not None:
        return state_dir(repo, create=True)
    from platformdirs import user_state_dir

    return Path(user_state_dir("runwright"))


# ---------------------------------------------------------------------------------------------
# Loading many files: cache first, then the misses parsed on every core

#: From this many files to parse, parsing runs in worker processes.
PARALLEL_THRESHOLD = 64
MAX_WORKERS = 8


@dataclasses.dataclass(slots=True)
class LoadStats:
    """How the runbooks of a :func:`load_many` call were obtained."""

    parsed: int = 0  # parsed from their text
    cached: int = 0  # taken from the cache
    workers: int = 0  # worker processes used (0: parsed in this process)


def _parse_bytes(job: tuple[str, str, bytes]) -> tuple[bool, bytes | str, str | None]:
    """Parse one file's bytes: ``(True, encoded runbook, None)`` or ``(False, message, hint)``.

    Runs in worker processes; the runbook comes back encoded, which is cheaper to move
    between processes than the default pickling of the model.
    """
    from runwright.errors import InputError
    from runwright.parser import parse
    from runwright.parser.load import decode as decode_text

    name, display, data = job
    try:
        return True, encode(parse(decode_text(data, name), display)), None
    except InputError as exc:
        return False, exc.message, exc.hint


def _workers(count: int) -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return min(cpus, MAX_WORKERS) if count >= PARALLEL_THRESHOLD else 1


def _parse_all(jobs: list[tuple[str, str, bytes]],
               stats: LoadStats) -> Iterator[tuple[bool, bytes | str, str | None]]:
    """:func:`_parse_bytes` of each job, in order; yields as results come in, so that the
    caller decodes and stores while the workers go on parsing."""
    workers = _workers(len(jobs))
    if workers >= 2:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(jobs) // (workers * 16))
        pool: ProcessPoolExecutor | None = None
        try:
            pool = ProcessPoolExecutor(max_workers=workers)
            results = pool.map(_parse_bytes, jobs, chunksize=chunk)
        except OSError:  # no process support (some sandboxes): parse here
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            pool = None
        if pool is not None:
            stats.workers = workers
            try:
                yield from results
            finally:
                pool.shutdown(cancel_futures=True)
            return
    for job in jobs:
        yield _parse_bytes(job)


def iter_parse(jobs: list[tuple[str, str, bytes]],
               stats: LoadStats | None = None) -> Iterator[Runbook | Exception]:
    """Parse each ``(name, display path, bytes)`` as ``parse(decode(bytes, name), display)``
    would, in order, in worker processes when there are many: yields the :class:`Runbook`, or
    the :class:`~runwright.errors.InputError` that decoding raised, as each comes in."""
    from runwright.errors import InputError

    stats = stats if stats is not None else LoadStats()
    for ok, value, hint in _parse_all(jobs, stats):
        if ok:
            assert isinstance(value, bytes)
            stats.parsed += 1
            yield decode(value)
        else:
            yield InputError(str(value), hint=hint)


def load_many(files: list[tuple[Path, str]], max_size: int,
              cache: ParseCache | None = None) -> tuple[list[Runbook | Exception], LoadStats]:
    """Load each ``(path, display path)`` as :func:`runwright.parser.load` would, in order.

    Each result is the :class:`Runbook` or the :class:`~runwright.errors.InputError` that
    ``load`` raises for that file (same message). Files whose bytes are in ``cache`` are not
    parsed; the others are parsed (in worker processes when there are many) and added to it.
    """
    from runwright.errors import InputError
    from runwright.files import read_bytes

    stats = LoadStats()
    results: list[Runbook | Exception] = []
    todo: list[tuple[int, str, str]] = []  # (index, key, absolute path)
    jobs: list[tuple[str, str, bytes]] = []
    for path, display in files:
        try:
            data = read_bytes(path, display, max_size)  # what load() reads, in its words
        except InputError as exc:
            results.append(exc)
            continue
        key = entry_key(display, data)
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            results.append(hit)
            stats.cached += 1
            continue
        results.append(InputError(f"{path}: not parsed"))  # replaced below
        todo.append((len(results) - 1, key, os.path.abspath(path)))
        jobs.append((display, display, data))  # messages name the file as shown
    fresh: list[tuple[str, str, bytes]] = []
    for (index, key, abspath), (ok, value, hint) in zip(todo, _parse_all(jobs, stats),
                                                        strict=True):
        if ok:
            assert isinstance(value, bytes)
            results[index] = decode(value)
            stats.parsed += 1
            fresh.append((key, abspath, value))
        else:
            results[index] = InputError(str(value), hint=hint)
    if cache is not None:
        cache.put(fresh)
    return results, stats
