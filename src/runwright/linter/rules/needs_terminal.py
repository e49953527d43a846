"""RW409 needs-terminal: commands that read the terminal are marked ``{interactive}``.

## Why

``runwright run`` runs each command with its input closed, as a background job of the
terminal, its output captured. A command that reads the terminal cannot work there: ``sudo``
asking for a password is stopped by the system, and the step fails; ``read`` gets end-of-file;
``kubectl exec -it``, ``docker run -it``, ``psql`` or ``mysql`` without a command, ``ssh HOST``
without a remote command,
``terraform apply`` waiting for "yes", editors (``vim``, ``kubectl edit``, ``crontab -e``,
``git rebase -i``), pagers (``less``) and full-screen tools (``top``, ``watch``) cannot run.
Mark such a block ``{interactive}``: ``runwright run`` then gives the command the terminal
(its output is not kept, and ``runwright test`` skips it). Or make the command
non-interactive: ``sudo -n``, ``psql -c``, ``terraform apply -auto-approve``, ``kubectl exec``
without ``-it``. The first such command of each runnable shell block is reported (``manual``
blocks are never run). Comments, quoted text and here-document bodies are not commands; a
``read``, ``psql`` or ``ssh`` fed by a pipe or a redirection (``while read -r line; do ...
done < FILE``) does not read the terminal. ``ssh HOST sudo COMMAND`` is reported too: without
``ssh -t`` the remote ``sudo`` has no terminal to ask its password on, and fails.

## Fails

````markdown
```bash
sudo systemctl restart nginx
```
````

## Passes

````markdown
```bash {interactive}
sudo systemctl restart nginx
```
````

## Options

- ``ignore_commands`` (list of command names, default empty): commands never reported, such
  as ``["sudo"]`` where sudo asks for no password (``NOPASSWD``); the command run by an
  ignored ``sudo`` is still checked. A name followed by a subcommand (``"terraform apply"``,
  ``"kubectl edit"``) ignores that subcommand only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._shell import Prompt, output_lines, prompts, scan
from runwright.linter.rules.placeholder import placeholders

# --- words and operators --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "word", "op" or "redir"
    text: str  # a word with its quotes removed; the operator
    pos: int  # index in the block text
    end: int
    quoted: bool = False  # some of the word was quoted
    dynamic: bool = False  # the word holds an expansion ($NAME, $(...), `...`)


_REDIRS = ("<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">")
_OPS = ("&&", "||", "|&", ";;&", ";;", ";&", "|", "&", ";")
_PLAIN = re.compile(r"[^ \t\r\n'\"\\$`()<>&|;]+")
_DQ_PLAIN = re.compile(r'[^"\\$`]+')


def _matching(text: str, i: int, opening: str, closing: str) -> int:
    """The index after the ``closing`` that matches the ``opening`` at ``i``."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == opening:
            depth += 1
        elif text[j] == closing:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


