"""``runwright find``."""

from __future__ import annotations

import click

from runwright.cli.common import get_config


@click.command(epilog="""\b
Examples:
  runwright find "ImagePullBackOff"
  runwright find 'FATAL:  password authentication failed for user "app"'
  kubectl logs pod/api-7d9f8b6c4-x2k9z | tail -1 | runwright find -
  runwright find KubePodCrashLooping --format json --limit 3
  runwright find --in examples "connection refused"

Exit status: 0 something found, 1 nothing found, 2 an error (a runbook that cannot be read is
reported and the others are still searched).""")
@click.argument("query", nargs=-1, required=True)
@click.option("-n", "--limit", type=int, default=None,
              help="How many runbooks to list (default: [find] limit, else 5).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--in", "paths", multiple=True, type=click.Path(),
              help="Search these folders or files instead of the configured runbook paths.")
@click.option("--reindex", is_flag=True, help="Rebuild the search index from scratch.")
def find(query: tuple[str, ...], limit: int | None, fmt: str, paths: tuple[str, ...],
         reindex: bool) -> int:
    """Find the runbook, and the troubleshooting entry or step, for an error or alert.

    QUERY is an error message, an alert name or a few words; a log line can be pasted whole
    (timestamps, pod names, ids and addresses are ignored). "-" reads it from standard input.
    The index (search.db in the state directory) is updated from changed files on each call.
    """
    import json
    import os
    import sys

    from runwright.cli.common import report_input_error
    from runwright.errors import InputError
    from runwright.search import END, HIT
    from runwright.search import find as run_find

    text = " ".join(query)
    if text.strip() == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise click.UsageError("the query is empty: give an error message, an alert name or "
                               "a few words (or '-' to read them from standard input)")
    result = run_find(text, get_config(), limit=limit, reindex=reindex, paths=paths)
    for rel, message in result.stats.errors:
        # "2:1: not valid UTF-8" reads as file:line:column; other messages follow ": ".
        sep = ":" if message[:1].isdigit() else ": "
        report_input_error(InputError(f"{_shown(result.root / rel)}{sep}{message}"))
    if fmt == "json":
        click.echo(json.dumps({
            "query": text, "terms": result.terms,
            "results": [{"path": _shown(result.root / h.path), "line": h.line,
                         "heading": h.heading, "kind": h.kind, "title": h.title,
                         "snippet": h.snippet.replace(HIT, "").replace(END, ""),
                         "score": round(h.score, 4), "matched": h.matched}
                        for h in result.hits],
        }, ensure_ascii=False, indent=2))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        for h in result.hits:
            where = click.style(f"{_shown(result.root / h.path)}:{h.line}", bold=color)
            click.echo(f"{where}: {h.heading}" + (f"  ({h.title})" if h.title != h.heading
                                                   else ""))
            if color:
                snippet = h.snippet.replace(HIT, "\x1b[1;33m").replace(END, "\x1b[0m")
            else:
                snippet = h.snippet.replace(HIT, "[").replace(END, "]")
            click.echo(f"    {snippet}")
        if not result.hits:
            click.echo("No runbook matches." if result.terms else
                       "No runbook matches: none of the query's words are in the runbooks.")
    if result.stats.errors:
        return 2
    return 0 if result.hits else 1


def _shown(path: object) -> str:
    import os

    rel = os.path.relpath(str(path))
    return str(path) if rel.startswith("..") else rel
