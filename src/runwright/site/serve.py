"""``runwright site serve``: a local preview on 127.0.0.1 that rebuilds on change.

The site is built once, served by a threaded HTTP server from the standard library (loopback
only, never cached), and the runbook folders and configuration file are polled; when a file
changes, appears or disappears, the site is rebuilt incrementally and the open pages reload.

Live reload: every HTML page is sent with one more ``<script>`` (only when served: the files on
disk are the published site, untouched). The script long-polls
``/__runwright__/reload?since=TOKEN``, which answers when the build token differs from
``TOKEN`` (at once after a rebuild or a restart of the server, else after 25 s), and reloads
the page when it changed.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runwright.config import Config
from runwright.errors import UsageError
from runwright.files import stat_signature
from runwright.site.build import (
    MANIFEST,
    BuildReport,
    build_site,
    content_security_policy,
    resolve_out,
)
from runwright.site.collect import effective_config

Snapshot = dict[str, str]

PREFIX = "/__runwright__/"
#: How long a reload request waits for a rebuild before it answers "unchanged".
POLL_SECONDS = 25.0
_SCRIPT = """\
(function () {
  "use strict";
  var me = document.currentScript;
  var token = me ? me.getAttribute("data-token") : "";
  function poll() {
    fetch("/__runwright__/reload?since=" + encodeURIComponent(token), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.token !== token) { window.location.reload(); } else { poll(); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });  // the server is restarting
  }
  poll();
})();
"""


class Live:
    """The build token the open pages compare theirs with, and its waiters."""

    def __init__(self) -> None:
        self._count = 0
        self._epoch = f"{time.time_ns():x}"  # a restarted server reloads the pages too
        self._changed = threading.Condition()
        self.stopping = False

    @property
    def token(self) -> str:
        return f"{self._epoch}-{self._count}"

    def bump(self) -> None:
        """A rebuild happened: answer every waiting page."""
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def wait(self, since: str, timeout: float) -> str:
        """The token, once it differs from ``since`` (or after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.token != since or self.stopping, timeout)
            return self.token


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files under the output folder only (after resolving links), no listings, only for the
    ``Host`` names of the bound address, with the site's Content-Security-Policy."""

    def __init__(self, *args: Any, live: Live, policy: str, **kwargs: Any) -> None:
        self.live = live  # before the base class, which handles the request
        self.policy = policy
        super().__init__(*args, **kwargs)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True  # the browser dropped it (a reload, a closed tab)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def _host_ok(self) -> bool:
        """True when the ``Host`` header names this server (not a DNS-rebinding name)."""
        host = (self.headers.get("Host") or "").strip().lower()
        address = self.server.server_address
        assert isinstance(address, tuple)
        port = str(address[1])
        name, sep, given = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not sep:
            name, given = host, ""
        if given and given != port:
            return False
        return name in ("127.0.0.1", "localhost", str(address[0]))

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "Not found")
        return None

    def translate_path(self, path: str) -> str:
        """The file for ``path``, or a path that does not exist when it resolves outside the
        output folder (through ``..`` or a symbolic link)."""
        local = super().translate_path(path)
        root = os.path.realpath(self.directory)
        real = os.path.realpath(local)
        nowhere = os.path.join(root, MANIFEST, "none")  # under a file: never exists, a 404
        if real != root and not real.startswith(root + os.sep):
            return nowhere
        if os.path.isdir(real) and not os.path.isfile(os.path.join(real, "index.html")):
            return nowhere  # no listing
        return real + (os.sep if local.endswith(os.sep) else "")

    def do_HEAD(self) -> None:
        if not self._host_ok():
            self.send_error(421, "Misdirected request: unknown Host")
            return
        super().do_HEAD()

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet: the terminal shows rebuilds, not every request

    def do_GET(self) -> None:
        if not self._host_ok():
            self.send_error(421, "Misdirected request: unknown Host")
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == PREFIX + "livereload.js":
            self._send(200, "text/javascript; charset=utf-8", _SCRIPT.encode())
        elif url.path == PREFIX + "reload":
            since = urllib.parse.parse_qs(url.query).get("since", [""])[0]
            token = self.live.wait(since, POLL_SECONDS)
            self._send(200, "application/json", json.dumps({"token": token}).encode())
        elif (page := self._html_file(url.path)) is not None:
            try:
                with open(page, "rb") as f:
                    body = f.read()
            except OSError:
                super().do_GET()
                return
            self._send(200, "text/html; charset=utf-8", inject(body, self.live.token))
        else:
            super().do_GET()

    def _html_file(self, path: str) -> str | None:
        """The HTML file a GET of ``path`` is answered with, if it is one."""
        local = self.translate_path(path)
        if os.path.isdir(local):
            if not path.endswith("/"):
                return None  # the standard handler redirects to the path with a slash
            local = os.path.join(local, "index.html")
        return local if local.endswith(".html") and os.path.isfile(local) else None

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def inject(html: bytes, token: str) -> bytes:
    """``html`` with the live-reload script, before ``</body>`` (else at the end)."""
    tag = (f'<script src="{PREFIX}livereload.js" data-token="{token}"></script>').encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


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


def _stat(path: Path) -> str:
    try:
        return stat_signature(path.stat())  # status-change time included: any write shows
    except OSError:
        return "missing"


def serve(root: Path, config: Config, port: int = 8000, out: Path | None = None,
          interval: float = 1.0, on_ready: Callable[[str], None] | None = None,
          on_build: Callable[[BuildReport], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Build, serve on ``http://127.0.0.1:PORT/`` and rebuild on change until ``stop``."""
    root = root.resolve()
    out = resolve_out(root, config, out)
    live = Live()
    policy = content_security_policy(config, header=True)
    handler = functools.partial(_Handler, directory=str(out), live=live, policy=policy)
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
            live.bump()
            if on_build:
                on_build(report)
    finally:
        live.stop()  # answer the waiting pages, so that no request outlives the server
        server.shutdown()
        server.server_close()
        time.sleep(0)
