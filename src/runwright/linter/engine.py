"""The lint engine: run the selected rules on each runbook, with suppressions and the cache.

:func:`lint_text` lints one document in memory; :func:`lint_paths` lints files and directories
for the CLI: unreadable files are reported and the others still linted, cached results are
reused, and large runs are spread over worker processes.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from runwright import clock
from runwright.config import Config, validate
from runwright.errors import InputError
from runwright.files import read_bytes, settled
from runwright.linter.cache import Cache, Deps, file_key, link_deps, stat_key
from runwright.linter.finding import Finding
from runwright.linter.settings import Plan, Settings, thaw

if TYPE_CHECKING:  # annotations only: a fully cached run never imports the model
    from runwright.discovery import Found
    from runwright.model import Runbook

#: Below this many files to lint (cache misses), one process is faster than a pool.
PARALLEL_THRESHOLD = 48
#: Files read before their cache entries are looked up together (one query).
LOOKUP_BATCH = 250
INTERNAL_ID, INTERNAL_NAME = "RW000", "internal-error"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class LintReport:
    """The outcome of a run: findings (sorted), files linted (how many, and their paths as
    shown), unreadable files, fixes made."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    linted: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fixed: list[tuple[str, str]] = field(default_factory=list)  # (path, description)
    cache_hits: int = 0
    stat_hits: int = 0  # cache hits answered without reading the file

    def fails(self, fail_on: str) -> bool:
        """Whether a finding reaches the ``fail_on`` severity (``never``: never fails)."""
        if fail_on == "never":
            return False
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in self.findings)


def run_rules(runbook: Runbook, plan: Plan, today: dt.date, root: Path,
              file_path: Path | None) -> list[Finding]:
    """Every rule of the plan on one runbook, then the suppressions; sorted findings.

    A rule that raises is reported as an RW000 finding naming it; the others still run.
    """
    from runwright.linter import suppress
    from runwright.linter.rule import LintContext

    findings: list[Finding] = []
    unused_severity: Any = "warning"
    # One context for the file; each rule gets it with its own rule, severity, options and an
    # empty findings list (cheaper than building a context per rule and file).
    ctx = LintContext(runbook=runbook, profile=plan.profile, options={}, today=today,
                      root=root, file_path=file_path, house=plan.house,
                      readonly_commands=plan.readonly_commands, inventory=plan.inventory)
    for rule, severity, options in plan.rules:
        if rule.id == suppress.UNUSED_ID:
            unused_severity = severity
            continue
        ctx.rule, ctx.severity, ctx.options, ctx.findings = rule, severity, options, []
        try:
            rule.check(ctx)
        except Exception as exc:  # a broken rule must not stop the run
            findings.append(Finding(
                path=runbook.path, line=1, column=1, rule=INTERNAL_ID, name=INTERNAL_NAME,
                severity="error", message=f"rule {rule.id} ({rule.name}) crashed: "
                f"{type(exc).__name__}: {exc}"))
            continue
        findings.extend(ctx.findings)
    findings = suppress.apply(runbook, findings, plan.enabled, unused_severity)
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)


def lint_text(text: str, settings: Settings, path: str = "<text>",
              today: dt.date | None = None, file_path: Path | None = None) -> list[Finding]:
    """Lint one document given as text (the path is used for display and overrides)."""
    return parse_and_lint(text, settings, path, today, file_path)[1]


def parse_and_lint(text: str, settings: Settings, path: str = "<text>",
                   today: dt.date | None = None,
                   file_path: Path | None = None) -> tuple[Runbook, list[Finding]]:
    """The model of one document given as text, and its findings (as :func:`lint_text`)."""
    from runwright.parser import parse

    runbook = parse(text, path)
    rel = settings.relative(file_path) if file_path else path
    plan = settings.plan_for(runbook, rel, file_path)
    return runbook, run_rules(runbook, plan, today or clock.today(), settings.config.root,
                              file_path)


def _lint_file(settings: Settings, path: Path, display: str, data: bytes,
               today: dt.date) -> tuple[list[Finding], Deps] | InputError:
    from runwright.parser import parse
    from runwright.parser.load import decode

    try:
        text = decode(data, display)
    except InputError as exc:
        return exc
    runbook = parse(text, display)
    # Only globs (overrides, custom profiles' match) read the relative path: no resolving
    # of the file's path without them.
    plan = settings.plan_for(runbook, settings.relative(path) if settings.reads_paths else "",
                             path)
    findings = run_rules(runbook, plan, today, settings.config.root, path)
    return findings, link_deps(runbook, path, settings.config.root)


