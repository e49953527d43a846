"""Which code blocks hold commands: the policy the command rules share.

Not everything in a code block is a command. A MyST or Sphinx directive fence
(```` ```{toctree} ````, ```` ```{note} ````) is markup for the site generator; the body of a
MkDocs admonition or content tab (``!!! note``, ``??? tip``, ``=== "Tab"``) is indented prose
that CommonMark reads as an indented code block; a PromQL expression or an SQL statement in a
fence labelled ``bash`` is a query that someone labelled as shell. The rules that read shell
(syntax, ShellCheck, prompts, placeholders, empty option values, unfenced commands, ``curl |
sh``) leave all of these alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from runwright.linter.rules._shell import looks_like_command, scan
from runwright.model import CodeBlock, Runbook

_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s*\S")

_PROMQL_FUNCTION_WORDS = """
abs absent absent_over_time avg avg_over_time bottomk ceil changes clamp clamp_max clamp_min
count count_over_time count_values day_of_month day_of_week days_in_month delta deriv exp floor
group histogram_quantile holt_winters hour idelta increase irate label_join label_replace
last_over_time ln log10 log2 max max_over_time min min_over_time minute month predict_linear
present_over_time quantile quantile_over_time rate resets round scalar sgn sort sort_desc sqrt
stddev stddev_over_time stdvar sum sum_over_time time timestamp topk vector year
"""
_PROMQL_FUNCTIONS = tuple(_PROMQL_FUNCTION_WORDS.split())
_PROMQL_MARKERS = re.compile(
    r"[A-Za-z_:][\w:]*\{[^{}]*[=~!]+\s*\"[^\"]*\"[^{}]*\}"  # metric{label="value"}
    r"|\[\d+(?:ms|[smhdwy])(?::\d*(?:ms|[smhdwy])?)?\]"  # range [5m], subquery [1h:5m]
    r"|(?<![\w$-])(?:" + "|".join(_PROMQL_FUNCTIONS) + r")\s*\("  # rate( sum(
    r"|\)\s+(?:by|without)\s*\(|\s(?:by|without)\s*\([\w, ]*\)\s*\(")
#: A line that continues an expression (``  / on(instance) ...``, ``) by (pod)``).
_CONTINUED_QUERY = re.compile(r"(?:[/*+\-<>=!%^]=?\s|[)\]}]|(?:and|or|unless|on|ignoring|"
                              r"group_left|group_right|by|without)\b)")
_SQL_START = re.compile(
    r"^(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|"
    r"UNIQUE|VIEW|DATABASE|SCHEMA|USER|ROLE|EXTENSION)|ALTER\s+(?:TABLE|DATABASE|USER|ROLE|"
    r"SYSTEM)|DROP\s+(?:TABLE|INDEX|VIEW|DATABASE|SCHEMA|USER|ROLE)|TRUNCATE|GRANT|REVOKE|"
    r"WITH\s+\w+\s+AS|EXPLAIN|VACUUM|ANALYZE|SHOW\s+\w+|BEGIN;|COMMIT;|ROLLBACK;)\b", re.I)


def in_admonition(lines: list[str], line: int) -> bool:
    """Whether an indented block starting at ``line`` is the body of a MkDocs admonition or
    content tab (``!!! note``, ``??? tip``, ``=== "Tab"``) that opens above it."""
    for ln in range(line - 2, -1, -1):
        text = lines[ln]
        if not text.strip() or text.startswith((" ", "\t")):
            continue
        return bool(_ADMONITION.match(text))
    return False


@lru_cache(maxsize=4096)
def query_language(code: str) -> str | None:
    """``"PromQL"`` or ``"SQL"`` when a block holds a query and no command, else None."""
    lines = [sl.code.strip() for sl in scan(code) if sl.code.strip()]
    if not lines or any(looks_like_command(ln) and not _CONTINUED_QUERY.match(ln)
                        for ln in lines):
        return None
    if _SQL_START.match(lines[0]):
        return "SQL"
    if any(_PROMQL_MARKERS.search(ln) for ln in lines):
        return "PromQL"
    return None


def not_commands(runbook: Runbook, block: CodeBlock) -> bool:
    """Whether a block is something other than commands (see the module documentation)."""
    if block.directive is not None:
        return True
    if not block.fenced and in_admonition(runbook.lines, block.line):
        return True
    return bool(block.code.strip()) and query_language(block.code) is not None


def shell_blocks(runbook: Runbook) -> list[CodeBlock]:
    """The blocks labelled as shell that hold commands to check."""
    return [b for b in runbook.code_blocks if b.is_shell and not not_commands(runbook, b)]
