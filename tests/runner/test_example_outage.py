"""The bundled incident example works in its own outage: PostgreSQL down.

Its first diagnosis step runs through ``runwright test`` against a real PostgreSQL cluster
that was started and then stopped (and fails against the same cluster running, so the check
means something); the service step accepts the status ``systemctl status`` gives for a stopped
unit (checked against the real systemd when it runs the machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from runwright.parser import load

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "incident-database-down.en.md"


def _step_text(step_number: int) -> str:
    """The example's front matter, title and the text of one of its steps, as written."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    rb = load(EXAMPLE, str(EXAMPLE))
    step = rb.steps[step_number - 1]
    front = text[:text.index("\n---", 4) + 5]
    return (front + "\n# Runbook: PostgreSQL primary is down\n\n## Procedure\n\n"
            + "".join(lines[step.line - 1:step.end_line]))


class Cluster:
    """A throwaway PostgreSQL cluster on a Unix socket, port 5432, in its own folder."""

    def __init__(self, base: Path) -> None:
        initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
        if initdb is None or pg_ctl is None:
            pytest.skip("initdb/pg_ctl not found: PostgreSQL server binaries are not installed")
        self.pg_ctl = pg_ctl
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            if shutil.which("runuser") is None:
                pytest.skip("running as root without runuser: cannot start PostgreSQL")
            shutil.chown(base, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.base = base
        self.data = base / "data"
        self._run(initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def _run(self, *argv: str) -> None:
        try:
            subprocess.run([*self.prefix, *argv], check=True, capture_output=True, timeout=120)
        except subprocess.CalledProcessError as exc:
            pytest.skip(f"cannot run PostgreSQL: {exc.stderr.decode(errors='replace')[-300:]}")

    def start(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.base / "log"), "-w", "-o",
                  f"-k {self.base} -p 5432 -c listen_addresses='' -c fsync=off", "start")

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    base = Path(tempfile.mkdtemp(prefix="rw-pg-outage-"))  # reachable by the postgres user
    try:
        c = Cluster(base)
        yield c
        subprocess.run([*c.prefix, c.pg_ctl, "-D", str(c.data), "-m", "immediate", "stop"],
                       capture_output=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_first_diagnosis_step_passes_when_postgresql_is_down(
        cli, cluster: Cluster, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir(exist_ok=True)
    probe = tmp_path / "probe.md"
    probe.write_text(_step_text(1), encoding="utf-8")
    assert "pg_isready" in probe.read_text()
    host = f"DB_PRIMARY={cluster.base}"  # the socket folder: the "host" of the primary

    cluster.start()
    up = cli("test", str(probe), "--var", host, cwd=tmp_path)
    assert up.returncode == 1, up.stdout + up.stderr  # the server answers: no outage
    assert "exit status 0, expected 2" in up.stdout

    cluster.stop()
    down = cli("test", str(probe), "--var", host, cwd=tmp_path)
    assert down.returncode == 0, down.stdout + down.stderr
    assert "Step 1     done" in down.stdout


def test_the_service_step_accepts_a_stopped_unit() -> None:
    rb = load(EXAMPLE, str(EXAMPLE))
    service = next(b for s in rb.steps for b in s.commands if b.attributes.get("id") == "service")
    assert "systemctl status" in service.code
    assert set(service.exit_statuses) >= {0, 3}
    if not Path("/run/systemd/system").is_dir():
        pytest.skip("systemd does not run this machine: the status of a stopped unit is not "
                    "observed here")
    listed = subprocess.run(["systemctl", "list-units", "--all", "--state=inactive",
                             "--type=service", "--no-legend", "--plain"],
                            capture_output=True, text=True, timeout=30).stdout.split()
    if not listed:
        pytest.skip("no stopped service unit on this machine")
    done = subprocess.run(["systemctl", "status", listed[0], "--no-pager"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 3 and done.returncode in service.exit_statuses
