"""Reading a command's options from its words, the way getopt-style tools read them.

``scan(words, values="n", long_values=("namespace",))`` tells short options that take a value
(``-n prod``, ``-nprod``) and long ones written without ``=`` that take the next word
(``--namespace prod``) from flags; what is left is positional. ``stop=True`` ends the options at
the first positional word (a wrapper: what follows is the command it runs, with its own
options). ``single=True`` reads one-dash long options (``-auto-approve``, ``-chdir=x``).
``optional="p"`` names short options whose value, if any, is in the same word (``mysql -p``
asks for the password, ``-pSECRET`` gives it); ``opaque=True`` sets aside an expansion whose name
says it holds options (``$PSQL_OPTS``, ``"$@"``, ``${ARGS[@]}``) and records that anything may
be in it (``unknown``), instead of reading it as a positional word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from runwright.shell.model import Word

#: An expansion whose name says it holds options ($PSQL_OPTS, "$@", ${ARGS[@]}).
MAYBE_OPTIONS = re.compile(r"(?i)\$\{?(?:\w*(?:opt|arg|flag)|[@*])|\[[@*]\]\}")


@dataclass(slots=True)
class Options:
    letters: str = ""  # every short option letter given, in order
    longs: dict[str, str | None] = field(default_factory=dict)  # long option -> value or None
    values: dict[str, str | None] = field(default_factory=dict)  # short option -> its value
    flags: list[Word] = field(default_factory=list)  # the option words
    pairs: list[tuple[str, str | None]] = field(default_factory=list)  # every option given, in
    # order: ("c", value) for a short one, ("--command", value) for a long one
    positional: list[Word] = field(default_factory=list)
    after: list[Word] = field(default_factory=list)  # the words after "--"
    first_positional: int | None = None  # index in the words given of the first positional
    dynamic: bool = False  # a word that holds an expansion was seen among the options
    keys: list[str] = field(default_factory=list)  # for each of ``flags``: "--name", or the
    # short letters read from it
    bare: str = ""  # ``optional`` letters given without a value
    unknown: bool = False  # (``opaque``) an expansion that may hold options was set aside

    def has(self, letters: str = "", longs: Sequence[str] = ()) -> bool:
        return any(c in self.letters for c in letters) or any(k in self.longs for k in longs)

    def value(self, letter: str = "", long: str = "") -> str | None:
        """The value of ``-X VALUE`` or ``--long=VALUE`` (the last given), if any."""
        if long and self.longs.get(long) is not None:
            return self.longs[long]
        return self.values.get(letter) if letter else None

    def word(self, letter: str, long: str) -> str:
        """The option word as written that gave ``-letter`` or ``long`` (``"--tty"``)."""
        for word, key in zip(self.flags, self.keys, strict=True):
            if key == long or (not key.startswith("--") and letter in key):
                return _text(word)
        return f"-{letter}"


def scan(words: Sequence[Word], values: str = "", long_values: Sequence[str] = (), *,
         stop: bool = False, single: bool = False, optional: str = "",
         opaque: bool = False) -> Options:
    o = Options()
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        w = word.unquoted if word.value is None else word.value
        i += 1
        if opaque and word.value is None and MAYBE_OPTIONS.search(w):
            o.unknown = True
            continue
        if word.value is None and w.startswith("-"):
            o.dynamic = True
        if w == "--":
            o.after = list(words[i:])
            if o.first_positional is None and stop:
                o.first_positional = i if i < n else None
            break
        if len(w) > 1 and w[0] == "-":
            o.flags.append(word)
            if w.startswith("--") or single:
                name, eq, val = w[2 if w.startswith("--") else 1:].partition("=")
                if not eq and name in long_values and i < n:
                    val, eq = _text(words[i]), "="
                    i += 1
                o.longs[name] = val if eq else None
                o.pairs.append(("--" + name, val if eq else None))
                o.keys.append("--" + name)
                continue
            body = w[1:]
            start = len(o.letters)
            for k, ch in enumerate(body):
                o.letters += ch
                if ch in optional:
                    if k == len(body) - 1:
                        o.bare += ch
                    o.pairs.append((ch, body[k + 1:] or None))
                    break
                if ch in values:
                    rest = body[k + 1:]
                    if not rest and i < n:
                        rest = _text(words[i])
                        i += 1
                    o.values[ch] = rest
                    o.pairs.append((ch, rest))
                    break
                o.pairs.append((ch, None))
            o.keys.append(o.letters[start:])
            continue
        if o.first_positional is None:
            o.first_positional = i - 1
        o.positional.append(word)
        if stop:
            o.positional.extend(words[i:])
            break
    return o


def _text(word: Word) -> str:
    return word.unquoted if word.value is None else word.value
