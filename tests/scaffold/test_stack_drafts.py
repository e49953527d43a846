"""Drafts from the stack model: each environment's values, the repository's own deploy path,
and commands proven against real tools (kubectl kustomize, a real PostgreSQL)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from tests.runner.conftest import pg_cluster  # noqa: F401  (the session PostgreSQL cluster)
from tests.scaffold.conftest import FROZEN

from runwright.parser import load


def _drafts(cli, make_repo, stack: str, lang: str = "en") -> tuple[Path, dict[str, str]]:
    repo = make_repo(stack)
    done = cli("init", "--lang", lang, "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    base = repo / "docs/runbooks"
    return repo, {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8")
                  for p in sorted(base.rglob("*.md")) if p.name not in ("README.md",
                                                                        "TEMPLATE.md")}


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def _code(text: str) -> str:
    return "\n".join(re.findall(r"^```bash[^\n]*\n(.*?)^```", text, re.M | re.S))


def test_kustomize_environments_use_their_own_namespace_and_ci_path(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "kustomize-overlays")
    staging, prod = d["deployment/deploy-staging.md"], d["deployment/deploy-production.md"]
    assert "-n storefront-staging" in _code(staging) and "storefront-prod" not in staging
    assert "-n storefront-prod" in _code(prod) and "storefront-staging" not in prod
    procedure = prod.split("## Procedure")[1].split("## Verification")[0]
    assert "set image" not in procedure  # the pipeline deploys, not the operator
    # production: the repository deploys on v* tags from CI; the runbook pushes the tag and
    # watches the pipeline, and keeps the pipeline's own commands as the fallback
    assert 'git push origin "v$VERSION"' in prod
    assert "gh run watch \"$RUN_ID\" --exit-status" in prod
    assert "kubectl apply -k deploy/overlays/production" in prod
    assert "capture=PREVIOUS_IMAGE" in prod and '="$PREVIOUS_IMAGE"' in prod
    version = _front(prod)["variables"]["VERSION"]
    assert re.match(version["pattern"], "1.8.2") and not re.match(version["pattern"], "v1.8.2")
    # staging: push to main applies the overlay; the version goes into Git, not the cluster
    assert "kustomize edit set image ghcr.io/acme/storefront=ghcr.io/acme/storefront:" \
           "\"$VERSION\"" in staging
    assert "git push origin HEAD:main" in staging and 'git revert --no-edit "$DEPLOY_COMMIT"' \
        in staging
    for text in d.values():
        assert "NAMESPACE" not in (_front(text).get("variables") or {})
    # what the stack has: Redis on emptyDir, no TLS, no host
    assert "incidents/certificate-expired.md" not in d
    assert "maintenance/certificate-renewal.md" not in d
    assert "maintenance/log-rotation.md" not in d
    down = d["incidents/database-down.md"]
    assert "emptyDir" in down and "Warning: data loss" in down


def test_helm_environments_values_files_and_tag_key(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "helm-envs")
    prod = d["deployment/deploy-production.md"]
    assert "helm rollback ledger \"$PREVIOUS_REVISION\" -n ledger " in prod
    assert "--set images.tag=${GITHUB_REF_NAME}" in prod  # the chart's own key, from CI
    assert "-f chart/values-production.yaml" in prod
    assert "kubectl rollout undo" not in "\n".join(d.values())
    staging = d["deployment/deploy-staging.md"]
    assert "-n ledger-staging" in staging
    backup = d["maintenance/database-backup.md"]
    assert "pg_dump -U ledger -Fc ledger >" in backup
    version = _front(prod)["variables"]["VERSION"]
    assert re.match(version["pattern"], "v2.3.0") and not re.match(version["pattern"], "2.3.0")


def test_gitops_production_changes_git_then_syncs(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "gitops-argocd")
    prod = d["deployment/deploy-production.md"]
    assert "(cd apps/overlays/production && kustomize edit set image" in prod
    assert "argocd app sync orders-production" in prod  # manual sync policy
    assert "argocd app wait orders-production --sync --health" in prod
    staging = d["deployment/deploy-staging.md"]
    assert "argocd app sync" not in staging  # automated sync
    assert "argocd app wait orders-staging" in staging
    assert "-n orders-staging" in staging and " -n orders " in prod.replace("\n", " ")
    cert = d["maintenance/certificate-renewal.md"]
    assert _front(cert)["variables"]["CERT_NAME"]["default"] == "orders-tls"
    assert _front(cert)["variables"]["DOMAIN"]["default"] == "orders.example.com"
    rollback = d["deployment/rollback.md"]
    assert 'git revert --no-edit "$DEPLOY_COMMIT"' in rollback
    assert "rollout undo" not in rollback


def test_compose_postgres_values_from_the_repository(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "compose-postgres-certbot")
    down = d["incidents/database-down.md"]
    steps = down.split("## Procedure")[1].split("## Verification")[0]
    first = steps.split("### Step 2")[0]
    assert "exec" not in first and "ps --all db" in first  # not into the service that is down
    assert 'docker compose -f "$DEPLOY_DIR/docker-compose.yml" up -d --wait db' in steps
    assert "pg_isready -U shop -d shop" in steps
    assert "-U postgres" not in "\n".join(d.values())
    backup = d["maintenance/database-backup.md"]
    assert "pg_dump -U shop -Fc shop > \"$BACKUP_DIR/shop-$(date +%F).dump\"" in backup
    assert 'pg_restore --list "$BACKUP_DIR/shop-$(date +%F).dump"' in backup
    prod = d["deployment/deploy-production.md"]
    assert 'make -C "$DEPLOY_DIR" deploy VERSION="$VERSION"' in prod
    variables = _front(prod)["variables"]
    assert "default" not in variables["DEPLOY_DIR"]  # not invented
    assert variables["HEALTH_URL"]["default"] == "https://shop.example.com/health"
    cert = d["maintenance/certificate-renewal.md"]
    assert _front(cert)["variables"]["DOMAIN"]["default"] == "shop.example.com"
    assert "exec nginx nginx -s reload" in cert


def test_compose_redis_cache_gets_no_backup(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "compose-mysql-redis")
    backup = d["maintenance/database-backup.md"]
    assert "mysqldump" in backup and "wiki" in backup  # the MySQL database, not the cache
    assert "redis" not in backup.lower()


def test_systemd_release_folder_and_no_invented_defaults(cli, make_repo) -> None:
    _repo, d = _drafts(cli, make_repo, "systemd-postgres-certbot")
    prod = d["deployment/deploy-production.md"]
    assert _front(prod)["variables"]["APP_DIR"]["default"] == "/opt/billing"
    _repo, d = _drafts(cli, make_repo, "dockerfile-only")
    assert "incidents/database-down.md" not in d and "maintenance/database-backup.md" not in d
    for text in d.values():
        for spec in (_front(text).get("variables") or {}).values():
            assert "default" not in spec, text[:400]


def test_every_variable_the_repository_defines_is_filled(cli, make_repo) -> None:
    """``runwright test --explain`` asks only for what the repository does not say."""
    repo, _d = _drafts(cli, make_repo, "kustomize-overlays")
    done = cli("test", "--explain", "docs/runbooks/deployment/deploy-staging.md", cwd=repo,
               timeout=300)
    asked = re.findall(r"^\s+([A-Z_][A-Z0-9_]*) \(.*\): has no value", done.stdout + done.stderr,
                       re.M)
    # not NAMESPACE, IMAGE, DEPLOYMENT...; staging's URL is nowhere in the repository
    assert asked == ["KUBE_CONTEXT", "VERSION", "HEALTH_URL"]
    prod = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    assert _front(prod)["variables"]["HEALTH_URL"]["default"] == \
        "https://shop.example.com/healthz"  # environment.url of the production job + probe


KUSTOMIZE_PATH = re.compile(r"(?:apply -k|\(cd|git log --oneline -n 10 --) (\S+?)/?(?:\s|$)")


@pytest.mark.parametrize("stack", ["kustomize-overlays", "gitops-argocd"])
def test_every_kustomize_path_renders(cli, make_repo, stack: str) -> None:
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed")
    repo, d = _drafts(cli, make_repo, stack)
    paths = {m.group(1) for text in d.values() for m in KUSTOMIZE_PATH.finditer(_code(text))}
    assert paths
    for rel in sorted(paths):
        done = subprocess.run(["kubectl", "kustomize", rel], cwd=repo, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, (rel, done.stderr)
        namespaces = set(re.findall(r"^  namespace: (\S+)$", done.stdout, re.M))
        env = "staging" if "staging" in rel else "production"
        text = d[f"deployment/deploy-{env}.md"]
        (ns,) = namespaces
        assert f"-n {ns} " in text, (rel, ns)


#: the container wrapper a draft puts before a client (removed to run against the test server)
WRAPPER = re.compile(r"^(?:docker compose -f \S+ exec -T \S+ |kubectl -n \S+ exec -i \S+ -- )")
PG_CLIENT = re.compile(r"\b(?:psql|pg_dump|pg_restore|pg_isready)\b")


def _pg_commands(d: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for rel in ("incidents/database-down.md", "maintenance/database-backup.md"):
        rb = load_text(d[rel])
        for block in rb:
            for line in block.splitlines():
                if PG_CLIENT.search(line):
                    out.append((rel, WRAPPER.sub("", line)))
    return out


def load_text(text: str) -> list[str]:
    return re.findall(r"^```bash[^\n]*\n(.*?)^```", text, re.M | re.S)


def pg_env(cluster: str, backups: Path) -> dict[str, str]:
    """The environment a drafted PostgreSQL command runs in once its container wrapper is
    off: the test cluster's socket and port, no user or database of the caller's, and an
    empty backup folder."""
    backups.mkdir()
    query = parse_qs(urlparse(cluster).query)
    env = {**os.environ, "PGHOST": query["host"][0], "PGPORT": query["port"][0],
           "BACKUP_DIR": str(backups)}
    env.pop("PGUSER", None)
    env.pop("PGDATABASE", None)
    return env


@pytest.mark.parametrize("stack,user,db", [("compose-postgres-certbot", "shop", "shop"),
                                           ("gitops-argocd", "orders", "orders"),
                                           ("helm-envs", "ledger", "ledger")])
def test_postgres_commands_run_against_a_real_server(cli, make_repo, pg_cluster: str,  # noqa: F811
                                                     tmp_path: Path, stack: str, user: str,
                                                     db: str) -> None:
    import psycopg

    _repo, d = _drafts(cli, make_repo, stack)
    commands = _pg_commands(d)
    assert any("pg_dump" in c for _, c in commands) and any("pg_restore" in c
                                                            for _, c in commands)
    with psycopg.connect(pg_cluster, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone():
            conn.execute(f'CREATE ROLE "{user}" LOGIN')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,)).fetchone():
            conn.execute(f'CREATE DATABASE "{db}" OWNER "{user}"')
    with psycopg.connect(pg_cluster.replace("/postgres?", f"/{db}?").replace(
            "postgres@", f"{user}@"), autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, total numeric)")
        conn.execute("INSERT INTO orders VALUES (1, 9.5) ON CONFLICT DO NOTHING")
    env = pg_env(pg_cluster, tmp_path / "backups")
    backups = Path(env["BACKUP_DIR"])
    dump_seen = False
    for rel, command in commands:
        done = subprocess.run(["bash", "-c", command], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, (rel, command, done.stderr)
        if "pg_dump" in command:
            dump_seen = True
            (dump,) = backups.iterdir()
            assert dump.stat().st_size > 0
        if "pg_restore --list" in command:
            assert dump_seen  # the backup lands where the next step verifies it
            assert "TABLE public orders" in done.stdout
        if "pg_isready" in command:
            assert "accepting connections" in done.stdout


def test_drafts_parse_with_their_declared_variables(cli, make_repo) -> None:
    repo, d = _drafts(cli, make_repo, "gitops-argocd")
    for rel in d:
        rb = load(repo / "docs/runbooks" / rel)
        assert not rb.problems, (rel, rb.problems)


def test_authoring_doc_excerpts_are_the_drafts() -> None:
    """docs/authoring.md quotes the drafts of each stack; every quoted block is in them."""
    from tests.scaffold.conftest import GOLDEN

    doc = (Path(__file__).resolve().parents[2] / "docs/authoring.md").read_text()
    found = re.findall(r"<!-- excerpt: (\S+) -->\n(.*?)(?=\n<!--|\n#)", doc, re.S)
    assert len(found) >= 14
    for rel, excerpt in found:
        golden = (GOLDEN / rel).read_text(encoding="utf-8")
        for block in re.findall(r"^```bash.*?^```\n", excerpt, re.M | re.S):
            assert block in golden, (rel, block)


@pytest.mark.parametrize("stack", ["kustomize-overlays", "helm-envs", "gitops-argocd",
                                   "compose-postgres-certbot", "compose-mysql-redis",
                                   "systemd-postgres-certbot", "dockerfile-only", "empty"])
def test_no_value_the_repository_does_not_contain(stack: str) -> None:
    """Versions, domains, hosts and absolute paths in the drafts all come from the
    repository's files (the goldens are the drafts)."""
    from tests.scaffold.conftest import FIXTURES, GOLDEN

    source = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                       for p in (FIXTURES / stack).rglob("*") if p.is_file())
    pattern = re.compile(r"\b(?:v?\d+\.\d+\.\d+\b|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.example\.com"
                         r"|/(?:srv|opt)/[A-Za-z0-9_.-]+)")
    for lang in ("en", "fr"):
        for path in (GOLDEN / f"{stack}.{lang}").rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            front = text.split("---\n")[1] if text.startswith("---\n") else ""
            for value in set(pattern.findall(front + _code(text))):
                assert value in source, (path.name, value)