class _Lexer:
    """The words and operators of a block, split the way bash splits them (closely enough
    for linting): quotes removed, ``$(...)`` and backquotes as nested command lists."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[_Tok] = []
        self.buf: list[str] = []
        self.start = -1
        self.quoted = False
        self.dynamic = False

    def add(self, chars: str, pos: int, *, quoted: bool = False, dynamic: bool = False) -> None:
        if self.start < 0:
            self.start = pos
        self.buf.append(chars)
        self.quoted = self.quoted or quoted
        self.dynamic = self.dynamic or dynamic

    def flush(self, end: int) -> None:
        if self.start >= 0:
            self.toks.append(_Tok("word", "".join(self.buf), self.start, end, self.quoted,
                                  self.dynamic))
        self.buf = []
        self.start = -1
        self.quoted = self.dynamic = False

    def emit(self, kind: str, text: str, pos: int) -> None:
        self.flush(pos)
        self.toks.append(_Tok(kind, text, pos, pos + len(text)))

    def run(self) -> list[_Tok]:
        text = self.text
        n = len(text)
        stack: list[str] = []  # "dq" (double quotes), "subst" ($( and <( ), "paren", "bq"
        i = 0
        while i < n:
            c = text[i]
            if stack and stack[-1] == "dq":
                m = _DQ_PLAIN.match(text, i)
                if m:
                    self.add(m.group(0), i, quoted=True)
                    i = m.end()
                elif c == "\\":
                    nxt = text[i + 1:i + 2]
                    if nxt != "\n":
                        self.add(nxt if nxt in '"\\$`' else c + nxt, i, quoted=True)
                    i += 2
                elif c == '"':
                    stack.pop()
                    i += 1
                elif text.startswith("$(", i) and not text.startswith("$((", i):
                    self.emit("op", "$(", i)
                    stack.append("subst")
                    i += 2
                elif c == "`":
                    self.emit("op", "$(", i)
                    stack.append("bq")
                    i += 1
                else:  # "$"
                    self.add(c, i, quoted=True, dynamic=True)
                    i += 1
                continue
            m = _PLAIN.match(text, i)
            if m:
                self.add(m.group(0), i)
                i = m.end()
            elif c == "\\":
                if text[i + 1:i + 2] != "\n":  # backslash-newline joins the lines
                    self.add(text[i + 1:i + 2], i, quoted=True)
                i += 2
            elif c == "'":
                j = text.find("'", i + 1)
                j = n if j < 0 else j
                self.add(text[i + 1:j], i, quoted=True)
                i = j + 1
            elif c == '"':
                self.add("", i, quoted=True)
                stack.append("dq")
                i += 1
            elif c == "$":
                i = self._dollar(i, stack)
            elif c == "`":
                if stack and stack[-1] == "bq":
                    stack.pop()
                    self.emit("op", ")", i)
                else:
                    stack.append("bq")
                    self.emit("op", "$(", i)
                i += 1
            elif c in " \t\r":
                self.flush(i)
                i += 1
            elif c == "\n":
                self.emit("op", "\n", i)
                i += 1
            elif c == ")":
                if stack and stack[-1] in ("subst", "paren"):
                    stack.pop()
                self.emit("op", ")", i)
                i += 1
            elif c == "(":
                if text.startswith("((", i) and self.start < 0:  # (( arithmetic ))
                    j = _matching(text, i, "(", ")")
                    self.add(text[i:j], i, dynamic=True)
                    i = j
                else:
                    stack.append("paren")
                    self.emit("op", "(", i)
                    i += 1
            elif c in "<>":
                if text.startswith("(", i + 1):  # <(...) and >(...)
                    stack.append("subst")
                    self.emit("op", "$(", i)
                    i += 2
                    continue
                if self.start >= 0 and not self.quoted and "".join(self.buf).isdigit():
                    self.buf, self.start = [], -1  # the file descriptor of "2>"
                op = next(r for r in _REDIRS if text.startswith(r, i))
                self.emit("redir", op, i)
                i += len(op)
            elif text.startswith("&>", i):
                op = "&>>" if text.startswith("&>>", i) else "&>"
                self.emit("redir", op, i)
                i += len(op)
            else:  # & | ;
                op = next(o for o in _OPS if text.startswith(o, i))
                self.emit("op", op, i)
                i += len(op)
        self.flush(n)
        return self.toks

    def _dollar(self, i: int, stack: list[str]) -> int:
        text = self.text
        nxt = text[i + 1:i + 2]
        if nxt == "'":  # $'...'
            j = i + 2
            while j < len(text) and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            self.add(text[i + 2:j], i, quoted=True)
            return j + 1
        if text.startswith("$((", i):
            j = _matching(text, i + 1, "(", ")")
            self.add(text[i:j], i, dynamic=True)
            return j
        if nxt == "(":
            self.emit("op", "$(", i)
            stack.append("subst")
            return i + 2
        if nxt == "{":
            j = _matching(text, i + 1, "{", "}")
            self.add(text[i:j], i, dynamic=True)
            return j
        self.add("$", i, dynamic=True)
        return i + 1


# --- simple commands ------------------------------------------------------------------------

_STDIN_REDIRS = frozenset({"<", "<<", "<<-", "<<<", "<&", "<>"})
_OPENERS = frozenset({"while", "until", "if", "{", "for", "select", "case"})
_CLOSERS = frozenset({"done", "fi", "esac", "}"})
_PASS_KEYWORDS = frozenset({"then", "do", "else", "elif", "!"})


@dataclass(slots=True, eq=False)
class _Frame:
    """A compound command (a loop, a brace group, a subshell ...) and its input."""

    kind: str
    stdin: str | None = None  # what its input is redirected from ("" for a pipe)


@dataclass(slots=True, eq=False)
class _Cmd:
    """A simple command: its words, where its input comes from, what encloses it."""

    words: list[_Tok]
    frames: tuple[_Frame, ...]
    piped: bool = False
    stdin: str | None = None  # the target of its own input redirection ("" when not a word)
    keyword: bool = False  # a 'select' loop (the words are just 'select')

    def fed(self) -> bool:
        """Whether its input is something other than the terminal."""
        if self.stdin is not None:
            return self.stdin != "/dev/tty"
        if self.piped:
            return True
        for frame in reversed(self.frames):
            if frame.stdin is not None:
                return frame.stdin != "/dev/tty"
        return False


@dataclass(slots=True)
class _Saved:
    """The state of the enclosing command while a ``$(...)`` is read."""

    cur: _Cmd
    header: bool
    pattern: bool


def _dynamic(tok: _Tok, end: int, extra: str = "") -> _Tok:
    return _Tok("word", tok.text + extra, tok.pos, end, True, True)


def _parse(toks: Sequence[_Tok]) -> list[_Cmd]:
    """The simple commands of a block, in order, with what feeds their input."""
    cmds: list[_Cmd] = []
    frames: list[_Frame] = []
    opens: list[_Saved | None] = []  # None: a subshell's "("; else the state before a "$("
    cur: _Cmd | None = None
    piped = header = pattern = skip_name = function = False
    closed: _Frame | None = None  # the compound just closed: redirections after it are its own
    pending: tuple[str, _Cmd | _Frame] | None = None  # a redirection waiting for its target
    array = 0  # depth inside name=( ... ) or f() (skipped)
    glue = -1  # the end of the last "$(...)": a word starting there continues the word

    for tok in toks:
        kind, text = tok.kind, tok.text
        if array:
            if kind == "op" and text in ("(", "$("):
                array += 1
            elif kind == "op" and text == ")":
                array -= 1
                if not array and function:
                    cur = None
            continue
        if pending is not None:
            op, target = pending
            pending = None
            if op in _STDIN_REDIRS:
                target.stdin = text if kind == "word" else ""
            if kind == "word":
                continue
        if kind == "redir":
            owner: _Cmd | _Frame | None = cur or closed
            if owner is None:
                cur = owner = _Cmd([], tuple(frames), piped)
                cmds.append(cur)
                piped = False
            pending = (text, owner)
            continue
        if kind == "word":
            plain = "" if tok.quoted or tok.dynamic else text
            if pattern:
                if plain == "esac":
                    pattern = False
                    closed = frames.pop() if frames else None
                continue
            if header:
                if plain == "in" and frames and frames[-1].kind == "case":
                    header, pattern = False, True
                continue
            if skip_name:
                skip_name = False
                continue
            if cur is not None:
                if cur.words and tok.pos == glue:
                    cur.words[-1] = _dynamic(cur.words[-1], tok.end, text)
                else:
                    cur.words.append(tok)
                continue
            if plain in _PASS_KEYWORDS:
                continue
            if plain in _OPENERS:
                frames.append(_Frame(plain, "" if piped else None))
                piped, closed = False, None
                header = plain in ("for", "select", "case")
                if plain == "select":
                    cmds.append(_Cmd([tok], tuple(frames), keyword=True))
                continue
            if plain in _CLOSERS:
                closed = frames.pop() if frames else None
                continue
            if plain == "function":
                skip_name = True
                continue
            cur = _Cmd([tok], tuple(frames), piped)
            cmds.append(cur)
            piped, closed = False, None
            continue
        # operators
        if text == "$(":
            if cur is None:
                cur = _Cmd([], tuple(frames), piped)
                cmds.append(cur)
            if cur.words and cur.words[-1].end == tok.pos:
                cur.words[-1] = _dynamic(cur.words[-1], tok.end, "$(")
            else:
                cur.words.append(_Tok("word", "$(", tok.pos, tok.end, True, True))
            opens.append(_Saved(cur, header, pattern))
            cur, piped, header, pattern, closed = None, False, False, False, None
            continue
        if text == ")":
            if pattern:
                pattern, cur = False, None
                continue
            saved = opens.pop() if opens else None
            if saved is not None:
                cur, header, pattern = saved.cur, saved.header, saved.pattern
                piped, closed, glue = False, None, tok.end
                continue
            closed = frames.pop() if frames and frames[-1].kind == "(" else None
            cur = None
            continue
        if pattern:  # the "|" between patterns, the "(" before one
            continue
        if text == "(":
            if cur is not None:  # name=( values ), or name() before a function body
                array = 1
                function = len(cur.words) == 1 and "=" not in cur.words[0].text
                continue
            frames.append(_Frame("(", "" if piped else None))
            opens.append(None)
            piped, closed = False, None
            continue
        # separators
        if text in ("|", "|&"):
            piped = True
        elif text == "\n":
            piped = piped and cur is None  # a line that ends with "|" feeds the next one
        else:
            piped = False
        if text in (";", "\n") and header and frames and frames[-1].kind in ("for", "select"):
            header = False
        if text in (";;", ";&", ";;&") and frames and frames[-1].kind == "case":
            pattern = True
        cur, closed = None, None
    return cmds


# --- options --------------------------------------------------------------------------------

#: An expansion whose name says it holds options ($PSQL_OPTS, "$@"): anything may be in it,
#: so a command is not reported for lacking an option.
_MAYBE_OPTIONS = re.compile(r"(?i)\$\{?(?:\w*(?:opt|arg|flag)|[@*])|\[[@*]\]\}")


@dataclass(slots=True)
class _Opts:
    letters: str = ""  # short option letters, up to the first one that takes a value
    longs: dict[str, str | None] = field(default_factory=dict)  # long options and values
    flags: list[tuple[_Tok, str]] = field(default_factory=list)  # option words and letters
    bare: str = ""  # letters of optional-value options given without a value
    positional: list[_Tok] = field(default_factory=list)
    after: list[_Tok] = field(default_factory=list)  # the words after "--"
    unknown: bool = False  # an expansion that may hold options

    def has(self, letters: str = "", longs: Sequence[str] = ()) -> bool:
        return any(c in self.letters for c in letters) or any(k in self.longs for k in longs)

    def word(self, letter: str, long: str) -> str:
        """The option word as written that gave ``letter`` or ``--long``."""
        for tok, key in self.flags:
            if key == long or (not key.startswith("--") and letter in key):
                return tok.text
        return f"-{letter}"


def _options(args: Sequence[_Tok], values: str = "", long_values: Sequence[str] = (), *,
             optional: str = "", stop: bool = False, single: bool = False) -> _Opts:
    """Read a command's options. ``values``: short options that take a value (the rest of the
    word or the next word); ``optional``: short options whose value, if any, is in the same
    word; ``long_values``: long options that take the next word when written without ``=``;
    ``stop``: the first argument ends the options (a command and its own arguments follow);
    ``single``: long options are written with one dash (``-auto-approve``)."""
    o = _Opts()
    i, n = 0, len(args)
    while i < n:
        tok = args[i]
        w = tok.text
        i += 1
        if tok.dynamic and _MAYBE_OPTIONS.search(w):
            o.unknown = True
            continue
        if w == "--":
            o.after = list(args[i:])
            break
        if len(w) > 1 and w[0] == "-":
            if w.startswith("--") or single:
                name, eq, value = w[2 if w.startswith("--") else 1:].partition("=")
                takes = name in long_values
                if not eq and takes and i < n:
                    value, eq = args[i].text, "="
                    i += 1
                o.longs[name] = value if eq else None
                o.flags.append((tok, "--" + name))
                continue
            body = w[1:]
            letters = ""
            for k, ch in enumerate(body):
                letters += ch
                if ch in optional:
                    if k == len(body) - 1:
                        o.bare += ch
                    break
                if ch in values:
                    if k == len(body) - 1 and i < n:
                        i += 1
                    break
            o.letters += letters
            o.flags.append((tok, letters))
            continue
        o.positional.append(tok)
        if stop:
            o.positional.extend(args[i:])
            break
    return o


# --- what needs a terminal ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Use:
    """One command as run: its name, its arguments and what surrounds it."""

    name: str
    args: tuple[_Tok, ...]
    fed: bool  # its input is a pipe, a file or a here-document
    env: frozenset[str]  # variables assigned before it (EDITOR=..., GIT_SEQUENCE_EDITOR=...)
    root: bool  # run by sudo or doas
    stdin: str | None  # the target of its own input redirection


#: what reads the terminal, whether it is input the command waits for (else the terminal as
#: a screen), the non-interactive way, and the subcommand (for ignore_commands).
_Say = tuple[str, bool, str, str | None]

_READS = "which a command run by runwright cannot read"
_SHOWS = "which a command run by runwright does not have"
_EDITOR_VARS = frozenset({"EDITOR", "VISUAL"})
_SESSION = "opens an interactive session on the terminal"


def _index(args: Sequence[_Tok], tok: _Tok) -> int:
    return next(k for k, a in enumerate(args) if a is tok)


def _read(u: _Use) -> _Say | None:
    if u.fed or _options(u.args, "adinNptu").has("u"):
        return None
    what = "'read ... < /dev/tty'" if u.stdin == "/dev/tty" else "'read'"
    return (f"{what} waits for an answer typed at the terminal", True,
            "a variable declared in the front matter 'variables:', which runwright run asks "
            "for", None)


#: A sudo option word with a value option followed by plain flags ("-un", "-iun"): the flags
#: are meant as flags, the value comes in the next word.
_SUDO_SPLIT = re.compile(r"^(-[AbEeHhiKklnPSsVv]*)([CDghpRrTtUu])([AbEeHhiKklnPSsVv]+)$")


def _sudo(name: str, args: Sequence[_Tok], fed: bool) -> tuple[_Say | None, int | None]:
    """What sudo (or doas) itself needs, and the index in ``args`` of the command it runs."""
    # "-un root": read as "-u root -n" (what it is meant to say), not as the user "n"
    split: list[_Tok] = []
    where: list[int] = []
    options = True
    for k, tok in enumerate(args):
        options = options and tok.text != "--" and (tok.text.startswith("-") or bool(
            split and split[-1].text[-1:] in "CDghpRrTtUu"))
        m = _SUDO_SPLIT.match(tok.text) if name == "sudo" and options else None
        if m:
            for part in (m.group(1) + m.group(3), "-" + m.group(2)):
                split.append(_Tok("word", part, tok.pos, tok.end))
                where.append(k)
        else:
            split.append(tok)
            where.append(k)
    if name == "sudo":
        o = _options(split, "CDghpRrTtUu", ("user", "group", "close-from", "chdir", "host",
                                            "prompt", "chroot", "role", "type", "other-user",
                                            "command-timeout"), stop=True)
    else:
        o = _options(split, "uC", stop=True)
    command = (o.positional or o.after)[:1]
    inner = where[_index(split, command[0])] if command else None
    if o.unknown:
        return None, inner
    if name == "sudo" and o.has("e", ("edit",)):
        return (("'sudo -e' opens an editor on the terminal", False,
                 "sudo tee FILE, or sudo sed -i", "-e"), None)
    quiet = o.has("nSA", ("non-interactive", "stdin", "askpass")) if name == "sudo" \
        else o.has("n")
    if inner is None:
        if o.has("is", ("login", "shell")) and not fed:
            flag = o.word("i" if "i" in o.letters else "s", "--login")
            return ((f"'{name} {flag}' without a command opens a shell on the terminal", False,
                     f"one '{name} COMMAND' per command, in the block", None), None)
        if quiet or not o.has("vlis", ("validate", "list", "login", "shell")):
            return None, None  # -k, -K, -V, -h, --version: no password
    if quiet:
        return None, inner
    return ((f"'{name}' may ask for a password", True, f"{name} -n", None), inner)


#: Commands that run the command given after their options: (short options with a value,
#: long options with a value, how many arguments come before the command).
_WRAPPERS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "env": ("uCS", ("unset", "chdir", "split-string"), 0),
    "time": ("fo", ("format", "output"), 0),
    "nice": ("n", ("adjustment",), 0),
    "nohup": ("", (), 0),
    "exec": ("a", (), 0),
    "command": ("", (), 0),
    "builtin": ("", (), 0),
    "stdbuf": ("ioe", ("input", "output", "error"), 0),
    "ionice": ("cnp", ("class", "classdata", "pid"), 0),
    "timeout": ("sk", ("signal", "kill-after"), 1),
    "xargs": ("aEILnPsd", ("arg-file", "delimiter", "eof", "replace", "max-lines", "max-args",
                           "max-procs", "max-chars", "process-slot-var"), 0),
}
_ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=")

_KUBE_GLOBAL = ("namespace", "context", "kubeconfig", "cluster", "user", "server", "token", "as",
                "as-group", "as-uid", "request-timeout", "cache-dir", "certificate-authority",
                "client-certificate", "client-key", "tls-server-name", "profile",
                "profile-output", "log-file", "password", "username", "v")
_KUBE_VALUES = ("namespace", "container", "image", "overrides", "env", "labels", "port",
                "restart", "target", "profile", "pod-running-timeout", "context", "filename",
                "selector", "output", "copy-to", "kubeconfig", "user", "cluster", "server",
                "token", "timeout", "image-pull-policy", "serviceaccount", "shell")
_KUBE_HINTS = {
    "exec": "{n} exec without {f}, the command after '--'",
    "run": "{n} run without {f}, then {n} logs",
    "attach": "{n} logs -f",
    "debug": "{n} debug without {f}, the command after '--'",
    "rsh": "{n} exec POD -- COMMAND",
}


def _tty(o: _Opts) -> str | None:
    """The option that asks for a terminal (-t, -it, --tty), if any."""
    value = o.longs.get("tty", "false") or "true"
    if value.lower() not in ("false", "0"):
        return "--tty"
    return o.word("t", "--tty") if "t" in o.letters else None


def _kubectl(u: _Use) -> _Say | None:
    o = _options(u.args, "nsv", _KUBE_GLOBAL, stop=True)
    if not o.positional:
        return None
    sub, n = o.positional[0].text, u.name
    if sub == "edit":
        if u.env & (_EDITOR_VARS | {"KUBE_EDITOR"}):
            return None
        return (f"'{n} edit' opens an editor on the terminal", False,
                f"{n} patch, or {n} apply -f FILE", sub)
    if sub not in _KUBE_HINTS or (sub == "rsh" and n != "oc"):
        return None
    so = _options(o.positional[1:], "cflnos", _KUBE_VALUES)
    flag = _tty(so)
    if flag is not None:
        return (f"'{n} {sub} {flag}' gives the command the terminal", False,
                _KUBE_HINTS[sub].format(n=n, f=flag), sub)
    if n == "oc" and sub in ("rsh", "debug") and not so.after and len(so.positional) <= 1 \
            and not so.unknown and not so.has("To", ("output",)):
        return (f"'oc {sub}' without a command opens a shell on the terminal", False,
                "oc rsh POD COMMAND, or oc exec POD -- COMMAND" if sub == "rsh"
                else "oc debug NODE -- COMMAND", sub)
    return None


_DOCKER_GLOBAL = ("config", "context", "host", "log-level", "tlscacert", "tlscert", "tlskey",
                  "connection", "url", "identity", "root", "runroot", "storage-driver",
                  "cgroup-manager", "events-backend", "module", "runtime", "tmpdir")
_DOCKER_VALUES = ("add-host", "annotation", "attach", "blkio-weight", "cap-add", "cap-drop",
                  "cgroup-parent", "cgroupns", "cidfile", "cpu-period", "cpu-quota",
                  "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "detach-keys", "device",
                  "dns", "dns-option", "dns-search", "domainname", "entrypoint", "env",
                  "env-file", "expose", "gpus", "group-add", "health-cmd", "hostname", "ip",
                  "ipc", "isolation", "label", "label-file", "link", "log-driver", "log-opt",
                  "mac-address", "memory", "memory-swap", "mount", "name", "network",
                  "network-alias", "pid", "platform", "publish", "pull", "restart", "runtime",
                  "security-opt", "shm-size", "stop-signal", "stop-timeout", "storage-opt",
                  "sysctl", "tmpfs", "ulimit", "user", "userns", "uts", "volume",
                  "volumes-from", "workdir", "pod", "secret", "systemd", "tz")


def _docker(u: _Use) -> _Say | None:
    o = _options(u.args, "cHl", _DOCKER_GLOBAL, stop=True)
    pos = o.positional[1:] if o.positional[:1] and o.positional[0].text == "container" \
        else o.positional
    if not pos or pos[0].text not in ("exec", "run", "attach"):
        return None
    sub, n = pos[0].text, u.name
    so = _options(pos[1:], "acehlmpuvw", _DOCKER_VALUES, stop=True)
    flag = _tty(so)
    if flag is None or so.has("d", ("detach",)):
        return None
    hint = f"{n} logs -f" if sub == "attach" else f"{n} {sub} without {flag}"
    return (f"'{n} {sub} {flag}' gives the command the terminal", False, hint, sub)


def _psql(u: _Use) -> _Say | None:
    o = _options(u.args, "cdfhLopPTUvFR", ("command", "file", "dbname", "host", "port",
                                           "username", "set", "variable", "output", "log-file",
                                           "pset", "table-attr", "field-separator",
                                           "record-separator"))
    if u.fed or o.unknown or o.has("cflV?", ("command", "file", "list", "version", "help")):
        return None
    return (f"'psql' without -c or -f {_SESSION}", False, "psql -c 'SQL', or psql -f FILE",
            None)


_MYSQL_CLIENTS = frozenset({"mysql", "mariadb"})


def _mysql(u: _Use) -> _Say | None:
    o = _options(u.args, "eDhPSu", ("execute", "database", "host", "port", "socket", "user"),
                 optional="p")
    n = u.name
    if "p" in o.bare or ("password" in o.longs and o.longs["password"] is None):
        flag = "-p" if "p" in o.bare else "--password"
        return (f"'{n} {flag}' asks for a password", True,
                "the password in an option file: --defaults-extra-file=FILE, or ~/.my.cnf", None)
    if n not in _MYSQL_CLIENTS or u.fed or o.unknown or o.has("eV?", ("execute", "version",
                                                                     "help")):
        return None
    return (f"'{n}' without -e {_SESSION}", False, f"{n} -e 'SQL', or {n} < FILE", None)


_REDIS_VALUES = ("user", "pass", "cacert", "cacertdir", "cert", "key", "sni", "tls-ciphers",
                 "tls-ciphersuites", "show-pushes")
_REDIS_FLAGS = frozenset({"tls", "insecure", "raw", "no-raw", "no-auth-warning", "verbose",
                          "quoted-input", "resp2", "resp3", "askpass", *_REDIS_VALUES})


def _redis(u: _Use) -> _Say | None:
    o = _options(u.args, "hpsaunridDt", _REDIS_VALUES)
    if u.fed or o.unknown or o.positional or o.after or o.has("v"):
        return None
    if any(k not in _REDIS_FLAGS for k in o.longs):  # a mode: --scan, --stat, --latency ...
        return None
    return (f"'redis-cli' without a command {_SESSION}", False,
            "redis-cli COMMAND, such as redis-cli PING", None)


def _mongo(u: _Use) -> _Say | None:
    o = _options(u.args, "uf", ("host", "port", "username", "authenticationDatabase",
                                "authenticationMechanism", "eval", "file", "tlsCAFile",
                                "tlsCertificateKeyFile", "apiVersion"))
    if u.fed or o.unknown or o.has("fh", ("eval", "file", "version", "help")) or any(
            p.text.endswith(".js") for p in o.positional):
        return None
    return (f"'{u.name}' without --eval or a script {_SESSION}", False,
            f"{u.name} --eval 'CODE', or {u.name} FILE.js", None)


def _ssh(u: _Use) -> _Say | None:
    o = _options(u.args, "BbcDEeFIiJLlmOoPpQRSWw", stop=True)
    targets = o.positional + o.after
    if "t" in o.letters and not o.has("T"):
        return (f"'ssh {o.word('t', '')}' gives the remote command the terminal", False,
                "ssh HOST COMMAND without -t, and a remote command that asks nothing, such as "
                "sudo -n", None)
    if u.fed or o.unknown or len(targets) != 1 or o.has("NTVGfOQW"):
        return None
    return ("'ssh HOST' without a remote command opens a remote shell on the terminal", False,
            "ssh HOST COMMAND, or ssh -N for a tunnel", None)


def _remote_sudo(u: _Use) -> tuple[str, _Say] | None:
    """``ssh HOST sudo ...`` without ``-t``: the remote sudo has no terminal to ask its password
    on. Reported under the name ``sudo`` (or ``doas``), which ``ignore_commands`` may name."""
    o = _options(u.args, "BbcDEeFIiJLlmOoPpQRSWw", stop=True)
    if "t" in o.letters or o.has("T"):
        return None
    remote = _remote_words((o.positional + o.after)[1:])
    if not remote or remote[0].text not in ("sudo", "doas"):
        return None
    name = remote[0].text
    say, _inner = _sudo(name, remote[1:], u.fed)
    if say is None or not say[1]:  # it asks for no password
        return None
    return name, (f"'{name}' on the remote host may ask for a password", True,
                  f"{name} -n on the remote host; with `{{interactive}}`, give ssh -t as "
                  f"well, so that {name} gets the terminal", None)


def _remote_words(words: Sequence[_Tok]) -> list[_Tok]:
    """The words of the (first) command ssh runs on the remote host: its arguments, or, for
    one quoted argument that holds the whole command, the words of its first command as the
    remote shell reads them (read here by this module's own lexer and parser)."""
    if len(words) == 1 and words[0].quoted and not words[0].dynamic:
        cmds = _parse(_Lexer(words[0].text).run())
        return cmds[0].words if cmds else []
    return list(words)


def _sqlite(u: _Use) -> _Say | None:
    o = _options(u.args, "", ("cmd", "init", "separator", "newline", "nullvalue", "escape",
                              "maxsize", "mmap", "vfs"), single=True)
    if u.fed or o.unknown or len(o.positional) >= 2 or o.has(longs=("batch", "version",
                                                                    "help", "A")):
        return None
    return (f"'sqlite3' without SQL {_SESSION}", False, "sqlite3 DB 'SQL', or sqlite3 DB < FILE",
            None)


_TF_VALUES = ("var", "var-file", "target", "replace", "parallelism", "state", "state-out",
              "backup", "lock-timeout", "terragrunt-working-dir", "working-dir",
              "terragrunt-config", "config")


def _terraform(u: _Use) -> _Say | None:
    o = _options(u.args, "", _TF_VALUES, single=True)
    pos = [p.text for p in o.positional]
    n = u.name
    if n == "terragrunt":
        while pos and pos[0] in ("run-all", "run"):
            pos = pos[1:]
    if not pos or pos[0] not in ("apply", "destroy") or o.unknown or u.fed:
        return None
    sub = pos[0]
    if "auto-approve" in o.longs and (o.longs["auto-approve"] or "true").lower() not in (
            "false", "0"):
        return None
    if (o.longs.get("input") or "").lower() in ("false", "0") or (
            n == "terragrunt" and o.has(longs=("terragrunt-non-interactive", "non-interactive"))):
        return None
    destroy = sub == "destroy" or "destroy" in o.longs
    if not destroy and len(pos) > 1:
        return None  # a saved plan: applied without a question
    if destroy:
        return (f"'{n} {sub}{' -destroy' if sub == 'apply' else ''}' waits for 'yes'", True,
                f"{n} {sub} -auto-approve{' -destroy' if sub == 'apply' else ''}", sub)
    return (f"'{n} apply' waits for 'yes'", True,
            f"{n} apply PLANFILE, a plan saved by '{n} plan -out' and reviewed, or "
            "-auto-approve", sub)


_EDITORS = frozenset({"vi", "vim", "nvim", "view", "vimdiff", "nano", "pico", "emacs", "micro",
                      "mcedit", "joe", "sudoedit"})
_EDIT_HINT = "sed -i, or tee with a here-document, to change a file"


def _editor(u: _Use) -> _Say | None:
    o = _options(u.args)
    words = {t.text for t in u.args}
    if o.has(longs=("version", "help")):
        return None
    if u.name in ("vi", "vim", "nvim", "view", "vimdiff"):
        if (o.has("eE") and o.has("s")) or o.has("h", ("headless",)):
            return None
    elif u.name == "emacs":
        if words & {"-batch", "--batch", "-script", "--script"}:
            return None
    elif o.has("Vh"):
        return None
    return (f"'{u.name}' opens an editor on the terminal", False, _EDIT_HINT, None)


#: Full-screen tools: options that make them print and exit, and what to run instead.
_SCREENS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "top": ("bl", ("batch",), "top -b -n 1"),
    "htop": ("", (), "top -b -n 1, or ps"),
    "btop": ("", (), "top -b -n 1, or ps"),
    "iotop": ("b", ("batch",), "iotop -b -n 1"),
    "iftop": ("t", (), "iftop -t -s 10"),
    "nethogs": ("t", (), "nethogs -t -c 5"),
    "ncdu": ("o", (), "du -xh --max-depth=2 | sort -rh"),
    "k9s": ("", (), "kubectl get"),
    "tig": ("", (), "git log"),
    "watch": ("", (), "the command once, or its own follow option, such as kubectl get -w, "
                      "in a `{watch}` block"),
    "less": ("", (), "no pager: runwright run shows the whole output"),
    "more": ("", (), "no pager: runwright run shows the whole output"),
    "most": ("", (), "no pager: runwright run shows the whole output"),
}
_PAGERS = frozenset({"less", "more", "most"})


