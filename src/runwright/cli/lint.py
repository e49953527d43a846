"""``runwright lint`` and ``runwright rules``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from runwright.cli.common import get_config, report_input_error
from runwright.errors import InputError

if TYPE_CHECKING:
    from runwright.config import Config
    from runwright.linter.rule import Rule

LARGE_RUN = 200  # files to lint before a progress bar is worth showing


def _progress(total: int) -> Callable[[int, int], None] | None:
    """A rich progress bar on stderr for large runs on a terminal (never when piped)."""
    if total < LARGE_RUN or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("Linting", total=total)
    bar.start()

    def tick(done: int, all_: int) -> None:
        bar.update(task, completed=done)
        if done >= all_:
            bar.stop()

    return tick


@click.command(epilog="""\b
Examples:
  runwright lint                          # config `paths`, else docs/runbooks
  runwright lint docs/runbooks --profile standard
  runwright lint --select RW4 --ignore RW408 incidents/
  runwright lint --fix docs/runbooks
  runwright lint --format sarif > runwright.sarif
  runwright lint --format github          # annotations in GitHub Actions
  runwright lint --write-baseline .runwright-baseline.json   # record what is there today
  runwright lint --baseline .runwright-baseline.json         # then report only new findings
  runwright lint --statistics             # how many findings of each rule
  runwright lint --suggest-config . > runwright.toml   # a config that fits, to review

