"""Whether a block of shell only reads: the judgement behind ``runwright test``.

A block is read-only when the shell model reads it without error and every simple command in
it, after its wrappers are taken off (``sudo cat`` is ``cat``, ``ssh db1 rm`` is ``rm``,
``xargs rm`` is ``rm``, ``bash -c 'rm x'`` is ``rm``), is on the allowlist
(:mod:`runwright.shell.allowlist`) with its subcommand and options, passes the check its
command may have (``curl`` sends no body, ``psql`` runs only reading SQL...), and no
redirection writes to a file other than ``/dev/null`` (descriptor copies such as ``2>&1`` are
fine). Calls to functions the block defines are judged by their bodies. Anything else is not
read-only, and :func:`judge` says why: ``would run 'helm uninstall' (not known read-only)``.

Safe by construction: nothing is judged dangerous by its look; what is not known harmless does
not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from runwright.errors import ConfigError
from runwright.shell import Command, Script, Word, parse
from runwright.shell.allowlist import CHECKED, SYNTAX, Syntax, entries
from runwright.shell.options import Options, scan
from runwright.shell.sql import unread

NOT_KNOWN = "not known read-only"
#: Files a redirection may write to without changing anything.
HARMLESS_TARGETS = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty",
                              "/dev/fd/1", "/dev/fd/2", "-"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One allowlist entry: ``NAME [SUBCOMMAND...] [--required...] [!--forbidden...]``."""

    command: str
    sub: tuple[str, ...]
    required: tuple[str, ...]
    forbidden: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Entry:
        words = text.split()
        if not words or words[0].startswith(("-", "!")):
            raise ValueError(f"{text!r} does not start with a command name")
        sub: list[str] = []
        required: list[str] = []
        forbidden: list[str] = []
        for w in words[1:]:
            if w.startswith("!-"):
                forbidden.append(w[1:])
            elif w.startswith("-"):
                required.append(w)
            elif required or forbidden:
                raise ValueError(f"{text!r}: the subcommand words come before the options")
            else:
                sub.append(w)
        return cls(words[0], tuple(sub), tuple(required), tuple(forbidden))


class Allowlist:
    """The built-in entries and those of ``test.readonly_commands``, by command name."""

    def __init__(self, extra: Sequence[str] = ()) -> None:
        self.by_name: dict[str, list[Entry]] = {}
        self.plain: set[str] = set()  # commands the configuration accepts with any arguments
        for text in entries():
            self.add(Entry.parse(text))
        for text in extra:
            try:
                entry = Entry.parse(str(text))
                self.add(entry)
                if not (entry.sub or entry.required or entry.forbidden):
                    self.plain.add(entry.command)
            except ValueError as exc:
                raise ConfigError(f"test.readonly_commands: {exc}",
                                  hint="write entries as 'COMMAND [SUBCOMMAND...] "
                                       "[--option...]', such as \"vault kv get\"") from None

    def add(self, entry: Entry) -> None:
        self.by_name.setdefault(entry.command, []).append(entry)


@lru_cache(maxsize=32)
def allowlist(extra: tuple[str, ...] = ()) -> Allowlist:
    return Allowlist(extra)


def judge(code: str, extra: Sequence[str] = ()) -> str | None:
    """Why the block is not read-only (None: it is)."""
    return _judge(code, tuple(extra))


#: ``<pod-name>``: a placeholder, which the shell reads as redirections.
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w .:/-]*>")


@lru_cache(maxsize=4096)
def _judge(code: str, extra: tuple[str, ...]) -> str | None:
    reason = _script(code, extra)
    if reason is not None and reason.startswith(("the shell cannot be read", "would write to")):
        m = _PLACEHOLDER.search(code)
        if m is not None:
            reason = f"{reason}; the block holds a placeholder ('{m.group(0)}'), which the " \
                     "shell reads as redirections"
    return reason


def _script(code: str, extra: tuple[str, ...]) -> str | None:
    script = parse(code)
    if script.errors:
        e = script.errors[0]
        return f"the shell cannot be read at line {e.line} ({e.message})"
    allow = allowlist(extra)
    for cmd in script.commands:
        if cmd.words and (cmd.words[0].text == "$" or cmd.words[0].text.startswith("$ ")):
            return f"line {cmd.line} starts with a '$ ' prompt: the block is a transcript, " \
                   "not commands"
        reason = judge_command(cmd, allow, script)
        if reason is not None:
            return reason
    return _arithmetic(script, allow, extra)


