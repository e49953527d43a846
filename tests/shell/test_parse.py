"""The shell model: simple commands, words, redirections, here-documents, wrappers."""

from __future__ import annotations

import pytest

from runwright.shell import Command, parse


def names(code: str) -> list[str | None]:
    return [c.name for c in parse(code).commands]


def only(code: str) -> Command:
    cmds = parse(code).commands
    assert len(cmds) == 1, cmds
    return cmds[0]


@pytest.mark.parametrize(("code", "expected"), [
    ("a | b | c", ["a", "b", "c"]),
    ("a && b || c; d & e", ["a", "b", "c", "d", "e"]),
    ("(a; b)", ["a", "b"]),
    ("{ a; b; }", ["a", "b"]),
    ("if a; then b; elif c; then d; else e; fi", ["a", "b", "c", "d", "e"]),
    ("for x in 1 2; do a $x; done", ["a"]),
    ("for x in $(ls); do a; done", ["ls", "a"]),
    ("while a; do b; done", ["a", "b"]),
    ("until a; do b; done", ["a", "b"]),
    ("case $x in a) b ;; c|d) e ;; esac", ["b", "e"]),
    ("f() { a; }\nfunction g { b; }", ["a", "b"]),
    ("echo $(a) `b` \"$(c)\"", ["echo", "a", "b", "c"]),
    ("diff <(a) >(b)", ["diff", "a", "b"]),
    ("X=$(a) b", ["a", "b"]),
    ("X=$(a)", [None, "a"]),
    ("! a", ["a"]),
    ("[[ -f $(a) ]]", ["a"]),
    ("export A=$(a) B", ["export", "a"]),
    ("a \\\n  --flag \\\n  b", ["a"]),
    ("# only a comment", []),
    ("/usr/bin/rm -f x", ["rm"]),
])
def test_every_simple_command_is_found(code: str, expected: list[str | None]) -> None:
    assert names(code) == expected


def test_words_keep_text_value_and_position() -> None:
    c = only("grep -e 'a b' \"x $HOME\" c\\ d $'\\t'")
    words = c.words
    assert [w.text for w in words] == ["grep", "-e", "'a b'", '"x $HOME"', "c\\ d", "$'\\t'"]
    assert [w.value for w in words] == ["grep", "-e", "a b", None, "c d", "\t"]
    assert words[3].unquoted == "x $HOME"
    assert [w.quoted for w in words] == [False, False, True, True, True, True]
    assert [(w.line, w.column) for w in words] == [(1, 0), (1, 5), (1, 8), (1, 14), (1, 24),
                                                   (1, 29)]
    assert c.static_args is None
    assert only("ls -l /tmp").static_args == ("-l", "/tmp")


def test_columns_count_characters_not_bytes() -> None:
    c = parse("echo 'héllo wörld'; rm x").commands[1]
    assert (c.name, c.line, c.column) == ("rm", 1, 20)


def test_lines_are_one_based_and_continuations_kept() -> None:
    cmds = parse("a\n\nb \\\n  c\nd").commands
    assert [(c.name, c.line, c.end_line) for c in cmds] == [("a", 1, 1), ("b", 3, 4),
                                                            ("d", 5, 5)]
    assert cmds[1].words[1].line == 4 and cmds[1].words[1].column == 2


def test_assignments_before_a_command() -> None:
    c = only("FOO=1 BAR=\"$x\" cmd arg")
    assert [(a.name, a.value and a.value.value) for a in c.assignments] == [("FOO", "1"),
                                                                             ("BAR", None)]
    bare = only("A=1")
    assert bare.words == () and bare.name is None and bare.assignments[0].name == "A"


def test_redirections() -> None:
    c = only("cmd < in > out 2>&1 2>>err &>all >| clobber 3< rw")
    got = [(r.operator, r.fd, r.target.value if r.target else None) for r in c.redirects]
    assert got == [("<", None, "in"), (">", None, "out"), (">&", 2, "1"), (">>", 2, "err"),
                   ("&>", None, "all"), (">|", None, "clobber"), ("<", 3, "rw")]
    assert [r.writes for r in c.redirects] == [False, True, False, True, True, True, False]
    assert [r.duplicates for r in c.redirects] == [False, False, True, False, False, False,
                                                   False]
    assert c.redirects[0].reads


def test_redirection_after_a_pipeline_belongs_to_its_last_command() -> None:
    cmds = parse("a | b > f && c 2> g").commands
    assert [[r.target.value for r in c.redirects if r.target] for c in cmds] == [[], ["f"],
                                                                                  ["g"]]
    assert [c.piped for c in cmds] == [False, True, False]


def test_redirection_of_a_compound_command_encloses_its_commands() -> None:
    cmds = parse("while read -r l; do echo \"$l\"; done < list.txt\n{ a; b; } > out").commands
    assert [[r.target.value for r in c.enclosing if r.target] for c in cmds] == [
        ["list.txt"], ["list.txt"], ["out"], ["out"]]
    assert all(not c.redirects for c in cmds)
    assert cmds[2].within == ("group",)


