"""The frozen structure :func:`runwright.shell.parse` returns: no tree-sitter types leak out.

Positions are those of the block as given: ``line`` is 1-based, ``column`` 0-based and counted
in characters (not bytes). A command found inside a string that the shell parses again
(``bash -c '...'``, ``ssh HOST '...'``) carries the position of the text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One shell word (a command name, an argument, an assignment's value, a redirection's
    target)."""

    text: str  # as written, quotes included
    value: str | None  # the word after quote removal when it holds no expansion, else None
    unquoted: str  # quotes removed, expansions ($X, $(...), `...`) kept as written
    line: int
    column: int
    quoted: bool  # some of it was quoted (or escaped with a backslash)

    @property
    def static(self) -> bool:
        """Whether the word's value is known without running anything."""
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Assignment:
    """``NAME=value`` (or ``NAME+=value``, ``NAME[i]=value``) before a command, alone on its
    line, or given to ``env``/``sudo``."""

    name: str
    value: Word | None  # None for ``NAME=``
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Expansion:
    """A variable the shell expands: ``$NAME``, ``${NAME}``, ``${NAME:-default}``."""

    name: str
    line: int
    column: int  # of the ``$``
    #: the shell gives a value when the variable is unset or says it is (``${NAME:-x}``,
    #: ``${NAME:?msg}``, ``${NAME+x}``), or asks something else of it (``${#NAME}``, ``${!NAME}``)
    guarded: bool


@dataclass(frozen=True, slots=True)
class HereDoc:
    """The body of a here-document (``<<EOF``, ``<<-EOF``, ``<<'EOF'``)."""

    delimiter: str
    body: str  # the lines between the operator's line and the delimiter line
    quoted: bool  # the delimiter was quoted: the body is not expanded
    strip_tabs: bool  # ``<<-``
    line: int  # the first line of the body
    end_line: int  # the delimiter line (the last line of the block when it is missing)


#: Redirection operators that open their target for writing.
WRITE_OPERATORS = frozenset({">", ">>", ">|", "&>", "&>>", "<>"})


@dataclass(frozen=True, slots=True)
class Redirect:
    """A redirection: ``>``, ``>>``, ``2>``, ``&>``, ``<``, ``<>``, ``>&``, ``<<``, ``<<<``..."""

    operator: str
    fd: int | None  # the file descriptor written before the operator (``2>``), if any
    target: Word | None  # None for a here-document
    heredoc: HereDoc | None
    line: int
    column: int

    @property
    def duplicates(self) -> bool:
        """``2>&1``, ``>&2``, ``<&0``, ``>&-``: a descriptor copied or closed, no file opened."""
        if self.operator not in (">&", "<&") or self.target is None:
            return False
        value = self.target.value
        return value is not None and (value.isdigit() or value == "-")

    @property
    def writes(self) -> bool:
        """Whether the target is opened for writing (``>``, ``>>``, ``&>``, ``<>``, and
        ``>& FILE`` with a file name)."""
        if self.operator in WRITE_OPERATORS:
            return True
        return self.operator == ">&" and not self.duplicates

    @property
    def reads(self) -> bool:
        """Whether the command's input comes from the target (``<``, ``<<``, ``<<<``, ``<&``)."""
        return self.operator in ("<", "<<", "<<-", "<<<", "<&", "<>")


@dataclass(frozen=True, slots=True)
class Wrapper:
    """A command that runs another one (``sudo``, ``ssh HOST``, ``bash -c``, ``timeout 5``...):
    its own words, up to the command it runs."""

    name: str  # the canonical name: "sudo", "ssh", "bash -c", "kubectl exec", "docker exec"...
    words: tuple[Word, ...]  # its words as written, from its name to the last option
    shell: bool  # the command it runs was a string parsed as shell again (bash -c, ssh, watch)


