"""The stack model read from the fixture repositories: per environment, values as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.scaffold.conftest import FIXTURES, FROZEN

from runwright.scaffold.stack import StackModel, read_stack


def model(name: str) -> StackModel:
    return read_stack(FIXTURES / name)


def test_kustomize_overlays_give_one_environment_each() -> None:
    m = model("kustomize-overlays")
    assert m.platform == "kubernetes"
    assert [(e.name, e.namespace, e.kustomize) for e in m.environments] == [
        ("staging", "storefront-staging", "deploy/overlays/staging"),
        ("production", "storefront-prod", "deploy/overlays/production")]
    prod = m.environment("production")
    assert prod is not None
    app = next(w for w in prod.workloads if w.name == "storefront")
    assert [i.ref for i in app.images] == ["ghcr.io/acme/storefront:1.8.1"]  # the overlay's
    assert app.namespace == "storefront-prod" and app.container == "web"
    (path,) = prod.deploy
    assert (path.kind, path.system, path.workflow) == ("ci", "github", "deploy.yml")
    assert "push of tags v*" in path.trigger
    assert "kubectl apply -k deploy/overlays/production" in path.commands  # every job line
    assert m.tags.git == "v" and m.tags.image == ""  # v1.8.2 tags, 1.8.2 images
    (redis,) = m.databases
    assert redis.engine == "redis" and redis.volume is not None
    assert redis.volume.kind == "emptyDir" and not redis.volume.survives_restart
    assert [h.target for h in m.health] == ["/healthz", "/livez"]
    assert m.tls == ()


def test_helm_values_per_environment_and_image_keys_from_templates() -> None:
    m = model("helm-envs")
    assert [(e.name, e.namespace, e.release, e.values_files) for e in m.environments] == [
        ("staging", "ledger-staging", "ledger", ("chart/values-staging.yaml",)),
        ("production", "ledger", "ledger", ("chart/values-production.yaml",))]
    assert [(k.repository, k.tag) for k in m.image_keys] == [("images.repository",
                                                               "images.tag")]
    assert m.tags.git == "v" and m.tags.image == "v"  # --set images.tag=${{ github.ref_name }}
    staging, prod = m.environments
    (db,) = prod.databases
    assert (db.engine, db.user, db.database, db.password) == (
        "postgresql", "ledger", "ledger", "secret ledger-db")
    assert db.volume is not None and db.volume.survives_restart
    (db,) = staging.databases  # persistence off in values-staging.yaml
    assert db.volume is not None and not db.volume.survives_restart
    assert any(t.domains == ("ledger.example.com",) and t.issuer == "letsencrypt-prod"
               for t in m.tls)


def test_argocd_applications_are_the_deploy_path() -> None:
    m = model("gitops-argocd")
    staging, prod = m.environments
    assert (staging.namespace, prod.namespace) == ("orders-staging", "orders")
    assert [(p.system, p.name, p.auto_sync) for p in staging.deploy] == [
        ("argocd", "orders-staging", True)]
    assert [(p.system, p.name, p.auto_sync, p.path) for p in prod.deploy] == [
        ("argocd", "orders-production", False, "apps/overlays/production")]
    (db,) = m.databases
    assert (db.user, db.database, db.password) == (
        "orders", "orders", "POSTGRES_PASSWORD: secret orders-db key password")
    assert db.volume is not None and db.volume.kind == "claim-template"
    cert = next(t for t in m.tls if t.kind == "cert-manager")
    assert (cert.name, cert.domains, cert.issuer) == ("orders-tls", ("orders.example.com",),
                                                      "letsencrypt")
    assert m.tags.image == ""


def test_compose_postgres_nginx_certbot() -> None:
    m = model("compose-postgres-certbot")
    assert m.platform == "compose" and m.environments == ()
    (db,) = m.databases
    assert (db.engine, db.name, db.user, db.database) == ("postgresql", "db", "shop", "shop")
    assert db.password == "POSTGRES_PASSWORD_FILE: file /run/secrets/db_password"
    assert db.volume is not None and (db.volume.kind, db.volume.name) == ("named", "pgdata")
    domains = {d for t in m.tls for d in t.domains}
    assert domains == {"shop.example.com", "www.shop.example.com"}
    assert {t.kind for t in m.tls} == {"nginx", "certbot"}
    (make,) = m.deploy
    assert make.kind == "make" and make.name == "deploy"
    assert "SHOP_VERSION=$(VERSION) docker compose up -d --wait app" in make.commands
    assert m.tags.git == "" and m.tags.image == ""
    assert ("http", "/health") in [(h.kind, h.target) for h in m.health]


def test_compose_mysql_and_a_redis_cache() -> None:
    m = model("compose-mysql-redis")
    (prod,) = m.environments
    assert prod.compose_files == ("compose.yaml", "compose.production.yaml")
    mysql, redis = m.databases
    assert (mysql.engine, mysql.user, mysql.database) == ("mysql", "wiki", "wiki")
    assert mysql.password is not None and "WIKI_DB_PASSWORD" in mysql.password
    assert mysql.volume is not None and mysql.volume.kind == "bind"
    assert (redis.engine, redis.persistent) == ("redis", False)  # --save "" --appendonly no
    assert m.tags.image == "v"
    worker = next(w for w in m.workloads if w.name == "worker")
    assert worker.profiles == ("jobs",)


def test_systemd_hosts_units_and_release_folder() -> None:
    m = model("systemd-postgres-certbot")
    assert m.platform == "host"
    assert m.units == ("billing.service", "certbot-renew.service")
    assert m.app_dir == "/opt/billing"  # ExecStart=/opt/billing/current/bin/billing serve
    assert dict(m.host_groups)["billing"] == ("billing-1.example.com",
                                              "billing-2.example.com")
    (db,) = m.databases
    assert (db.engine, db.name) == ("postgresql", "postgresql.service")
    assert [t.kind for t in m.tls] == ["certbot"]


def test_plain_dockerfile_and_nothing_detectable() -> None:
    m = model("dockerfile-only")
    assert m.platform == "host" and m.databases == () and m.tls == ()
    assert [(h.kind, h.target) for h in m.health] == [("exec", "/notify healthcheck")]
    empty = model("empty")
    assert empty.environments == () and empty.workloads == () and empty.databases == ()
    assert empty.tags.git is None and empty.tags.image is None


BAD_FILES = {
    "deploy/a.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: [unclosed\n",
    "deploy/b.yaml": ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: good}\n"
                      "---\n{{- if .Values.x }}\nkind: Broken\n{{- end }}\n---\n"
                      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kept\n"
                      "spec:\n  template:\n    spec:\n      containers: not-a-list\n"),
    "deploy/c.yaml": "when: 2026-13-45\nkind: Deployment\napiVersion: x\n",
    "deploy/d.yaml": "- just\n- a list\n",
    "deploy/kustomization.yaml": "resources: [../../outside, https://example.com/x, ., self]\n"
                                 "namespace: {not: a string}\nimages: nope\n",
    "overlays/production/kustomization.yaml": "resources: [../../deploy]\nnamespace: p\n",
    "compose.yaml": "services: [web, db]\n",
    "docker-compose.yml": "services:\n  db:\n    image: 5\n    environment: 7\n"
                          "    volumes: {a: b}\n    healthcheck: {test: 3}\n",
    ".github/workflows/x.yml": "on: 12\njobs: {a: 1, b: {steps: [1, {run: 5}]}}\n",
    ".gitlab-ci.yml": "deploy: {script: {a: 1}, environment: [x]}\n",
    "charts/c/Chart.yaml": "name: [x]\ndependencies: 3\n",
    "charts/c/values.yaml": ": : :\n",
    "charts/c/values-production.yaml": "postgresql: 7\n",
    "charts/c/templates/deployment.yaml": "image: {{ .Values }}\n",
    "Makefile": "deploy:\n\tkubectl apply -k \"unclosed\n",
    "nginx/site.conf": "server_name ;\n",
    "x.service": "[Service]\nExecStart=\n",
    "Dockerfile": "HEALTHCHECK CMD [\n",
    "inventory/hosts": "[web\nhost-without-group\n",
}


def test_bad_input_never_crashes(tmp_path: Path) -> None:
    for rel, text in BAD_FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00kind: x")
    m = read_stack(tmp_path)
    assert "deploy/a.yaml: not valid YAML; skipped" in m.problems
    assert any(w.name == "kept" for w in m.workloads)  # the documents around a bad one stay
    assert "good" in m.namespaces


def test_dry_run_shows_the_model_per_environment(cli, make_repo) -> None:
    repo = make_repo("kustomize-overlays")
    done = cli("init", "--dry-run", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    prod = out[out.index("Environment production"):]
    assert "namespace: storefront-prod" in prod
    assert "$ kubectl apply -k deploy/overlays/production" in prod
    assert "Versions: Git tags v1.2.3, image tags 1.2.3" in out
    assert "emptyDir data on /data (lost on restart)" in out
    assert not (repo / "docs").exists()


@pytest.mark.parametrize("dry", [True, False])
def test_init_json(cli, make_repo, dry: bool) -> None:
    repo = make_repo("compose-postgres-certbot")
    done = cli("init", *(["--dry-run"] if dry else []), "--format", "json",
               "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (db,) = data["stack"]["databases"]
    assert (db["user"], db["database"]) == ("shop", "shop")
    actions = {f["path"]: f["action"] for f in data["files"]}
    assert actions["docs/runbooks/incidents/database-down.md"] == "created"
    assert (repo / "docs").exists() is not dry
    assert (data["index"] is None) is dry