#: A word of an arithmetic expression, as the shell would read it in a command: a name, a
#: number, an option (``-rf``) or a path (``/data``).
_ARITH_WORD = re.compile(r"[^\s()+*%^&|<>=!~?:,;\[\]]*[\w$.][^\s()+*%^&|<>=!~?:,;\[\]]*")


def _not_arithmetic(inner: str) -> bool:
    """Whether ``inner`` cannot be arithmetic: two words stand side by side with no operator
    between them (``rm -rf /data``, ``reboot now``), which bash refuses as arithmetic and a
    reader takes for a command. Decided from the text alone, the same on every machine."""
    previous_end: int | None = None
    for m in _ARITH_WORD.finditer(inner):
        if previous_end is not None and not inner[previous_end:m.start()].strip():
            return True
        previous_end = m.end()
    return False


def _arithmetic(script: Script, allow: Allowlist, extra: tuple[str, ...]) -> str | None:
    """``$(( rm -rf /data ))`` is arithmetic to bash, but ``$( (rm -rf /data) )`` to a reader
    and to shells that fall back to a subshell when the text is no arithmetic: an expression
    that names a command (an allowlisted name, or words side by side as no arithmetic has
    them) is judged as that command."""
    for line, inner in script.arithmetic:
        subshell = f"( {inner} )"
        first = parse(subshell).commands  # cached: _script reads the same text
        name = first[0].name if first else None
        if name is None or not (name in allow.by_name or _not_arithmetic(inner)):
            continue
        reason = _script(subshell, extra)
        if reason is not None:
            return f"line {line}: '(({inner}))' names the command '{name}', as '$( (...) )' " \
                   f"would run it: {reason}"
    return None


def judge_command(cmd: Command, allow: Allowlist, script: Script | None = None) -> str | None:
    """Why one simple command is not read-only (None: it is)."""
    reason = _command(cmd, allow, script)
    if reason is not None and cmd.wrappers and reason.startswith("would run '"):
        end = reason.index("'", len("would run '")) + 1
        under = " ".join(f"'{w.name}'" for w in cmd.wrappers)
        reason = f"{reason[:end]} under {under}{reason[end:]}"
    return reason


def _command(cmd: Command, allow: Allowlist, script: Script | None) -> str | None:
    for r in cmd.all_redirects:
        if r.writes and (r.target is None or r.target.value not in HARMLESS_TARGETS):
            target = r.target.text if r.target is not None else "?"
            return f"would write to '{target}' (a redirection)"
    for w in cmd.wrappers:
        if w.name == "time" and scan(w.words[1:], "fo", ("format", "output")).has(
                "o", ("output",)):
            return "would write to a file ('time -o')"
    if not cmd.words:
        return None
    if cmd.name is None:
        return f"would run '{cmd.words[0].text}' (a command named by an expansion)"
    name = cmd.name
    if script is not None and name in script.functions:
        return None  # its body is judged where it is defined
    found = allow.by_name.get(name)
    if not found:
        return f"would run '{name}' ({NOT_KNOWN})"
    syntax = SYNTAX.get(name, Syntax())
    args = cmd.args
    o = scan(args, syntax.values, syntax.long_values, single=syntax.single)
    positional = [w.value for w in o.positional]
    if not any(_matches(e, o, positional, args) for e in found):
        return _refusal(name, found, o, positional, args)
    if name in CHECKED and name not in allow.plain:
        return CHECKS[name](cmd, o)
    return None


def _matches(entry: Entry, o: Options, positional: list[str | None],
             args: Sequence[Word]) -> bool:
    return tuple(positional[:len(entry.sub)]) == entry.sub and not any(
        _given(o, args, opt) for opt in entry.forbidden) and all(
        _given(o, args, opt) for opt in entry.required)