def _screen(u: _Use) -> _Say | None:
    batch, batch_longs, hint = _SCREENS[u.name]
    o = _options(u.args, "dnpuUoOwEe" if u.name == "top" else "")
    if o.has(batch, (*batch_longs, "version", "help")):
        return None
    if u.args and u.args[0].text in ("-h", "-v", "-V", "version", "info", "help", "completion"):
        return None
    what = "pages its output on the terminal" if u.name in _PAGERS else \
        "redraws the terminal" if u.name == "watch" else "draws a full screen on the terminal"
    return (f"'{u.name}' {what}", False, hint, None)


def _crontab(u: _Use) -> _Say | None:
    if not _options(u.args, "u").has("e") or u.env & _EDITOR_VARS:
        return None
    return ("'crontab -e' opens an editor on the terminal", False,
            "crontab FILE, with the whole new table",
            None)


def _visudo(u: _Use) -> _Say | None:
    o = _options(u.args, "fx", ("file", "export"))
    if u.env & (_EDITOR_VARS | {"SUDO_EDITOR"}) or o.has("cVhx", ("check", "version", "help",
                                                                  "export")):
        return None
    if u.name == "visudo":
        return ("'visudo' opens an editor on the terminal", False,
                "a file in /etc/sudoers.d, checked with visudo -cf FILE", None)
    return (f"'{u.name}' opens an editor on the terminal", False, "usermod or groupmod", None)


