"""Library entry points behind the CLI: run one runbook, list runs, report one run."""

from __future__ import annotations

from pathlib import Path

from runwright.config import Config
from runwright.errors import ConfigError, InputError
from runwright.runner.environment import Environment, TerminalEnvironment
from runwright.runner.journal import Journal, journal_location
from runwright.runner.masking import DEFAULT_SECRET_NAMES, SecretNames
from runwright.runner.notify import Notifier
from runwright.runner.runlock import DEFAULT_STALE_AFTER
from runwright.runner.session import RunOptions, RunOutcome, Session
from runwright.runner.shell import parse_timeout
from runwright.runner.signals import stop_signals_interrupt

DEFAULT_OUTPUT_LIMIT = 64 * 1024


def options_from_config(config: Config, **given: object) -> RunOptions:
    """RunOptions from the ``[run]`` section, overridden by command-line values."""
    section = config.section("run")
    opts = RunOptions(shell=str(section.get("shell", "bash")),
                      output_limit=int(section.get("output_limit", DEFAULT_OUTPUT_LIMIT)),
                      operator=section.get("operator"),
                      lock_stale_after=lock_stale_after(config), secret_names=secret_names(config),
                      readonly_commands=tuple(config.section("test").get("readonly_commands", ())),
                      config_inventory=section.get("inventory"), config_root=config.root)
    for key, value in given.items():
        setattr(opts, key, value)
    return opts


def lock_stale_after(config: Config) -> float:
    """``run.lock_stale_after`` in seconds (``90``, ``"2m"``); a bad value is a config error."""
    value = config.section("run").get("lock_stale_after")
    if value is None:
        return DEFAULT_STALE_AFTER
    seconds = parse_timeout(str(value))
    if seconds is None:
        raise ConfigError(f"run.lock_stale_after: {value!r} is not a duration",
                          hint="write seconds (90) or a duration such as \"2m\" or \"30s\"")
    return seconds


def secret_names(config: Config) -> SecretNames:
    """The configuration's rules for secret variable names: ``run.secret_names`` (patterns,
    replacing the default ones) and ``run.secret_variables`` (names)."""
    section = config.section("run")
    patterns = section.get("secret_names")
    return SecretNames(tuple(patterns) if patterns is not None else DEFAULT_SECRET_NAMES,
                       frozenset(section.get("secret_variables", ())))


def notifier_from_config(config: Config, env: Environment) -> Notifier:
    section = config.section("notify")
    webhook = section.get("webhook")
    return Notifier(webhook if isinstance(webhook, str) else None,
                    float(section.get("timeout", 5.0)),
                    warn=lambda message: env.say(f"Warning: {message}", "warn"))


def run(path: Path, config: Config, options: RunOptions,
        env: Environment | None = None) -> RunOutcome:
    """Run the runbook at ``path`` interactively (or as a dry run)."""
    from runwright.parser import load

    if not path.is_file():
        raise InputError(f"{path}: no such runbook file")
    runbook = load(path, str(path), max_size=config.max_file_size)
    if not runbook.steps:
        raise InputError(f"{path}: no procedure steps found",
                         hint="steps are '### Step 1: ...' headings under '## Procedure'")
    env = env or TerminalEnvironment()
    say = env.say
    journal = None if options.dry_run else Journal.open(
        journal_location(config), offline_ok=True, say=lambda line: say(line, "warn"))
    try:
        session = Session(runbook, path, options, env, journal,
                          notifier_from_config(config, env))
        if options.dry_run:
            return session.run()
        with stop_signals_interrupt():
            return session.run()
    finally:
        if journal is not None:
            journal.close()