def test_compose_deploy_updates_every_application_service(cli, make_repo) -> None:
    repo = make_repo("compose-mysql-redis")
    compose = repo / "compose.yaml"
    compose.write_text(compose.read_text(encoding="utf-8").replace(
        "  worker:\n", "  web:\n    image: registry.example.com/wiki/web:v5.2.0\n  worker:\n", 1),
        encoding="utf-8")
    assert cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN).returncode == 0
    deploy = (repo / "docs/runbooks/deployment/deploy-production.md").read_text()
    c = 'docker compose -f "$DEPLOY_DIR/compose.yaml"'
    # the services without a profile are named (not the database, not the cache) ...
    assert f"{c} pull api web worker\n" in deploy
    assert f"{c} up -d --wait api web\n" in deploy
    assert "each container (api web) is `Started` then `Healthy`" in deploy
    # ... and the one under a profile is updated only where it runs
    assert (f"if {c} ps --status running --services | grep -qx worker; then\n"
            f"  {c} up -d --wait worker\nfi\n") in deploy
    assert "--wait db" not in deploy.split("## Rollback")[0]


def test_several_deployments_each_get_their_own_container_and_image(cli, make_repo) -> None:
    """Three application Deployments: the drafts name each one, never the first for all, and a
    sidecar listed first is not taken for the application's container."""
    _repo, d = _drafts(cli, make_repo, "k8s-services")
    prod = d["deployment/deploy-production.md"]
    spec = _front(prod)["variables"]["DEPLOYMENT"]
    assert spec["choices"] == ["api", "frontend", "worker"] and spec["default"] == "api"
    code = _code(prod)
    for dep, container, image in (("api", "api-main", "ghcr.io/acme/shop-api"),
                                  ("frontend", "frontend-main", "ghcr.io/acme/shop-frontend"),
                                  ("worker", "worker", "ghcr.io/acme/shop-worker")):
        assert (f'  {dep}) kubectl -n shop set image deployment/{dep} {container}={image}:'
                '"$VERSION" ;;') in code
        assert f'  {dep}) kubectl -n shop set image deployment/{dep} {container}=' \
               '"$PREVIOUS_IMAGE" ;;' in code
    assert "fluent-bit" not in "".join(d.values()) and "log-shipper" not in "".join(d.values())
    assert 'rollout status "deployment/$DEPLOYMENT"' in code
    for text in d.values():  # every draft that names a Deployment offers the same three
        variables = _front(text).get("variables") or {}
        if "DEPLOYMENT" in variables:
            assert variables["DEPLOYMENT"]["choices"] == ["api", "frontend", "worker"]
        assert "CONTAINER" not in variables and "IMAGE" not in variables


