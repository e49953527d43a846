"""``runwright site serve``: a local preview on 127.0.0.1 that rebuilds on change.

The site is built once, served by a threaded HTTP server from the standard library (loopback
only, never cached), and the runbook folders and configuration file are polled; when a file
changes, appears or disappears, the site is rebuilt incrementally.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runwright.config import Config
from runwright.errors import UsageError
from runwright.site.build import BuildReport, build_site, resolve_out
from runwright.site.collect import effective_config

Snapshot = dict[str, tuple[float, int]]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet: the terminal shows rebuilds, not every request


def snapshot(root: Path, config: Config, out: Path) -> Snapshot:
    """Modification time and size of every file the site is built from."""
    config = effective_config(root, config)
    files: Snapshot = {}
    folders = [root / p for p in config.paths]
    if config.source is not None:
        files[str(config.source)] = _stat(config.source)
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            here = Path(dirpath)
            dirnames[:] = [d for d in dirnames if not d.startswith(".")
                           and not (here / d).resolve().is_relative_to(out)]
            for name in filenames:
                path = here / name
                files[str(path)] = _stat(path)
    for rule_file in config.section("alerts").get("rules") or ():
        path = Path(rule_file) if Path(rule_file).is_absolute() else config.root / rule_file
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                files[str(sub)] = _stat(sub)
        else:
            files[str(path)] = _stat(path)
    return files


def _stat(path: Path) -> tuple[float, int]:
    try:
        st = path.stat()
    except OSError:
        return (0.0, -1)
    return (st.st_mtime, st.st_size)


def serve(root: Path, config: Config, port: int = 8000, out: Path | None = None,
          interval: float = 1.0, on_ready: Callable[[str], None] | None = None,
          on_build: Callable[[BuildReport], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Build, serve on ``http://127.0.0.1:PORT/`` and rebuild on change until ``stop``."""
    root = root.resolve()
    out = resolve_out(root, config, out)
    handler = functools.partial(_Handler, directory=str(out))
    try:  # take the port first: a port in use is said at once, before a long build
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}",
                         hint="choose another port with --port (0 picks a free one)") from None
    try:
        report = build_site(root, config, out)
    except BaseException:
        server.server_close()
        raise
    if on_build:
        on_build(report)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    if on_ready:
        on_ready(f"http://127.0.0.1:{server.server_address[1]}/")
    stop = stop or threading.Event()
    seen = snapshot(root, config, out)
    try:
        while not stop.wait(interval):
            now = snapshot(root, config, out)
            if now == seen:
                continue
            seen = now
            report = build_site(root, config, out)
            if on_build:
                on_build(report)
    finally:
        server.shutdown()
        server.server_close()
        time.sleep(0)
