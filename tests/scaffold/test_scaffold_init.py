"""runwright init: golden outputs per stack and language, idempotence, --force, --dry-run.

Regenerate the goldens with ``RUNWRIGHT_UPDATE_GOLDEN=1 pytest tests/scaffold``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from tests.scaffold.conftest import FROZEN, GOLDEN, STACKS

UPDATE = bool(os.environ.get("RUNWRIGHT_UPDATE_GOLDEN"))


def _tree(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and (rel.startswith(("docs/", ".github/workflows/runbooks",
                                               ".gitlab")) or rel in (
                "runwright.toml", ".gitlab-ci.yml")):
            out[rel] = path.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("stack", STACKS)
def test_init_matches_golden(cli, make_repo, stack: str, lang: str) -> None:
    repo = make_repo(stack)
    done = cli("init", "--lang", lang, "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    assert "created  docs/runbooks/deployment/deploy-production.md" in done.stdout
    tree = _tree(repo)
    golden = GOLDEN / f"{stack}.{lang}"
    if UPDATE:
        for rel, text in tree.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(golden).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(golden.rglob("*")) if p.is_file()}
    assert sorted(tree) == sorted(expected)
    for rel, text in expected.items():
        assert tree[rel] == text, f"{stack}.{lang}: {rel} differs from its golden file"


def test_detected_names_are_used(cli, make_repo) -> None:
    repo = make_repo("k8s-helm-postgres")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    # the Deployment the chart renders ("shop-api.fullname"), not the one in k8s/api.yaml
    assert "kubectl -n shop rollout status deployment/shop-api" in deploy
    assert "helm upgrade --install shop-api ./charts/shop-api -n shop" in deploy
    db = (repo / "docs/runbooks/incidents/database-down.md").read_text()
    assert "kubectl -n shop exec -i statefulset/postgres -- pg_isready" in db
    assert (repo / "docs/runbooks/incidents/pod-crash-loop.md").is_file()
    assert (repo / ".github/workflows/runbooks.yml").is_file()

    repo = make_repo("systemd-postgres-certbot")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "sudo systemctl restart billing.service" in deploy
    assert (repo / ".gitlab/runbooks.gitlab-ci.yml").is_file()  # .gitlab-ci.yml is the team's
    assert "sudo certbot renew --dry-run" in (
        repo / "docs/runbooks/maintenance/certificate-renewal.md").read_text()


def test_unknown_names_become_declared_variables(cli, make_repo) -> None:
    repo = make_repo("empty")
    assert cli("init", "--no-detect", "--owner", "@ops", cwd=repo, env=FROZEN).returncode == 0
    text = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert 'sudo systemctl restart "$SERVICE"' in text
    front = text.split("---\n")[1]
    assert "SERVICE:" in front and "pattern:" in front and "APP_DIR:" in front


def test_init_is_idempotent_and_refuses_to_overwrite(cli, make_repo) -> None:
    repo = make_repo("compose-mysql-nginx")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    before = _tree(repo)
    edited = repo / "docs/runbooks/incidents/high-cpu.md"
    edited.write_text(edited.read_text() + "\nTeam notes.\n")
    again = cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert again.returncode == 0
    assert "0 file(s) written" in again.stdout
    assert "skipped (exists)  docs/runbooks/incidents/high-cpu.md" in again.stdout
    assert edited.read_text().endswith("Team notes.\n")
    after = _tree(repo)
    assert {k: v for k, v in after.items() if k != edited.relative_to(repo).as_posix()} == \
        {k: v for k, v in before.items() if k != edited.relative_to(repo).as_posix()}
    forced = cli("init", "--force", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert "overwritten  docs/runbooks/incidents/high-cpu.md" in forced.stdout
    assert "Team notes." not in edited.read_text()


def test_dry_run_writes_nothing(cli, make_repo) -> None:
    repo = make_repo("k8s-helm-postgres")
    done = cli("init", "--dry-run", cwd=repo, env=FROZEN)
    assert done.returncode == 0
    assert "Detected: platform kubernetes" in done.stdout
    assert "Kubernetes: deployment api (namespace shop) in k8s/api.yaml" in done.stdout
    assert "would create  docs/runbooks/incidents/pod-crash-loop.md" in done.stdout
    assert not (repo / "docs").exists() and not (repo / "runwright.toml").exists()


def test_owner_from_codeowners(cli, make_repo) -> None:
    repo = make_repo("systemd-postgres-certbot")
    done = cli("init", "--lang", "en", cwd=repo, env=FROZEN)
    assert done.returncode == 0
    assert 'owner = "@acme/sre"' in (repo / "runwright.toml").read_text()
    assert "- **Owner**: @acme/sre" in (
        repo / "docs/runbooks/incidents/database-down.md").read_text()


def test_bad_directory_is_an_error(cli, tmp_path: Path) -> None:
    done = cli("init", str(tmp_path / "nope"), cwd=tmp_path)
    assert done.returncode == 2
    assert "Error:" in done.stderr and "Traceback" not in done.stderr


def test_unknown_owner_is_a_placeholder_lint_reports_never_the_git_user(cli, make_repo) -> None:
    repo = make_repo("empty")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.name", "Dana Ops"], cwd=repo, check=True)
    assert cli("init", cwd=repo, env=FROZEN).returncode == 0
    assert 'owner = "<owner>"' in (repo / "runwright.toml").read_text()
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "Dana Ops" not in deploy and "- **Owner**: <owner>" in deploy
    lint = cli("lint", "--profile", "standard", "--no-cache", "docs/runbooks", cwd=repo)
    assert "RW204" in lint.stdout
    # no channel is made up: the on-call is a placeholder too, which lint reports
    assert 'on_call = "<on-call>"' in (repo / "runwright.toml").read_text()
    assert "- **On-call**: <on-call>" in deploy and "#ops-oncall" not in deploy
    assert "RW621" in lint.stdout and "contact is a placeholder ('<on-call>')" in lint.stdout


def test_the_owner_is_the_on_call_until_contacts_say_otherwise(cli, make_repo) -> None:
    repo = make_repo("empty")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "- **On-call**: @acme/sre" in deploy and "- **Escalation**: @acme/sre" in deploy
    config = repo / "runwright.toml"
    config.write_text(config.read_text().replace('on_call = "@acme/sre"',
                                                 'on_call = "#payments-oncall"'))
    assert cli("new", "incident", "Queue backlog", cwd=repo, env=FROZEN).returncode == 0
    new = next((repo / "docs/runbooks/incidents").glob("queue-backlog*.md")).read_text()
    assert "- **On-call**: #payments-oncall" in new


def test_codeowners_line_with_two_owners_gives_two_owners(cli, make_repo) -> None:
    repo = make_repo("kustomize-overlays")  # "*  @acme/storefront @acme/sre"
    assert cli("init", "--lang", "en", cwd=repo, env=FROZEN).returncode == 0
    text = (repo / "docs/runbooks/incidents/high-cpu.md").read_text()
    assert "- **Owner**: @acme/storefront, @acme/sre" in text
    lint = cli("lint", "--profile", "standard", "--no-cache", "docs/runbooks", cwd=repo)
    assert "RW204" not in lint.stdout, lint.stdout


def test_rerun_lists_the_existing_config_as_skipped(cli, make_repo) -> None:
    repo = make_repo("compose-mysql-nginx")
    first = cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert "created  runwright.toml" in first.stdout
    config = repo / "runwright.toml"
    config.write_text(config.read_text().replace("max_age_days = 180", "max_age_days = 90"))
    kept = config.read_text()
    again = cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert again.returncode == 0, again.stderr
    assert "skipped (exists)  runwright.toml" in again.stdout
    forced = cli("init", "--force", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert "skipped (exists)  runwright.toml" in forced.stdout
    assert config.read_text() == kept  # the team's configuration is never rewritten


def test_rerun_lists_a_pyproject_config_as_skipped(cli, make_repo) -> None:
    repo = make_repo("empty")
    (repo / "pyproject.toml").write_text('[tool.runwright]\nowner = "@ops"\n')
    done = cli("init", "--no-detect", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    assert "skipped (exists)  pyproject.toml" in done.stdout
    assert not (repo / "runwright.toml").exists()


def test_helm_release_and_rollout_name_the_same_deployment(cli, make_repo) -> None:
    repo = make_repo("k8s-helm-renamed")  # chart "api", fullnameOverride "checkout"
    done = cli("init", "--dry-run", cwd=repo, env=FROZEN)
    assert "Helm: chart api renders deployment checkout" in done.stdout
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "helm upgrade --install api ./charts/api -n payments" in deploy
    assert "kubectl -n payments rollout status deployment/checkout" in deploy
    assert "deployment/worker" not in deploy  # an unrelated manifest


def test_undeterminable_chart_deployment_becomes_a_variable(cli, make_repo) -> None:
    repo = make_repo("k8s-helm-renamed")
    template = repo / "charts/api/templates/deployment.yaml"
    template.write_text(template.read_text().replace(
        '{{ include "api.fullname" . }}', "{{ .Values.deploymentName }}"))
    (repo / "k8s/worker.yaml").write_text(
        (repo / "k8s/worker.yaml").read_text().replace("worker", "checkout"))
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "helm upgrade --install api ./charts/api" in deploy
    assert 'rollout status "deployment/$DEPLOYMENT"' in deploy
    assert "deployment/checkout" not in deploy
    assert "DEPLOYMENT:" in deploy.split("---\n")[1]
    lint = cli("lint", "--profile", "standard", "--no-cache", "docs/runbooks", cwd=repo)
    assert lint.returncode == 0, lint.stdout


def test_ci_files_pin_the_version_and_keep_tests_off_hosted_runners(cli, make_repo) -> None:
    import yaml

    from runwright import __version__

    repo = make_repo("k8s-helm-postgres")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    text = (repo / ".github/workflows/runbooks.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["env"]["RUNWRIGHT_VERSION"] == __version__
    lint, test = workflow["jobs"]["lint"], workflow["jobs"]["test"]
    runs = [step.get("run", "") for step in lint["steps"]]
    assert 'pip install "runwright==${RUNWRIGHT_VERSION}"' in runs
    assert any(r.startswith("runwright audit") for r in runs)
    assert "runwright index --check" in runs
    assert test["runs-on"] == ["self-hosted"]  # a hosted runner cannot reach the systems
    assert "pip install \"git+https://github.com/runwright/runwright@v${RUNWRIGHT_VERSION}\"" \
        in text  # the alternative, documented in the file

    repo = make_repo("systemd-postgres-certbot")
    done = cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    gitlab = yaml.safe_load((repo / ".gitlab/runbooks.gitlab-ci.yml").read_text())
    assert gitlab["variables"]["RUNWRIGHT_VERSION"] == __version__
    assert "runwright audit" in gitlab["runbooks:lint"]["script"]
    assert gitlab["runbooks:test"]["tags"] == ["runbooks"]
    # the team's .gitlab-ci.yml does not include the new file yet: init says what to add
    assert "Next: GitLab runs .gitlab/runbooks.gitlab-ci.yml only once .gitlab-ci.yml " \
        "includes it" in done.stdout
    assert "    - local: .gitlab/runbooks.gitlab-ci.yml" in done.stdout


def test_no_include_note_once_the_file_is_included(cli, make_repo) -> None:
    import json

    repo = make_repo("systemd-postgres-certbot")
    ci = repo / ".gitlab-ci.yml"
    ci.write_text("include:\n  - local: .gitlab/runbooks.gitlab-ci.yml\n" + ci.read_text(),
                  encoding="utf-8")
    done = cli("init", "--owner", "@acme/sre", "--format", "json", cwd=repo, env=FROZEN)
    assert json.loads(done.stdout)["next"] == []
    ci.write_text(ci.read_text().split("\n", 2)[2], encoding="utf-8")  # the include removed
    done = cli("init", "--owner", "@acme/sre", "--format", "json", "--dry-run", cwd=repo,
               env=FROZEN)
    [note] = json.loads(done.stdout)["next"]
    assert "include:" in note


def test_french_terms_follow_the_standard_or_the_configuration(cli, make_repo) -> None:
    repo = make_repo("empty")
    assert cli("init", "--lang", "fr", "--owner", "@ops", cwd=repo, env=FROZEN).returncode == 0
    text = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    # the standard's own words, as its French text writes them
    assert "## Troubleshooting" in text and "- **On-call**: @ops" in text
    assert "- **Escalation**: @ops" in text and "Dépannage" not in text
    repo = make_repo("compose-mysql-nginx")
    (repo / "runwright.toml").write_text('[scaffold]\nfrench_terms = "french"\n')
    assert cli("init", "--lang", "fr", "--owner", "@ops", cwd=repo, env=FROZEN).returncode == 0
    text = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert "## Dépannage" in text and "- **Astreinte**: @ops" in text
    assert "- **Escalade**: @ops" in text and "## Troubleshooting" not in text
    lint = cli("lint", "--profile", "standard", "--no-cache", "--select", "RW1,RW6",
               "docs/runbooks", cwd=repo, env=FROZEN)
    assert lint.returncode == 0, lint.stdout  # both vocabularies read as the same sections
    (repo / "runwright.toml").write_text('[scaffold]\nfrench_terms = "breton"\n')
    bad = cli("init", "--lang", "fr", "--force", cwd=repo, env=FROZEN)
    assert bad.returncode == 2
    assert "french_terms must be one of standard, french, not 'breton'" in bad.stderr
