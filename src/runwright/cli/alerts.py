"""``runwright alerts check`` and ``runwright alerts draft``."""

from __future__ import annotations

from pathlib import Path

import click

from runwright.cli.common import get_config


@click.group(epilog="""\b
Examples:
  runwright alerts check monitoring/rules/ --runbooks docs/runbooks
  runwright alerts check rules.yaml --url-base https://runbooks.example.com=docs/runbooks
  runwright alerts draft rules.yaml KubePodCrashLooping --lang fr""")
def alerts() -> None:
    """Hold Prometheus alerting rules against the runbooks; draft the missing ones."""


@alerts.command(epilog="""\b
Examples:
  runwright alerts check manifests/ --runbooks content/runbooks \\
      --url-base https://runbooks.prometheus-operator.dev/runbooks=content/runbooks
  runwright alerts check rules.yaml --severity critical --format json

Exit status: 0 every alert resolves, 1 an alert's link is missing or broken (or, with
--fail-on-orphans, a runbook is orphaned), 2 a rule file could not be read (the others are
still checked).""")
@click.argument("rules", nargs=-1, type=click.Path())
@click.option("--runbooks", type=click.Path(file_okay=False),
              help="Runbook folder (default: [alerts] runbooks, else the runbook paths).")
@click.option("--url-base", "url_bases", multiple=True, metavar="URL[=DIR]",
              help="Map links under URL to files under DIR (default DIR: --runbooks). "
                   "Repeatable; adds to [alerts.url_base].")
@click.option("--severity", "severities", multiple=True, metavar="LEVEL",
              help="Only check alerts with this severity label. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--fail-on-orphans/--no-fail-on-orphans", default=None,
              help="Fail when an incident runbook has no alert pointing to it (default: "
                   "[alerts] fail_on_orphans, else report orphans without failing).")
@click.option("-v", "--verbose", is_flag=True, help="Also list the alerts that resolve.")
def check(rules: tuple[str, ...], runbooks: str | None, url_bases: tuple[str, ...],
          severities: tuple[str, ...], fail_on_orphans: bool | None, fmt: str,
          verbose: bool) -> int:
    """Check that every alert in RULES links to a runbook that exists (anchor included).

    RULES are rule files or folders (plain rule groups or PrometheusRule manifests); without
    any, [alerts] rules from the configuration. Templated links are reported but not counted
    as broken; incident runbooks that no alert points to are reported as orphans (uncertain
    when a templated link could name them), and fail the check only with --fail-on-orphans.
    A broken link gets "did you mean" a runbook under a close name.
    """
    from runwright.alerts import check as run_check
    from runwright.alerts.format import render_json, render_text
    from runwright.cli.common import report_input_error
    from runwright.errors import InputError

    config = get_config()
    paths = _rule_paths(rules, config)
    report = run_check(paths, config, config.root, runbooks, url_bases, severities,
                       fail_on_orphans)
    for err in report.errors:
        where = f":{err.line}" if err.line else ""
        report_input_error(InputError(f"{err.file}{where}: {err.message}"))
    click.echo(render_json(report) if fmt == "json" else render_text(report, verbose))
    return report.exit_code


@alerts.command(epilog="""\b
Examples:
  runwright alerts draft rules.yaml                  # every alert without a working link
  runwright alerts draft rules.yaml HighErrorRate --lang fr --out docs/runbooks/incidents""")
@click.argument("rules", type=click.Path())
@click.argument("names", nargs=-1, metavar="[ALERT]...")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the runbooks (default: the configured language).")
@click.option("--out", type=click.Path(file_okay=False),
              help="Folder to write to (default: <runbooks>/incidents).")
@click.option("--runbooks", type=click.Path(file_okay=False),
              help="Runbook folder (default: [alerts] runbooks, else the runbook paths).")
@click.option("--url-base", "url_bases", multiple=True, metavar="URL[=DIR]",
              help="As for 'alerts check'; also used to print the runbook_url to add.")
@click.option("--force", is_flag=True, help="Overwrite runbooks that already exist.")
def draft(rules: str, names: tuple[str, ...], lang: str | None, out: str | None,
          runbooks: str | None, url_bases: tuple[str, ...], force: bool) -> int:
    """Write incident runbooks for the alerts in RULES that lack one (or for each ALERT).

    Each runbook is pre-filled from the alert (severity, summary, description, expression, the
    metrics it uses with a Prometheus HTTP API query) and left for a person to finish. Prints
    the runbook_url to add to each alert.
    """
    from runwright.alerts.draft import draft_runbooks

    config = get_config()
    results = draft_runbooks(Path(rules), config, config.root, names=names,
                             lang=lang or config.language, out=out, runbooks=runbooks,
                             url_bases=url_bases, force=force)
    for r in results:
        verb = "wrote" if r.written else "exists, kept"
        click.echo(f"{verb} {r.display}")
        if r.linked:
            click.echo(f"  {r.alert.file}:{r.alert.line}: {r.alert.name}'s runbook_url "
                       f"already points here ({r.url})")
            continue
        click.echo(f"  {r.alert.file}:{r.alert.line}: add to {r.alert.name}'s annotations:")
        click.echo(f"    runbook_url: {r.url}")
    if not results:
        click.echo("Every alert already has a runbook; nothing to draft.")
    return 0


def _rule_paths(rules: tuple[str, ...], config: object) -> list[str]:
    from runwright.config import Config
    from runwright.errors import UsageError

    if rules:
        return list(rules)
    assert isinstance(config, Config)
    configured = config.section("alerts").get("rules")
    if not configured:
        raise UsageError("no rule files given", hint="pass RULES..., or set [alerts] rules "
                                                     "in runwright.toml")
    return [str(p if Path(p).is_absolute() else config.root / p) for p in configured]
