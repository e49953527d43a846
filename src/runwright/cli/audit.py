"""``runwright audit``."""

from __future__ import annotations

from pathlib import Path

import click

from runwright.cli.common import get_config


@click.command(epilog="""\b
Examples:
  runwright audit
  runwright audit path/to/repo --format md > audit.md     # a pull-request comment
  runwright audit --format json --min-score 80

Exit status: 0 ok, 1 the score is under --min-score, 2 a runbook could not be read.""")
@click.argument("root", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True, help="Text for people, JSON for tools, Markdown for a PR.")
@click.option("--min-score", type=click.IntRange(0, 100), default=None,
              help="Fail (exit 1) under this score (default: [audit] min_score).")
def audit(root: str | None, fmt: str, min_score: int | None) -> int:
    """Score the repository at ROOT against the runbook checklist (0-100).

    Deployment runbooks for staging and production, incident runbooks for the common
    incidents and for every alert, rollback in every deployment runbook, escalation contacts,
    tested recently, fresh and owned: each item with pass or fail, the files, and what to do.
    """
    import json

    from runwright.audit import audit as run_audit
    from runwright.audit import render_markdown, render_text, to_dict
    from runwright.cli.common import report_input_error
    from runwright.config import load_config
    from runwright.errors import InputError
    from runwright.state import repository_root

    ctx = click.get_current_context()
    if root is not None and not ctx.find_root().obj.get("config_path"):
        config = load_config(start=Path(root))
        base = Path(root)
    else:
        config = get_config()
        base = config.root if config.source else (repository_root() or Path.cwd())
    report = run_audit(base, config)
    for file, message in report.errors:
        report_input_error(InputError(f"{file}: {message}"))
    if fmt == "json":
        click.echo(json.dumps(to_dict(report), ensure_ascii=False, indent=2))
    elif fmt == "md":
        click.echo(render_markdown(report), nl=False)
    else:
        click.echo(render_text(report))
    threshold = min_score if min_score is not None else config.section("audit").get("min_score")
    if report.errors:
        return 2
    if isinstance(threshold, int) and report.score < threshold:
        click.echo(f"Score {report.score} is under the minimum {threshold}.", err=True)
        return 1
    return 0
