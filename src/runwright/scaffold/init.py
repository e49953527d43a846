"""``runwright init`` and ``runwright new``: lay out docs/runbooks and write runbooks.

Nothing is ever overwritten without ``force``; every file is reported as created, skipped
(already there) or overwritten, and ``dry_run`` only reports what would happen.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from runwright.clock import today
from runwright.config import Config
from runwright.errors import InputError, UsageError
from runwright.scaffold.detect import Stack, detect
from runwright.scaffold.owners import contacts_for, resolve_owner
from runwright.scaffold.stack import StackModel, read_stack
from runwright.scaffold.standard import Authoring, draft_set, draft_template

FOLDERS = {"deployment": "deployment", "incident": "incidents", "maintenance": "maintenance",
           "generic": ""}


@dataclass
class Plan:
    """What init (or new) writes, and what it found."""

    root: Path
    stack: Stack | None
    model: StackModel | None = None
    actions: list[tuple[str, str]] = field(default_factory=list)  # (relative path, status)
    files: dict[str, str] = field(default_factory=dict)
    keep: set[str] = field(default_factory=set)  # listed, but never written (even with force)
    notes: list[str] = field(default_factory=list)  # what the team still has to do


def _who(root: Path, config: Config, lang: str | None, owner: str | None,
         rel: str) -> Authoring:
    language = lang or config.language
    who_owner = resolve_owner(root, rel, owner, config.owner)
    contacts = config.contacts
    # No invented channel: the owning team is the one to page until [contacts] says otherwise,
    # and an unknown owner leaves a placeholder that lint reports (RW204, RW621).
    on_call, escalation = contacts_for(who_owner, contacts.get("on_call"),
                                       contacts.get("escalation"))
    return Authoring(lang=language, owner=who_owner, on_call=str(on_call),
                     escalation=str(escalation), today=today(), terms=french_terms(config))


def french_terms(config: Config) -> str:
    """``[scaffold] french_terms``: ``standard`` (default: the standard's own words,
    "Troubleshooting", "On-call", "Escalation") or ``french`` ("Dépannage", "Astreinte",
    "Escalade")."""
    from runwright.errors import ConfigError
    from runwright.names import FRENCH_TERMS

    value = config.section("scaffold").get("french_terms", "standard")
    if value not in FRENCH_TERMS:
        origin = config.source or "configuration"
        raise ConfigError(f"{origin}: [scaffold] french_terms must be one of "
                          f"{', '.join(FRENCH_TERMS)}, not {value!r}")
    return str(value)


def _toml(who: Authoring) -> str:
    return (
        "# runwright configuration: see docs/authoring.md\n"
        f'owner = "{who.owner}"\n'
        f'language = "{who.lang}"\n'
        'profile = "standard"\n'
        "max_age_days = 180\n"
        'paths = ["docs/runbooks"]\n\n'
        "[contacts]\n"
        f'on_call = "{who.on_call}"\n'
        f'escalation = "{who.escalation}"\n')


#: Where runwright is installed from when no release of it is on the package index a team uses.
SOURCE = "git+https://github.com/runwright/runwright"

_GITHUB = """\
# Runbook checks: lint, catalogue and audit on every push; unattended tests on a schedule.
# runwright is pinned to the version that wrote this file (RUNWRIGHT_VERSION): upgrade it on
# purpose. To install it from its Git repository instead (no release on your package index,
# or an unreleased fix), replace the pip line with:
#   pip install "{source}@v${{RUNWRIGHT_VERSION}}"
name: runbooks
on:
  push:
  pull_request:
  schedule:
    - cron: "17 6 * * 1"  # weekly unattended tests
  workflow_dispatch:
env:
  RUNWRIGHT_VERSION: "{version}"
jobs:
  lint:
    if: github.event_name != 'schedule'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "runwright==${{RUNWRIGHT_VERSION}}"
      - run: runwright lint --format github docs/runbooks
      - run: runwright index --check
      - run: runwright audit --format md >> "$GITHUB_STEP_SUMMARY"
  test:
    # Unattended tests run the runbooks' read-only steps against your systems (cluster,
    # databases, hosts): a GitHub-hosted runner cannot reach them. Run this job on a
    # self-hosted runner that has that access (set its labels below), or delete the job.
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: [self-hosted]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "runwright==${{RUNWRIGHT_VERSION}}"
      - run: runwright test docs/runbooks --junit runwright-junit.xml
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: runwright-junit
          path: runwright-junit.xml
"""

_GITLAB = """\
# Runbook checks: lint, catalogue and audit on every push, unattended tests on a schedule
# (create the schedule in CI/CD > Schedules).
# runwright is pinned to the version that wrote this file (RUNWRIGHT_VERSION): upgrade it on
# purpose. To install it from its Git repository instead (no release on your package index,
# or an unreleased fix), replace the pip lines with:
#   pip install "{source}@v${{RUNWRIGHT_VERSION}}"
variables:
  RUNWRIGHT_VERSION: "{version}"

runbooks:lint:
  image: python:3.11-slim
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule"
  script:
    - pip install "runwright==${{RUNWRIGHT_VERSION}}"
    - runwright lint docs/runbooks
    - runwright index --check
    - runwright audit

