"""``runwright journal sync``."""

from __future__ import annotations

import click

from runwright.cli.common import get_config


@click.group(epilog="""\b
Examples:
  runwright journal sync""")
def journal() -> None:
    """The run journal: send its local spool to the team journal (sync)."""


@journal.command(epilog="""\b
Examples:
  runwright journal sync
  RUNWRIGHT_JOURNAL=postgresql://runwright@db.internal/runwright runwright journal sync""")
def sync() -> int:
    """Send the local spool to the team journal.

    The spool holds the runs and events written while the team journal (PostgreSQL) was
    unreachable. Each event is sent once: what is already in the journal is skipped, so a
    second sync sends nothing. Any command that reaches the journal also sends the spool; this
    one says what it sent.

    Exit status: 0 sent (or nothing to send), 2 the journal is unreachable or not PostgreSQL.
    """
    from runwright.runner.spool import sync as sync_spool

    click.echo(sync_spool(get_config()).describe())
    return 0
