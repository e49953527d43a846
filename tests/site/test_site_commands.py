"""The copy button copies the commands only: no prompts, no output."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runwright.site.commands import block_kind, copy_text


@pytest.mark.parametrize(("code", "language", "expected"), [
    ("kubectl get pods -n prod\n", "bash", "kubectl get pods -n prod"),
    ("# check first\nkubectl get pods\n", "bash", "# check first\nkubectl get pods"),
    ("$ kubectl get pods\nNAME   READY\napp    1/1\n", "bash", "kubectl get pods"),
    ("$ helm upgrade app ./chart \\\n    --set image.tag=v2\nRelease upgraded\n", "sh",
     "helm upgrade app ./chart \\\n    --set image.tag=v2"),
    ("$ a\nout\n$ b\n", None, "a\nb"),
    ("user@host:~/app$ make deploy\nok\n", "console", "make deploy"),
    ("# systemctl restart nginx\n$ curl -I localhost\nHTTP/1.1 200 OK\n", "console",
     "systemctl restart nginx\ncurl -I localhost"),
    ("(venv) $ pip install runwright\n", "console", "pip install runwright"),
    ("PS C:\\> Get-Service\n", "console", "Get-Service"),
    ("deployment.apps/app rolled out\n", "expect", "deployment.apps/app rolled out"),
    ("$ not a prompt in output\n", "text", "$ not a prompt in output"),
    ("apiVersion: v1\nkind: Pod\n", "yaml", "apiVersion: v1\nkind: Pod"),
])
def test_copy_text(code: str, language: str | None, expected: str) -> None:
    assert copy_text(code, language) == expected


def test_block_kinds() -> None:
    assert [block_kind(x) for x in ("bash", None, "console", "expect", "text", "yaml")] == [
        "command", "command", "transcript", "output", "output", "code"]


@given(st.lists(st.sampled_from(["$", " ", "\t", "a", "(venv)", "#", "me@host:~", "$ ls",
                                 "\\", "x"]), max_size=12).map("".join),
       st.lists(st.sampled_from(["", "$ ls", "  $ x", "$", "echo $A"]), max_size=3))
def test_prompt_search_equals_matching_each_line(head: str, lines: list[str]) -> None:
    from runwright.site.commands import _DOLLAR, _DOLLAR_LINE

    text = "\n".join([head, *lines])
    expected = any(_DOLLAR.match(line) for line in text.split("\n"))
    assert bool(_DOLLAR_LINE.search(text)) == expected
