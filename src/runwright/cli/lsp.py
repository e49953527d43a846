"""``runwright lsp``: the language server, over stdin/stdout."""

from __future__ import annotations

import click

from runwright.cli.common import require


@click.command(epilog="""\b
Examples:
  runwright lsp                      # what an editor starts; see docs/editors.md
  runwright lsp --profile standard""")
@click.option("--profile", help="Profile for every document (default: config `profile`, else "
              "auto), as `runwright lint --profile`.")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it.")
@click.pass_context
def lsp(ctx: click.Context, profile: str | None, stdio: bool) -> None:
    """Serve lint diagnostics, fixes, completion and navigation to an editor (stdio)."""
    from pathlib import Path

    require("pygls", "lsp")
    from runwright.lsp.server import serve

    config_path = ctx.find_root().obj.get("config_path")
    serve(Path(config_path) if config_path else None, profile)