def _passwd(u: _Use) -> _Say | None:
    o = _options(u.args, "nxwirRP", ("mindays", "maxdays", "warndays", "inactive", "repository",
                                    "root", "prefix"))
    if o.unknown or o.has("ludeSnxwiha", ("stdin", "lock", "unlock", "delete", "expire",
                                          "status", "mindays", "maxdays", "warndays",
                                          "inactive", "help", "all")):
        return None
    return ("'passwd' asks for the new password", True,
            "chpasswd, reading USER:PASSWORD from a protected file", None)


_GIT_PATCH = frozenset({"add", "checkout", "reset", "restore", "stash", "commit"})


def _git(u: _Use) -> _Say | None:
    o = _options(u.args, "Cc", ("git-dir", "work-tree", "namespace"), stop=True)
    if not o.positional:
        return None
    sub = o.positional[0].text
    before = u.args[:_index(u.args, o.positional[0])]
    editor = bool(u.env & (_EDITOR_VARS | {"GIT_EDITOR", "GIT_SEQUENCE_EDITOR"})) or any(
        "editor" in t.text for t in before)
    so = _options(o.positional[1:], "mFCctUO", ("message", "file", "reuse-message",
                                                "reedit-message", "template", "onto",
                                                "strategy", "exec"))
    if sub in _GIT_PATCH and so.has("p" if sub != "add" else "pi", ("patch", "interactive")):
        flag = next((t.text for t, k in so.flags if k in ("--patch", "--interactive")
                     or (not k.startswith("--") and set(k) & set("pi"))), "-p")
        return (f"'git {sub} {flag}' asks about each change", True, f"git {sub} PATH", sub)
    if editor or so.unknown:
        return None
    if sub == "rebase" and so.has("i", ("interactive", "edit-todo")):
        flag = so.word("i", "--interactive")
        return (f"'git rebase {flag}' opens an editor on the terminal", False,
                f"git rebase without {flag}",
                sub)
    if sub == "commit" and not so.has("mFC?", ("message", "file", "reuse-message", "no-edit",
                                               "fixup", "dry-run", "help")):
        return ("'git commit' without -m opens an editor on the terminal", False,
                "git commit -m MESSAGE", sub)
    return None