def _refusal(name: str, found: list[Entry], o: Options, positional: list[str | None],
             args: Sequence[Word]) -> str:
    """The reason for a command none of whose entries matches: the forbidden option given or
    the required one missing when the subcommand was right, else the subcommand."""
    with_sub = any(e.sub for e in found)
    for entry in sorted(found, key=lambda e: -len(e.sub)):
        if tuple(positional[:len(entry.sub)]) != entry.sub or (with_sub and not entry.sub
                                                               and positional):
            continue
        for opt in entry.forbidden:
            given = _given(o, args, opt)
            if given:
                return f"would run '{name} {given}' ({NOT_KNOWN})"
        for opt in entry.required:
            if not _given(o, args, opt):
                return f"would run '{' '.join([name, *entry.sub])}' without {opt} ({NOT_KNOWN})"
    depth = max((len(e.sub) for e in found if e.sub[:1] == tuple(positional[:1])), default=1)
    shown = [p if p is not None else "$..." for p in positional[:max(depth, 1)]]
    return f"would run '{' '.join([name, *shown])}' ({NOT_KNOWN})"


def _given(o: Options, args: Sequence[Word], opt: str) -> str | None:
    """The option as given (``--vacuum-size``) when ``opt`` names one that is, else None."""
    if opt.startswith("--"):
        key = opt[2:]
        if key.endswith("*"):
            return next((f"--{k}" for k in o.longs if k.startswith(key[:-1])), None)
        return opt if key in o.longs else None
    if len(opt) == 2:
        return opt if opt[1] in o.letters or any(w.value == opt for w in args) else None
    return opt if any(w.value is not None and (w.value == opt or w.value.startswith(opt + "="))
                      for w in args) else None


# --- the checks of CHECKED commands ---------------------------------------------------------

Check = Callable[[Command, Options], str | None]


def _values(cmd: Command) -> list[str]:
    return [w.value if w.value is not None else w.unquoted for w in cmd.args]


def _no(what: str) -> str:
    return f"would run '{what}' ({NOT_KNOWN})"


def _writes_to(target: str | None) -> bool:
    return target is not None and target not in HARMLESS_TARGETS


_CURL_VALUES = "AbcCdDeEFHKmoPQrTuUwxXyYz"
_CURL_LONG_VALUES = (
    "data", "data-raw", "data-binary", "data-urlencode", "data-ascii", "json", "form",
    "form-string", "upload-file", "request", "output", "cookie-jar", "dump-header", "trace",
    "trace-ascii", "libcurl", "output-dir", "etag-save", "hsts", "alt-svc", "config", "quote",
    "header", "user", "user-agent", "cookie", "max-time", "connect-timeout", "retry",
    "resolve", "cacert", "cert", "key", "proxy", "write-out", "url", "referer", "range",
    "interface", "retry-delay", "retry-max-time", "unix-socket", "oauth2-bearer", "noproxy",
    "connect-to", "aws-sigv4", "variable", "expand-url")


def _curl(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, _CURL_VALUES, _CURL_LONG_VALUES)
    for key, value in o.pairs:
        if key in ("d", "F", "T") or key.startswith(("--data", "--form")) or key in (
                "--json", "--upload-file"):
            return _no(f"curl {'-' if len(key) == 1 else ''}{key}") + ": it sends a body"
        if key in ("X", "--request") and (value or "").upper() not in ("GET", "HEAD"):
            return _no(f"curl -X {value}")
        if key in ("o", "--output", "D", "--dump-header", "--trace", "--trace-ascii") and \
                _writes_to(value):
            return f"would write to '{value}' (curl {'-' if len(key) == 1 else ''}{key})"
        if key in ("O", "J", "c", "K", "Q", "--remote-name", "--remote-name-all",
                   "--cookie-jar", "--libcurl", "--output-dir", "--create-dirs",
                   "--etag-save", "--hsts", "--alt-svc", "--config", "--quote"):
            return _no(f"curl {'-' if len(key) == 1 else ''}{key}")
    return None