runbooks:test:
  # Unattended tests run the runbooks' read-only steps against your systems (cluster,
  # databases, hosts): a shared runner cannot reach them. Run this job on a runner of yours
  # that has that access (its tag below), or delete the job.
  image: python:3.11-slim
  tags: [runbooks]
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
  script:
    - pip install "runwright==${{RUNWRIGHT_VERSION}}"
    - runwright test docs/runbooks --junit runwright-junit.xml
  artifacts:
    when: always
    reports:
      junit: runwright-junit.xml
"""

#: The file init writes next to a GitLab CI configuration the team already has.
GITLAB_INCLUDED = ".gitlab/runbooks.gitlab-ci.yml"


def _ci(root: Path, stack: Stack | None) -> tuple[str, str]:
    from runwright import __version__

    gitlab = (stack is not None and stack.ci == "gitlab") or (
        (root / ".gitlab-ci.yml").is_file() and not (root / ".github").is_dir())
    text = (_GITLAB if gitlab else _GITHUB).format(version=__version__, source=SOURCE)
    if gitlab:
        if (root / ".gitlab-ci.yml").is_file():
            return GITLAB_INCLUDED, text
        return ".gitlab-ci.yml", text
    return ".github/workflows/runbooks.yml", text


def _include_note(root: Path, ci_path: str) -> str | None:
    """What to add to the team's ``.gitlab-ci.yml`` so that GitLab runs the written file
    (None when it is not needed or already there)."""
    if ci_path != GITLAB_INCLUDED:
        return None
    try:
        current = (root / ".gitlab-ci.yml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        current = ""
    if GITLAB_INCLUDED in current:
        return None
    return (f"GitLab runs {GITLAB_INCLUDED} only once .gitlab-ci.yml includes it: add\n"
            f"  include:\n    - local: {GITLAB_INCLUDED}\n"
            "(or add the entry to the include: list it already has)")


def _shown(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when it lies under it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path.resolve(), root.resolve()).replace(os.sep, "/")


def plan_init(root: Path, config: Config, lang: str | None = None, use_detect: bool = True,
              owner: str | None = None) -> Plan:
    """Everything ``init`` would write in ``root``."""
    base = config.paths[0]
    who = _who(root, config, lang, owner, f"{base}/README.md")
    stack = detect(root) if use_detect else Stack()
    plan = Plan(root=root, stack=stack if use_detect else None,
                model=read_stack(root) if use_detect else None)
    plan.files[f"{base}/TEMPLATE.md"] = draft_template("generic", None, who)
    if config.source is None:
        plan.files["runwright.toml"] = _toml(who)
    else:  # the configuration in use is the team's: listed as skipped, never rewritten
        shown = _shown(root, config.source)
        plan.files[shown] = ""
        plan.keep.add(shown)
    for draft in draft_set(stack, who, plan.model):
        plan.files[f"{base}/{draft.rel}"] = draft.text
    ci_path, ci_text = _ci(root, stack if use_detect else None)
    plan.files[ci_path] = ci_text
    note = _include_note(root, ci_path)
    if note is not None:
        plan.notes.append(note)
    return plan


def apply(plan: Plan, force: bool = False, dry_run: bool = False) -> Plan:
    """Write the plan's files (never overwriting without ``force``); record each action."""
    for rel, text in plan.files.items():
        path = plan.root / rel
        exists = path.exists()
        if rel in plan.keep or (exists and not force):
            plan.actions.append((rel, "skipped"))
            continue
        status = "overwritten" if exists else "created"
        plan.actions.append((rel, status))
        if dry_run:
            continue
        _write(path, rel, text, overwrite=True)
    return plan


_WRITE_HINT = "write somewhere else (new --path, init DIRECTORY) or fix the folder's permissions"


def _write(path: Path, shown: str, text: str, overwrite: bool) -> None:
    """Write ``text`` to ``path`` (creating folders); an OS refusal becomes an InputError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w" if overwrite else "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError as exc:
        if Path(exc.filename or "") == path:
            raise UsageError(f"{shown}: already exists; runwright new never overwrites",
                             hint="choose another title or --path") from None
        raise InputError(f"{shown}: cannot create the folder: {exc.filename} is a file",
                         hint=_WRITE_HINT) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
        raise InputError(f"{shown}: cannot write: {exc.strerror or exc}{where}",
                         hint=_WRITE_HINT) from None


def slugify(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:80].strip("-")


def new_runbook(root: Path, config: Config, kind: str, title: str, lang: str | None = None,
                owner: str | None = None, path: str | None = None) -> Path:
    """Write one runbook from the standard template; refuse to overwrite."""
    if kind not in FOLDERS:
        raise UsageError(f"unknown kind {kind!r}", hint="use one of: " + ", ".join(FOLDERS))
    if not title.strip():
        raise UsageError("the title is empty")
    if path is not None:
        target = Path(path)
        target = target if target.is_absolute() else Path.cwd() / target
    else:
        slug = slugify(title)
        if not slug:
            raise UsageError(f"cannot make a file name from the title {title!r}",
                             hint="give one with --path")
        target = root / config.paths[0] / FOLDERS[kind] / f"{slug}.md"
    try:
        rel = Path(os.path.abspath(target)).relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path if path is not None else str(target)
    if target.exists() or target.is_symlink():
        raise UsageError(f"{rel}: already exists; runwright new never overwrites",
                         hint="choose another title or --path")
    who = _who(root, config, lang, owner, rel)
    _write(target, rel, draft_template(kind, title.strip(), who), overwrite=False)
    return target
