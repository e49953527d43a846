"""Fixtures for the authoring tests: copies of the fixture repositories."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
STACKS = ("k8s-helm-postgres", "k8s-helm-renamed", "compose-mysql-nginx",
          "systemd-postgres-certbot", "empty", "kustomize-overlays", "helm-envs", "gitops-argocd",
          "compose-postgres-certbot", "compose-mysql-redis", "dockerfile-only",
          "k8s-services")
FROZEN = {"RUNWRIGHT_TODAY": "2026-01-15", "GIT_CONFIG_GLOBAL": "/dev/null",
          "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[str], Path]:
    """A fresh copy of a fixture repository under tmp_path."""

    def make(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        keep = dest / ".keep"
        if keep.exists():
            keep.unlink()
        return dest

    return make
