"""runwright.shell.options.scan: a command's options read from its words."""

from __future__ import annotations

from runwright.shell import parse
from runwright.shell.model import Word
from runwright.shell.options import scan


def _words(code: str) -> tuple[Word, ...]:
    [command] = parse(code).commands
    return command.args


def test_short_options_with_values_and_positional_words() -> None:
    o = scan(_words("kubectl -n prod -v6 get pods"), "nv", stop=True)
    assert o.letters == "nv" and o.values == {"n": "prod", "v": "6"}
    assert [w.value for w in o.positional] == ["get", "pods"]
    assert o.first_positional == 3


def test_long_options_and_double_dash() -> None:
    o = scan(_words("tool exec --namespace prod api -- ls -l"), long_values=("namespace",))
    assert o.longs == {"namespace": "prod"}
    assert [w.value for w in o.positional] == ["exec", "api"]
    assert [w.value for w in o.after] == ["ls", "-l"]


def test_optional_values_are_in_the_same_word_only() -> None:
    bare = scan(_words("mysql -p -u root app"), "u", optional="p")
    assert bare.bare == "p" and [w.value for w in bare.positional] == ["app"]
    given = scan(_words("mysql -psecret app"), "u", optional="p")
    assert given.bare == "" and ("p", "secret") in given.pairs
    plain = scan(_words("mysql -p app"), "u")  # without optional: -p is a flag
    assert plain.bare == "" and "p" in plain.letters


def test_the_word_that_gave_an_option() -> None:
    o = scan(_words("tool run -ti --user app c sh"), "u", ("user",))
    assert o.word("t", "--tty") == "-ti"
    assert scan(_words("tool run --tty c sh")).word("t", "--tty") == "--tty"
    assert scan(_words("tool run c sh")).word("t", "--tty") == "-t"
    assert o.keys == ["ti", "--user"]


def test_opaque_sets_aside_expansions_that_may_hold_options() -> None:
    words = _words('psql $PSQL_OPTS "$@" "${ARGS[@]}" app')
    o = scan(words, opaque=True)
    assert o.unknown and [w.value for w in o.positional] == ["app"]
    plain = scan(words)
    assert not plain.unknown and len(plain.positional) == 4
    assert not scan(_words("psql $DATABASE_URL"), opaque=True).unknown
