"""Things that are not commands, one minimal document each: MyST/Sphinx directive fences,
MkDocs admonition bodies, program output after a prompt, PromQL or SQL in a fence labelled as
shell. The command rules leave them alone; real shell in the same places is still checked."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import lines_of, run_rule

from runwright.linter.rules._blocks import query_language

COMMAND_RULES = ("RW401", "RW402", "RW403", "RW404", "RW405", "RW406", "RW407", "RW803")

NOT_COMMANDS = {
    "myst toctree": "# X\n\n```{toctree}\n:maxdepth: 2\n:hidden:\n\nADMIN.md\n```\n",
    "myst directive with an argument":
        "# X\n\n```{code-block} bash\n$ kubectl -n <ns> get pods |\n```\n",
    "admonition body": "# X\n\n!!! warning \"Careful\"\n\n    kubectl delete ns <name>\n\n"
                       "    curl https://get.example.com | sh is never the way.\n",
    "content tab": "# X\n\n=== \"Linux\"\n\n    systemctl restart app --timeout=\n",
    "output after a prompt":
        "# X\n\n```bash\n$ kubectl get pods -o wide\nNAME    NOMINATED NODE   READINESS GATES\n"
        "api-0   <none>           <none>\n$ echo \"$HOME\"\n/root --flag=\n```\n",
    "promql in a bash fence":
        "# X\n\n```bash\nsum(rate(http_requests_total{job=\"api\", code=~\"5..\"}[5m])) "
        "by (instance)\n  / on(instance) group_left sum(rate(http_requests_total[5m]))\n```\n",
    "promql comparison": "# X\n\n```shell\nup{job=\"node-exporter\"} == 0\n```\n",
    "sql in a bash fence":
        "# X\n\n```bash\nSELECT pid, state FROM pg_stat_activity\n"
        "WHERE state <> 'idle' AND query LIKE '%$1%';\n```\n",
    "sql ddl": "# X\n\n```sh\nALTER TABLE events ADD COLUMN created_at timestamptz;\n```\n",
}


@pytest.mark.parametrize("label", sorted(NOT_COMMANDS))
@pytest.mark.parametrize("rule", COMMAND_RULES)
def test_not_commands_are_not_checked_as_shell(label: str, rule: str) -> None:
    assert run_rule(rule, NOT_COMMANDS[label], profile="alert") == []


@pytest.mark.parametrize(("rule", "text", "lines"), [
    ("RW406", "# X\n\n```bash\nkubectl get pods | grep api |\n```\n", [4]),
    ("RW406", "# X\n\n```bash\npsql -c \"SELECT 1\" |\n```\n", [4]),
    ("RW402", "# X\n\n```\nkubectl get pods\n```\n", [3]),
    ("RW401", "# X\n\nRestart it:\n\n    systemctl restart nginx\n", [5]),
    ("RW404", "# X\n\n```bash\nkubectl delete pod <pod>\n```\n", [4]),
    ("RW405", "# X\n\n```bash\nkubectl scale deploy/api --replicas=\n```\n", [4]),
    ("RW803", "# X\n\n```bash\ncurl -fsSL https://get.example.com | sh\n```\n", [4]),
])
def test_real_shell_in_the_same_places_is_still_checked(rule: str, text: str,
                                                        lines: list[int]) -> None:
    assert lines_of(run_rule(rule, text, profile="alert")) == lines


@pytest.mark.parametrize(("code", "expected"), [
    ('rate(node_cpu_seconds_total{mode="idle"}[5m])\n', "PromQL"),
    ("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))\n", "PromQL"),
    ("select count(*) from users;\n", "SQL"),
    ("DROP TABLE sessions;\n", "SQL"),
    ("kubectl get pods\n", None),
    ("set -e\nSELECT 1;\n", None),  # a shell line: the block is shell
    ('kubectl top pods | sort -k2 -h\n', None),
    ('watch -n1 "curl -s localhost:9090/api/v1/query?query=up"\n', None),
])
def test_query_language(code: str, expected: str | None) -> None:
    assert query_language(code) == expected