\b
Exit status: 0 clean, 1 a finding reaches --fail-on, 2 usage, config or input error.""")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", help="Profile for every file: standard, alert, generic, auto or a "
              "custom one from config (default: config `profile`, else auto).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules: IDs, names or ID prefixes (RW4), comma-separated "
              "or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Do not run these rules (IDs, names or prefixes).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit status 1 (default: config "
              "lint.fail_on, else error).")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the lint cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Worker processes for large runs (default: config lint.jobs, else all "
              "cores; 1: no workers).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings not recorded in this baseline file (default: config "
              "lint.baseline).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record the current findings in this baseline file (fixed ones leave it), "
              "then report as if it were the baseline.")
@click.option("--no-baseline", is_flag=True, help="Ignore the configured lint.baseline.")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule has (and whether --fix fixes them) "
              "instead of the findings.")
@click.option("--suggest-config", is_flag=True,
              help="Print a runwright.toml that fits the runbooks as they are (profile per "
              "folder, rules their conventions contradict), each line with the count of "
              "findings it silences, for review.")
def lint(paths: tuple[str, ...], profile: str | None, fmt: str, fix: bool,
         select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
         no_cache: bool, jobs: int | None, baseline_file: str | None,
         write_baseline: str | None, no_baseline: bool, statistics: bool,
         suggest_config: bool) -> int:
    """Check runbooks against the runbook practices (directories are searched recursively)."""
    import gc

    # What exists now (modules, click) lives until exit: keep the collector off it, and run
    # the young generation less often (a warm run decodes thousands of cached findings, a
    # cold one parses documents), as the worker processes do.
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
    import os
    from pathlib import Path

    from runwright import __version__
    from runwright.errors import UsageError
    from runwright.linter import baseline, formats, registry
    from runwright.linter.engine import lint_paths
    from runwright.linter.settings import Settings

    if statistics and fmt not in ("text", "json"):
        raise UsageError("--statistics prints text or JSON",
                         hint="use --format text or --format json with it")
    config = get_config()
    if suggest_config:
        return _suggest(paths, config, (
            ("--profile", profile), ("--select", select), ("--ignore", ignore), ("--fix", fix),
            ("--format", fmt != "text"), ("--baseline", baseline_file),
            ("--write-baseline", write_baseline), ("--statistics", statistics)))
    settings = Settings(config, profile=profile, select=select, ignore=ignore)
    lint_cfg = config.section("lint")
    # The baseline is read before the run: a bad file is an error before any work is done.
    known_file = None if no_baseline or write_baseline else (
        Path(baseline_file) if baseline_file else
        config.root / lint_cfg["baseline"] if lint_cfg.get("baseline") else None)
    known = baseline.load(known_file) if known_file is not None else None
    if not paths:
        paths = tuple(os.path.relpath(config.root / p) for p in config.paths)
    use_cache = not no_cache and lint_cfg.get("cache", True)
    report = lint_paths(paths, settings, use_cache=use_cache, fix=fix,
                        jobs=jobs or lint_cfg.get("jobs") or None,
                        on_error=report_input_error, progress=_progress)
    gc.freeze()  # the findings live until exit: the collection at exit need not walk them
    hidden = 0
    if write_baseline:
        target = Path(write_baseline)
        try:
            previous = baseline.load(target) if target.exists() else None
        except InputError:  # a broken file is what writing it again mends
            previous = None
        recorded = baseline.record(report.findings, target.resolve().parent, report.linted,
                                   previous)
        baseline.write(target, recorded)
        click.echo(f"Recorded {formats.plural(recorded.total, 'finding')} in {target}.", err=True)
        hidden, report.findings = len(report.findings), []
    elif known is not None:
        kept = baseline.apply(report.findings, known)
        hidden, report.findings = kept.known, kept.findings
    if fix and fmt == "text":
        for path, what in report.fixed:
            click.echo(f"Fixed {path}: {what}", err=True)
    if statistics:
        rows = formats.statistics(report.findings, registry.all_rules())
        click.echo(formats.statistics_json(rows) if fmt == "json"
                   else formats.statistics_text(rows, hidden=hidden))
    elif fmt == "text":
        color = sys.stdout.isatty() and not _no_color()
        click.echo(formats.text(report.findings, report.files, color=color,
                                fixed=len(report.fixed), known=hidden), color=color)
    elif fmt == "json":
        click.echo(formats.to_json(report.findings))
    elif fmt == "sarif":
        click.echo(formats.sarif(report.findings, registry.all_rules(), __version__,
                                 errors=[e.message for e in report.errors]))
    elif report.findings or report.errors:
        click.echo(formats.github(report.findings, errors=[e.message for e in report.errors]))
    if report.errors:
        return 2
    return 1 if report.fails(fail_on or settings.fail_on) else 0



def _suggest(paths: tuple[str, ...], config: Config,
             others: tuple[tuple[str, object], ...]) -> int:
    import os

    from runwright import clock
    from runwright.errors import UsageError
    from runwright.linter.suggest import render, suggest

    given = [name for name, value in others if value]
    if given:
        raise UsageError(f"--suggest-config goes with no {', '.join(given)}",
                         hint="it starts from the configuration file and suggests changes to it")
    if not paths:
        paths = tuple(os.path.relpath(config.root / p) for p in config.paths)
    errors: list[InputError] = []

    def on_error(error: InputError) -> None:
        errors.append(error)
        report_input_error(error)

    click.echo(render(suggest(paths, config, clock.today(), on_error=on_error)), nl=False)
    return 2 if errors else 0


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))


@click.command(epilog="""\b
Examples:
  runwright rules
  runwright rules RW404
  runwright rules placeholder
  runwright rules --format json""")
@click.argument("rule", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Table for people, or JSON for tools.")
def rules(rule: str | None, fmt: str) -> int:
    """List the lint rules, or explain one (by ID or name)."""
    import json

    from runwright.errors import UsageError
    from runwright.linter import registry

    if rule is not None:
        cls = registry.lookup(rule)
        if cls is None:
            near = registry.nearest(rule)
            raise UsageError(f"unknown rule {rule!r}",
                             hint=f"did you mean {near!r}?" if near else
                             "`runwright rules` lists them")
        if fmt == "json":
            click.echo(json.dumps(_row(cls) | {"doc": registry.documentation(cls)},
                                  ensure_ascii=False, indent=2))
        else:
            state = "on" if cls.enabled_by_default else "off"
            click.echo(f"{cls.id} {cls.name} [{cls.severity}, {state} by default"
                       f"{', fixable' if cls.fixable else ''}]\n")
            click.echo(registry.documentation(cls))
            if cls.options:
                click.echo("\nOptions (defaults): " + ", ".join(
                    f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in cls.options.items()))
        return 0
    every = registry.all_rules()
    if fmt == "json":
        click.echo(json.dumps([_row(c) for c in every], ensure_ascii=False, indent=2))
        return 0
    width = max(len(c.name) for c in every)
    click.echo(f"{'ID':<6} {'NAME':<{width}} {'SEVERITY':<8} {'DEFAULT':<7} FIX  SUMMARY")
    for c in every:
        click.echo(f"{c.id:<6} {c.name:<{width}} {c.severity:<8} "
                   f"{'on' if c.enabled_by_default else 'off':<7} "
                   f"{'yes' if c.fixable else '':<4} {c.summary}")
    return 0


def _row(cls: type[Rule]) -> dict[str, object]:
    return {"id": cls.id, "name": cls.name, "severity": cls.severity,
            "enabled_by_default": cls.enabled_by_default, "fixable": cls.fixable,
            "summary": cls.summary, "options": dict(cls.options)}
