"""``runwright new``."""

from __future__ import annotations

import click


@click.command(epilog="""\b
Examples:
  runwright new incident "Queue backlog" --owner @payments
  runwright new deployment "Déploiement du worker" --lang fr
  runwright new generic "Rotate API keys" --path ops/rotate-keys.md""")
@click.argument("kind", type=click.Choice(["deployment", "incident", "maintenance", "generic"]))
@click.argument("title")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language (default: config).")
@click.option("--owner", help="Owner (default: config, CODEOWNERS for the path, git user).")
@click.option("--path", "path", type=click.Path(dir_okay=False),
              help="File to write (default: docs/runbooks/<folder>/<slug>.md).")
def new(kind: str, title: str, lang: str | None, owner: str | None, path: str | None) -> int:
    """Write one runbook of KIND titled TITLE from the standard template.

    The metadata is filled in (today's date, owner); the placeholders left in the template
    are reported by `runwright lint` until they are replaced. Never overwrites a file.
    """
    from pathlib import Path

    from runwright.cli.common import get_config
    from runwright.scaffold.init import new_runbook

    config = get_config()
    target = new_runbook(config.root, config, kind, title, lang=lang, owner=owner, path=path)
    try:
        shown = target.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = str(target)
    click.echo(f"created {shown}")
    return 0
