"""Fixtures for the lint engine tests: settings from a config dict, a tiny test rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runwright.config import Config, validate
from runwright.linter.settings import Settings

MakeSettings = Callable[..., Settings]

GOOD = """\
# Runbook: Restart the API

## Information
- **Last updated**: 2026-01-15
- **Owner**: @platform
- **Estimated time**: 10 minutes
- **Frequency**: On demand

## Prerequisites
- [ ] Access to the cluster

## Procedure

### Step 1: Restart
```bash
kubectl rollout restart deployment/api -n production
```
**Expected result**: the rollout completes.

## Verification
- [ ] The rollout finished

  ```bash
  kubectl rollout status deployment/api -n production --timeout=120s
  ```

## Rollback

### If step 1 fails
```bash
kubectl rollout undo deployment/api -n production
```

## Troubleshooting

### Error: ImagePullBackOff
**Cause**: the image tag does not exist.
**Solution**: push the image again.

## Contacts
- **On-call**: #platform-oncall
- **Escalation**: @cto
"""


@pytest.fixture
def make_settings(tmp_path: Path) -> MakeSettings:
    """Settings built from a config dict (as if read from runwright.toml in tmp_path)."""

    def make(data: dict[str, Any] | None = None, **cli: Any) -> Settings:
        config = Config(root=tmp_path, source=tmp_path / "runwright.toml",
                        data=validate(data or {}, "runwright.toml"))
        return Settings(config, **cli)

    return make


@pytest.fixture
def good() -> str:
    """A runbook that follows the standard (clean under the built-in rules)."""
    return GOOD