def _systemctl(u: _Use) -> _Say | None:
    o = _options(u.args, "HMnopst", ("host", "machine", "lines", "output", "property",
                                     "signal", "type", "root"))
    if not o.positional or o.positional[0].text != "edit" or o.has(longs=("stdin",)) or \
            u.env & (_EDITOR_VARS | {"SYSTEMD_EDITOR"}):
        return None
    return ("'systemctl edit' opens an editor on the terminal", False,
            "a drop-in file written with tee under /etc/systemd/system/UNIT.d/, then "
            "systemctl daemon-reload", "edit")


def _su(u: _Use) -> _Say | None:
    o = _options(u.args, "cgGsw", ("command", "session-command", "group", "supp-group", "shell",
                                   "whitelist-environment"))
    if o.unknown or o.has("hV", ("help", "version")):
        return None
    if not o.has("c", ("command", "session-command")):
        if u.fed:
            return None
        return ("'su' without -c opens a shell on the terminal", False,
                "sudo -u USER COMMAND, or su -c 'COMMAND' USER", None)
    if u.root:
        return None
    return ("'su' asks for a password", True, "sudo -n -u USER COMMAND", None)


_SHELLS = frozenset({"bash", "sh", "zsh", "ksh", "dash", "fish"})


def _shell(u: _Use) -> _Say | None:
    o = _options(u.args, "oO", ("rcfile", "init-file"))
    if u.fed or o.unknown or o.positional or o.after or o.has("c", ("version", "help")):
        return None
    return (f"'{u.name}' without a script or -c opens a shell on the terminal", False,
            "the commands themselves, in the block", None)


