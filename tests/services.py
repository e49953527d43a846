"""Throwaway MariaDB and Redis servers for the tests that run drafted commands against them.

Each server lives in a folder of its own under the system's temporary folder (socket paths
must stay short), listens on a Unix socket only, and is stopped and removed after the test.
The binaries come from Debian's ``mariadb-server`` and ``redis-server`` packages, which
``scripts/ensure-test-packages.sh`` (run by ``make test``) installs when they are missing; a
test that needs a missing one skips and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _need(*names: str) -> None:
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/ensure-test-packages.sh "
                    "installs them)")


def _wait(check: list[str], env: dict[str, str], what: str, log: Path) -> None:
    for _ in range(150):
        if subprocess.run(check, env=env, capture_output=True).returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start: {log.read_text(errors='replace')[-2000:]}")


class _Server:
    """A server process and its folder."""

    proc: subprocess.Popen[bytes]
    dir: Path

    def remove(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class MariaDB(_Server):
    """A MariaDB server whose ``root`` has a password, as in the official image, and whose
    clients find it through ``HOME/.my.cnf`` (``env``: no user or password in it)."""

    ROOT_PASSWORD = "root-secret"

    def __init__(self) -> None:
        _need("mariadbd", "mariadb-install-db", "mariadb", "mysqladmin", "mysqldump")
        self.dir = Path(tempfile.mkdtemp(prefix="rwmy"))
        self.socket = self.dir / "s.sock"
        home = self.dir / "home"
        home.mkdir()
        (home / ".my.cnf").write_text(f"[client]\nsocket={self.socket}\n")
        self.env = {**os.environ, "HOME": str(home)}
        root = ["--user=root"] if os.geteuid() == 0 else []
        log = self.dir / "server.log"
        subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={self.dir}/data",
                        "--auth-root-authentication-method=normal", "--skip-test-db", *root],
                       check=True, capture_output=True, env=self.env)
        self.proc = subprocess.Popen(
            ["mariadbd", "--no-defaults", f"--datadir={self.dir}/data",
             f"--socket={self.socket}", "--skip-networking", f"--log-error={log}",
             f"--pid-file={self.dir}/pid", *root], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log.touch()
        _wait(["mysqladmin", "-uroot", "ping"], self.env, "mariadbd", log)
        self.sql(f"ALTER USER root@localhost IDENTIFIED BY '{self.ROOT_PASSWORD}'",
                 password="")

    def sql(self, statements: str, password: str | None = None) -> str:
        pw = self.ROOT_PASSWORD if password is None else password
        done = subprocess.run(["mariadb", "-uroot", f"-p{pw}" if pw else "--skip-password",
                               "-e", statements], env=self.env, capture_output=True,
                              text=True, check=True)
        return done.stdout



class Redis(_Server):
    """A Redis server on a Unix socket, persistence off (``redis-cli -s SOCKET``)."""

    def __init__(self) -> None:
        _need("redis-server", "redis-cli", "redis-check-rdb")
        self.dir = Path(tempfile.mkdtemp(prefix="rwrd"))
        self.socket = self.dir / "s.sock"
        log = self.dir / "server.log"
        log.touch()
        self.proc = subprocess.Popen(
            ["redis-server", "--port", "0", "--unixsocket", str(self.socket),
             "--unixsocketperm", "700", "--dir", str(self.dir), "--save", "",
             "--appendonly", "no", "--logfile", str(log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait(["redis-cli", "-s", str(self.socket), "ping"], dict(os.environ), "redis-server",
              log)