def _wget(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "OoaPiBeUtTwQlARDIXh", (
        "output-document", "output-file", "append-output", "post-data", "post-file",
        "body-data", "body-file", "method", "directory-prefix", "save-cookies", "header",
        "user", "password", "user-agent", "timeout", "tries", "load-cookies"))
    out: str | None = None
    for key, value in o.pairs:
        if key in ("--post-data", "--post-file", "--body-data", "--body-file"):
            return _no(f"wget {key}") + ": it sends a body"
        if key == "--method" and (value or "").upper() not in ("GET", "HEAD"):
            return _no(f"wget --method={value}")
        if key in ("o", "a", "--output-file", "--append-output", "--save-cookies") and \
                _writes_to(value):
            return f"would write to '{value}' (wget {'-' if len(key) == 1 else ''}{key})"
        if key in ("O", "--output-document"):
            out = value
    if o.has(longs=("spider",)) or out in ("-", "/dev/null"):
        return None
    return "would write the download to a file (wget without -O - or --spider)"


_PSQL_VALUES = "cdfhLopPTUvFR"
_PSQL_LONGS = ("command", "file", "dbname", "host", "port", "username", "set", "variable",
               "output", "log-file", "pset", "table-attr", "field-separator",
               "record-separator")
_READ_ONLY_OPTION = re.compile(
    r"default_transaction_read_only\s*=\s*(?:on|true|1|yes)\b|target_session_attrs\s*=\s*"
    r"(?:read-only|standby)\b|transaction[_ ]read[_ ]only\s*=\s*(?:on|1|true)\b|"
    r"transaction\s+read\s+only|tx_read_only\s*=\s*(?:on|1|true)\b", re.IGNORECASE)


def _read_only_session(cmd: Command) -> bool:
    texts = [a.text for a in cmd.assignments] + _values(cmd)
    return any(_READ_ONLY_OPTION.search(t) for t in texts)


def _stdin_sql(cmd: Command) -> str | bool | None:
    """The SQL a command reads from a here-document or here-string, None when it reads its
    input from elsewhere, False when the text expands."""
    for r in cmd.redirects:
        if r.heredoc is not None:
            if not r.heredoc.quoted and ("$" in r.heredoc.body or "`" in r.heredoc.body):
                return False
            return r.heredoc.body
        if r.operator == "<<<" and r.target is not None:
            return r.target.value if r.target.value is not None else False
    return None


def _sql_verdict(client: str, sql: Iterable[str | bool | None]) -> str | None:
    for text in sql:
        if text is None or text is False:
            return _no(client) + ": it reads SQL from its input"
        assert isinstance(text, str)
        bad = unread(text)
        if bad is not None:
            return f"would run '{client}' with SQL that may write ('{bad}')"
    return None


def _psql(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, _PSQL_VALUES, _PSQL_LONGS)
    if _read_only_session(cmd):
        return None
    sql: list[str | bool | None] = []
    for key, value in o.pairs:
        if key in ("f", "--file"):
            return _no("psql -f") + ": it runs SQL from a file"
        if key in ("o", "--output", "L", "--log-file") and _writes_to(value):
            return f"would write to '{value}' (psql {'-' if len(key) == 1 else ''}{key})"
        if key in ("c", "--command"):
            sql.append(value or "")
    if not sql:
        if o.has("lV", ("list", "version", "help")):
            return None
        sql.append(_stdin_sql(cmd))
    return _sql_verdict("psql", sql)


def _mysql(cmd: Command, o: Options) -> str | None:
    if _read_only_session(cmd):
        return None
    sql: list[str | bool | None] = []
    values = _values(cmd)
    i = 0
    while i < len(values):
        v = values[i]
        i += 1
        if v in ("-e", "--execute") and i < len(values):
            sql.append(values[i])
            i += 1
        elif v.startswith("--execute="):
            sql.append(v.partition("=")[2])
        elif v.startswith("-e") and not v.startswith("--"):
            sql.append(v[2:])
        elif v.startswith(("--tee", "-T")):
            return _no(f"{cmd.name} --tee")
    if not sql:
        if any(v in ("-V", "--version", "--help", "-?") for v in values):
            return None
        sql.append(_stdin_sql(cmd))
    return _sql_verdict(cmd.name or "mysql", sql)