def test_piped_into_a_compound() -> None:
    cmds = parse("ls | while read x; do echo $x; done").commands
    assert [(c.name, c.piped) for c in cmds] == [("ls", False), ("read", True), ("echo", True)]


def test_heredocs() -> None:
    code = "cat <<-'EOF' | grep x > out\n\ta $b\n\tEOF\ntee f <<EOF >/dev/null\n$c\nEOF\nls"
    script = parse(code)
    cat, grep, tee, ls = script.commands
    doc = cat.redirects[0].heredoc
    assert doc is not None
    assert (doc.delimiter, doc.quoted, doc.strip_tabs, doc.body, doc.line, doc.end_line) == (
        "EOF", True, True, "\ta $b\n", 2, 3)
    assert grep.piped and grep.redirects[0].target and grep.redirects[0].target.value == "out"
    assert [r.operator for r in tee.redirects] == ["<<", ">"]
    second = tee.redirects[0].heredoc
    assert second is not None and not second.quoted and second.body == "$c\n"
    assert ls.line == 7
    assert script.heredoc_lines() == frozenset({2, 3, 5, 6})


def test_herestring() -> None:
    r = only("grep x <<< \"$v\"").redirects[0]
    assert r.operator == "<<<" and r.target is not None and r.target.value is None


def test_within_records_the_constructs_around_a_command() -> None:
    cmds = parse("if a; then (b; echo $(c)); fi").commands
    assert [c.within for c in cmds] == [("if",), ("if", "subshell"), ("if", "subshell"),
                                        ("if", "subshell", "substitution")]


@pytest.mark.parametrize(("code", "inner", "wrappers"), [
    ("env -i A=1 rm x", "rm", ["env"]),
    ("env -u HOME -C /tmp -- rm x", "rm", ["env"]),
    ("time rm x", "rm", ["time"]),
    ("time -p rm x", "rm", ["time"]),
    ("nice -n 10 rm x", "rm", ["nice"]),
    ("nice -10 rm x", "rm", ["nice"]),
    ("ionice -c2 -n7 rm x", "rm", ["ionice"]),
    ("nohup rm x", "rm", ["nohup"]),
    ("stdbuf -oL rm x", "rm", ["stdbuf"]),
    ("timeout 5 rm x", "rm", ["timeout"]),
    ("timeout -s KILL --foreground -k 3 5m rm x", "rm", ["timeout"]),
    ("sudo rm x", "rm", ["sudo"]),
    ("sudo -u postgres -H rm x", "rm", ["sudo"]),
    ("sudo -un root rm x", "rm", ["sudo"]),
    ("sudo --user=app -- rm x", "rm", ["sudo"]),
    ("sudo A=1 rm x", "rm", ["sudo"]),
    ("doas -u app rm x", "rm", ["doas"]),
    ("xargs rm", "rm", ["xargs"]),
    ("xargs -0 -n 1 -I{} rm {}", "rm", ["xargs"]),
    ("xargs", "echo", ["xargs"]),
    ("bash -c 'rm x'", "rm", ["bash -c"]),
    ("sh -ec \"rm x\"", "rm", ["sh -c"]),
    ("zsh -c 'rm x'", "rm", ["zsh -c"]),
    ("ssh db1 rm -rf /var/lib/postgresql", "rm", ["ssh"]),
    ("ssh -p 2222 -i key -o StrictHostKeyChecking=no admin@db1 'rm x'", "rm", ["ssh"]),
    ("ssh db1 sudo rm x", "rm", ["ssh", "sudo"]),
    ("kubectl exec api-1 -- rm -rf /data", "rm", ["kubectl exec"]),
    ("kubectl -n prod exec -it api-1 -c app -- rm x", "rm", ["kubectl exec"]),
    ("kubectl exec api-1 rm x", "rm", ["kubectl exec"]),
    ("oc exec api-1 -- rm x", "rm", ["oc exec"]),
    ("oc rsh api-1 rm x", "rm", ["oc rsh"]),
    ("docker exec -it -u root web rm x", "rm", ["docker exec"]),
    ("docker container exec web rm x", "rm", ["docker exec"]),
    ("docker compose exec -T db rm x", "rm", ["docker compose exec"]),
    ("docker compose -f a.yml exec db rm x", "rm", ["docker compose exec"]),
    ("docker-compose exec db rm x", "rm", ["docker compose exec"]),
    ("podman exec web rm x", "rm", ["podman exec"]),
    ("watch -n 5 rm x", "rm", ["watch"]),
    ("watch -x rm x", "rm", ["watch"]),
    ("command rm x", "rm", ["command"]),
    ("exec rm x", "rm", ["exec"]),
    ("builtin echo x", "echo", ["builtin"]),
    ("sudo -u app env A=1 timeout 5 nice bash -c 'ssh h \"rm x\"'", "rm",
     ["sudo", "env", "timeout", "nice", "bash -c", "ssh"]),
    ("kubectl exec p -- sh -c 'rm x'", "rm", ["kubectl exec", "sh -c"]),
])
def test_wrappers_are_taken_off(code: str, inner: str, wrappers: list[str]) -> None:
    c = only(code)
    assert c.name == inner
    assert [w.name for w in c.wrappers] == wrappers
    assert c.text == code or c.wrappers[-1].shell or len(c.wrappers) > 1


