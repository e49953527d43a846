"""RW403 (shell-prompt) on transcripts: a block in which every command line carries a prompt
is a session shown as typed; its prompts are reported only in ``standard`` runbooks."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

from runwright.linter.rules._shell import all_prompted, prompts, transcript_script

PROMPTS_ONLY = "# X\n\n```bash\n$ export NS=\"$(kubectl get ns -o name | head -1)\"\n" \
               "$ kubectl -n \"$NS\" get pods\n```\n"
WITH_OUTPUT = ("# X\n\n```shell\n$ kubectl -n monitoring logs prometheus-k8s-0\n"
               "level=warn ts=2021-01-04T15:08:55Z msg=\"Error on ingesting samples\"\n"
               "{\n  \"cpu\": \"5\"\n}\n```\n")
MIXED = "# X\n\n```bash\n$ kubectl get pods\nkubectl get nodes\n```\n"


@pytest.mark.parametrize("text", [PROMPTS_ONLY, WITH_OUTPUT], ids=["prompts only", "output"])
@pytest.mark.parametrize("profile", ["alert", "generic"])
def test_a_transcript_is_not_reported_outside_standard(text: str, profile: str) -> None:
    assert run_rule("RW403", text, profile=profile) == []


@pytest.mark.parametrize("text", [PROMPTS_ONLY, WITH_OUTPUT], ids=["prompts only", "output"])
def test_a_transcript_is_reported_in_standard_runbooks(text: str) -> None:
    assert lines_of(run_rule("RW403", text)) == [4]


@pytest.mark.parametrize("profile", ["standard", "alert", "generic"])
def test_a_block_mixing_prompted_and_plain_commands_is_reported(profile: str) -> None:
    assert lines_of(run_rule("RW403", MIXED, profile=profile)) == [4]


def test_output_after_a_prompt_does_not_read_as_a_command() -> None:
    code = WITH_OUTPUT.split("```shell\n")[1].split("```")[0]
    assert all_prompted(code, prompts(code))
    assert transcript_script(code) == "kubectl -n monitoring logs prometheus-k8s-0\n"
    plain = MIXED.split("```bash\n")[1].split("```")[0]
    assert not all_prompted(plain, prompts(plain)) and transcript_script(plain) is None