_PACKAGES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "apt-get": ("octa", ("option", "config-file", "target-release", "host-architecture"),
                frozenset({"install", "remove", "purge", "upgrade", "dist-upgrade",
                           "full-upgrade", "autoremove", "autopurge", "reinstall", "build-dep",
                           "satisfy"})),
    "yum": ("cdexR", ("config", "exclude", "setopt", "releasever"),
            frozenset({"install", "remove", "erase", "update", "upgrade", "downgrade",
                       "reinstall", "autoremove", "distro-sync", "swap", "groupinstall",
                       "groupremove", "groupupdate", "localinstall"})),
}
_PACKAGES["apt"] = _PACKAGES["apt-get"]
_PACKAGES["dnf"] = _PACKAGES["yum"]


def _packages(u: _Use) -> _Say | None:
    values, long_values, prompting = _PACKAGES[u.name]
    o = _options(u.args, values, long_values)
    if u.fed or o.unknown or not o.positional or o.positional[0].text not in prompting:
        return None
    sub = o.positional[0].text
    if o.has("ys", ("yes", "assume-yes", "force-yes", "assumeyes", "assumeno", "simulate",
                    "dry-run", "just-print", "no-act", "recon")) or o.letters.count("q") >= 2:
        return None
    if any("assume-yes=" in t.text.lower() or "assumeyes=" in t.text.lower() for t in u.args):
        return None
    return (f"'{u.name} {sub}' may ask for confirmation", True, f"{u.name} {sub} -y", sub)