def _sqlite3(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "", ("cmd", "init", "separator", "newline", "nullvalue", "escape",
                            "maxsize", "mmap", "vfs"), single=True)
    if o.has(longs=("readonly",)):
        return None
    if o.has(longs=("init",)):
        return _no("sqlite3 -init") + ": it runs commands from a file"
    sql: list[str | bool | None] = [v for k, v in o.pairs if k == "--cmd"]
    sql.extend(w.value if w.value is not None else False for w in o.positional[1:])
    if not o.positional[1:]:
        if o.has(longs=("version", "help")):
            return None
        sql.append(_stdin_sql(cmd))
    return _sql_verdict("sqlite3", sql)


_REDIS_READ = frozenset({
    "GET", "MGET", "EXISTS", "TTL", "PTTL", "TYPE", "KEYS", "SCAN", "HGET", "HGETALL", "HKEYS",
    "HVALS", "HLEN", "HEXISTS", "HMGET", "HSCAN", "HSTRLEN", "HRANDFIELD", "LRANGE", "LLEN",
    "LINDEX", "LPOS", "SMEMBERS", "SCARD", "SISMEMBER", "SMISMEMBER", "SSCAN", "SRANDMEMBER",
    "SINTER", "SUNION", "SDIFF", "ZRANGE", "ZRANGEBYSCORE", "ZRANGEBYLEX", "ZREVRANGE",
    "ZREVRANGEBYSCORE", "ZCARD", "ZSCORE", "ZMSCORE", "ZRANK", "ZREVRANK", "ZSCAN", "ZCOUNT",
    "ZLEXCOUNT", "STRLEN", "GETRANGE", "GETBIT", "BITCOUNT", "BITPOS", "INFO", "PING", "DBSIZE",
    "TIME", "ROLE", "LASTSAVE", "ECHO", "XLEN", "XRANGE", "XREVRANGE", "XPENDING", "PFCOUNT",
    "GEOPOS", "GEODIST", "GEOHASH", "GEOSEARCH", "RANDOMKEY", "DUMP", "TOUCH", "OBJECT", "LOLWUT",
})
_REDIS_READ_PAIRS = frozenset({
    ("CLIENT", "LIST"), ("CLIENT", "INFO"), ("CLIENT", "GETNAME"), ("CLIENT", "ID"),
    ("CONFIG", "GET"), ("SLOWLOG", "GET"), ("SLOWLOG", "LEN"), ("MEMORY", "USAGE"),
    ("MEMORY", "STATS"), ("MEMORY", "DOCTOR"), ("LATENCY", "LATEST"), ("LATENCY", "HISTORY"),
    ("LATENCY", "DOCTOR"), ("CLUSTER", "INFO"), ("CLUSTER", "NODES"), ("CLUSTER", "SLOTS"),
    ("CLUSTER", "SHARDS"), ("CLUSTER", "MYID"), ("CLUSTER", "KEYSLOT"),
    ("CLUSTER", "COUNTKEYSINSLOT"), ("XINFO", "STREAM"), ("XINFO", "GROUPS"),
    ("XINFO", "CONSUMERS"), ("COMMAND", "COUNT"), ("COMMAND", "INFO"), ("COMMAND", "DOCS"),
    ("PUBSUB", "CHANNELS"), ("PUBSUB", "NUMSUB"), ("PUBSUB", "NUMPAT"), ("ACL", "WHOAMI"),
    ("ACL", "LIST"), ("ACL", "USERS"), ("ACL", "CAT"), ("MODULE", "LIST"),
    ("FUNCTION", "LIST"), ("SCRIPT", "EXISTS")})
_REDIS_MODES = frozenset({"scan", "bigkeys", "memkeys", "hotkeys", "keystats"})
_REDIS_REFUSED_MODES = frozenset({"rdb", "functions-rdb", "pipe", "eval", "cluster",
                                  "replica", "slave", "stat", "latency", "latency-history",
                                  "latency-dist", "intrinsic-latency", "lru-test"})


