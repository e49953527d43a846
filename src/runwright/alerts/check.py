"""``alerts check``: every alert has a runbook link that resolves, and no runbook is orphaned.

An incident runbook that no alert of the files checked points to is an **orphan**. Orphans are
reported, but fail the check only with ``--fail-on-orphans`` (``[alerts] fail_on_orphans``):
checking one rule file of many would otherwise flag the runbook of every alert in the others.
An orphan is **uncertain** when an alert's link is templated (``{{ $labels.team }}``) in a way
that could name it: its file name (and folder, when the link has one) fits the link with each
template part standing for anything.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import urlsplit

from runwright.alerts.resolve import PROBLEMS, TEMPLATE, Resolution, Resolver
from runwright.alerts.rules import Alert, RuleFileError, load_rules
from runwright.config import Config
from runwright.errors import UsageError

#: Files in a runbook folder that are never runbooks of their own (site and folder indexes).
NOT_RUNBOOKS = ("**/_index.md", "**/index.md")


@dataclass(frozen=True, slots=True)
class AlertRef:
    """An alert that points to a runbook (what a runbook page links back to)."""

    name: str
    severity: str | None
    file: str  # the rule file, relative to the repository root when inside it
    line: int
    anchor: str | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class AlertResult:
    alert: Alert
    resolution: Resolution
    suggestion: Path | None = None  # a runbook named like the alert, when the link is missing
    close: Path | None = None  # a runbook under a close name, when the link is broken

    @property
    def problem(self) -> bool:
        return self.resolution.status in PROBLEMS


@dataclass(frozen=True, slots=True)
class Orphan:
    path: Path
    title: str | None
    #: alerts whose templated link could point to it: the orphan is uncertain
    maybe: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckReport:
    results: tuple[AlertResult, ...]
    orphans: tuple[Orphan, ...]
    errors: tuple[RuleFileError, ...]
    runbooks: Path | None  # the folder searched for orphans (None: not checked)
    counts: Mapping[str, int] = field(default_factory=dict)
    fail_on_orphans: bool = False

    @property
    def failed(self) -> bool:
        return (self.fail_on_orphans and bool(self.orphans)) or any(
            r.problem for r in self.results)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failed else 0


def parse_url_bases(values: Iterable[str], default_dir: Path | None) -> dict[str, str]:
    """``URL=DIR`` options (a bare URL maps to the runbook folder) as a mapping."""
    out: dict[str, str] = {}
    for value in values:
        url, sep, folder = value.partition("=")
        if not sep:
            if default_dir is None:
                raise UsageError(f"--url-base {value}: no folder to map it to",
                                 hint="write --url-base URL=DIR, or give --runbooks DIR")
            folder = str(default_dir)
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"--url-base {value}: the URL must start with http:// or https://")
        out[url] = folder
    return out


def runbook_folder(config: Config, root: Path, given: str | os.PathLike[str] | None) -> Path | None:
    """The runbook folder: the option, else ``[alerts] runbooks``, else the first configured
    runbook path that exists."""
    if given is not None:
        p = Path(given)
        if not p.is_dir():
            raise UsageError(f"--runbooks {given}: not a directory")
        return p.resolve()
    configured = config.section("alerts").get("runbooks")
    candidates = [configured] if isinstance(configured, str) else list(config.paths)
    for c in candidates:
        p = Path(c) if Path(c).is_absolute() else root / c
        if p.is_dir():
            return p.resolve()
    return None


def _resolver(config: Config, root: Path, runbooks: Path | None,
              url_bases: Mapping[str, str]) -> Resolver:
    bases: dict[str, str] = {}
    for url, folder in config.section("alerts").get("url_base", {}).items():
        bases[url] = str(folder if Path(folder).is_absolute() else config.root / folder)
    bases.update(url_bases)
    return Resolver(root, runbooks, bases)


def _runbooks_in(folder: Path, config: Config) -> list[tuple[Path, str, str | None,
                                                             tuple[str, ...]]]:
    """(path, kind, title, alert names from front matter) of each runbook in the folder."""
    from runwright.discovery import iter_files
    from runwright.errors import InputError
    from runwright.parser import load

    out = []
    for item in iter_files([folder], (*config.exclude, *NOT_RUNBOOKS)):
        if isinstance(item, InputError):
            continue
        try:
            rb = load(item.path, max_size=config.max_file_size)
        except InputError:
            continue
        declared = rb.front_matter.get("alerts")
        names: tuple[str, ...] = ()
        if isinstance(declared, list):
            names = tuple(str(n) for n in declared)
        elif isinstance(declared, str):
            names = (declared,)
        out.append((item.path.resolve(), rb.kind, rb.title, names))
    return out


def _page(name: str) -> str:
    """A link's file name without its page suffix (``.md``, ``.markdown``, ``.html``)."""
    for suffix in (".md", ".markdown", ".html"):
        if name.lower().endswith(suffix):
            name = name[:-len(suffix)]
    return name