def _xargs(u: _Use) -> _Say | None:
    o = _options(u.args, _WRAPPERS["xargs"][0], _WRAPPERS["xargs"][1], stop=True)
    if not o.has("p", ("interactive",)):
        return None
    return ("'xargs -p' asks before each command", True, "xargs without -p", None)


_DETECTORS: dict[str, Callable[[_Use], _Say | None]] = {
    "read": _read, "kubectl": _kubectl, "oc": _kubectl, "docker": _docker, "podman": _docker,
    "psql": _psql, "redis-cli": _redis, "mongosh": _mongo, "mongo": _mongo, "ssh": _ssh,
    "sqlite3": _sqlite, "terraform": _terraform, "tofu": _terraform, "terragrunt": _terraform,
    "crontab": _crontab, "visudo": _visudo, "vipw": _visudo, "vigr": _visudo,
    "passwd": _passwd, "git": _git, "systemctl": _systemctl, "su": _su,
}
_DETECTORS.update(dict.fromkeys(_EDITORS, _editor))
_DETECTORS.update(dict.fromkeys(_SCREENS, _screen))
_DETECTORS.update(dict.fromkeys(_SHELLS, _shell))
_DETECTORS.update(dict.fromkeys(_PACKAGES, _packages))
_DETECTORS.update(dict.fromkeys(("mysql", "mariadb", "mysqldump", "mariadb-dump", "mysqladmin",
                                 "mariadb-admin", "mysqlcheck", "mysqlshow", "mysqlimport"),
                                _mysql))
_EDITOR_COMMAND = re.compile(r"^\$\{?(EDITOR|VISUAL)\b")
#: Some word a block must hold for any of the checks to find something (a quick first test).
_CANDIDATE = re.compile(
    r"(?<![\w.-])(?:" + "|".join(sorted((re.escape(k) for k in
                                         (*_DETECTORS, "sudo", "doas", "select", "xargs")),
                                        key=len, reverse=True)) + r")(?![\w-])"
    r"|\$\{?(?:EDITOR|VISUAL)\b")