def _redis(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "hpsaunridDtx", ("user", "pass", "cacert", "cacertdir", "cert", "key",
                                       "sni", "tls-ciphers", "tls-ciphersuites", "pattern",
                                       "count", "rdb", "functions-rdb", "eval", "cluster",
                                       "show-pushes", "memkeys-samples", "quoted-pattern"))
    for key in o.longs:
        if key in _REDIS_REFUSED_MODES:
            return _no(f"redis-cli --{key}")
    if not o.positional:
        if any(k in _REDIS_MODES for k in o.longs):
            return None
        return _no("redis-cli") + ": it reads commands from its input"
    words = [(w.value or "").upper() for w in o.positional[:2]]
    if words[0] in _REDIS_READ or tuple(words[:2]) in _REDIS_READ_PAIRS:
        return None
    shown = " ".join(w.value or w.text for w in o.positional[:2 if len(words) > 1 and any(
        p[0] == words[0] for p in _REDIS_READ_PAIRS) else 1])
    return _no(f"redis-cli {shown}")


def _tee(cmd: Command, o: Options) -> str | None:
    for w in scan(cmd.args).positional:
        if w.value not in HARMLESS_TARGETS:
            return f"would write to '{w.text}' (tee)"
    return None


_SED_SPLIT = re.compile(r"[;\n]")


def _sed_script_writes(script: str) -> bool:
    """Whether a sed script holds a ``w``/``W`` (write) or ``e`` (execute) command, or an
    ``s`` command with the ``w`` or ``e`` flag."""
    i, n = 0, len(script)
    while i < n:
        while i < n and script[i] in " \t\n;{}!":
            i += 1
        while i < n and (script[i].isdigit() or script[i] in ",$~+"):
            i += 1
        if i < n and script[i] in "/\\":  # an address /re/ or \cREc
            delim = script[i] if script[i] == "/" else script[i + 1:i + 2]
            i += 1 if script[i] == "/" else 2
            while i < n and script[i] != delim:
                i += 2 if script[i] == "\\" else 1
            i += 1
            continue
        if i >= n:
            break
        c = script[i]
        if c in "wWe":
            return True
        if c in "sy" and i + 1 < n:
            delim = script[i + 1]
            i += 2
            for _part in range(2):
                while i < n and script[i] != delim:
                    i += 2 if script[i] == "\\" else 1
                i += 1
            flags = ""
            while i < n and script[i] not in ";\n}":
                flags += script[i]
                i += 1
            if c == "s" and ("w" in flags or "e" in flags):
                return True
            continue
        if c in "aic":  # text to the end of the line
            j = script.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "rRbtTv:":  # a label or a file read: to the end of the command
            j = min((k for k in (script.find(";", i), script.find("\n", i)) if k >= 0),
                    default=n)
            i = j
            continue
        i += 1
    return False


def _sed(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "efl", ("expression", "file", "line-length"))
    if "i" in o.letters or any(k.startswith("in-place") for k in o.longs):
        return _no("sed -i") + ": it changes files in place"
    scripts = [v for k, v in o.pairs if k in ("e", "--expression")]
    if any(k in ("f", "--file") for k, _v in o.pairs):
        return _no("sed -f") + ": it runs a script from a file"
    if not scripts and o.positional:
        first = o.positional[0]
        scripts.append(first.value if first.value is not None else first.unquoted)
    if any(_sed_script_writes(s or "") for s in scripts):
        return _no("sed") + ": its script writes a file or runs a command (w, e)"
    return None


_AWK_WRITES = re.compile(r"\bsystem\s*\(|\bprintf?\b[^;}\n]*[>|]|\|\s*getline|\bfflush\b")


def _awk(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "fvFi", ("file", "assign", "field-separator", "include", "load"))
    if o.has("fi", ("file", "include", "load")):
        return _no("awk -f") + ": it runs a program from a file"
    if not o.positional:
        return None
    program = o.positional[0].unquoted
    if _AWK_WRITES.search(program):
        return _no("awk") + ": its program may write a file or run a command"
    return None


_FIND_ACTIONS = ("-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0",
                 "-fprintf", "-fls")


def _find(cmd: Command, o: Options) -> str | None:
    for v in _values(cmd):
        if v in _FIND_ACTIONS:
            return _no(f"find {v}")
    return None


def _sort(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "kotST", ("key", "output", "field-separator", "buffer-size",
                                 "temporary-directory", "parallel", "batch-size"))
    target = o.value("o", "output")
    if _writes_to(target):
        return f"would write to '{target}' (sort -o)"
    return None


