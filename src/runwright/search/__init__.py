"""The ``find`` index: SQLite FTS5 over runbook units (troubleshooting entries, steps, sections).

Each runbook is cut into units an on-call engineer would land on: a troubleshooting entry, a
procedure step, or another section (Meaning, Diagnosis, Mitigation ...). Every text goes
through :mod:`runwright.search.analysis` (the analysis the site's search shares): the index
holds stems, pair terms and synonym concepts, not words. A unit's columns are weighted by
bm25: the runbook title, error texts and alert names weigh most, then the unit heading and
commands, then the body. The index lives in the state directory (``search.db`` beside the
journal) and is brought up to date before each query; ``reindex`` rebuilds it.

A query (a pasted log line, an alert name, a few words) is analysed the same way, log noise
removed, and its terms are ORed.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from runwright.config import Config
from runwright.errors import InputError
from runwright.files import read_bytes, settled, stat_signature
from runwright.model import OUTPUT_LANGUAGES, Runbook
from runwright.search.analysis import (
    QueryTerm,
    Synonyms,
    analyse_query,
    matched_labels,
    query_words,
    terms,
    words,
)

SCHEMA_VERSION = 3
DB_NAME = "search.db"
#: The indexed columns and their bm25 weights (shared with the site's search).
FIELDS = ("title", "heading", "errors", "alerts", "commands", "body")
WEIGHTS = (8.0, 4.0, 8.0, 8.0, 3.0, 1.0)
#: How much each pair term (two query words side by side in the text) and each synonym
#: concept found in a unit raise its score (multiplied by 1 + the sum of the boosts).
PAIR_BOOST = 0.3
CONCEPT_BOOST = 0.6
MAX_TERMS = 40
#: A query word found in more than this share of the units is dropped when others remain.
COMMON_SHARE = 0.4
#: How much each further matching unit of a runbook adds to its best unit's score.
RELATED_SHARE = 0.25
HIT, END = "\x02", "\x03"  # highlight markers in snippets

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(path TEXT PRIMARY KEY, stat TEXT NOT NULL, hash TEXT, error TEXT);
CREATE TABLE unit_file(unit INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE INDEX unit_file_path ON unit_file(path);
CREATE VIRTUAL TABLE units USING fts5(
    title, heading, errors, alerts, commands, body,
    path UNINDEXED, line UNINDEXED, kind UNINDEXED, title_text UNINDEXED,
    errors_text UNINDEXED, body_text UNINDEXED, alerts_text UNINDEXED, heading_text UNINDEXED,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_~-'");
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
    commands: str = ""


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


_FENCE = re.compile(r"^\s*(```|~~~)")


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
                        body="\n".join([e.cause or "", e.solution or ""]),
                        commands="\n".join(commands)))
    for s in rb.steps:
        taken.add(s.line)
        out.append(Unit("step", s.line, s.title, body="\n".join([s.text, s.expected_result or ""]),
                        commands="\n".join(c.code for c in s.commands)))
    heads = sorted(rb.sections, key=lambda x: x.line)
    for i, sec in enumerate(heads):
        if sec.line in taken or sec.level < 2:
            continue
        stop = heads[i + 1].line - 1 if i + 1 < len(heads) else len(lines)
        body = "\n".join(lines[sec.line:stop]).strip()
        if not body or sec.canonical in ("procedure", "troubleshooting"):
            continue
        code = [b.code for b in rb.code_blocks if sec.line < b.line <= stop]
        out.append(Unit("section", sec.line, sec.title, body=_prose(body),
                        commands="\n".join(code)))
    first = min((s.line for s in rb.sections if s.level >= 2), default=len(lines) + 1)
    intro_start = rb.title_line or (rb.front_matter_lines[1] if rb.front_matter_lines else 0)
    intro = "\n".join(lines[intro_start:first - 1]).strip()
    out.append(Unit("runbook", rb.title_line or 1, rb.title or Path(rb.path).stem,
                    body=_prose(intro)))
    return out


def _prose(text: str) -> str:
    """Markdown text without its fenced code (indexed as commands)."""
    keep: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if m and fence is None:
            fence = m.group(1)
        elif m and line.strip().startswith(fence or "\0"):
            fence = None
        elif fence is None:
            keep.append(line)
    return "\n".join(keep)


def _coverage(error_text: str, asked: set[str]) -> float:
    """The share of an entry's error words found in the query (1.0: the whole error text is
    in the pasted line), so that the entry whose error text the log line holds ranks first."""
    ws = query_words(error_text)
    if not ws:
        return 0.0
    return sum(1 for w in ws if w in asked) / len(ws)


def _fts_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def snippet(text: str, alternatives: set[str], width: int = 16) -> str:
    """The part of ``text`` with the most query words, those marked with HIT/END."""
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
    if not spans:
        return ""
    hit = [bool(set(t for w in words(g) for t in w.stems) & alternatives) for _a, _b, g in spans]
    best, best_n = 0, -1
    for i in range(len(spans)):
        n = sum(hit[i:i + width])
        if n > best_n:
            best, best_n = i, n
    # start a little before the first hit of the window
    first = next((k for k in range(best, min(best + width, len(spans))) if hit[k]), best)
    start = max(0, first - 3)
    stop = min(len(spans), start + width)
    out: list[str] = ["…"] if start else []
    pos = spans[start][0]
    for k in range(start, stop):
        a, b, _g = spans[k]
        out.append(text[pos:a])
        out.append(HIT + text[a:b] + END if hit[k] else text[a:b])
        pos = b
    if stop < len(spans):
        out.append("…")
    return " ".join("".join(out).split())


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
    matched: list[str] = field(default_factory=list)  # the query words found in the unit


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

    def __init__(self, db_path: Path, root: Path, reindex: bool = False,
                 synonyms: Mapping[str, Sequence[str]] | None = None) -> None:
        from runwright.search.synonyms import BUILTIN

        self.db_path = db_path
        self.root = root.resolve()
        self.synonym_table = dict(synonyms if synonyms is not None else BUILTIN)
        self.synonyms = Synonyms.of(self.synonym_table)
        # the index depends on the synonyms: another table, another index
        self.signature = hashlib.sha256(json.dumps(
            [str(self.root), self.synonym_table], sort_keys=True).encode()).hexdigest()
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
            if version != SCHEMA_VERSION or root != self.signature:
                conn.close()
                self._remove()
                conn = _connect(self.db_path)
                quoted = self.signature
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
        names = " ".join(alert_names(rb))
        syn = self.synonyms
        title_terms, alert_terms = " ".join(terms(title, syn)), " ".join(terms(names, syn))
        for u in units_of(rb):
            cur = self.conn.execute(
                "INSERT INTO units(title, heading, errors, alerts, commands, body, path, line, "
                "kind, title_text, errors_text, body_text, alerts_text, heading_text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title_terms, " ".join(terms(u.heading, syn)), " ".join(terms(u.errors, syn)),
                 alert_terms, " ".join(terms(u.commands, syn)), " ".join(terms(u.body, syn)),
                 rel, u.line, u.kind, title, u.errors, "\n".join([u.body, u.commands]), names,
                 u.heading))
            self.conn.execute("INSERT INTO unit_file VALUES (?, ?)", (cur.lastrowid, rel))

    # -- querying -----------------------------------------------------------------------------

    def _df(self, term: str) -> int:
        """How many units hold the term."""
        row = self.conn.execute("SELECT doc FROM units_vocab WHERE term = ?",
                                (term,)).fetchone()
        return int(row[0]) if row and row[0] else 0

    def query(self, text: str) -> list[QueryTerm]:
        """The query's terms the index knows, alternatives it does not know dropped; common
        words (in more than COMMON_SHARE of the units) dropped when rarer ones remain."""
        known: list[tuple[QueryTerm, int]] = []
        for q in analyse_query(text, self.synonyms):
            df = {a: self._df(a) for a in q.alternatives}
            alts = tuple(a for a in q.alternatives if df[a])
            if alts:
                known.append((QueryTerm(q.label, alts, q.kind), max(df[a] for a in alts)))
        plain = [k for k in known if k[0].kind == "word"]
        if len(plain) > 1:
            total = self.conn.execute("SELECT count(*) FROM unit_file").fetchone()[0] or 1
            common = {id(q) for q, df in plain if df > total * COMMON_SHARE}
            if len(common) < len(plain):
                known = [k for k in known if id(k[0]) not in common]
        known.sort(key=lambda k: k[1])
        return [q for q, _df in known[:MAX_TERMS]]

    def search(self, text: str, limit: int = 5) -> tuple[list[Hit], list[str]]:
        """The best unit of each of the best ``limit`` runbooks, and the words used."""
        query = self.query(text)
        if not query:
            return [], []
        match = " OR ".join(_fts_term(a) for q in query for a in q.alternatives)
        weights = ", ".join(str(w) for w in WEIGHTS)
        rows = self.conn.execute(
            f"SELECT path, line, kind, title_text, bm25(units, {weights}) AS score, "
            f"errors_text, body_text, heading_text, units.rowid, "
            f"title || ' ' || heading || ' ' || errors || ' ' || alerts || ' ' || commands || "
            f"' ' || body FROM units WHERE units MATCH ? "
            f"ORDER BY score LIMIT ?", (match, max(limit * 40, 200))).fetchall()
        asked = set(query_words(text))
        boost = {a: (PAIR_BOOST if q.kind == "pair" else CONCEPT_BOOST) for q in query
                 for a in q.alternatives if q.kind != "word"}
        scored: list[tuple[float, tuple[object, ...]]] = []
        present_of: dict[int, set[str]] = {}
        for row in rows:
            unit_terms = set(str(row[9]).split()) if boost else set()
            present_of[int(row[8])] = unit_terms
            extra = sum(boost[a] for a in unit_terms & boost.keys())
            score = -float(row[4]) * (1 + _coverage(str(row[5]), asked)) ** 2
            scored.append((score * (1 + extra), tuple(row[:9])))
        scored.sort(key=lambda x: -x[0])
        best: dict[str, tuple[float, tuple[object, ...]]] = {}
        more: dict[str, float] = {}
        for score, row in scored:
            path = str(row[0])
            if path not in best:
                best[path] = (score, row)
            else:
                more[path] = more.get(path, 0.0) + score * RELATED_SHARE
        ranked = sorted(best, key=lambda p: -(best[p][0] + more.get(p, 0.0)))
        hits: list[Hit] = []
        for path in ranked[:limit]:
            score, (_p, line, kind, title, _s, errors, body, heading, rowid) = best[path]
            present = present_of.get(int(str(rowid))) or self._unit_terms(int(str(rowid)))
            alternatives = {a for q in query for a in q.alternatives}
            snip = snippet(str(errors), alternatives)
            if HIT not in snip:
                snip = snippet(str(body), alternatives) or snip
            if HIT not in snip:
                snip = snippet(str(title), alternatives) or snip
            hits.append(Hit(path, int(str(line)), str(heading),
                            str(kind), str(title), snip, score + more.get(path, 0.0),
                            matched_labels(query, present)))
        return hits, [q.label if q.kind == "word" else q.alternatives[0] for q in query
                      if q.kind != "pair"]

    def _unit_terms(self, rowid: int) -> set[str]:
        row = self.conn.execute("SELECT title, heading, errors, alerts, commands, body FROM "
                                "units WHERE rowid=?", (rowid,)).fetchone()
        return set(" ".join(row).split())


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
    from runwright.search.synonyms import table

    index = SearchIndex(db, root, reindex=reindex, synonyms=table(config.section("find")))
    try:
        since = time.time_ns()  # before the files' stat (see SearchIndex.refresh)
        stats = index.refresh(index_files(existing, root, config.exclude),
                              config.max_file_size, since)
        hits, terms = index.search(query, limit)
    finally:
        index.close()
    return FindResult(hits, terms, stats, root)
