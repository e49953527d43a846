"""Entry point: a lazy click group and the one error boundary.

Commands are listed here by hand (name -> module, short help) so that ``runwright --help``
imports nothing but click; a command's module is imported only when it runs. Every command
module holds a click command named after it and calls one library function.

Exit statuses: 0 success, 1 findings (lint, audit, test, alerts ...), 2 usage, config or input
errors, 3 an unexpected internal error, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any

import click

from runwright import __version__

#: name -> (module under runwright.cli, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init", "Lay out docs/runbooks and draft the standard runbooks."),
    "new": ("new", "new", "Write one runbook from the standard template."),
    "show": ("show", "show", "Show the parsed model of runbooks (text or JSON)."),
    "lint": ("lint", "lint", "Check runbooks against the runbook practices."),
    "rules": ("lint", "rules", "List the lint rules, or explain one."),
    "index": ("index", "index", "Write (or --check) the runbook catalogue README."),
    "run": ("run", "run", "Run a runbook step by step, with a journal."),
    "test": ("run", "test", "Run runbooks unattended and check their expectations."),
    "runs": ("run", "runs", "List past runs from the journal."),
    "report": ("run", "report", "Print the timeline of one run."),
    "journal": ("journal", "journal", "Send the local spool to the team journal."),
    "audit": ("audit", "audit", "Score a repository against the runbook checklist."),
    "alerts": ("alerts", "alerts", "Check Prometheus alerts against runbooks; draft missing ones."),
    "find": ("find", "find", "Find the runbook and entry for an error or alert."),
    "site": ("site", "site", "Build or serve a static, searchable runbook site."),
    "lsp": ("lsp", "lsp", "Language server for editors: diagnostics, fixes, completion."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr, _ = entry
        try:
            module = importlib.import_module(f"runwright.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"runwright.cli.{module_name}":
                return _unavailable(cmd_name)
            raise
        command = getattr(module, attr, None)
        if not isinstance(command, click.Command):
            return _unavailable(cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _unavailable(name: str) -> click.Command:
    @click.command(name=name, help=COMMANDS[name][2] + " (not available in this build)")
    def cmd() -> None:
        from runwright.errors import UsageError

        raise UsageError(f"'runwright {name}' is not available in this build")

    return cmd


EPILOG = """\b
Examples:
  runwright show examples/deploy-production.fr.md
  runwright lint docs/runbooks --format sarif > runwright.sarif
  runwright init --lang fr
  runwright run docs/runbooks/deployment/deploy-production.md --var VERSION=v1.2.3
  runwright find "ImagePullBackOff: back-off pulling image"

Exit status: 0 ok, 1 findings, 2 usage/config/input error, 3 internal error, 130 interrupted.
Set RUNWRIGHT_DEBUG=1 to see the traceback of an unexpected error."""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"],
                                                             "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="runwright")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              envvar="RUNWRIGHT_CONFIG", help="Configuration file (default: the nearest "
              "runwright.toml or pyproject.toml with [tool.runwright]).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """runwright: runbooks as Markdown in Git, checked, run, tested and published."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with the error boundary; never returns."""
    code = run(argv)
    sys.exit(code)


def run(argv: list[str] | None = None) -> int:
    from runwright.errors import RunwrightError

    try:
        result: Any = cli.main(args=argv, prog_name="runwright", standalone_mode=False)
    except RunwrightError as exc:
        _error(exc.message, exc.hint)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("\nInterrupted.", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("\nInterrupted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if exc.exit_code == 2 else exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0
    except Exception as exc:
        if os.environ.get("RUNWRIGHT_DEBUG"):
            raise
        _error(f"unexpected internal error: {type(exc).__name__}: {exc}",
               "run again with RUNWRIGHT_DEBUG=1 to see the traceback, and report it")
        return 3
    if isinstance(result, int):
        return result
    return 0


def _error(message: str, hint: str | None) -> None:
    click.secho(f"Error: {message}", err=True, fg="red")
    if hint:
        click.echo(f"  {hint}", err=True)