def _uniq(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "fsw", ("skip-fields", "skip-chars", "check-chars"))
    if len(o.positional) > 1 and _writes_to(o.positional[1].value):
        return f"would write to '{o.positional[1].text}' (uniq INPUT OUTPUT)"
    return None


def _date(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "dfrI", ("date", "file", "reference", "iso-8601"))
    if o.has("s", ("set",)) or any(not (w.unquoted.startswith("+")) for w in o.positional):
        return _no("date -s") + ": it sets the clock"
    return None


def _hostname(cmd: Command, o: Options) -> str | None:
    if o.positional or o.has("Fb", ("file", "boot")):
        return _no("hostname NAME") + ": it sets the host name"
    return None


_IP_SHOW = frozenset({"show", "list", "ls", "lst", "sh", "s", "get", "l"})


def _ip(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "", ("n", "netns", "f", "family", "rc", "rcvbuf"), single=True)
    if o.has(longs=("b", "batch", "force")):
        return _no("ip -batch")
    pos = [w.value or "" for w in o.positional]
    if len(pos) >= 2 and pos[1] not in _IP_SHOW and not pos[1].startswith("dev"):
        return _no(f"ip {pos[0]} {pos[1]}")
    if pos[:1] == ["netns"] and len(pos) >= 2 and pos[1] not in ("list", "ls", "identify"):
        return _no(f"ip netns {pos[1]}")
    return None


_IPTABLES_CHANGE = frozenset("AIDRFZNXPE")
_IPTABLES_CHANGE_LONGS = ("append", "insert", "delete", "replace", "flush", "zero",
                          "new-chain", "delete-chain", "policy", "rename-chain")


def _iptables(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "tmjgiosdp", ("table", "match", "jump", "goto", "in-interface",
                                     "out-interface", "source", "destination", "protocol"))
    change = next((c for c in o.letters if c in _IPTABLES_CHANGE), None) or next(
        (k for k in o.longs if k in _IPTABLES_CHANGE_LONGS), None)
    if change is not None or not o.has("LS", ("list", "list-rules")):
        shown = f"-{change}" if change and len(change) == 1 else f"--{change}" if change else ""
        return _no(f"{cmd.name} {shown}".strip()) + (": it changes the rules" if change
                                                     else ": it lists nothing")
    return None


def _mount(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "tO", ("types", "test-opts"))
    if o.positional or set(o.letters) - set("ltvhV"):
        return _no("mount") + ": it mounts a file system"
    return None


def _sysctl(cmd: Command, o: Options) -> str | None:
    if o.has("wp", ("write", "load", "system")) or any("=" in (w.unquoted)
                                                       for w in o.positional):
        return _no("sysctl -w") + ": it sets a kernel parameter"
    return None


def _dmesg(cmd: Command, o: Options) -> str | None:
    if o.has("cCDEn", ("clear", "read-clear", "console-off", "console-on", "console-level")):
        return _no("dmesg -c") + ": it clears or configures the kernel log"
    return None


def _tar(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "fCbT", ("file", "directory", "files-from", "blocking-factor"))
    letters = o.letters
    first = cmd.args[0].value if cmd.args else None
    if first and not first.startswith("-"):
        letters += first  # the old form: tar tvf FILE
    if ("t" in letters or o.has(longs=("list",))) and not (set(letters) & set("cxruA")) and \
            not o.has(longs=("create", "extract", "get", "append", "update", "delete",
                             "concatenate", "catenate")):
        return None
    return _no("tar") + ": only 'tar -t' (list) is known read-only"


def _service(cmd: Command, o: Options) -> str | None:
    pos = [w.value for w in o.positional]
    if o.has(longs=("status-all",)) or (len(pos) >= 2 and pos[1] == "status") or o.has(
            longs=("version", "help")):
        return None
    return _no(" ".join(["service", *(p or "$..." for p in pos[:2])]))


_CLOUD_GLOBAL = ("region", "output", "profile", "endpoint-url", "query", "color", "ca-bundle",
                 "cli-read-timeout", "cli-connect-timeout", "cli-binary-format", "project",
                 "account", "format", "configuration", "subscription", "verbosity",
                 "impersonate-service-account", "zone", "resource-group")
_AWS_READ = re.compile(r"^(?:describe|list|get)-[\w-]+$|^(?:ls|wait|tail|filter-log-events)$")


