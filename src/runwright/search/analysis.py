"""Query and text analysis shared by ``runwright find`` and the site's search.

One pipeline turns a pasted log line, a few words or a runbook's text into index terms:

1. :func:`strip_log_noise` drops what a log line carries around its message: timestamps in
   the common formats, syslog prefixes, ``klog`` headers, levels, pids, logfmt and JSON keys
   that are not the message, UUIDs, IP addresses and ports, hex ids.
2. words are cut, accents folded, CamelCase split (``NodeFilesystemSpaceFillingUp`` also gives
   node, filesystem, space, filling, up), numbers, durations and hash-like words dropped;
3. each word is stemmed with the Snowball English and French stemmers (both forms are kept
   when they differ, so a French word matches a French runbook and an English one an English);
4. adjacent words give a pair term (``a_b``), so a phrase or a near match scores above
   scattered words;
5. synonym phrases (:mod:`runwright.search.synonyms`) add a concept term (``~disk-full``) that
   "disk full", "no space left on device" and "disque plein" share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

_STOP_TEXT = """a an the and or of to in on at for from by with without is are was were be
been being it its this that these those as if then than so not no but into out over
under via per can could would should will shall may might must do does did done has have had
i you he she we they them our your their me my le la les un une des du de et ou en au aux
pour par sur avec sans est sont pas ne que qui dans ce cet cette ces il elle ils se sa son
ses l d s t"""
STOPWORDS = frozenset(_STOP_TEXT.split())

_LEVELS = (r"(?:trace|debug|info|notice|warn|warning|error|err|crit|critical|alert|emerg|"
           r"fatal|panic|log|statement|detail|hint)")

#: Log noise, removed in this order before words are cut (case-insensitive).
NOISE: tuple[tuple[str, str], ...] = (
    # JSON keys that are not the message: "level":"error", "ts":1.7e9, "caller":"x.go:12"
    ("json-meta", r'"(?:level|lvl|severity|ts|time|timestamp|@timestamp|caller|logger|'
                  r'component|pid|tid|thread|hostname|host|source|stacktrace|trace_id|'
                  r'span_id|request_id|v)"\s*:\s*(?:"[^"]*"|[^,}\s]*)'),
    ("json-key", r'"[A-Za-z_@.]+"\s*:'),
    # logfmt keys that are not the message: level=error ts=2026-... caller=main.go:42
    ("logfmt-meta", r'\b(?:level|lvl|severity|ts|time|t|caller|logger|component|pid|tid|'
                    r'source|host|trace_id|span_id|request_id|duration|took|elapsed|latency)'
                    r'=(?:"[^"]*"|\S*)'),
    ("logfmt-key", r'\b[A-Za-z_][A-Za-z0-9_.]*='),
    # klog: E0115 03:12:44.123456   12345 pod_workers.go:1298]
    ("klog", r'\b[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.\-]+:\d+\]'),
    ("uuid", r'\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b'),
    ("timestamp", r'\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?'
                  r'(?: (?:UTC|GMT|CEST|CET))?'),
    ("date", r'\b\d{4}[-/]\d{2}[-/]\d{2}\b|\b\d{2}/[A-Z][a-z]{2}/\d{4}(?::\d{2}:\d{2}:\d{2})?'
             r'(?: [+-]\d{4})?'),
    # syslog: Jan 15 03:12:44 host program[123]:
    ("syslog", r'\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) +\d{1,2} '
               r'\d{2}:\d{2}:\d{2}(?: +[\w.\-]+ +[\w.\-/]+(?:\[\d+\])?:)?'),
    ("time", r'\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b'),
    # a level at the head of a line or in brackets: [error], <E>, "ERROR:", "WARN "
    ("level", r'\[' + _LEVELS + r'\]|^\s*' + _LEVELS + r'\b:?|\b' + _LEVELS +
              r':(?=\s)|\b(?:' + _LEVELS + r')\s+(?=\[)'),
    ("pid", r'\[\d+\]|\b\d+#\d+:|\*\d+\b'),
    ("ip", r'\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b'),
    ("hex", r'\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b'),
)
_NOISE = [re.compile(p, re.I | re.M) for _name, p in NOISE]
WORD = r"[^\W_]+"
_WORD = re.compile(WORD)
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def strip_log_noise(text: str) -> str:
    """``text`` without the parts of a log line that are not its message."""
    for pattern in _NOISE:
        text = pattern.sub(" ", text)
    return text


def _unaccent(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, accents removed (``Expiré`` -> ``expire``), ligatures spelt out."""
    return _unaccent(text).lower()


def _noise(token: str) -> bool:
    if token[0].isdigit() or re.fullmatch(r"[a-z]\d+", token):
        return True  # numbers, durations (10m), counters (x12)
    digits = sum(c.isdigit() for c in token)
    if digits and len(token) >= 5 and (digits >= 2 or len(token) >= 8):
        return True  # hashes, pod suffixes, ids: 7d9f8b6c4, x2k9z, ab12cd34ef
    return len(token) < 2