@dataclass(frozen=True, slots=True)
class Command:
    """One simple command, with the wrappers that run it already taken off.

    ``sudo -u app FOO=1 timeout 5 cat x`` is the command ``cat x`` with the wrappers
    ``sudo`` and ``timeout`` and the assignment ``FOO=1``. A wrapper that runs nothing
    (``sudo -v``, ``ssh HOST`` alone) is itself the command. ``words`` is empty for a line of
    assignments or redirections only (``FOO=1``, ``> file``).
    """

    words: tuple[Word, ...]  # the command name first
    assignments: tuple[Assignment, ...]  # before it, and those given to env/sudo
    redirects: tuple[Redirect, ...]  # its own, here-documents included
    wrappers: tuple[Wrapper, ...]  # outermost first
    enclosing: tuple[Redirect, ...]  # of the compound commands around it, innermost first,
    # and of the wrapper whose shell string it came from
    within: tuple[str, ...]  # constructs around it, outermost first: "subshell", "group",
    # "if", "for", "while", "until", "case", "function", "substitution", "pipeline"...
    piped: bool  # its input is a pipe (it, or a compound around it, is not first in a pipeline)
    line: int  # of its name (of its first assignment or redirection when it has no words)
    column: int
    end_line: int  # the last line of the simple command as written (continuations included)
    text: str  # the simple command as written, wrappers included
    #: the shell tests its exit status, so that a failure does not end a ``bash -e`` script:
    #: an ``if``/``elif``/``while``/``until`` condition, a command before ``&&`` or ``||``,
    #: after ``!``, run in the background (``&``), or inside such a construct
    #: (``( grep x f ) || true``)
    checked: bool = False

    @property
    def name(self) -> str | None:
        """The command's name as written (after quote removal), without a leading path
        (``/usr/bin/rm`` is ``rm``); None when there is no word or it is not static."""
        if not self.words or self.words[0].value is None:
            return None
        return self.words[0].value.rsplit("/", 1)[-1] or self.words[0].value

    @property
    def args(self) -> tuple[Word, ...]:
        return self.words[1:]

    @property
    def static_args(self) -> tuple[str, ...] | None:
        """The arguments' values, or None when one of them holds an expansion."""
        out = tuple(w.value for w in self.words[1:])
        return None if any(v is None for v in out) else out  # type: ignore[return-value]

    def wrapped_by(self, name: str) -> bool:
        return any(w.name == name for w in self.wrappers)

    @property
    def all_redirects(self) -> tuple[Redirect, ...]:
        """Its own redirections, then those around it."""
        return self.redirects + self.enclosing


@dataclass(frozen=True, slots=True)
class Select:
    """A ``select NAME in ...; do ...; done`` loop, which reads the choice from its input."""

    line: int  # of the ``select`` keyword
    column: int
    piped: bool  # its input is a pipe
    enclosing: tuple[Redirect, ...]  # its own redirections and those around it, innermost first


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # from the ``#``
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """Where the shell grammar could not read the block (the parse goes on after it)."""

    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Script:
    """A parsed block: every simple command in it, in the order they are written."""

    code: str
    commands: tuple[Command, ...]
    comments: tuple[Comment, ...]
    heredocs: tuple[HereDoc, ...]
    errors: tuple[SyntaxProblem, ...]
    functions: frozenset[str]  # names of the functions the block defines
    #: ``$(( ... ))`` and ``(( ... ))``: (line, the text between the parentheses)
    arithmetic: tuple[tuple[int, str], ...] = ()
    #: the variables the block expands, in order (not those of strings run as shell, such as
    #: ``bash -c '...'`` or a command given to ``ssh``, which another shell expands)
    expansions: tuple[Expansion, ...] = ()
    #: names that ``for NAME in`` and ``select NAME in`` set
    loop_variables: frozenset[str] = frozenset()
    #: the ``select`` loops written in the block itself (not in strings run as shell)
    selects: tuple[Select, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def heredoc_lines(self) -> frozenset[int]:
        """1-based line numbers that are here-document bodies or their delimiter lines."""
        return frozenset(n for h in self.heredocs for n in range(h.line, h.end_line + 1))