def _aws(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "", _CLOUD_GLOBAL)
    pos = [w.value or "$..." for w in o.positional]
    if not pos or pos[0] in ("--version", "help") or o.has(longs=("version",)):
        return None
    if pos[:1] == ["sts"] and pos[1:2] == ["get-caller-identity"]:
        return None
    if pos[:1] == ["configure"] and pos[1:2] in (["list"], ["get"], ["list-profiles"]):
        return None
    if len(pos) >= 2 and _AWS_READ.match(pos[1]) and not pos[1].startswith("get-object") and \
            pos[1] not in ("get-login", ):
        return None
    return _no(" ".join(["aws", *pos[:2]]))


_GCLOUD_READ = frozenset({"list", "describe", "get-value", "get-iam-policy", "info",
                          "version", "show", "print-access-token"})


def _gcloud(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "", _CLOUD_GLOBAL)
    pos = [w.value or "$..." for w in o.positional]
    for k, p in enumerate(pos):
        if p in _GCLOUD_READ:
            return None
        if not re.fullmatch(r"[a-z][a-z0-9-]*", p) or k >= 4:
            break
    return _no(" ".join([cmd.name or "gcloud", *pos[:3]]))


def _openssl(cmd: Command, o: Options) -> str | None:
    pos = [w.value for w in o.positional]
    sub = pos[0] if pos else None
    if sub not in ("version", "x509", "s_client", "verify", "crl", "ciphers", "asn1parse",
                   "list", "errstr", "sess_id", "dgst", "pkey", "rsa", "ec", "req", "speed"):
        return _no(f"openssl {sub or ''}".strip())
    for v in _values(cmd):
        if v in ("-out", "-keyout", "-sess_out", "-writerand", "-new", "-newkey", "-genkey",
                 "-signkey", "-x509toreq", "-passout"):
            return _no(f"openssl {sub} {v}")
    return None


def _ethtool(cmd: Command, o: Options) -> str | None:
    if set(o.letters) - set("ikSgaclmTPdh") or any(
            k.startswith(("set", "change", "reset", "flash", "config", "identify"))
            for k in o.longs):
        return _no("ethtool") + ": only its show options are known read-only"
    return None


def _ifconfig(cmd: Command, o: Options) -> str | None:
    if len(o.positional) > 1 or set(o.letters) - set("asv"):
        return _no("ifconfig IFACE ...") + ": it configures an interface"
    return None


def _trap(cmd: Command, o: Options) -> str | None:
    if not o.positional:
        return None
    action = o.positional[0]
    if action.value is None:
        return f"would run '{action.text}' on a signal (an expansion)"
    if action.value in ("", "-") or action.value.isdigit():
        return None
    inner = judge(action.value)
    return None if inner is None else f"on a signal, {inner}"


def _smartctl(cmd: Command, o: Options) -> str | None:
    o = scan(cmd.args, "dTbrnFvtsoS", ("device", "tolerance", "badsum", "report", "nocheck",
                                       "test", "smart", "offlineauto", "saveauto", "set"))
    if o.has("tsoSX", ("test", "smart", "offlineauto", "saveauto", "set", "abort")):
        return _no("smartctl -t") + ": it starts a test or changes a setting"
    return None


CHECKS: dict[str, Check] = {
    "curl": _curl, "wget": _wget, "psql": _psql, "mysql": _mysql, "mariadb": _mysql,
    "sqlite3": _sqlite3, "redis-cli": _redis, "tee": _tee, "sed": _sed, "awk": _awk,
    "find": _find, "sort": _sort, "uniq": _uniq, "date": _date, "hostname": _hostname,
    "ip": _ip, "iptables": _iptables, "ip6tables": _iptables, "mount": _mount,
    "sysctl": _sysctl, "dmesg": _dmesg, "tar": _tar, "service": _service, "aws": _aws,
    "gcloud": _gcloud, "az": _gcloud, "openssl": _openssl, "ethtool": _ethtool,
    "ifconfig": _ifconfig, "trap": _trap, "smartctl": _smartctl,
}
assert set(CHECKS) == CHECKED, set(CHECKS) ^ CHECKED
