"""``runwright site build`` and ``runwright site serve``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from runwright.cli.common import get_config

if TYPE_CHECKING:
    from runwright.site.build import BuildReport


@click.group(epilog="""\b
Examples:
  runwright site build                 # docs/runbooks -> _site/
  runwright site build --out public --base-url https://runbooks.example.com/
  runwright site serve --port 8080     # preview on http://127.0.0.1:8080/""")
def site() -> None:
    """Build or serve a static, searchable site of the runbooks."""


_ROOT = click.argument("root", required=False, type=click.Path(file_okay=False))
_OUT = click.option("--out", "out", type=click.Path(file_okay=False),
                    help="Output folder (default: [site] out, else ROOT/_site).")


@site.command(epilog="""\b
Examples:
  runwright site build
  runwright site build --out public --base-url https://runbooks.example.com/
  runwright site build examples --out /tmp/site && xdg-open /tmp/site/index.html""")
@_ROOT
@_OUT
@click.option("--base-url", help="Public URL of the site, for canonical links and sitemap.xml "
              "(default: [site] base_url).")
@click.option("--title", help="Site title (default: [site] title, else 'Runbooks').")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def build(root: str | None, out: str | None, base_url: str | None, title: str | None,
          quiet: bool) -> int:
    """Build the site for the runbooks of ROOT (default: the configuration's folder).

    ROOT is a repository: the runbooks are read from the configured paths (default
    docs/runbooks); a folder that holds none of them is published as it is. Pages whose
    content did not change are not rebuilt. Exits 2 when a runbook could not be read (the
    others are still published).
    """
    from runwright.site import build_site

    config = get_config()
    report = build_site(Path(root) if root else config.root, config,
                        Path(out) if out else None, base_url=base_url, title=title)
    _print(report, quiet)
    return 2 if report.errors else 0


@site.command(epilog="""\b
Examples:
  runwright site serve                 # http://127.0.0.1:8000/
  runwright site serve --port 0        # a free port, printed
  runwright site serve docs/runbooks --interval 0.5""")
@_ROOT
@_OUT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--interval", type=click.FloatRange(0.1, 60), default=1.0, show_default=True,
              help="Seconds between checks for changed runbooks.")
def serve(root: str | None, out: str | None, port: int, interval: float) -> int:
    """Preview the site on 127.0.0.1, rebuilt and reloaded on change.

    When a runbook, the configuration or an alert rule file changes, the site is rebuilt and
    the pages open in a browser reload. Ctrl-C stops."""
    from runwright.site import serve as serve_site

    config = get_config()

    def ready(url: str) -> None:
        click.echo(f"Serving {url} (Ctrl-C to stop)")

    try:
        serve_site(Path(root) if root else config.root, config, port=port,
                   out=Path(out) if out else None, interval=interval, on_ready=ready,
                   on_build=lambda r: _print(r, False))
    except KeyboardInterrupt:
        click.echo("Stopped.")
    return 0


def _print(report: BuildReport, quiet: bool) -> None:
    for error in report.errors:
        click.secho(f"Error: {error}", err=True, fg="red")
    if report.pages == 0 and not report.errors:
        click.echo("Warning: no runbooks found (the site lists none); runbooks are read from "
                   "the configured paths, default docs/runbooks", err=True)
    if quiet:
        return
    click.echo(f"{report.out}: {report.pages} runbook page(s): {report.built} built, "
               f"{report.unchanged} unchanged, {report.removed} removed")