def test_a_deployment_outside_the_repository_is_refused_before_any_command(cli, make_repo) -> None:
    repo, _d = _drafts(cli, make_repo, "k8s-services")
    done = cli("test", "--explain", "docs/runbooks/deployment/deploy-production.md",
               "--var", "DEPLOYMENT=billing", cwd=repo, env=FROZEN)
    assert "would not start: --var DEPLOYMENT: 'billing' must be one of: api, frontend, " \
           "worker" in done.stdout


def test_kustomize_overlay_with_several_deployments_sets_the_chosen_image(cli, make_repo) -> None:
    repo = make_repo("kustomize-overlays")
    base = repo / "deploy/base"
    (base / "checkout.yaml").write_text(
        (base / "deployment.yaml").read_text().replace("storefront", "checkout"))
    kust = base / "kustomization.yaml"
    kust.write_text(kust.read_text().replace("resources:\n", "resources:\n  - checkout.yaml\n"))
    done = cli("init", "--owner", "@acme/sre", cwd=repo, env=FROZEN)
    assert done.returncode == 0, done.stderr
    staging = (repo / "docs/runbooks/deployment/deploy-staging.md").read_text()
    assert _front(staging)["variables"]["DEPLOYMENT"]["choices"] == ["checkout", "storefront"]
    for dep in ("checkout", "storefront"):
        assert (f"  {dep}) (cd deploy/overlays/staging && kustomize edit set image "
                f'ghcr.io/acme/{dep}=ghcr.io/acme/{dep}:"$VERSION") ;;') in _code(staging)
    assert 'git commit -m "staging: $DEPLOYMENT $VERSION"' in staging
