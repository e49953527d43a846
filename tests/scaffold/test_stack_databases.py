"""The drafted MySQL/MariaDB and Redis commands, run against real servers started by the tests.

The harness takes the container wrapper off each command (``docker compose ... exec -T db``,
``kubectl -n NS exec -i statefulset/NAME --``, ``kubectl cp POD:PATH``), gives the command the
environment the container would give it (``MARIADB_PASSWORD``) and the server's socket, and
runs it with bash, so that the SQL, the options, the users and the paths are proven to work.
The servers reproduce what matters of the official images: MariaDB's root has a password (an
unauthenticated client is refused), Redis keeps its dump where ``--rdb`` writes it.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.scaffold.test_stack_drafts import _drafts, load_text
from tests.services import MariaDB, Redis

COMPOSE_EXEC = re.compile(r'^docker compose -f "\$DEPLOY_DIR/compose\.yaml" exec -T db ')
KUBE_EXEC = re.compile(r"^kubectl -n \S+ exec -i statefulset/\S+ -- ")
KUBE_CP = re.compile(r"^kubectl -n \S+ cp \S+?:(/\S+) ")
MYSQL = re.compile(r"\b(?:mysqladmin|mysqldump|mysql|mariadb)\b")
REDIS = re.compile(r"\b(?:redis-cli|redis-check-rdb)\b|^kubectl -n \S+ cp ")


@pytest.fixture
def mariadb() -> Iterator[MariaDB]:
    server = MariaDB()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def redis() -> Iterator[Redis]:
    server = Redis()
    try:
        yield server
    finally:
        server.remove()


def _lines(d: dict[str, str], files: tuple[str, ...], wanted: re.Pattern[str]
           ) -> list[tuple[str, str]]:
    return [(rel, line) for rel in files for block in load_text(d[rel])
            for line in block.splitlines() if wanted.search(line)
            and not line.lstrip().startswith("#") and "--version" not in line]


def _run(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True,
                          timeout=120)


def test_mysql_commands_run_against_a_real_server(cli, make_repo, mariadb: MariaDB,
                                                  tmp_path: Path) -> None:
    _repo, d = _drafts(cli, make_repo, "compose-mysql-redis")
    commands = _lines(d, ("incidents/database-down.md", "maintenance/database-backup.md"),
                      MYSQL)
    assert [c for _, c in commands if "mysqldump" in c], commands
    mariadb.sql("CREATE DATABASE wiki; CREATE USER 'wiki'@'localhost' IDENTIFIED BY 'wiki-pw';"
                "GRANT ALL ON wiki.* TO 'wiki'@'localhost';"
                "CREATE TABLE wiki.pages (id INT PRIMARY KEY, title TEXT);"
                "INSERT INTO wiki.pages VALUES (1, 'Home');")
    backups = tmp_path / "backups"
    backups.mkdir()
    # what the db container's environment holds (compose.yaml: MARIADB_PASSWORD)
    env = {**mariadb.env, "MARIADB_PASSWORD": "wiki-pw", "BACKUP_DIR": str(backups)}
    for rel, command in commands:
        local = COMPOSE_EXEC.sub("", command)
        assert local != command or "tail" in command or "du -h" in command, command
        done = _run(local, env)
        assert done.returncode == 0, (rel, local, done.stderr)
        if local.endswith(" ping'"):
            assert "mysqld is alive" in done.stdout  # the draft's expect block
        if "mysqldump" in local:
            (dump,) = backups.iterdir()
            text = dump.read_text()
            assert "CREATE TABLE `pages`" in text and "'Home'" in text
            assert text.rstrip().splitlines()[-1].startswith("-- Dump completed")
    # the harness is honest: the unauthenticated client the drafts used to run is refused
    refused = _run("mysqladmin processlist", {**mariadb.env})
    assert refused.returncode != 0 and "Access denied" in refused.stderr


def test_redis_backup_runs_against_a_real_server(cli, make_repo, redis: Redis,
                                                 tmp_path: Path) -> None:
    _repo, d = _drafts(cli, make_repo, "kustomize-overlays")
    commands = _lines(d, ("maintenance/database-backup.md", "incidents/database-down.md"),
                      REDIS)
    assert any("--rdb" in c for _, c in commands) and any(" cp " in c for _, c in commands)
    subprocess.run(["redis-cli", "-s", str(redis.socket), "set", "session:1", "alice"],
                   check=True, capture_output=True)
    backups = tmp_path / "backups"
    backups.mkdir()
    pod_tmp = tmp_path / "pod-tmp"  # the pod's /tmp
    pod_tmp.mkdir()
    env = {**os.environ, "BACKUP_DIR": str(backups)}
    checked = False
    for rel, command in commands:
        local = KUBE_EXEC.sub("", command)
        if KUBE_CP.match(local):  # kubectl cp POD:/tmp/x DEST: a copy out of the pod's /tmp
            local = KUBE_CP.sub(lambda m: f"cp {pod_tmp}/{Path(m.group(1)).name} ", local)
        else:
            local = local.replace(" /tmp/", f" {pod_tmp}/")
        local = re.sub(r"\bredis-cli\b", f"redis-cli -s {redis.socket}", local)
        done = _run(local, env)
        assert done.returncode == 0, (rel, local, done.stderr)
        if "redis-check-rdb" in local:
            assert "RDB looks OK" in done.stdout
            checked = True
        if local.endswith(" ping"):
            assert done.stdout.strip() == "PONG"
    assert checked
    (dump,) = backups.iterdir()
    assert dump.stat().st_size > 0  # the dump landed where the verify step looks