@dataclass(frozen=True, slots=True)
class Hit:
    """A command that needs a terminal."""

    offset: int  # line index in the block
    column: int  # 0-based column of the command's name
    names: tuple[str, ...]  # what ignore_commands may name to leave it alone
    message: str


def _message(say: _Say) -> str:
    what, reads, hint, _sub = say
    return (f"{what}, {_READS if reads else _SHOWS}: mark the block `{{interactive}}`, or "
            f"make the command non-interactive ({hint})")


def _command(cmd: _Cmd) -> list[tuple[_Tok, str, _Say]]:
    """What in one simple command needs a terminal: (name word, name, finding), outermost
    first (``sudo`` before the command it runs)."""
    out: list[tuple[_Tok, str, _Say]] = []
    words = cmd.words
    fed = cmd.fed()
    if cmd.keyword:
        if not fed:
            out.append((words[0], "select", (
                "'select' waits for a choice typed at the terminal", True,
                "a variable declared in the front matter 'variables:' with its 'choices:'",
                None)))
        return out
    env: set[str] = set()
    root = False
    i = 0
    while i < len(words):
        while i < len(words) and (m := _ASSIGNMENT.match(words[i].text)):
            env.add(m.group(1))
            i += 1
        if i >= len(words):
            break
        tok = words[i]
        args = words[i + 1:]
        if tok.dynamic:
            m = _EDITOR_COMMAND.match(tok.text)
            if m:
                name = f"${m.group(1)}"
                out.append((tok, name, (f"'{name}' opens an editor on the terminal", False,
                                        _EDIT_HINT, None)))
            break
        name = tok.text.rsplit("/", 1)[-1]
        if name in ("sudo", "doas"):
            say, inner = _sudo(name, args, fed)
            if say is not None and say[3] == "-e":  # sudoedit: an editor, whatever sudo asks
                out.append((tok, "sudoedit", (*say[:3], None)))
            elif say is not None:
                out.append((tok, name, say))
            if inner is None:
                break
            root = True
            i += 1 + inner
            continue
        wrapper = _WRAPPERS.get(name)
        if wrapper is not None:
            values, long_values, skip = wrapper
            o = _options(args, values, long_values, stop=True)
            if name == "xargs":
                say = _xargs(_Use(name, tuple(args), fed, frozenset(env), root, cmd.stdin))
                if say is not None:
                    out.append((tok, name, say))
                fed = not o.has("o", ("open-tty",))  # xargs gives the command /dev/null
            pos = o.positional or o.after
            if name == "env":
                while pos and _ASSIGNMENT.match(pos[0].text):
                    env.add(pos[0].text.partition("=")[0])
                    pos = pos[1:]
            pos = pos[skip:]
            if not pos or o.unknown or (name == "command" and o.has("vV")) or (
                    name == "env" and o.has("S", ("split-string",))):
                break
            i += 1 + _index(args, pos[0])
            continue
        detector = _DETECTORS.get(name)
        if detector is not None:
            use = _Use(name, tuple(args), fed, frozenset(env), root, cmd.stdin)
            say = detector(use)
            if say is not None:
                out.append((tok, name, say))
            elif name == "ssh" and (remote := _remote_sudo(use)) is not None:
                out.append((tok, *remote))
        break
    return out


def needs_terminal(code: str) -> list[Hit]:
    """Every command of a shell block that needs a terminal, in order."""
    return list(_needs_terminal(code))  # a new list: callers may change it


@lru_cache(maxsize=4096)
def _needs_terminal(code: str) -> tuple[Hit, ...]:
    if not _CANDIDATE.search(code):
        return ()
    found = prompts(code)
    if found:  # a transcript: only the commands after the prompts
        code = _prompted(code, found)
    code = _unbracket(code)
    lines = [sl.code if not sl.heredoc else "" for sl in scan(code)]
    starts: list[int] = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    hits: list[tuple[int, Hit]] = []
    for cmd in _parse(_Lexer("\n".join(lines)).run()):
        for tok, name, say in _command(cmd):
            offset = bisect_right(starts, tok.pos) - 1
            names = (name, f"{name} {say[3]}") if say[3] else (name,)
            hits.append((tok.pos, Hit(offset, tok.pos - starts[offset], names,
                                      _message(say))))
    hits.sort(key=lambda h: h[0])
    return tuple(h for _, h in hits)


def _unbracket(code: str) -> str:
    """``<name>`` placeholders (RW404) as plain words, not as redirections (columns kept)."""
    found = [(offset, col, len(text)) for offset, col, text, kind in placeholders(code)
             if text.startswith("<")]
    if not found:
        return code
    lines = code.split("\n")
    for offset, col, width in found:
        line = lines[offset]
        lines[offset] = line[:col] + "_" + line[col + 1:col + width - 1] + "_" + \
            line[col + width:]
    return "\n".join(lines)


def _prompted(code: str, found: list[Prompt]) -> str:
    """The block with its prompts blanked (columns kept) and its output lines emptied."""
    lines = code.split("\n")
    cut = {p.offset: p.column + p.length for p in found}
    for k in output_lines(code, found):
        lines[k] = ""
    for k, width in cut.items():
        lines[k] = " " * width + lines[k][width:]
    return "\n".join(lines)


class NeedsTerminal(Rule):
    id = "RW409"
    name = "needs-terminal"
    severity = "warning"
    summary = "Commands that read the terminal (sudo, read, psql, kubectl exec -it ...) are " \
              "marked {interactive}."
    options = MappingProxyType({"ignore_commands": []})

    def check(self, ctx: LintContext) -> None:
        ignore = frozenset(" ".join(str(c).split()) for c in ctx.option("ignore_commands") or ())
        for block in ctx.runbook.code_blocks:
            if not block.is_shell or block.flag("interactive") or block.flag("manual"):
                continue
            for hit in needs_terminal(block.code):
                if ignore and any(n in ignore for n in hit.names):
                    continue
                ctx.report(block.first_code_line + hit.offset, hit.message,
                           column=block.indent + hit.column + 1)
                break