def _fix(settings: Settings, path: Path, display: str, data: bytes, today: dt.date
         ) -> tuple[list[Finding], list[Finding]] | InputError:
    from runwright.linter.fix import fix_file

    return fix_file(settings, path, display, data, today)


# -- worker processes ---------------------------------------------------------------------

_WORKER: Settings | None = None


def _init_worker(spec: dict[str, Any]) -> None:
    global _WORKER
    import gc

    # What the worker inherited or imported stays for its whole life: keep the collector off
    # it, and collect the young generation less often (parsing allocates many small objects).
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
    config = Config(root=Path(spec["root"]),
                    source=Path(spec["source"]) if spec["source"] else None,
                    data=validate(spec["data"]))
    _WORKER = Settings(config, spec["profile"], spec["select"], spec["ignore"])


def _work(batch: list[tuple[str, str, bytes]], today: dt.date
          ) -> list[tuple[list[Finding], Deps] | InputError]:
    assert _WORKER is not None
    return [_lint_file(_WORKER, Path(p), d, data, today) for p, d, data in batch]


def _spec(settings: Settings) -> dict[str, Any]:
    config = settings.config
    return {"root": str(config.root), "source": str(config.source) if config.source else None,
            "data": thaw(config.data), **settings.cli}


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


# -- the run --------------------------------------------------------------------------------

Progress = Callable[[int, int], None]


def _read(path: str | Path, display: str, max_size: int) -> bytes | InputError:
    """A file's bytes, or the error to report for it (see :func:`runwright.files.read_bytes`)."""
    try:
        return read_bytes(path, display, max_size)
    except InputError as exc:
        return exc


def lint_paths(paths: Sequence[str], settings: Settings, *, use_cache: bool = True,
               fix: bool = False, jobs: int | None = None, today: dt.date | None = None,
               on_error: Callable[[InputError], None] | None = None,
               progress: Callable[[int], Progress | None] | None = None) -> LintReport:
    """Lint every runbook under ``paths``.

    ``on_error`` is called for each unreadable file, in the order the files are found;
    ``progress(total)`` may return a callback ``(done, total)`` for a progress display. With
    ``fix``, safe fixes are written back (serially, without the cache) and listed in
    :attr:`LintReport.fixed`.

    With the cache, each file is first looked up by its ``stat`` (no read); the files that
    miss are read and looked up by their bytes; those that miss again are linted.
    """
    from runwright.discovery import iter_files
    from runwright.state import state_dir

    today = today or clock.today()
    config = settings.config
    report = LintReport()
    day = today.isoformat()
    cache = Cache(state_dir(config.root), day) if use_cache and not fix else None
    fingerprint = settings.fingerprint() if cache else ""
    results: dict[int, list[Finding]] = {}
    shown: list[str] = []  # each found file's display path, by index
    todo: list[tuple[int, str, str | None]] = []  # (index, content key, settled stat key)
    runner = _Runner(settings, today, jobs)
    max_size = config.max_file_size
    now = time.time_ns()  # before any stat: what is settled is settled at this time
    # Found, not yet looked up: (index, file, stat key or None, stat key if settled)
    by_stat: list[tuple[int, Found, str | None, str | None]] = []
    # Read, not yet looked up by content: (index, file, data, key, settled stat key)
    by_content: list[tuple[int, Found, bytes, str, str | None]] = []
    learned: list[tuple[str, str]] = []  # (content key, stat key) of content hits

    def house_key(item: Found) -> str:
        """The file's house style (its folder's markdownlint configuration), for the keys."""
        return settings.house.for_file(item.path).key

    def fail(error: InputError) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    def read(item: Found) -> bytes | None:
        data = _read(item.display, item.display, max_size)
        if isinstance(data, InputError):
            report.files -= 1
            fail(data)
            return None
        return data

    def look_up_content() -> None:
        """Answer the read files by their bytes (one query); the rest go to the runner."""
        hits = cache.get_many([p[3] for p in by_content]) if cache else {}
        for index, item, data, key, settled_key in by_content:
            hit = hits.get(key)
            if hit is not None:
                results[index] = hit
                if settled_key:
                    learned.append((key, settled_key))
            else:
                todo.append((index, key, settled_key))
                runner.add(item.path, item.display, data)
        by_content.clear()

    def look_up_stat() -> None:
        """Answer the found files by their stat (one query); read the others."""
        assert cache is not None
        hits = cache.get_by_stat([k for *_x, k, _s in by_stat if k])
        for index, item, skey, settled_key in by_stat:
            hit = hits.get(skey) if skey else None
            if hit is not None:
                results[index] = hit[1]
                continue
            data = read(item)
            if data is not None:
                key = file_key(fingerprint + house_key(item), day, item.real, item.display,
                               data)
                by_content.append((index, item, data, key, settled_key))
        by_stat.clear()
        look_up_content()

    for item in iter_files(paths, config.exclude):
        if isinstance(item, InputError):
            if by_stat:  # errors are reported in the order the files are found
                look_up_stat()
            fail(item)
            continue
        # Its own index, never reused: report.files goes down again when a file turns out
        # unreadable, possibly after later files were found.
        index = len(shown)
        shown.append(item.display)
        report.files += 1
        if fix:
            data = read(item)
            if data is None:
                continue
            fixed_outcome = _fix(settings, item.path, item.display, data, today)
            if isinstance(fixed_outcome, InputError):
                report.files -= 1
                fail(fixed_outcome)
                continue
            results[index], fixed = fixed_outcome
            report.fixed.extend((f.path, f"{f.rule} ({f.name}) line {f.line}: "
                                 f"{f.fix.description if f.fix else f.message}") for f in fixed)
            continue
        if cache is None:
            data = read(item)
            if data is not None:
                by_content.append((index, item, data, "", None))
                if len(by_content) >= LOOKUP_BATCH:
                    look_up_content()
            continue
        skey = settled_key = None
        try:  # before the read: a write after it changes the stat that is stored
            st = os.stat(item.display)
        except OSError:  # the read says why
            pass
        else:
            if S_ISREG(st.st_mode) and st.st_size <= max_size:
                skey = stat_key(fingerprint + house_key(item), day, item.real, item.display,
                                st)
                settled_key = skey if settled(st, now) else None
        by_stat.append((index, item, skey, settled_key))
        if len(by_stat) >= LOOKUP_BATCH:
            look_up_stat()
    if cache is not None:
        look_up_stat()
    else:
        look_up_content()
    tick = progress(len(todo)) if progress and todo else None
    done: list[tuple[str, str | None, Deps, Sequence[Finding]]] = []
    for (index, key, settled_key), outcome in zip(todo, runner.results(tick), strict=True):
        if isinstance(outcome, InputError):
            report.files -= 1
            fail(outcome)
            continue
        findings, deps = outcome
        results[index] = findings
        if cache:
            done.append((key, settled_key, deps, findings))
    if cache:
        cache.put_many(done)
        cache.set_stat_keys(learned)
        report.cache_hits = cache.hits
        report.stat_hits = cache.stat_hits
        cache.close()
    report.findings = [f for i in sorted(results) for f in results[i]]
    report.linted = [shown[i] for i in sorted(results)]
    return report


