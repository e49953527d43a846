"""From the tree-sitter-bash syntax tree to :mod:`runwright.shell.model` (the only module that
sees tree-sitter)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import tree_sitter
import tree_sitter_bash

from runwright.shell._quotes import remove_quotes, unquote
from runwright.shell.model import (
    Assignment,
    Command,
    Comment,
    Expansion,
    HereDoc,
    Redirect,
    Script,
    Select,
    SyntaxProblem,
    Word,
    Wrapper,
)
from runwright.shell.wrappers import peel

_LANGUAGE = tree_sitter.Language(tree_sitter_bash.language())
_PARSER = tree_sitter.Parser(_LANGUAGE)
#: tree-sitter-bash 0.25 calls ``isdigit()`` on the character after ``{``, ``{1`` or ``{1..1``
#: (a possible ``{1..9}``): above U+00FF that reads outside the C library's table, and
#: ``echo {🚀`` ends the process (SIGSEGV). Such a character is given to the parser as Latin-1
#: letters of the same length in UTF-8, so that every position stays where it was.
_BRACE_THEN_WIDE = re.compile(r"\{\d*(?:\.\.?\d*)?([^\x00-\xff])")
_FILLER = {2: "\u00e9", 3: "\u00e9a", 4: "\u00e9\u00e9"}
_MAX_DEPTH = 8  # strings parsed as shell inside strings parsed as shell ...

_EXPANSIONS = frozenset({"simple_expansion", "expansion", "command_substitution",
                         "process_substitution", "arithmetic_expansion"})
_WORDS = frozenset({"word", "string", "raw_string", "ansi_c_string", "translated_string",
                    "concatenation", "number", "simple_expansion", "expansion",
                    "command_substitution", "process_substitution", "arithmetic_expansion",
                    "brace_expression", "variable_assignment", "variable_name",
                    "extglob_pattern"})
_REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
_COMPOUNDS = {"subshell": "subshell", "compound_statement": "group", "if_statement": "if",
              "while_statement": "while", "for_statement": "for",
              "c_style_for_statement": "for", "case_statement": "case",
              "function_definition": "function", "command_substitution": "substitution",
              "process_substitution": "substitution", "test_command": "test",
              "negated_command": "!"}
_ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=")
Node = tree_sitter.Node


class _Source:
    """Positions of one text given to the parser: bytes to (line, column in characters), and,
    for a string parsed again, back to where its characters were in the block."""

    def __init__(self, code: str, origin: Sequence[tuple[int, int]] | None = None) -> None:
        self.code = code
        self.data = code.encode()
        self.ascii = len(self.data) == len(code)
        self.origin = origin
        self.lines = code.split("\n")
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.starts = starts

    def text(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode(errors="replace")

    def at(self, point: tree_sitter.Point) -> tuple[int, int]:
        row, col = point
        if not self.ascii and row < len(self.lines):
            col = len(self.lines[row].encode()[:col].decode(errors="replace"))
        if self.origin is None:
            return row + 1, col
        if not self.origin:
            return 1, 0
        k = min(self.starts[min(row, len(self.starts) - 1)] + col, len(self.origin) - 1)
        return self.origin[k]


@dataclass(frozen=True, slots=True)
class _Ctx:
    within: tuple[str, ...] = ()
    enclosing: tuple[Redirect, ...] = ()
    piped: bool = False
    checked: bool = False  # the shell tests the status here (see Command.checked)


#: Compound commands whose children before ``then``/``do`` are conditions.
_CONDITIONS = {"if_statement": "then", "elif_clause": "then", "while_statement": "do_group"}


@dataclass(slots=True, eq=False)
class _Builder:
    words: list[Word]
    assignments: list[Assignment]
    redirects: list[Redirect]
    ctx: _Ctx
    start: tuple[int, int]
    end_line: int
    text: str
    order: int = 0
    extra: list[_Builder] = field(default_factory=list)


class _Walker:
    def __init__(self, src: _Source, depth: int = 0) -> None:
        self.src = src
        self.depth = depth
        self.builders: list[_Builder] = []
        self.comments: list[Comment] = []
        self.heredocs: list[HereDoc] = []
        self.errors: list[SyntaxProblem] = []
        self.functions: set[str] = set()
        self.arithmetic: list[tuple[int, str]] = []
        self.selects: list[Select] = []

    # --- words ----------------------------------------------------------------------------

    def word(self, node: Node) -> Word:
        text = self.src.text(node)
        unq, quoted = remove_quotes(text)
        dynamic = ("$" in text or "`" in text or text[:2] in ("<(", ">(")) and _expands(node)
        line, col = self.src.at(node.start_point)
        return Word(text, None if dynamic else unq, unq, line, col, quoted)

    def assignment(self, node: Node) -> Assignment:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        name = self.src.text(name_node) if name_node is not None else ""
        name = name.split("[", 1)[0]
        line, col = self.src.at(node.start_point)
        return Assignment(name, self.word(value) if value is not None else None,
                          self.src.text(node), line, col)

    # --- statements -----------------------------------------------------------------------

    def visit(self, node: Node, ctx: _Ctx) -> list[_Builder]:
        """Walk ``node``; the simple commands at its own level (owners of redirections that
        follow it), in order."""
        kind = node.type
        if kind == "command":
            return self.command(node, ctx)
        if kind == "redirected_statement":
            return self.redirected(node, ctx)
        if kind == "pipeline":
            return self.pipeline(node, ctx)
        if kind in ("declaration_command", "unset_command"):
            return [self.declaration(node, ctx)]
        if kind in ("variable_assignment", "variable_assignments"):
            nodes = [node] if kind == "variable_assignment" else [
                c for c in node.named_children if c.type == "variable_assignment"]
            b = self.builder(node, ctx)
            b.assignments.extend(self.assignment(n) for n in nodes)
            for n in nodes:
                self.nested(n, ctx)
            return [b]
        if kind == "comment":
            line, col = self.src.at(node.start_point)
            self.comments.append(Comment(self.src.text(node), line, col))
            return []
        if kind == "ERROR" or node.is_missing:
            self.error(node)
        if kind == "compound_statement" and node.child_count and node.children[0].type == "((":
            self.arith(node)
        if kind == "function_definition":
            name = node.child_by_field_name("name")
            if name is not None:
                self.functions.add(self.src.text(name))
        inner = ctx
        label = _COMPOUNDS.get(kind)
        if label is not None:
            if kind == "while_statement" and node.child_count and node.children[0].type == "until":
                label = "until"
            if kind == "for_statement" and node.child_count and node.children[0].type == "select":
                label = "select"
                line, col = self.src.at(node.start_point)
                self.selects.append(Select(line, col, ctx.piped, ctx.enclosing))
            inner = replace(ctx, within=(*ctx.within, label))
            if label == "substitution":
                inner = replace(inner, piped=False)
        out: list[_Builder] = []
        children = node.children
        last = len(children) - 1
        condition_until = _CONDITIONS.get(kind)
        checked = inner if inner.checked else replace(inner, checked=True)
        for i, child in enumerate(children):
            sub = inner
            if condition_until is not None:
                if child.type == condition_until:
                    condition_until = None
                elif i:
                    sub = checked  # if/elif/while/until condition
            elif (kind == "list" and i < last) or kind == "negated_command":
                sub = checked  # before && or ||, after !
            elif i < last and children[i + 1].type == "&":
                sub = checked  # in the background: nobody waits for its status
            found = self.visit(child, sub)
            if kind in ("program", "list", "ERROR", "negated_command"):
                out.extend(found)
        return out

    def nested(self, node: Node, ctx: _Ctx) -> None:
        """Commands inside a word (substitutions): walked, not owners of anything."""
        if not node.child_count:
            return
        sub = _Ctx(ctx.within, ctx.enclosing, False) if ctx.piped else ctx
        for child in node.children:
            if child.type in ("command_substitution", "process_substitution"):
                self.visit(child, sub)
            elif child.child_count:
                if child.type == "arithmetic_expansion":
                    self.arith(child)
                self.nested(child, sub)

    def arith(self, node: Node) -> None:
        text = self.src.text(node)
        start = text.find("((") + 2
        end = text.rfind("))")
        self.arithmetic.append((self.src.at(node.start_point)[0], text[start:end]))

    def builder(self, node: Node, ctx: _Ctx) -> _Builder:
        b = _Builder([], [], [], ctx, self.src.at(node.start_point),
                     self.src.at(node.end_point)[0], self.src.text(node),
                     order=len(self.builders))
        self.builders.append(b)
        return b

    def command(self, node: Node, ctx: _Ctx) -> list[_Builder]:
        b = self.builder(node, ctx)
        for child in node.children:
            kind = child.type
            if kind == "variable_assignment" and not b.words:
                b.assignments.append(self.assignment(child))
                self.nested(child, ctx)
            elif kind == "command_name":
                target = child.named_children[0] if child.named_children else child
                b.words.append(self.word(target))
                self.nested(child, ctx)
            elif kind in _REDIRECTS:
                b.extra.extend(self.redirect(child, b, ctx))
            elif kind in _WORDS or child.is_named:
                if kind == "comment":
                    self.visit(child, ctx)
                    continue
                b.words.append(self.word(child))
                if kind in ("command_substitution", "process_substitution"):
                    self.visit(child, ctx)
                else:
                    self.nested(child, ctx)
        return [b, *b.extra]

    def declaration(self, node: Node, ctx: _Ctx) -> _Builder:
        b = self.builder(node, ctx)
        for child in node.children:
            if not child.is_named and not b.words:
                line, col = self.src.at(child.start_point)
                text = self.src.text(child)
                b.words.append(Word(text, text, text, line, col, False))
            elif child.is_named:
                b.words.append(self.word(child))
                self.nested(child, ctx)
        return b

    def redirected(self, node: Node, ctx: _Ctx) -> list[_Builder]:
        body = node.child_by_field_name("body")
        redirect_nodes = [c for c in node.children if c.type in _REDIRECTS]
        if body is not None and body.type in _COMPOUNDS:
            placeholder = _Builder([], [], [], ctx, (0, 0), 0, "")
            extra: list[_Builder] = []
            for r in redirect_nodes:
                extra.extend(self.redirect(r, placeholder, ctx))
            self.visit(body, replace(ctx, enclosing=(*placeholder.redirects, *ctx.enclosing)))
            return extra
        out = self.visit(body, ctx) if body is not None else []
        owner = out[-1] if out else self.builder(node, ctx)
        if not out:
            out = [owner]
        for r in redirect_nodes:
            out.extend(self.redirect(r, owner, ctx))
        return out

    def pipeline(self, node: Node, ctx: _Ctx) -> list[_Builder]:
        out: list[_Builder] = []
        first = True
        for child in node.children:
            if not child.is_named:
                if child.type in ("|", "|&"):
                    first = False
                continue
            out.extend(self.visit(child, ctx if first else replace(ctx, piped=True)))
            first = False
        return out

    def redirect(self, node: Node, owner: _Builder, ctx: _Ctx) -> list[_Builder]:
        """Add the redirection to ``owner``; the commands written after a here-document's
        operator on its line (``cat <<EOF | grep x``), which follow the owner."""
        line, col = self.src.at(node.start_point)
        at = len(owner.redirects)
        fd: int | None = None
        operator = ""
        target: Word | None = None
        heredoc: HereDoc | None = None
        after: list[_Builder] = []
        piped_next = False
        start_text = ""
        end_row: int | None = None
        for child in node.children:
            kind = child.type
            if kind == "file_descriptor":
                text = self.src.text(child)
                fd = int(text) if text.isdigit() else None
            elif not child.is_named and not operator:
                operator = child.type
            elif kind == "heredoc_start":
                start_text = self.src.text(child)
            elif kind in ("heredoc_body", "heredoc_content"):
                continue
            elif kind == "heredoc_end":
                end_row = child.start_point[0]
            elif kind in _REDIRECTS:
                after.extend(self.redirect(child, owner, ctx))
            elif not child.is_named:
                piped_next = child.type in ("|", "|&")
            elif node.type == "heredoc_redirect":
                if kind == "pipeline" and child.children and child.children[0].type in ("|",
                                                                                        "|&"):
                    after.extend(self.visit(child, replace(ctx, piped=True)))
                else:
                    after.extend(self.visit(child, replace(ctx, piped=piped_next)))
                piped_next = False
            elif target is None:
                target = self.word(child)
                self.nested(child, ctx)
        if node.type == "heredoc_redirect":
            heredoc = self.heredoc(node, start_text, operator, end_row)
            self.heredocs.append(heredoc)
        owner.redirects.insert(at, Redirect(operator, fd, target, heredoc, line, col))
        return after

    def heredoc(self, node: Node, start: str, operator: str, end_row: int | None) -> HereDoc:
        delimiter, quoted = remove_quotes(start)
        first = node.start_point[0] + 1
        if end_row is None:
            end_row = len(self.src.lines) - 1
        body = "\n".join(self.src.lines[first:end_row])
        line, _ = self.src.at(node.start_point)
        return HereDoc(delimiter, body + ("\n" if end_row > first else ""), quoted,
                       operator == "<<-", line + 1, line + 1 + max(end_row - first, 0))

    def error(self, node: Node) -> None:
        line, col = self.src.at(node.start_point)
        if node.is_missing:
            message = f"missing '{node.type}'"
        else:
            text = self.src.text(node).strip().split("\n", 1)[0]
            message = f"cannot read the shell near {text[:40]!r}"
        self.errors.append(SyntaxProblem(line, col, message))

    # --- the commands ---------------------------------------------------------------------

    def finish(self, b: _Builder) -> list[Command]:
        words = list(b.words)
        assignments = list(b.assignments)
        wrappers: list[Wrapper] = []
        for _ in range(16):
            peeled = peel(words)
            if peeled is None:
                break
            wrappers.append(Wrapper(peeled.name, tuple(peeled.own), peeled.script is not None))
            assignments.extend(_assignment(w) for w in peeled.assignments)
            if peeled.script is not None:
                return self.reparse(b, peeled.script, tuple(wrappers), tuple(assignments))
            words = peeled.argv or [_synthetic(d, peeled.own[0]) for d in peeled.default]
        return [self.make(b, words, assignments, tuple(wrappers))]

    def make(self, b: _Builder, words: Sequence[Word], assignments: Sequence[Assignment],
             wrappers: tuple[Wrapper, ...]) -> Command:
        if words:
            line, col = words[0].line, words[0].column
        elif assignments:
            line, col = assignments[0].line, assignments[0].column
        elif b.redirects:
            line, col = b.redirects[0].line, b.redirects[0].column
        else:
            line, col = b.start
        return Command(tuple(words), tuple(assignments), tuple(b.redirects), wrappers,
                       b.ctx.enclosing, b.ctx.within, b.ctx.piped, line, col,
                       max(b.end_line, line), b.text, b.ctx.checked)

    def reparse(self, b: _Builder, script: list[Word], wrappers: tuple[Wrapper, ...],
                assignments: tuple[Assignment, ...]) -> list[Command]:
        """The commands of a string run as shell (``bash -c``, ``ssh HOST ...``)."""
        text, origin = _joined(script)
        if self.depth >= _MAX_DEPTH or not text.strip():
            return [self.make(b, script, assignments, wrappers)] if text.strip() else []
        inner = walk(text, origin, self.depth + 1)
        self.errors.extend(inner.errors)
        self.arithmetic.extend(inner.arithmetic)
        remote = wrappers[-1].name == "ssh"
        out = []
        for c in inner.commands:
            out.append(replace(
                c, wrappers=wrappers + c.wrappers,
                assignments=c.assignments if remote else assignments + c.assignments,
                enclosing=c.enclosing + tuple(b.redirects) + b.ctx.enclosing,
                within=b.ctx.within + c.within, piped=c.piped or (b.ctx.piped and not remote),
                text=c.text, checked=c.checked or b.ctx.checked))
        return out


def _expands(node: Node) -> bool:
    if node.type in _EXPANSIONS:
        return True
    return any(_expands(c) for c in node.children)


def _assignment(word: Word) -> Assignment:
    text = word.unquoted
    m = _ASSIGNMENT.match(text)
    name = m.group(1) if m else text.partition("=")[0]
    rest = text.partition("=")[2]
    value = Word(rest, rest if word.value is not None else None, rest, word.line,
                 word.column + len(text) - len(rest), word.quoted)
    return Assignment(name, value, word.text, word.line, word.column)


def _synthetic(name: str, at: Word) -> Word:
    return Word(name, name, name, at.line, at.column, False)


def _joined(words: Sequence[Word]) -> tuple[str, list[tuple[int, int]]]:
    """The words' values joined with spaces (how ssh and watch build the remote command), and
    for each character where it is in the block."""
    parts: list[str] = []
    origin: list[tuple[int, int]] = []
    for k, w in enumerate(words):
        if k:
            parts.append(" ")
            origin.append(origin[-1] if origin else (w.line, w.column))
        value, where, _quoted = unquote(w.text)
        if value != w.unquoted:  # a word made up here (env -S): no exact positions
            value, where = w.unquoted, [0] * len(w.unquoted)
        parts.append(value)
        origin.extend(_position(w, j) for j in where)
    return "".join(parts), origin


def _position(w: Word, j: int) -> tuple[int, int]:
    before = w.text[:j]
    newlines = before.count("\n")
    if not newlines:
        return w.line, w.column + j
    return w.line + newlines, j - before.rfind("\n") - 1


def walk(code: str, origin: Sequence[tuple[int, int]] | None = None, depth: int = 0) -> Script:
    src = _Source(code, origin)
    tree = _PARSER.parse(src.data if src.ascii else _parseable(code))
    w = _Walker(src, depth)
    root = tree.root_node
    w.visit(root, _Ctx())
    if root.has_error and not w.errors:
        _missing(root, w)
    commands: list[Command] = []
    for b in w.builders:
        commands.extend(w.finish(b))
    commands.sort(key=lambda c: (c.line, c.column))
    return Script(code, tuple(commands), tuple(w.comments), tuple(w.heredocs),
                  tuple(sorted(set(w.errors), key=lambda e: (e.line, e.column))),
                  frozenset(w.functions), tuple(w.arithmetic), *_variables(root, src),
                  tuple(w.selects))


#: What makes ``${NAME...}`` give a value, or ask something else, when NAME is unset.
_GUARDS = frozenset({":-", "-", ":=", "=", ":?", "?", ":+", "+", "#", "!"})


def _variables(root: Node, src: _Source) -> tuple[tuple[Expansion, ...], frozenset[str]]:
    """The expansions of the block's own text, and the names its ``for`` loops set."""
    if "$" not in src.code and "for" not in src.code and "select" not in src.code:
        return (), frozenset()  # neither can be in it: no second walk of the tree
    found: list[Expansion] = []
    loops: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in ("simple_expansion", "expansion"):
            name = next((c for c in node.children if c.type == "variable_name"), None)
            if name is not None:
                line, col = src.at(node.start_point)
                guarded = kind == "expansion" and any(
                    not c.is_named and src.text(c) in _GUARDS for c in node.children)
                found.append(Expansion(src.text(name), line, col, guarded))
                continue  # ${A:-$B}: B is read only when A is unset
        elif kind == "for_statement":
            var = node.child_by_field_name("variable")
            if var is not None:
                loops.add(src.text(var))
        stack.extend(reversed(node.children))
    found.sort(key=lambda e: (e.line, e.column))
    return tuple(found), frozenset(loops)


def _parseable(code: str) -> bytes:
    """``code`` in UTF-8, with what the parser cannot be given safely replaced, byte for
    byte (see ``_BRACE_THEN_WIDE``)."""
    if "{" not in code:
        return code.encode()
    return _BRACE_THEN_WIDE.sub(
        lambda m: m.group(0)[:-1] + _FILLER[len(m.group(1).encode())], code).encode()


def _missing(node: Node, w: _Walker) -> None:
    for child in node.children:
        if child.is_missing or child.type == "ERROR":
            w.error(child)
        elif child.has_error:
            _missing(child, w)
