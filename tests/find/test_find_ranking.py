"""``runwright find`` ranking: real log lines pasted whole land on the right entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CliRunner

from runwright.search import query_words

LOG_LINES = [
    # kubectl describe / events
    ("Warning  Failed     12s (x3 over 51s)  kubelet  Failed to pull image "
     '"registry.example.com/api:v1.4.2": rpc error: code = NotFound; Error: ImagePullBackOff',
     "docs/runbooks/deployment/deploy-api.md", "Error: ImagePullBackOff"),
    ("api-7d9f8b6c4-x2k9z   0/1     CrashLoopBackOff   7 (2m13s ago)   14m",
     "docs/runbooks/deployment/deploy-api.md", "Error: CrashLoopBackOff"),
    ("Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress",
     "docs/runbooks/deployment/deploy-api.md",
     "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress"),
    # postgres server log
    ('2026-01-15 03:12:44.123 UTC [28481] app@orders FATAL:  password authentication failed '
     'for user "app"', "docs/runbooks/incidents/postgres-down.md",
     "Error: FATAL: password authentication failed for user"),
    ('psql: error: connection to server at "10.0.3.17", port 5432 failed: Connection refused',
     "docs/runbooks/incidents/postgres-down.md",
     "Error: could not connect to server: Connection refused"),
    ("2026-01-15 03:14:02.001 UTC [1] PANIC:  could not write to file "
     '"pg_wal/xlogtemp.28481": No space left on device',
     "docs/runbooks/incidents/postgres-down.md",
     'Error: PANIC: could not write to file "pg_wal/xlogtemp": No space left on device'),
    ("FATAL:  remaining connection slots are reserved for non-replication superuser "
     "connections", "docs/runbooks/incidents/postgres-down.md",
     "Error: FATAL: remaining connection slots are reserved for non-replication superuser "
     "connections"),
    # nginx error log
    ("2026/01/15 03:15:20 [error] 31#31: *4471 upstream timed out (110: Connection timed out) "
     "while reading response header from upstream, client: 203.0.113.9, server: "
     'api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: '
     '"http://10.0.7.12:8080/v1/orders"', "docs/runbooks/incidents/nginx-errors.md",
     "Error: upstream timed out (110: Connection timed out) while reading response header "
     "from upstream"),
    # certbot
    ("Certbot failed to authenticate some domains (authenticator: nginx). Challenge failed "
     "for domain api.example.com", "docs/runbooks/maintenance/certificate-renewal.md",
     "Erreur: Challenge failed for domain"),
    # a disk full that is not PostgreSQL's
    ("tar: /var/backups/app-2026-01-15.tar: Cannot write: No space left on device",
     "docs/runbooks/incidents/disque-plein.md", "Erreur: No space left on device"),
]


@pytest.mark.parametrize(("line", "path", "heading"), LOG_LINES)
def test_log_line_finds_entry(cli: CliRunner, find_repo: Path, line: str, path: str,
                              heading: str) -> None:
    proc = cli("find", line, "--format", "json", cwd=find_repo)
    assert proc.returncode == 0, proc.stderr
    best = json.loads(proc.stdout)["results"][0]
    assert (best["path"], best["heading"]) == (path, heading)
    text = (find_repo / path).read_text(encoding="utf-8").split("\n")
    assert text[best["line"] - 1] == f"### {heading}"  # the line points at the entry


def test_alert_name_any_case(cli: CliRunner, find_repo: Path) -> None:
    proc = cli("find", "kubepodcrashlooping", cwd=find_repo)
    assert proc.returncode == 0
    first = proc.stdout.splitlines()[0]
    assert first.startswith("docs/runbooks/incidents/KubePodCrashLooping.md:")
    proc = cli("find", "pod crash looping", "--format", "json", cwd=find_repo)
    assert json.loads(proc.stdout)["results"][0]["path"].endswith("KubePodCrashLooping.md")


def test_text_output_shape(cli: CliRunner, find_repo: Path) -> None:
    proc = cli("find", "ImagePullBackOff", "--limit", "1", cwd=find_repo)
    assert proc.stdout.splitlines() == [
        "docs/runbooks/deployment/deploy-api.md:23: Error: ImagePullBackOff  "
        "(Deploy the API to production)",
        "    [ImagePullBackOff]"]


def test_query_words_drop_noise() -> None:
    words = query_words(
        "2026-01-15T03:12:44.123Z pod/api-7d9f8b6c4-x2k9z 10.0.3.17:5432 "
        "0d7c4e9a-1b2f-4c3d-9e8f-123456789abc sha256:4f2a9c1be77d0e1f req=ab12cd34ef56 "
        "took 1500ms (x12 over 10m) OOMKilled in /var/lib/postgresql")
    assert words == ["pod", "api", "took", "oomkilled", "oom", "killed", "var", "lib",
                     "postgresql"]


def test_synonyms_from_config(cli: CliRunner, find_repo: Path) -> None:
    # "pépin" is in no runbook; declared a synonym of the nginx timeout it finds that entry
    proc = cli("find", "pépin passerelle", "--format", "json", cwd=find_repo)
    assert proc.returncode == 1
    (find_repo / "runwright.toml").write_text(
        '[find.synonyms]\nupstream-timeout = ["pépin passerelle", "upstream timed out"]\n',
        encoding="utf-8")
    proc = cli("find", "pépin passerelle", "--format", "json", cwd=find_repo)
    assert proc.returncode == 0, proc.stderr
    best = json.loads(proc.stdout)["results"][0]
    assert best["path"] == "docs/runbooks/incidents/nginx-errors.md"


def test_results_say_which_words_matched(cli: CliRunner, find_repo: Path) -> None:
    proc = cli("find", "certificat expiré renouvellement", "--format", "json", cwd=find_repo)
    best = json.loads(proc.stdout)["results"][0]
    assert best["path"] == "docs/runbooks/maintenance/certificate-renewal.md"
    assert best["matched"] and set(best["matched"]) <= {"certificat", "expire",
                                                        "renouvellement", "~cert-expired"}
    assert "~cert-expired" in best["matched"]


def test_camel_case_and_accents_fold() -> None:
    assert query_words("NodeFilesystemSpaceFillingUp") == [
        "nodefilesystemspacefillingup", "node", "filesystem", "space", "filling", "up"]
    assert query_words("Base de Données INDISPONIBLE") == ["base", "donnees", "indisponible"]


def test_log_formats_keep_the_message() -> None:
    assert query_words('level=error ts=2026-01-15T03:12:44Z caller=main.go:42 '
                       'msg="connection refused"') == ["connection", "refused"]
    assert query_words('{"level":"warn","ts":"2026-01-15T03:12:44Z","caller":"raft.go:369",'
                       '"msg":"no leader"}') == ["leader"]
    # the level word heading the message goes with the header
    assert query_words("E0115 03:12:44.123456    2381 pod_workers.go:1298] Error syncing "
                       "pod") == ["syncing", "pod"]
    assert query_words("Jan 15 03:12:44 db1 postgres[1234]: starting up") == [
        "starting", "up"]
