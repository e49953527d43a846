"""Where runwright keeps its state (journal, search index, lint and parse caches).

``RUNWRIGHT_STATE_DIR`` when set; else ``.runwright/`` at the root of a runbook repository (the
folder holding the configuration file, or the git work tree holding ``docs/runbooks``); else the
platform's per-user state directory.

The state directory is created by :func:`ensure` only, with its own ``.gitignore`` holding
``*`` (as pytest does for its cache), so that a first ``lint`` or ``run`` in a repository leaves
``git status`` clean without an entry in the repository's own ``.gitignore``.

State is private to the user who runs runwright, whatever the umask: a state directory that
runwright creates (and its own ``.runwright/`` always) is mode 0700 (:func:`private_dir`), and
the journal files and the spool are created 0600 (:func:`private_file`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

STATE_DIR_NAME = ".runwright"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
GITIGNORE = "# Created by runwright: its caches, journal and index are not to be committed.\n*\n"


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
    """The state directory for the repository at ``root`` (found from cwd when None);
    ``create`` makes it (see :func:`ensure`)."""
    env = os.environ.get("RUNWRIGHT_STATE_DIR")
    if env:
        path = Path(env)
    else:
        repo = root if root is not None else repository_root()
        if repo is not None:
            path = repo / STATE_DIR_NAME
        else:
            from platformdirs import user_state_dir

            path = Path(user_state_dir("runwright"))
    return ensure(path) if create else path


def ensure(path: Path) -> Path:
    """Create the state directory ``path`` (and its parents) when missing, with its
    ``.gitignore``; an existing ``.runwright/`` that lacks one gets it too. Raises
    :class:`OSError` when the folder cannot be made; a ``.gitignore`` that cannot be written
    is not an error (the state still works)."""
    created = not path.is_dir()
    private_dir(path)
    if created or path.name == STATE_DIR_NAME:
        ignore = path / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text(GITIGNORE, encoding="utf-8")
    return path


def is_state_dir(folder: Path) -> bool:
    """Whether ``folder`` is where :func:`state_dir` puts state (for a file whose folder is
    configurable, such as the journal): ``RUNWRIGHT_STATE_DIR``, a ``.runwright/`` folder or
    the per-user state directory."""
    env = os.environ.get("RUNWRIGHT_STATE_DIR")
    if env:
        return folder.resolve() == Path(env).resolve()
    if folder.name == STATE_DIR_NAME:
        return True
    from platformdirs import user_state_dir

    return folder.resolve() == Path(user_state_dir("runwright")).resolve()


def private_dir(path: Path) -> Path:
    """Create the folder ``path`` (and missing parents) with mode 0700. An existing folder is
    left as it is, except a ``.runwright/`` folder (runwright's own), which is tightened."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE)
        created = True
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return private_dir(path)
    except FileExistsError:
        created = False
    if created or path.name == STATE_DIR_NAME:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def private_file(path: Path) -> Path:
    """Make sure the file ``path`` exists with mode 0600 (created empty when missing, an
    existing one of this user tightened); its folder is created with :func:`private_dir`."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                 PRIVATE_FILE_MODE)
    try:
        if os.fstat(fd).st_mode & 0o777 != PRIVATE_FILE_MODE:
            with contextlib.suppress(OSError):
                os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


def private_files(path: Path, suffixes: tuple[str, ...] = ("-wal", "-shm", "-journal")) -> None:
    """Tighten the side files a SQLite database at ``path`` may have to 0600."""
    for suffix in suffixes:
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if side.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                os.chmod(side, PRIVATE_FILE_MODE)