def _template_patterns(link: str) -> tuple[str, str | None]:
    """The file-name pattern (and the folder pattern, when the link's file name is written out)
    that a templated link could name, each template part standing for anything (slashes too:
    a template in the file name may hold folders)."""
    glob = TEMPLATE.sub("*", link.partition("#")[0])
    parts = urlsplit(glob)
    segments = [s for s in (parts.path if parts.scheme else glob).split("/") if s]
    name = _page(segments[-1]) if segments else "*"
    folder = segments[-2] if len(segments) >= 2 and "*" not in name else None
    return name.lower() or "*", folder.lower() if folder else None


def _could_name(path: Path, patterns: tuple[str, str | None]) -> bool:
    name, folder = patterns
    if not fnmatchcase(path.stem.lower(), name):
        return False
    return folder is None or fnmatchcase(path.parent.name.lower(), folder)


def _close(link: str, alert: str, stems: Mapping[str, Path]) -> Path | None:
    """A runbook whose name is close to the broken link's file name or to the alert's name."""
    target = _page(link.partition("#")[0].rstrip("/").rsplit("/", 1)[-1])
    for wanted in dict.fromkeys((target.lower(), alert.lower())):
        if wanted:
            found = difflib.get_close_matches(wanted, list(stems), n=1, cutoff=0.8)
            if found:
                return stems[found[0]]
    return None


def check(rule_paths: Sequence[str | os.PathLike[str]], config: Config, root: Path,
          runbooks: str | os.PathLike[str] | None = None, url_bases: Sequence[str] = (),
          severities: Sequence[str] = (), fail_on_orphans: bool | None = None) -> CheckReport:
    """Hold the alerts of ``rule_paths`` against the runbooks of the repository at ``root``."""
    root = root.resolve()
    folder = runbook_folder(config, root, runbooks)
    resolver = _resolver(config, root, folder, parse_url_bases(url_bases, folder))
    alerts, errors = load_rules(rule_paths)
    books = _runbooks_in(folder, config) if folder is not None else []
    by_stem: dict[str, Path] = {}
    for path, _kind, _title, _names in books:
        by_stem.setdefault(path.stem.lower(), path)
    wanted = {s.lower() for s in severities}
    results: list[AlertResult] = []
    pointed: set[Path] = set()
    templated: list[tuple[str, tuple[str, str | None]]] = []
    for alert in alerts:
        res = resolver.resolve(alert)
        if res.path is not None:
            pointed.add(res.path)
        if res.status == "templated":
            templated.append((alert.name, _template_patterns(alert.link or "")))
        if wanted and (alert.severity or "").lower() not in wanted:
            continue
        suggestion = by_stem.get(alert.name.lower()) if res.status in ("missing", "todo") \
            else None
        close = _close(alert.link or "", alert.name, by_stem) if res.status == "broken" \
            else None
        results.append(AlertResult(alert, res, suggestion, close))
    names = {a.name.lower() for a in alerts}
    orphans = []
    for path, kind, title, declared in books:
        if kind != "incident" or path in pointed:
            continue
        if path.stem.lower() in names or any(n.lower() in names for n in declared):
            continue  # named after an alert, or declares one: claimed, not orphaned
        maybe = tuple(name for name, patterns in templated if _could_name(path, patterns))
        orphans.append(Orphan(path, title, maybe))
    if fail_on_orphans is None:
        fail_on_orphans = bool(config.section("alerts").get("fail_on_orphans", False))
    counts: dict[str, int] = {}
    for r in results:
        counts[r.resolution.status] = counts.get(r.resolution.status, 0) + 1
    return CheckReport(tuple(results), tuple(orphans), tuple(errors),
                       folder, counts, fail_on_orphans)


def alerts_by_runbook(rule_files: Sequence[Path], root: Path,
                      config: Config) -> dict[str, list[AlertRef]]:
    """The alerts pointing to each runbook, keyed by the runbook's posix path under ``root``.

    Links are resolved as ``alerts check`` does (URL bases from ``[alerts.url_base]``); files
    that cannot be read and links that do not resolve are left out.
    """
    root = root.resolve()
    folder = runbook_folder(config, root, None)
    resolver = _resolver(config, root, folder, {})
    alerts, _errors = load_rules(rule_files)
    out: dict[str, list[AlertRef]] = {}
    for alert in alerts:
        res = resolver.resolve(alert)
        if res.status != "ok" or res.path is None:
            continue
        key = _rel(res.path, root)
        out.setdefault(key, []).append(AlertRef(
            name=alert.name, severity=alert.severity, file=_rel(Path(alert.file), root),
            line=alert.line, anchor=res.anchor, summary=alert.summary))
    return out


def _rel(path: Path, root: Path) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    return resolved.as_posix()
