"""Speed short-cuts in the rules give exactly the results of the plain versions.

RW801 and RW802 first test each line with one pattern of the words their patterns need and
skip the line when it holds none; RW404/RW406 and the prompt rules remember their answer per
block. Property tests compare against the same functions with the short-cuts taken out, on
lines built from the words, separators and cases that matter.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runwright.linter.rules import _shell, _util, destructive_without_confirm, placeholder
from runwright.linter.rules import secret_in_command as secret

WORDS = [
    "rm", "-rf", "-r", "-f", "--recursive", "--force", "--force-with-lease", "kubectl", "oc",
    "delete", "DELETE", "FROM", "WHERE", "drop", "DROP", "TABLE", "truncate", "terraform",
    "destroy", "apply", "-destroy", "helm", "uninstall", "git", "push", "reset", "--hard",
    "clean", "-fd", "dd", "of=/dev/sda", "mkfs.ext4", "FLUSHALL", "flushdb", "docker",
    "system", "prune", "etcdctl", "del", "aws", "s3", "ec2", "terminate-instances", "gcloud",
    "az", "AKIA" + "A" * 16, "ghp_" + "a" * 36, "glpat-" + "b" * 20, "xoxb-1234567890",
    "eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl", "AIza" + "c" * 35, "sk_live_" + "d" * 16,
    "Authorization:", "Bearer", "abcdef123", "PGPASSWORD=hunter22", "--password=s3cret!",
    "token:", "API_KEY=", "client-secret", "https://user:pa55word@host/x", "$TOKEN", "<value>",
    "echo", "ok", "...", "[Placeholder]", "TODO", "xxx", "YYYY-MM-DD", "`date`", "<!--", "-->",
    "$", "#", "user@host:~$", "sudo", "ſecret", "K",
]
SEPARATORS = [" ", "  ", ";", "&&", "|", "(", "`", "\t", "=", ":", "'", '"', ""]
line = st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(WORDS)),
                max_size=8).map(lambda parts: "".join(s + w for s, w in parts))
block = st.lists(line, min_size=1, max_size=6).map(lambda lines: "\n".join(lines) + "\n")
MATCH_ALL = re.compile("")


@settings(max_examples=400, deadline=None)
@given(block)
def test_destructive_prefilter_changes_nothing(code: str) -> None:
    fast = destructive_without_confirm.destructive(code)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(destructive_without_confirm, "_ANY", MATCH_ALL)
        assert destructive_without_confirm.destructive(code) == fast


@settings(max_examples=400, deadline=None)
@given(block)
def test_secret_prefilter_changes_nothing(code: str) -> None:
    fast = secret.secrets(code)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(secret, "_ANY", MATCH_ALL)
        assert secret.secrets(code) == fast


#: One line per pattern of each rule, each caught by that pattern.
DESTRUCTIVE_LINES = [
    "sudo rm -rf /var/lib/x", "rm -r -f x", "oc delete pod x", "psql -c 'drop table users'",
    "TRUNCATE events", "psql -c 'DELETE FROM users;'", "terraform destroy",
    "tofu apply -auto-approve -destroy", "helm del api", "git push origin main -f",
    "git clean -xdf", "x --force=true", "(dd if=x of=/dev/sdb)", "wipefs -a /dev/sdb",
    "redis-cli flushall", "podman image prune", "etcdctl del /a", "aws s3 rb s3://b --recursive",
    "aws ec2 terminate-instances --ids i-1", "gcloud compute instances delete vm",
    "az group delete -n rg",
]
SECRET_LINES = [
    "export K=AKIA" + "A" * 16, "ghp_" + "a" * 36, "github_pat_" + "a" * 50, "glpat-" + "b" * 20,
    "xoxp-1234567890", "https://hooks.slack.com/services/T1/B2/c3",
    "-----BEGIN RSA PRIVATE KEY-----", "eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl",
    "AIza" + "c" * 35, "rk_live_" + "d" * 16, "curl -H 'authorization: token abcdef123'",
    "MYSQL_PWD=hunter22 mysql", "REDISCLI_AUTH=hunter22 redis-cli", "--PASSWD=hunter22",
    "client_secret: hunter22", "apikey=hunter22", "psql postgres://app:hunter22@db/app",
]


@pytest.mark.parametrize("text", DESTRUCTIVE_LINES)
def test_destructive_prefilter_passes_every_pattern(text: str) -> None:
    assert destructive_without_confirm.destructive(text + "\n") is not None
    with pytest.MonkeyPatch.context() as m:
        m.setattr(destructive_without_confirm, "_ANY", MATCH_ALL)
        assert destructive_without_confirm.destructive(text + "\n") is not None


@pytest.mark.parametrize("text", SECRET_LINES)
def test_secret_prefilter_passes_every_pattern(text: str) -> None:
    assert secret.secrets(text) != []


def test_every_command_of_the_policy_passes_the_prefilter() -> None:
    rules = destructive_without_confirm
    lines = [f"{name} {' '.join(words)}" for name, subs in rules.SUBCOMMANDS.items()
             for words, _what in subs]
    # the aliases of the tools RW801 has a policy for (oc, podman, tofu, terragrunt)
    aliases = [a for a, of in rules.ALIASES.items()
               if of in rules.SUBCOMMANDS or of in rules.CHECKS]
    assert set(aliases) == {"oc", "podman", "tofu", "terragrunt"}
    lines += [f"{name} x" for name in (*aliases, *rules.NAMES, *rules.CHECKS, "mkfs.ext4")]
    assert [t for t in lines if not rules._ANY.search(t)] == []


def test_every_pattern_has_a_line() -> None:
    rules = destructive_without_confirm
    said = {hit[2] for t in DESTRUCTIVE_LINES if (hit := rules.destructive(t + "\n"))}
    policy = {what for subs in rules.SUBCOMMANDS.values() for _w, what in subs} | {
        *rules.NAMES.values(), *(w for _p, w in rules._SQL), "rm -rf", "git push --force",
        "git reset --hard / clean", "--force", "dd to a device", "aws delete",
        "gcloud delete", "az delete"}
    assert said == policy
    assert {kind for p, kind, _v in secret.SECRETS if any(p.search(t) for t in SECRET_LINES)} \
        == {kind for _p, kind, _v in secret.SECRETS}


def test_prefilters_do_skip_plain_lines() -> None:
    assert not destructive_without_confirm._ANY.search("systemctl status nginx")
    assert not secret._ANY.search("systemctl status nginx")
    assert destructive_without_confirm.destructive("ls\nkubectl delete pod x\n") == (
        1, 0, "kubectl delete")
    assert secret.secrets("ls\ncurl -H 'Authorization: Bearer abcdef123'\n") == [
        (1, 9, "a literal Authorization token")]


@settings(max_examples=200, deadline=None)
@given(block)
def test_remembered_answers_are_fresh_and_equal(code: str) -> None:
    first = _shell.prompts(code)
    assert first == list(_shell._prompts.__wrapped__(code))
    first.append(_shell.Prompt(99, 0, 0, "$"))  # a caller changing its list ...
    assert _shell.prompts(code) == list(_shell._prompts.__wrapped__(code))  # ... changes no other
    found = placeholder.placeholders(code)
    assert found == list(placeholder._placeholders.__wrapped__(code))
    found.clear()
    assert placeholder.placeholders(code) == list(placeholder._placeholders.__wrapped__(code))


@settings(max_examples=300, deadline=None)
@given(line)
def test_blank_code_short_cut(text: str) -> None:
    slow = _util._INLINE_CODE.sub(lambda m: " " * len(m.group(0)),
                                  _util._HTML_COMMENT.sub(lambda m: " " * len(m.group(0)), text))
    assert _util.blank_code(text) == slow


PHRASE_WORDS = ["as usual", "if needed", "etc.", "comme d'habitude", "à peu près", "Évidemment",
                "'quoted", "-x", "]y", "wait a bit", "ça", "Si besoin", "ok", "ÿes"]
TEXT_WORDS = [*PHRASE_WORDS, "AS USUAL", "comme d’habitude", "a peu pres", "éTC.", "etcd",
              "xetc.", "wait  a bit", "WAIT A BIT!", "ifneeded", "ÇA", "\u0301", "42", "-", "y"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=5),
       st.lists(st.tuples(st.sampled_from([" ", "", ",", "(", "'", "\t"]),
                          st.sampled_from(TEXT_WORDS)), max_size=8))
def test_vague_first_character_test_changes_nothing(phrases: list[str],
                                                   parts: list[tuple[str, str]]) -> None:
    from runwright.linter.rules.vague_wording import compile_phrases

    text = "".join(s + w for s, w in parts)
    fast = compile_phrases(tuple(phrases))
    assert fast is not None and fast.pattern.startswith("(?=[")
    plain = re.compile(fast.pattern[fast.pattern.index("(?<!"):], re.I)
    assert [(m.start(), m.group(0)) for m in fast.finditer(text)] == \
        [(m.start(), m.group(0)) for m in plain.finditer(text)]
