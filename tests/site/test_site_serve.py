"""``runwright site serve``: 127.0.0.1 only, the site follows the runbooks as they change, and
the open pages reload."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as resp:
        assert resp.headers["Cache-Control"] == "no-cache"
        body: bytes = resp.read()
        return body.decode()


def _wait_for(predicate: Callable[[], bool], what: str, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _serve(repo: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """``runwright site serve`` on a free port, rebuilding every 0.2 s."""
    env = dict(os.environ, NO_COLOR="1", RUNWRIGHT_STATE_DIR=str(tmp_path / "state"),
               PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "runwright", "site", "serve", "--port", "0",
                             "--interval", "0.2"], cwd=repo, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_serve_rebuilds_on_change(sample_repo: Path, tmp_path: Path) -> None:
    proc = _serve(sample_repo, tmp_path)
    try:
        assert proc.stdout is not None
        lines = []
        while True:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "serve exited"
            lines.append(line)
            if line.startswith("Serving "):
                break
        assert "2 runbook page(s): 2 built" in lines[0]
        url = line.split()[1]
        assert url.startswith("http://127.0.0.1:")
        home = _get(url)
        assert "Deploy to production" in home
        page_url = url + "incidents/database-down.html"
        assert "Database down" in _get(page_url)

        source = sample_repo / "docs/runbooks/incidents/database-down.md"
        source.write_text(source.read_text().replace("# Runbook: Database down",
                                                     "# Runbook: Primary database down"))
        _wait_for(lambda: "Primary database down" in _get(page_url), "the page rebuild")
        rebuilt = proc.stdout.readline()
        assert "1 built, 1 unchanged" in rebuilt

        (sample_repo / "docs/runbooks/incidents/new-one.md").write_text("# New one\n")
        _wait_for(lambda: "New one" in _get(url), "the new runbook on the home page")
        assert "New one" in _get(url + "incidents/new-one.html")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0


def test_serve_port_in_use(cli, sample_repo: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = cli("site", "serve", "--port", str(port), cwd=sample_repo, timeout=60)
    assert r.returncode == 2
    assert f"Error: cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "--port" in r.stderr
    # The port is taken before the build: nothing was built for a server that cannot start.
    assert not (sample_repo / "_site" / "index.html").exists()


@pytest.fixture
def served(sample_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[tuple[str, Path]]:
    """``serve()`` on a free port in a thread, polling every 0.1 s: (base URL, repository)."""
    from runwright.config import load_config
    from runwright.site import serve

    monkeypatch.setenv("RUNWRIGHT_STATE_DIR", str(tmp_path / "state"))
    config = load_config(start=sample_repo)
    stop = threading.Event()
    ready: list[str] = []
    thread = threading.Thread(target=serve, args=(sample_repo, config), kwargs={
        "port": 0, "interval": 0.1, "on_ready": ready.append, "stop": stop}, daemon=True)
    thread.start()
    _wait_for(lambda: bool(ready), "the server")
    yield ready[0], sample_repo
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive(), "serve() did not stop"


def test_served_pages_reload_after_a_rebuild(served: tuple[str, Path]) -> None:
    import json
    import re

    url, repo = served
    page = _get(url + "incidents/database-down.html")
    scripts = re.findall(r'<script src="/__runwright__/livereload.js" data-token="([^"]+)">'
                         r"</script></body>", page)
    assert len(scripts) == 1, page[-300:]
    token = scripts[0]
    built = (repo / "_site/incidents/database-down.html").read_text(encoding="utf-8")
    assert "__runwright__" not in built  # the published files are left as built
    assert "fetch(" in _get(url + "__runwright__/livereload.js")
    # a page from another run of the server (another token) is told at once
    assert json.loads(_get(url + "__runwright__/reload?since=old"))["token"] == token

    answers: list[str] = []
    waiting = threading.Thread(target=lambda: answers.append(
        json.loads(_get(url + f"__runwright__/reload?since={token}"))["token"]))
    waiting.start()
    time.sleep(0.5)
    assert answers == []  # nothing changed: the request waits
    source = repo / "docs/runbooks/incidents/database-down.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "# Runbook: Database down", "# Runbook: Primary database down"), encoding="utf-8")
    waiting.join(timeout=20)
    assert answers and answers[0] != token
    assert "Primary database down" in _get(url + "incidents/database-down.html")
    assert f'data-token="{answers[0]}"' in _get(url + "incidents/database-down.html")
    assert f'data-token="{answers[0]}"' in _get(url)  # the index page, by its folder


def _status(url: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    import http.client
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.putrequest("GET", parts.path or "/", skip_host=host is not None)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.headers), resp.read()
    finally:
        conn.close()


def test_serve_lists_no_folder_and_follows_no_link_out(served: tuple[str, Path],
                                                       tmp_path: Path) -> None:
    url, repo = served
    assert _status(url + "assets/")[0] == 404  # no listing
    assert _status(url + "assets")[0] == 404
    secret = tmp_path / "secret.txt"
    secret.write_text("private key", encoding="utf-8")
    (repo / "_site/leak.txt").symlink_to(secret)
    (repo / "_site/leakdir").symlink_to(tmp_path, target_is_directory=True)
    assert _status(url + "leak.txt")[0] == 404
    assert _status(url + "leakdir/secret.txt")[0] == 404
    assert _status(url + "assets/site.css")[0] == 200


def test_serve_accepts_only_its_own_host_names(served: tuple[str, Path]) -> None:
    url, _ = served
    port = url.rstrip("/").rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert _status(url, host)[0] == 200, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        assert _status(url, host)[0] == 421, host


def test_serve_sends_a_content_security_policy(served: tuple[str, Path]) -> None:
    url, _ = served
    _, headers, _ = _status(url + "incidents/database-down.html")
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "img-src 'self'" in policy and "https:" not in policy


def test_serve_is_quiet_when_the_browser_drops_a_request(sample_repo: Path,
                                                         tmp_path: Path) -> None:
    import socket

    proc = _serve(sample_repo, tmp_path)
    try:
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            assert line, "serve exited"
            if line.startswith("Serving "):
                break
        url = line.split()[1]
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):  # a reload request the page dropped, answered after a rebuild
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /__runwright__/reload?since=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            s.close()  # reset: the answer meets a closed connection
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /incidents/database-down.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
        time.sleep(1.0)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err, err
