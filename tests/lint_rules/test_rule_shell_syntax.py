"""Table tests for RW406 shell-syntax, with the real ``bash -n``."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

from runwright.linter.rules.shell_syntax import check_blocks

CASES: list[tuple[str, str, list[int]]] = [
    ("valid", "# X\n\n```bash\nkubectl get pods | grep api\n```\n", []),
    ("trailing pipe", "# X\n\n```bash\nkubectl get pods |\n```\n", [4]),
    ("trailing and", "# X\n\n```bash\nmake build &&\n```\n", [4]),
    ("open quote", "# X\n\n```sh\necho 'oops\nls\n```\n", [4]),
    ("unclosed if", "# X\n\n```bash\nif true; then\n  echo x\n```\n", [5]),
    ("unclosed heredoc", "# X\n\n```bash\ncat <<EOF\ntext\n```\n", [5]),
    ("comment only", "# X\n\n```bash\n# TODO: command needed\n```\n", []),
    ("second block only", "# X\n\n```bash\nls\n```\n\n```bash\nfi\n```\n", [8]),
    ("transcript skipped", "# X\n\n```bash\n$ ls |\n```\n", []),
    ("placeholder skipped", "# X\n\n```bash\nkubectl get node <node>\n```\n", []),
    ("other languages skipped", "# X\n\n```python\nif x:\n```\n", []),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_shell_syntax(label: str, text: str, expected: list[int]) -> None:
    assert lines_of(run_rule("RW406", text)) == expected


def test_messages_speak_of_the_block() -> None:
    (finding,) = run_rule("RW406", "# X\n\n```bash\nkubectl get pods |\n```\n")
    assert "ends with '|'" in finding.message
    assert "__runwright" not in finding.message


def test_an_open_quote_is_not_blamed_on_the_next_block() -> None:
    results = check_blocks(["echo 'open", "ls -l", "echo fine"])
    assert results[0] and results[1] == () and results[2] == ()


def test_many_blocks_one_file() -> None:
    blocks = "".join(f"```bash\necho {i}\n```\n\n" for i in range(200))
    text = "# X\n\n" + blocks + "```bash\nfor x in; do\n```\n"
    findings = run_rule("RW406", text)
    assert len(findings) == 1 and findings[0].line == 2 + 200 * 4 + 2
