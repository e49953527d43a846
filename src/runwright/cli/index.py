"""``runwright index``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(epilog="""\b
Examples:
  runwright index                 # write docs/runbooks/README.md
  runwright index --check         # in CI: exit 1 and show a diff when it is out of date""")
@click.argument("root", required=False, type=click.Path(file_okay=False))
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 with a unified diff when the README is out of date.")
def index(root: str | None, check: bool) -> int:
    """Write the runbook catalogue (docs/runbooks/README.md) of the repository at ROOT.

    One table per category (deployment, incidents, maintenance, other folders) with title,
    owner, last update, estimated time, frequency, freshness and last test. Only the part
    between the runwright:index markers is rewritten; the rest of the README is kept.
    """
    from runwright.catalog import write_index
    from runwright.cli.common import get_config, report_input_error
    from runwright.config import load_config
    from runwright.errors import InputError, UsageError

    ctx = click.get_current_context()
    if root is not None:
        base = Path(root)
        if not base.is_dir():
            raise UsageError(f"{root}: no such directory")
        explicit = ctx.find_root().obj.get("config_path") if ctx.find_root().obj else None
        config = load_config(Path(explicit) if explicit else None, start=base)
        top = base
    else:
        config = get_config()
        top = config.root
    result = write_index(top, config, check=check)
    shown = _shown(result.path)
    for _rel, message in result.errors:
        # The message names the file already; the catalogue lists it as unreadable.
        report_input_error(InputError(message))
    failed = 2 if result.errors else 0
    if check:
        if result.changed:
            click.echo(result.diff, nl=False)
            click.secho(f"{shown} is out of date: run `runwright index`", err=True, fg="red")
            return 1
        click.echo(f"{shown} is up to date")
        return failed
    click.echo(f"wrote {shown}" if result.written else f"{shown} is up to date")
    return failed


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
