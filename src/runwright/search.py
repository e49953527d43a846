"""The ``find`` index: SQLite FTS5 over runbook units (troubleshooting entries, steps, sections).

Each runbook is cut into units an on-call engineer would land on: a troubleshooting entry, a
procedure step, or another section (Meaning, Diagnosis, Mitigation ...). A unit's columns are
weighted by bm25: the runbook title, the unit heading, error texts and alert names weigh most,
the body least. The index lives in the state directory (``search.db`` beside the journal) and is
brought up to date before each query from file sizes, modification times and content hashes;
``reindex`` rebuilds it.

A log line pasted whole is cut into words; timestamps, numbers, hex ids, UUIDs, IP addresses,
pod-name hashes and words the index does not know are dropped, and the rest are ORed.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import sqlite3
import stat
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from runwright.config import Config
from runwright.errors import InputError
from runwright.files import read_bytes, settled, stat_signature
from runwright.model import OUTPUT_LANGUAGES, Runbook

SCHEMA_VERSION = 2
DB_NAME = "search.db"
#: bm25 weights of the indexed columns: title, heading, errors, alerts, body.
WEIGHTS = (6.0, 8.0, 10.0, 10.0, 1.0)
MAX_TERMS = 24
#: How much each further matching unit of a runbook adds to its best unit's score.
RELATED_SHARE = 0.25
HIT, END = "\x02", "\x03"  # highlight markers in snippets

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(path TEXT PRIMARY KEY, stat TEXT NOT NULL, hash TEXT, error TEXT);
CREATE TABLE unit_file(unit INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE INDEX unit_file_path ON unit_file(path);
CREATE VIRTUAL TABLE units USING fts5(
    title, heading, errors, alerts, body,
    path UNINDEXED, line UNINDEXED, kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE units_vocab USING fts5vocab(units, 'row');
"""


# ---------------------------------------------------------------------------------------------
# Units of a runbook

@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # "entry", "step", "section", "runbook"
    line: int
    heading: str
    errors: str = ""
    body: str = ""


def _camel_words(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)


def alert_names(rb: Runbook) -> list[str]:
    """Alert names a runbook answers to: front matter ``alerts``, a CamelCase title or file."""
    names: list[str] = []
    declared = rb.front_matter.get("alerts")
    if isinstance(declared, list):
        names += [str(x) for x in declared]
    elif isinstance(declared, str):
        names.append(declared)
    for candidate in (rb.title or "", Path(rb.path).stem):
        if re.fullmatch(r"[A-Za-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)+", candidate):
            names.append(candidate)
    return list(dict.fromkeys(names))


def units_of(rb: Runbook) -> list[Unit]:
    """The searchable units of a runbook, each with the line a reader should open."""
    lines = rb.lines
    taken: set[int] = set()
    out: list[Unit] = []
    for e in rb.troubleshooting:
        taken.add(e.line)
        outputs = [c.code for c in e.commands if c.language in OUTPUT_LANGUAGES]
        commands = [c.code for c in e.commands if c.language not in OUTPUT_LANGUAGES]
        out.append(Unit("entry", e.line, e.title, errors=" ".join([e.error or "", *outputs]),
                        body="\n".join([e.cause or "", e.solution or "", *commands])))
    for s in rb.steps:
        taken.add(s.line)
        out.append(Unit("step", s.line, s.title, body="\n".join(
            [s.text, s.expected_result or "", *(c.code for c in s.commands)])))
    heads = sorted(rb.sections, key=lambda x: x.line)
    for i, sec in enumerate(heads):
        if sec.line in taken or sec.level < 2:
            continue
        stop = heads[i + 1].line - 1 if i + 1 < len(heads) else len(lines)
        body = "\n".join(lines[sec.line:stop]).strip()
        if not body or sec.canonical in ("procedure", "troubleshooting"):
            continue
        out.append(Unit("section", sec.line, sec.title, body=body))
    first = min((s.line for s in rb.sections if s.level >= 2), default=len(lines) + 1)
    intro_start = rb.title_line or (rb.front_matter_lines[1] if rb.front_matter_lines else 0)
    intro = "\n".join(lines[intro_start:first - 1]).strip()
    out.append(Unit("runbook", rb.title_line or 1, rb.title or Path(rb.path).stem, body=intro))
    return out


