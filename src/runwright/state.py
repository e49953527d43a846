"""Where runwright keeps its state (journal, search index, lint cache).

``RUNWRIGHT_STATE_DIR`` when set; else ``.runwright/`` at the root of a runbook repository (the
folder holding the configuration file, or the git work tree holding ``docs/runbooks``); else the
platform's per-user state directory.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def repository_root(start: Path | None = None) -> Path | None:
    """The runbook repository containing ``start``: a folder with runwright.toml, a git work
    tree root, or a folder with docs/runbooks — the nearest one walking up."""
    current = (start or Path.cwd()).resolve()
    for folder in (current, *current.parents):
        if (folder / "runwright.toml").is_file() or (folder / ".runwright.toml").is_file():
            return folder
        if (folder / "docs" / "runbooks").is_dir() or (folder / ".git").exists():
            return folder
    return None


def state_dir(root: Path | None = None, create: bool = False) -> Path:
    """The state directory for the repository at ``root`` (found from cwd when None)."""
    env = os.environ.get("RUNWRIGHT_STATE_DIR")
    if env:
        path = Path(env)
    else:
        repo = root if root is not None else repository_root()
        if repo is not None:
            path = repo / ".runwright"
        else:
            from platformdirs import user_state_dir

            path = Path(user_state_dir("runwright"))
    if create:
        path.mkdir(parents=True, exist_ok=True)
        ignore = path / ".gitignore"
        if not env and not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("*\n", encoding="utf-8")
    return path
