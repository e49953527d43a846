"""``runwright show``."""

from __future__ import annotations

import json

import click

from runwright.cli.common import get_config, iter_runbooks
from runwright.errors import InputError


@click.command(epilog="""\b
Examples:
  runwright show examples/incident-database-down.en.md
  runwright show examples/deploy-production.fr.md --format json | jq '.steps[].title'
  runwright show docs/runbooks --format json | jq '.[].title'""")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Outline for people, or the JSON contract for tools.")
def show(paths: tuple[str, ...], fmt: str) -> int:
    """Show the parsed model of runbook files (directories are searched recursively).

    With one file, --format json prints one object; with several files or a directory, an
    array. What the parser could not read as the format intends (invalid front matter, an
    unterminated fence...) is listed under "problems" and warned about on stderr. Exits 2 when
    any path could not be read (the others are still shown).
    """
    from runwright.show import render_text, to_dict

    config = get_config()
    errors: list[InputError] = []
    items = []
    single = len(paths) == 1 and not _is_dir(paths[0])
    for rb in iter_runbooks(paths, config, errors):
        for problem in rb.problems:
            click.echo(f"Warning: {rb.path}:{problem.line}: {problem.message}", err=True)
        if fmt == "json":
            items.append(to_dict(rb))
        else:
            click.echo(render_text(rb))
            click.echo()
    if fmt == "json":
        payload = items[0] if single and len(items) == 1 else items
        if items or not errors:
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    return 2 if errors else 0


def _is_dir(path: str) -> bool:
    import os

    return os.path.isdir(path)
