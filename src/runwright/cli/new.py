"""``runwright new``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from runwright.config import Config


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
    are reported by `runwright lint` until they are replaced. Never overwrites a file. When
    the runbook catalogue (docs/runbooks/README.md with its runwright:index markers) exists,
    it is brought up to date, so that `runwright index --check` passes.
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
    return _update_catalogue(config)


def _update_catalogue(config: Config) -> int:
    """Rewrite the catalogue when the repository keeps one; 2 when a runbook in it could not
    be read (listed as unreadable, as `runwright index` does)."""
    from runwright.catalog import END_MARKER, write_index
    from runwright.cli.common import report_input_error
    from runwright.errors import InputError

    readme = config.root / config.paths[0] / "README.md"  # where `runwright index` writes
    try:
        managed = END_MARKER in readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        managed = False
    if not managed:
        return 0
    result = write_index(config.root, config)
    for _rel, message in result.errors:
        report_input_error(InputError(message))
    if result.written:
        click.echo(f"updated {readme.relative_to(config.root).as_posix()}")
    return 2 if result.errors else 0