class _Runner:
    """Lints cache misses as they are found: in this process for small runs, else in a pool
    of worker processes started as soon as the run is known to be large, so that the workers
    start while the remaining files are still being read."""

    BATCH = 32

    def __init__(self, settings: Settings, today: dt.date, jobs: int | None) -> None:
        self.settings, self.today = settings, today
        self.jobs = jobs or default_jobs()
        self.items: list[tuple[str, str, bytes]] = []
        self.sent = 0  # items already submitted to the pool
        self.pool: Any = None
        self.futures: list[Any] = []

    def add(self, path: Path, display: str, data: bytes) -> None:
        self.items.append((str(path), display, data))
        if self.pool is None and self.jobs > 1 and len(self.items) >= PARALLEL_THRESHOLD:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if multiprocessing.get_start_method() == "fork":
                # Import the parser and the rules once here: forked workers inherit them
                # instead of each importing them again.
                import runwright.parser  # noqa: F401  (imported for the workers)
                from runwright.linter import registry

                registry.all_rules()
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker,
                                            initargs=(_spec(self.settings),))
        if self.pool is not None:
            self._submit(final=False)

    def _submit(self, final: bool) -> None:
        while len(self.items) - self.sent >= self.BATCH or (final and self.sent < len(self.items)):
            batch = self.items[self.sent:self.sent + self.BATCH]
            self.futures.append(self.pool.submit(_work, batch, self.today))
            self.sent += len(batch)

    def results(self, tick: Progress | None
                ) -> Iterator[tuple[list[Finding], Deps] | InputError]:
        """Every outcome, in the order the files were added."""
        total = len(self.items)
        if self.pool is None:
            for n, (path, display, data) in enumerate(self.items, start=1):
                yield _lint_file(self.settings, Path(path), display, data, self.today)
                if tick:
                    tick(n, total)
            return
        self._submit(final=True)
        n = 0
        try:
            for future in self.futures:
                batch = future.result()
                yield from batch
                n += len(batch)
                if tick:
                    tick(n, total)
        finally:
            self.pool.shutdown(cancel_futures=True)