@pytest.mark.parametrize("code", ["sudo -l", "sudo -v", "ssh db1", "ssh -N -L 1:h:2 db1",
                                  "command -v rm", "kubectl exec api-1", "bash script.sh",
                                  "bash", "timeout 5", "env", "docker exec web"])
def test_a_wrapper_that_runs_nothing_is_the_command(code: str) -> None:
    c = only(code)
    assert c.name == code.split()[0] and c.wrappers == ()


def test_wrapper_words_and_assignments() -> None:
    c = only("sudo -u app FOO=1 cat /etc/hosts")
    assert [w.value for w in c.wrappers[0].words] == ["sudo", "-u", "app"]
    assert [a.name for a in c.assignments] == ["FOO"]
    env = only("env -i A=1 B=2 printenv")
    assert [a.name for a in env.assignments] == ["A", "B"]


def test_sudo_options_are_split_but_not_those_of_its_command() -> None:
    c = only("sudo -un root tar -tv x")
    assert [w.value for w in c.wrappers[0].words] == ["sudo", "-nu", "root"]
    assert c.name == "tar" and c.static_args == ("-tv", "x")
    inner = only("sudo kubectl debug -ti node/n1")
    assert inner.static_args == ("debug", "-ti", "node/n1")
    assert only("sudo --user app -n tar -tv").static_args == ("-tv",)


def test_select_loops_and_their_input() -> None:
    script = parse("select a in x y; do break; done\n"
                   "select b in x; do :; done < answers\n"
                   "printf '1\\n' | select c in x; do :; done\n")
    assert [(s.line, s.column, s.piped) for s in script.selects] == [
        (1, 0, False), (2, 0, False), (3, 15, True)]
    assert script.selects[0].enclosing == ()
    target = script.selects[1].enclosing[0].target
    assert target is not None and target.value == "answers"
    assert parse("for a in x; do :; done").selects == ()


def test_a_string_parsed_again_keeps_positions() -> None:
    cmds = parse("ssh db1 'ls /x; rm -rf /y'").commands
    assert [(c.name, c.line, c.column) for c in cmds] == [("ls", 1, 9), ("rm", 1, 16)]
    assert cmds[1].words[2].value == "/y" and cmds[1].words[2].column == 23
    multi = parse("bash -c '\n  ls\n  rm x\n'").commands
    assert [(c.name, c.line, c.column) for c in multi] == [("ls", 2, 2), ("rm", 3, 2)]


def test_ssh_joins_its_words_as_ssh_does() -> None:
    cmds = parse("ssh db1 'cd /x &&' rm -rf y").commands
    assert [c.name for c in cmds] == ["cd", "rm"]
    assert cmds[1].static_args == ("-rf", "y")


def test_outer_redirections_enclose_a_reparsed_string() -> None:
    c = only("ssh db1 cat /x > local.txt")
    assert c.redirects == () and c.enclosing[0].target is not None
    assert c.enclosing[0].target.value == "local.txt"


def test_dynamic_words() -> None:
    c = only("$TOOL --flag \"${ARGS[@]}\"")
    assert c.name is None and c.words[0].unquoted == "$TOOL"
    inner = only("bash -c \"$CMD\"")
    assert inner.name is None and inner.wrappers[0].name == "bash -c"


def test_comments_and_functions() -> None:
    script = parse("# one\nls  # two\necho '# not one'\nf() { :; }")
    assert [(c.text, c.line, c.column) for c in script.comments] == [("# one", 1, 0),
                                                                     ("# two", 2, 4)]
    assert script.functions == frozenset({"f"})


@pytest.mark.parametrize(("code", "line"), [
    ("if true; then\n  ls\n", 3),
    ("echo 'unclosed\n", 1),
    ("ls\n) x\n", 2),
    ("kubectl logs <pod>", 1),
])
def test_syntax_errors_are_reported_not_raised(code: str, line: int) -> None:
    script = parse(code)
    assert not script.ok
    assert script.errors[0].line == line
    assert script.errors[0].message


def test_a_clean_block_has_no_errors() -> None:
    assert parse("set -euo pipefail\nkubectl get pods -n \"$NS\" | grep -v Running\n").ok


def test_parse_is_cached_per_content() -> None:
    assert parse("ls -l") is parse("ls -l")


def test_empty_block() -> None:
    script = parse("")
    assert script.commands == () and script.ok
