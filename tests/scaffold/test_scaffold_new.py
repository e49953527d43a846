"""runwright new: path, metadata, owner lookup, refusal to overwrite."""

from __future__ import annotations

from pathlib import Path

from tests.scaffold.conftest import FROZEN

from runwright.parser import load
from runwright.scaffold.init import slugify
from runwright.scaffold.owners import codeowners


def test_new_writes_the_template_with_metadata(cli, tmp_path: Path) -> None:
    done = cli("new", "deployment", "Déploiement du worker", "--lang", "fr", "--owner",
               "@payments", cwd=tmp_path, env=FROZEN)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "docs/runbooks/deployment/deploiement-du-worker.md"
    assert "created docs/runbooks/deployment/deploiement-du-worker.md" in done.stdout
    rb = load(path)
    assert rb.title == "Déploiement du worker"
    assert rb.kind == "deployment" and rb.language == "fr"
    assert str(rb.metadata.last_updated) == "2026-01-15"
    assert rb.metadata.owner == "@payments"
    again = cli("new", "deployment", "Déploiement du worker", cwd=tmp_path, env=FROZEN)
    assert again.returncode == 2 and "never overwrites" in again.stderr


def test_new_owner_from_config_then_codeowners(cli, tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/CODEOWNERS").write_text(
        "*  @acme/everyone\ndocs/runbooks/incidents/ @acme/sre\n")
    done = cli("new", "incident", "Queue backlog", cwd=tmp_path, env=FROZEN)
    assert done.returncode == 0, done.stderr
    rb = load(tmp_path / "docs/runbooks/incidents/queue-backlog.md")
    assert rb.metadata.owner == "@acme/sre"
    cli("new", "maintenance", "Vacuum", cwd=tmp_path, env=FROZEN)
    assert load(tmp_path / "docs/runbooks/maintenance/vacuum.md").metadata.owner == \
        "@acme/everyone"
    (tmp_path / "runwright.toml").write_text('owner = "@from-config"\nlanguage = "en"\n')
    cli("new", "generic", "Rotate keys", "--path", "ops/rotate.md", cwd=tmp_path, env=FROZEN)
    assert load(tmp_path / "ops/rotate.md").metadata.owner == "@from-config"


def test_codeowners_patterns(tmp_path: Path) -> None:
    (tmp_path / "CODEOWNERS").write_text(
        "# comment\n*.md @docs\n/docs/runbooks/ @sre\n**/incidents/*.md @oncall\n")
    assert codeowners(tmp_path, "docs/runbooks/incidents/a.md") == "@oncall"
    assert codeowners(tmp_path, "docs/runbooks/maintenance/b.md") == "@sre"
    assert codeowners(tmp_path, "README.md") == "@docs"
    assert codeowners(tmp_path, "src/app.py") is None


def test_slugify() -> None:
    assert slugify("Fuite mémoire : l'API") == "fuite-memoire-l-api"
    assert slugify("!!!") == ""


def test_new_rejects_empty_title(cli, tmp_path: Path) -> None:
    done = cli("new", "incident", "!!!", cwd=tmp_path)
    assert done.returncode == 2 and "Error:" in done.stderr


def test_new_keeps_the_catalogue_that_init_wrote_up_to_date(cli, tmp_path: Path) -> None:
    assert cli("init", "--owner", "@acme/sre", cwd=tmp_path, env=FROZEN).returncode == 0
    assert cli("index", "--check", cwd=tmp_path, env=FROZEN).returncode == 0
    done = cli("new", "incident", "Queue backlog", cwd=tmp_path, env=FROZEN)
    assert done.returncode == 0, done.stderr
    assert "updated docs/runbooks/README.md" in done.stdout
    readme = (tmp_path / "docs/runbooks/README.md").read_text(encoding="utf-8")
    assert "[Queue backlog](incidents/queue-backlog.md)" in readme
    check = cli("index", "--check", cwd=tmp_path, env=FROZEN)
    assert check.returncode == 0, check.stdout + check.stderr


def test_new_writes_no_catalogue_where_there_is_none(cli, tmp_path: Path) -> None:
    done = cli("new", "incident", "Queue backlog", cwd=tmp_path, env=FROZEN)
    assert done.returncode == 0 and "updated" not in done.stdout
    assert not (tmp_path / "docs/runbooks/README.md").exists()
