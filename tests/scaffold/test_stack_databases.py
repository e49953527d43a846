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
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.runner.conftest import pg_cluster  # noqa: F401  (the session PostgreSQL cluster)
from tests.scaffold.test_stack_drafts import _drafts, load_text, pg_env
from tests.services import MariaDB, Redis

COMPOSE_EXEC = re.compile(r'^docker compose -f "\$DEPLOY_DIR/[\w.-]+" exec -T \S+ ')
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


def _wiki(mariadb: MariaDB) -> None:
    """The compose fixture's database as its container would create it, one row in it."""
    mariadb.sql("CREATE DATABASE wiki; CREATE USER 'wiki'@'localhost' IDENTIFIED BY 'wiki-pw';"
                "GRANT ALL ON wiki.* TO 'wiki'@'localhost';"
                "CREATE TABLE wiki.pages (id INT PRIMARY KEY, title TEXT);"
                "INSERT INTO wiki.pages VALUES (1, 'Home');")


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
    _wiki(mariadb)
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


def _blocks(path: Path) -> dict[str, str]:
    """The shell blocks of a drafted runbook by id, the rollback's first block as "rollback",
    each with the container wrapper taken off every line."""
    from runwright.parser import load

    rb = load(path)
    out = {}
    for block in rb.code_blocks:
        if not block.is_shell:
            continue
        key = str(block.attributes.get("id") or "")
        if not key and rb.rollback and block in rb.rollback[0].commands:
            key = "rollback"
        if key:
            out[key] = "\n".join(KUBE_EXEC.sub("", COMPOSE_EXEC.sub("", line))
                                 for line in block.code.splitlines())
    return out


def _round_trip(blocks_backup: dict[str, str], blocks_restore: dict[str, str],
                env: dict[str, str], count: Callable[[], int], write: Callable[[], None]
                ) -> None:
    """Back up, write a row, restore (the row is gone), roll back (the row is back)."""
    assert _run(blocks_backup["dump"], env).returncode == 0
    (backup,) = Path(env["BACKUP_DIR"]).iterdir()
    before = count()
    write()
    assert count() == before + 1
    env = {**env, "BACKUP_FILE": str(backup)}
    check = _run(blocks_restore["check"], env)
    assert check.returncode == 0, check.stderr
    safety = _run(blocks_restore["safety"], env)
    assert safety.returncode == 0, safety.stderr
    safety_file = safety.stdout.strip()  # what capture=SAFETY_FILE keeps
    assert Path(safety_file).stat().st_size > 0
    restored = _run(blocks_restore["restore"], env)
    assert restored.returncode == 0, restored.stderr
    assert count() == before  # the row written after the backup is gone
    verify = _run(blocks_restore["verify"], env)
    assert verify.returncode == 0 and "pages" in verify.stdout, verify.stderr
    back = _run(blocks_restore["rollback"], {**env, "SAFETY_FILE": safety_file})
    assert back.returncode == 0, back.stderr
    assert count() == before + 1  # the rollback puts back the state before the restore


def test_mysql_restore_round_trip(cli, make_repo, mariadb: MariaDB, tmp_path: Path) -> None:
    repo, _d = _drafts(cli, make_repo, "compose-mysql-redis")
    base = repo / "docs/runbooks/maintenance"
    _wiki(mariadb)
    backups = tmp_path / "backups"
    backups.mkdir()
    env = {**mariadb.env, "MARIADB_PASSWORD": "wiki-pw", "BACKUP_DIR": str(backups)}

    def count() -> int:
        return int(mariadb.sql("SELECT COUNT(*) FROM wiki.pages").split()[-1])

    def write() -> None:
        mariadb.sql("INSERT INTO wiki.pages VALUES (2, 'Written after the backup')")

    _round_trip(_blocks(base / "database-backup.md"), _blocks(base / "database-restore.md"),
                env, count, write)


def test_postgres_restore_round_trip(cli, make_repo, pg_cluster: str,  # noqa: F811
                                     tmp_path: Path) -> None:
    import psycopg

    repo, _d = _drafts(cli, make_repo, "compose-postgres-certbot")
    base = repo / "docs/runbooks/maintenance"
    with psycopg.connect(pg_cluster, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS shop_restore")
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'shop'").fetchone():
            conn.execute('CREATE ROLE "shop" LOGIN')
        conn.execute("DROP DATABASE IF EXISTS shop")
        conn.execute('CREATE DATABASE "shop" OWNER "shop"')
    url = pg_cluster.replace("/postgres?", "/shop?").replace("postgres@", "shop@")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE pages (id int PRIMARY KEY, title text)")
        conn.execute("INSERT INTO pages VALUES (1, 'Home')")
    env = pg_env(pg_cluster, tmp_path / "backups")

    def count() -> int:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM pages").fetchone()
            assert row is not None
            return int(row[0])

    def write() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("INSERT INTO pages VALUES (2, 'Written after the backup')")

    _round_trip(_blocks(base / "database-backup.md"), _blocks(base / "database-restore.md"),
                env, count, write)
