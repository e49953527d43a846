"""``runwright run``, ``test``, ``runs`` and ``report``."""

from __future__ import annotations

from pathlib import Path

import click

from runwright.cli.common import get_config


@click.command(epilog="""\b
Examples:
  runwright run docs/runbooks/deployment/deploy-production.md --var VERSION=v1.2.3
  runwright run deploy.md --dry-run
  runwright run deploy.md --resume
  runwright run deploy.md --yes --from 3""")
@click.argument("runbook", type=click.Path(dir_okay=False))
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Value of a variable (repeatable); passed as an environment variable.")
@click.option("--yes", "-y", is_flag=True, help="Run steps without asking (not 'confirm' steps).")
@click.option("--yes-destructive", is_flag=True,
              help="With --yes, also run 'confirm' steps and rollbacks without typing.")
@click.option("--dry-run", is_flag=True, help="Show what would run, in order; run nothing.")
@click.option("--from", "from_step", metavar="STEP", help="Start at this step number.")
@click.option("--resume", "resume", is_flag=False, flag_value="", default=None,
              metavar="[RUN_ID]", help="Continue the latest (or the given) unfinished run.")
@click.option("--inventory", "-i", metavar="INVENTORY",
              help="Ansible inventory for fleet steps (on=...), instead of the runbook's or "
                   "the configuration's.")
@click.option("--limit", "-l", metavar="PATTERN",
              help="Only the hosts of fleet steps that also match this Ansible pattern.")
def run(runbook: str, variables: tuple[str, ...], yes: bool, yes_destructive: bool,
        dry_run: bool, from_step: str | None, resume: str | None, inventory: str | None,
        limit: str | None) -> int:
    """Run a runbook step by step, journalling every command, output and decision.

    Exit status: 0 completed, 1 failed, aborted or after a rollback (whatever it did), 2 usage
    or input error, 130 interrupted (continue with --resume).
    """
    from runwright.errors import UsageError
    from runwright.runner.api import options_from_config
    from runwright.runner.api import run as run_runbook
    from runwright.runner.variables import parse_var_options

    if resume is not None and from_step is not None:
        raise UsageError("--resume and --from cannot be used together")
    config = get_config()
    opts = options_from_config(config, variables=parse_var_options(variables), yes=yes,
                               yes_destructive=yes_destructive, dry_run=dry_run,
                               from_step=from_step, resume=resume is not None,
                               resume_id=resume or None, inventory=inventory, limit=limit)
    return run_runbook(Path(runbook), config, opts).exit_code


@click.command(epilog="""\b
Examples:
  runwright test docs/runbooks --junit junit.xml
  runwright test deploy.md --var ENV=staging --allow-mutating
  runwright test docs/runbooks --explain""")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--junit", type=click.Path(dir_okay=False), help="Write JUnit XML here.")
@click.option("--allow-mutating", is_flag=True, default=None,
              help="Also run steps that are not known to be read-only.")
@click.option("--explain", is_flag=True,
              help="Say for each step whether it would run and why, and run nothing.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Value of a variable (repeatable).")
@click.option("--inventory", "-i", metavar="INVENTORY",
              help="Ansible inventory for fleet steps (on=...).")
@click.option("--limit", "-l", metavar="PATTERN",
              help="Only the hosts of fleet steps that also match this Ansible pattern.")
def test(paths: tuple[str, ...], junit: str | None, allow_mutating: bool | None,
         explain: bool, variables: tuple[str, ...], inventory: str | None,
         limit: str | None) -> int:
    """Run runbooks unattended: steps known to be read-only run, the others are skipped with
    the reason, expect blocks are checked, results go to the journal. Exit 0 when no runbook
    failed."""
    from runwright.cli.common import report_input_error
    from runwright.errors import InputError, UsageError
    from runwright.runner import unattended
    from runwright.runner.variables import parse_var_options

    if explain:
        if junit:
            raise UsageError("--explain runs nothing: there is no JUnit file to write")
        errors: list[InputError] = []
        unattended.print_explanation(unattended.explain(
            paths, get_config(), parse_var_options(variables), allow_mutating, errors,
            report_input_error))
        return 2 if errors else 0
    return unattended.test_paths(paths, get_config(), parse_var_options(variables),
                                 allow_mutating=allow_mutating,
                                 junit=Path(junit) if junit else None,
                                 on_error=report_input_error, inventory=inventory,
                                 limit=limit)


@click.command(epilog="""\b
Examples:
  runwright runs
  runwright runs --runbook docs/runbooks/deployment/deploy-production.md --format json""")
@click.option("--runbook", type=click.Path(dir_okay=False), help="Only runs of this runbook.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Newest runs to list (at least 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def runs(runbook: str | None, limit: int, fmt: str) -> int:
    """List past runs and tests from the journal, newest first."""
    from runwright.runner.report import list_runs

    click.echo(list_runs(get_config(), Path(runbook) if runbook else None, limit, fmt))
    return 0


@click.command(epilog="""\b
Examples:
  runwright report 20260115-031207-a1b2c3 > incident-timeline.md
  runwright report 20260115 --format json""")
@click.argument("run_id")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True)
def report(run_id: str, fmt: str) -> int:
    """Print the timeline of one run (any unique prefix of its id) for a post-incident review."""
    from runwright.runner.report import report_run

    click.echo(report_run(get_config(), run_id, fmt))
    return 0
