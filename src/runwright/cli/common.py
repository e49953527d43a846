"""Helpers shared by the command modules: configuration, reading runbooks, reporting errors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runwright.config import Config, load_config
from runwright.errors import InputError, UsageError

if TYPE_CHECKING:  # annotations only: importing the model costs start-up time
    from runwright.model import Runbook


def get_config(ctx: click.Context | None = None) -> Config:
    """The configuration for this invocation (``--config`` or the nearest file), loaded once."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    cached = root.obj.get("config")
    if isinstance(cached, Config):
        return cached
    path = root.obj.get("config_path")
    config = load_config(Path(path) if path else None)
    root.obj["config"] = config
    return config


def report_input_error(error: InputError) -> None:
    """Print a file-level error on stderr (processing goes on with the other files)."""
    click.secho(f"Error: {error.message}", err=True, fg="red")
    if error.hint:
        click.echo(f"  {error.hint}", err=True)


def iter_runbooks(paths: Sequence[str], config: Config,
                  errors: list[InputError]) -> Iterator[Runbook]:
    """Parse every runbook under ``paths``; unreadable ones are reported and collected."""
    from runwright.discovery import iter_runbooks as runbooks

    return runbooks(paths, config, errors, report_input_error)


def require(module: str, extra: str) -> None:
    """Fail with the extra to install when an optional dependency is missing."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise UsageError(f"'runwright {extra}' needs the optional dependency '{module}'",
                         hint=f"install it with: pip install 'runwright[{extra}]'") from None