# ---------------------------------------------------------------------------------------------
# Query terms

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b",
                 re.I)
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                        r"(?:Z|[+-]\d{2}:?\d{2})?|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b|"
                        r"\b\d{4}[-/]\d{2}[-/]\d{2}\b|\b\d{2}/[A-Z][a-z]{2}/\d{4}(?::[\d:]+)?",
                        re.I)
_HEX = re.compile(r"\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b", re.I)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_TEXT = """a an the and or of to in on at for from by with without is are was were be
been being it its this that these those as if then than so not no but into out up down over
under via per can could would should will shall may might must do does did done has have had
i you he she we they them our your their me my le la les un une des du de et ou en au aux
pour par sur avec sans est sont pas ne que qui dans ce cet cette ces il elle ils se sa son
ses"""
STOPWORDS = frozenset(_STOP_TEXT.split())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _noise(token: str) -> bool:
    if token[0].isdigit() or re.fullmatch(r"[a-z]\d+", token):
        return True  # numbers, durations (10m), counters (x12)
    digits = sum(c.isdigit() for c in token)
    if digits and len(token) >= 5 and (digits >= 2 or len(token) >= 8):
        return True  # hashes, pod suffixes, ids: 7d9f8b6c4, x2k9z, ab12cd34ef
    return len(token) < 2


def query_words(text: str) -> list[str]:
    """The informative words of a query or a pasted log line, folded as the index folds them."""
    text = _UUID.sub(" ", text)
    text = _TIMESTAMP.sub(" ", text)
    text = _IP.sub(" ", text)
    text = _HEX.sub(" ", text)
    words: list[str] = []
    for raw in _WORD.findall(_fold(text)):
        if raw in STOPWORDS or _noise(raw):
            continue
        if raw not in words:
            words.append(raw)
    return words


_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude English stem as an FTS prefix ("restarting" -> "restart*"), else the word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 5 and word.isascii():
            return word[:-len(suffix)] + "*"
    return word


def _coverage(error_text: str, asked: set[str]) -> float:
    """The share of an entry's error words found in the query (1.0: the whole error text is
    in the pasted line), so that the entry whose error text the log line holds ranks first."""
    words = query_words(error_text)
    if not words:
        return 0.0
    return sum(1 for w in words if w in asked) / len(words)


def _fts_term(term: str) -> str:
    if term.endswith("*"):
        return '"' + term[:-1].replace('"', '""') + '"*'
    return '"' + term.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------------
# The index

@dataclass(frozen=True, slots=True)
class Hit:
    path: str  # relative to the repository root, posix
    line: int
    heading: str
    kind: str
    title: str
    snippet: str  # with HIT/END markers around matched words
    score: float