_EN = snowballstemmer.stemmer("english")
_FR = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def variants(word: str) -> tuple[str, ...]:
    """The index terms of a folded word: its English and French Snowball stems."""
    en, fr = _EN.stemWord(word), _FR.stemWord(word)
    return (en,) if en == fr else (en, fr)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the text: as written (folded), its stems, and whether it is a CamelCase
    compound kept whole beside its parts (a compound is not part of pair terms)."""

    text: str
    stems: tuple[str, ...]
    compound: bool = False


def words(text: str) -> list[Word]:
    """The informative words of ``text`` in order, CamelCase compounds followed by their parts."""
    out: list[Word] = []
    for raw in _WORD.findall(text):
        out.extend(_analyse_token(raw))
    return out


@lru_cache(maxsize=131072)
def _analyse_token(token: str) -> tuple[Word, ...]:
    """The words of one token as written (accents folded, CamelCase split, noise dropped)."""
    raw = _unaccent(token)
    parts = _CAMEL.findall(raw)
    folded = raw.lower()
    if not folded:
        return ()
    if len(parts) > 1:
        if _noise(folded):
            return ()  # 1500ms, sha256, a pod hash: none of its parts either
        out = [Word(folded, variants(folded), compound=True)]
        for part in parts:
            p = part.lower()
            if p not in STOPWORDS and not _noise(p):
                out.append(Word(p, variants(p)))
        return tuple(out)
    if folded in STOPWORDS or _noise(folded):
        return ()
    return (Word(folded, variants(folded)),)


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Phrases that name one concept, in either language, as stem sequences."""

    groups: Mapping[str, tuple[str, ...]]
    phrases: tuple[tuple[tuple[str, ...], str], ...] = field(default=())
    #: the phrases by their first stem, longest first
    by_first: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, groups: Mapping[str, Sequence[str]]) -> Synonyms:
        phrases: list[tuple[tuple[str, ...], str]] = []
        for concept, texts in groups.items():
            for t in texts:
                stems = tuple(w.stems[0] for w in words(t) if not w.compound)
                if stems:
                    phrases.append((stems, concept))
        # longest first, so that "no space left on device" wins over "space"
        phrases.sort(key=lambda p: -len(p[0]))
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for p in phrases:
            by_first.setdefault(p[0][0], []).append(p)
        return cls({k: tuple(v) for k, v in groups.items()}, tuple(phrases),
                   {k: tuple(v) for k, v in by_first.items()})

    def concepts(self, seq: Sequence[Word]) -> list[tuple[int, str]]:
        """(position, concept) for each synonym phrase found in the word sequence."""
        plain = [w for w in seq if not w.compound]
        found: list[tuple[int, str]] = []
        by_first = self.by_first
        size = len(plain)
        for i, word in enumerate(plain):
            for stem in word.stems:
                # most words start no phrase: one dictionary miss per stem, nothing built
                for stems, concept in by_first.get(stem, ()):
                    n = len(stems)
                    if i + n <= size and all(stems[k] in plain[i + k].stems
                                             for k in range(1, n)):
                        found.append((i, concept))
        return found


def concept_term(concept: str) -> str:
    return "~" + concept


def pair_term(a: str, b: str) -> str:
    return f"{a}_{b}"


def terms(text: str, synonyms: Synonyms) -> list[str]:
    """The index terms of a runbook's text, in order: stems, pair terms, concept terms."""
    seq = words(text)
    out: list[str] = []
    prev: tuple[str, ...] = ()
    for w in seq:
        out.extend(w.stems)
        if w.compound:
            continue
        for a in prev:
            out.append(pair_term(a, w.stems[0]))
        prev = w.stems[:1]
    out.extend(concept_term(c) for _i, c in synonyms.concepts(seq))
    return out


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One word or concept of a query: the alternatives that match it, the label shown."""

    label: str
    alternatives: tuple[str, ...]
    kind: str  # "word", "pair", "concept"


def analyse_query(text: str, synonyms: Synonyms) -> list[QueryTerm]:
    """The terms of a query or a pasted log line, log noise removed."""
    seq = words(strip_log_noise(text))
    out: list[QueryTerm] = []
    seen: set[tuple[str, ...]] = set()

    def add(term: QueryTerm) -> None:
        if term.alternatives not in seen:
            seen.add(term.alternatives)
            out.append(term)

    prev: Word | None = None
    for w in seq:
        add(QueryTerm(w.text, w.stems, "word"))
        if w.compound:
            continue
        if prev is not None:
            add(QueryTerm(f"{prev.text} {w.text}",
                          (pair_term(prev.stems[0], w.stems[0]),), "pair"))
        prev = w
    for _i, concept in synonyms.concepts(seq):
        add(QueryTerm(concept, (concept_term(concept),), "concept"))
    return out


def query_words(text: str) -> list[str]:
    """The informative words of a query or a pasted log line, folded (not stemmed)."""
    return list(dict.fromkeys(w.text for w in words(strip_log_noise(text))))


def matched_labels(query: Iterable[QueryTerm], present: set[str]) -> list[str]:
    """The words of the query whose terms are in ``present`` (a unit's terms), then the
    synonym concepts they share, as ``~concept``."""
    query = list(query)
    return ([q.label for q in query if q.kind == "word" and set(q.alternatives) & present] +
            [concept_term(q.label) for q in query if q.kind == "concept"
             and set(q.alternatives) & present])