@dataclass(slots=True)
class RefreshStats:
    files: int = 0
    indexed: int = 0
    removed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class SearchIndex:
    """An FTS5 index of the runbooks of one repository, stored in ``db_path``."""

    def __init__(self, db_path: Path, root: Path, reindex: bool = False) -> None:
        self.db_path = db_path
        self.root = root.resolve()
        if reindex:
            self._remove()
        try:
            self.conn = self._open()
        except sqlite3.DatabaseError:
            # a damaged or foreign file: the index is a cache, rebuild it
            self._remove()
            self.conn = self._open()

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(self.db_path) + suffix)

    def _open(self) -> sqlite3.Connection:
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(self.db_path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            root = None
            if version == SCHEMA_VERSION:
                row = conn.execute("SELECT value FROM meta WHERE key='root'").fetchone()
                root = row[0] if row else None
            if version != SCHEMA_VERSION or root != str(self.root):
                conn.close()
                self._remove()
                conn = _connect(self.db_path)
                quoted = str(self.root).replace("'", "''")
                conn.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\n"
                                   f"INSERT INTO meta VALUES ('root', '{quoted}');\n"
                                   f"PRAGMA user_version={SCHEMA_VERSION};\nCOMMIT;")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    # -- keeping it up to date ----------------------------------------------------------------

    def refresh(self, files: Iterable[Found], max_size: int, since_ns: int) -> RefreshStats:
        """Index new and changed files, drop removed ones. Returns what was done.

        ``files`` come from :func:`index_files`: (path relative to the root, path, stat), and
        ``since_ns`` is a time taken before their stat. A file whose
        :func:`~runwright.files.stat_signature` is unchanged is not read again; the signature
        is stored only once it has :func:`~runwright.files.settled` (until then the file is
        read, and re-indexed only if its bytes changed).
        """
        from runwright.parse_cache import iter_parse

        stats = RefreshStats()
        known = {row[0]: row[1:] for row in self.conn.execute(
            "SELECT path, stat, hash, error FROM files")}
        seen: set[str] = set()
        changes: list[tuple[str, str, os.stat_result]] = []
        for rel, path, st in files:
            if rel in seen:
                continue
            seen.add(rel)
            stats.files += 1
            if isinstance(st, OSError) or not stat.S_ISREG(st.st_mode):
                # A broken link, a FIFO (reading it would block), a device: say why, in the
                # words every command uses.
                stats.errors.append((rel, _read_error(path, rel, max_size)))
                continue
            old = known.get(rel)
            if old is not None and old[0] and old[0] == stat_signature(st):
                if old[2]:
                    stats.errors.append((rel, old[2]))
                continue
            changes.append((rel, path, st))

        def signed(st: os.stat_result) -> str:
            """The signature to store: empty (never matching) until the file has settled."""
            return stat_signature(st) if settled(st, since_ns) else ""

        gone = [p for p in known if p not in seen]
        if not changes and not gone:
            return stats
        # Read before taking the write lock; the parsing (on every core when there are many
        # files) goes on while the rows of the first ones are written.
        touched: list[tuple[str, os.stat_result]] = []  # same bytes, new mtime
        results: list[tuple[str, os.stat_result, str | None, Runbook | None, str | None]] = []
        jobs: list[tuple[str, str, bytes]] = []
        waiting: list[tuple[str, os.stat_result, str]] = []
        for rel, path, st in changes:
            try:
                data = read_bytes(path, rel, max_size)
            except InputError as exc:
                results.append((rel, st, None, None, _without_name(exc.message, rel)))
                continue
            digest = hashlib.sha256(data).hexdigest()
            old = known.get(rel)
            if old is not None and old[1] == digest:
                touched.append((rel, st))
                continue
            jobs.append((rel, rel, data))
            waiting.append((rel, st, digest))
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for rel in gone:
                self._delete(rel)
                self.conn.execute("DELETE FROM files WHERE path=?", (rel,))
                stats.removed += 1
            for rel, st in touched:
                self.conn.execute("UPDATE files SET stat=? WHERE path=?", (signed(st), rel))
            parsed = zip(waiting, iter_parse(jobs), strict=True)  # parsed while inserting
            for rel, st, file_hash, rb, error in itertools.chain(results, (
                    (rel, st, digest, *self._outcome(rel, result))
                    for (rel, st, digest), result in parsed)):
                self._delete(rel)
                if rb is not None:
                    self._insert(rel, rb)
                    stats.indexed += 1
                if error:
                    error = _without_name(error, rel)
                    stats.errors.append((rel, error))
                self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                                  (rel, signed(st), file_hash, error))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return stats

    @staticmethod
    def _outcome(rel: str, result: Runbook | Exception) -> tuple[Runbook | None, str | None]:
        if isinstance(result, Runbook):
            return result, None
        message = result.message if isinstance(result, InputError) else str(result)
        return None, message.removeprefix(f"{rel}: ")

    def _delete(self, rel: str) -> None:
        self.conn.execute("DELETE FROM units WHERE rowid IN "
                          "(SELECT unit FROM unit_file WHERE path=?)", (rel,))
        self.conn.execute("DELETE FROM unit_file WHERE path=?", (rel,))

    def _insert(self, rel: str, rb: Runbook) -> None:
        title = rb.title or Path(rel).stem
        names = alert_names(rb)
        alerts = " ".join(names + [_camel_words(n) for n in names])
        for u in units_of(rb):
            cur = self.conn.execute(
                "INSERT INTO units(title, heading, errors, alerts, body, path, line, kind) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (title, u.heading, u.errors, alerts, u.body, rel, u.line, u.kind))
            self.conn.execute("INSERT INTO unit_file VALUES (?, ?)", (cur.lastrowid, rel))

    # -- querying -----------------------------------------------------------------------------

    def _df(self, word: str) -> int:
        """How many units hold the word (or, for a stemmed word, any word it starts)."""
        if word.endswith("*"):
            stem = word[:-1]
            row = self.conn.execute("SELECT sum(doc) FROM units_vocab WHERE term >= ? AND "
                                    "term < ?", (stem, stem + "\U0010ffff")).fetchone()
        else:
            row = self.conn.execute("SELECT doc FROM units_vocab WHERE term = ?",
                                    (word,)).fetchone()
        return int(row[0]) if row and row[0] else 0

    def terms(self, text: str) -> list[str]:
        """The query words the index knows, the rarest first, common ones dropped.

        Inflected English words become prefixes ("restarting" -> "restart*") so that they
        match the other forms of the word.
        """
        words = list(dict.fromkeys(_stem(w) for w in query_words(text)))
        if not words:
            return []
        df = {w: self._df(w) for w in words}
        known = [w for w in words if df.get(w)]
        if len(known) > 1:
            total = self.conn.execute("SELECT count(*) FROM unit_file").fetchone()[0] or 1
            rare = [w for w in known if df[w] <= total * 0.4]
            known = rare or known
        known.sort(key=lambda w: df[w])
        return known[:MAX_TERMS]

    def search(self, text: str, limit: int = 5) -> tuple[list[Hit], list[str]]:
        """The best unit of each of the best ``limit`` runbooks, and the terms used."""
        terms = self.terms(text)
        if not terms:
            return [], []
        match = " OR ".join(_fts_term(t) for t in terms)
        weights = ", ".join(str(w) for w in WEIGHTS)
        rows = self.conn.execute(
            f"SELECT path, line, heading, kind, title, bm25(units, {weights}) AS score, errors, "
            f"snippet(units, 2, ?, ?, '…', 16), snippet(units, 4, ?, ?, '…', 16) "
            f"FROM units WHERE units MATCH ? ORDER BY score LIMIT ?",
            (HIT, END, HIT, END, match, max(limit * 20, 50))).fetchall()
        # a runbook's score: its best unit, plus a share of its other matching units
        best: dict[str, tuple[float, tuple[object, ...]]] = {}
        extra: dict[str, float] = {}
        asked = set(query_words(text))
        for row in rows:
            path, score = row[0], -float(row[5]) * (1 + _coverage(str(row[6]), asked)) ** 2
            if path not in best:
                best[path] = (score, tuple(row))
            else:
                extra[path] = extra.get(path, 0.0) + score * RELATED_SHARE
        ranked = sorted(best, key=lambda p: -(best[p][0] + extra.get(p, 0.0)))
        hits: list[Hit] = []
        for path in ranked[:limit]:
            _, (_, line, heading, kind, title, _s, _e, snip_err, snip_body) = best[path]
            snippet = str(snip_err) if HIT in str(snip_err) else str(snip_body)
            if HIT not in snippet:
                snippet = str(snip_body or snip_err)
            hits.append(Hit(path, int(str(line)), str(heading), str(kind), str(title),
                            " ".join(snippet.split()), best[path][0] + extra.get(path, 0.0)))
        return hits, terms


Found = tuple[str, str, "os.stat_result | OSError"]


def _read_error(path: str, rel: str, max_size: int) -> str:
    """Why ``path`` cannot be read, as :func:`runwright.files.read_bytes` says it."""
    try:
        read_bytes(path, rel, max_size)
    except InputError as exc:
        return _without_name(exc.message, rel)
    return "changed while it was being indexed; run the query again"


def _without_name(message: str, rel: str) -> str:
    """A reader's message without the file name it starts with (the caller names the file)."""
    for name in (rel, os.path.basename(rel)):
        if message.startswith(name + ":"):
            return message[len(name) + 1:].lstrip()
    return message


def index_files(paths: Sequence[Path], root: Path, exclude: Sequence[str]) -> list[Found]:
    """The runbook files under ``paths`` with their stat, found by :func:`runwright.discovery.walk`
    (the walk every command uses: same suffixes, skipped folders, exclusions and order), so that
    a warm query on thousands of files costs one ``stat`` each and no path resolution."""
    from runwright.discovery import exclusion, walk

    out: list[Found] = []
    root_s = str(root.resolve())
    excluded = exclusion(exclude)

    def rel_of(full: str) -> str:
        if full.startswith(root_s + os.sep):
            return full[len(root_s) + 1:].replace(os.sep, "/")
        return full.replace(os.sep, "/")

    for top in paths:
        top = top.resolve()
        if top.is_file():
            try:
                out.append((rel_of(str(top)), str(top), top.stat()))
            except OSError as exc:
                out.append((rel_of(str(top)), str(top), exc))
            continue
        for _folder, entries in walk(str(top), excluded):
            for entry in entries:
                try:
                    st: os.stat_result | OSError = entry.stat()
                except OSError as exc:
                    st = exc
                out.append((rel_of(entry.path), entry.path, st))
    return out


@dataclass(frozen=True, slots=True)
class FindResult:
    hits: list[Hit]
    terms: list[str]
    stats: RefreshStats
    root: Path


def find(query: str, config: Config, limit: int | None = None, reindex: bool = False,
         root: Path | None = None, paths: Sequence[str] = ()) -> FindResult:
    """Bring the index of the runbooks up to date, then search it.

    ``paths`` (default: the configured runbook paths, relative to the repository root) are the
    folders or files indexed; the index mirrors them exactly.
    """
    from runwright.errors import UsageError
    from runwright.state import repository_root, state_dir

    if root is None:
        root = config.root if config.source is not None else (repository_root() or Path.cwd())
    root = root.resolve()
    if paths:
        folders = [Path(p).resolve() for p in paths]
    else:
        folders = [p if p.is_absolute() else root / p for p in map(Path, config.paths)]
    existing = [f for f in folders if f.exists()]
    if not existing:
        shown = ", ".join(str(f) for f in folders)
        raise UsageError(f"no runbook folder to search ({shown} not found)",
                         hint="run from the repository, or set 'paths' in runwright.toml")
    if limit is None:
        configured = config.section("find").get("limit")
        limit = configured if isinstance(configured, int) else 5
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    db = state_dir(root, create=True) / DB_NAME
    index = SearchIndex(db, root, reindex=reindex)
    try:
        since = time.time_ns()  # before the files' stat (see SearchIndex.refresh)
        stats = index.refresh(index_files(existing, root, config.exclude),
                              config.max_file_size, since)
        hits, terms = index.search(query, limit)
    finally:
        index.close()
    return FindResult(hits, terms, stats, root)
