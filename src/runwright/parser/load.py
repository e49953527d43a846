"""Reading runbook files from disk: decoding and the bad-input checks, then :func:`parse`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from runwright.errors import InputError
from runwright.model import Runbook
from runwright.parser.core import parse

#: Files larger than this are refused with a clear error (a runbook is a page, not a log).
MAX_FILE_SIZE = 8 * 1024 * 1024


def read_text(path: str | os.PathLike[str], max_size: int = MAX_FILE_SIZE,
              name: str | None = None) -> str:
    """Read a runbook file as UTF-8 text, or raise :class:`InputError` saying why not.

    ``name`` is how messages call the file (default: ``path`` as given).
    """
    p = Path(path)
    name = str(path) if name is None else name
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{name}: broken symbolic link (its target does not exist)") \
                from None
        raise InputError(f"{name}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO would block until something writes to it; a device never ends.
        raise InputError(f"{name}: not a regular file (a pipe, socket or device); skipped")
    if st.st_size > max_size:
        raise InputError(
            f"{name}: file is {st.st_size / 1_048_576:.1f} MiB, over the "
            f"{max_size / 1_048_576:.0f} MiB limit for a runbook; skipped",
            hint="split it, or raise max_file_size in runwright.toml",
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (BOM allowed), or :class:`InputError` for binary data and invalid UTF-8."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a Markdown runbook")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{name}:{line}:{col}: not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="save the file as UTF-8",
        ) from None


def load(path: str | os.PathLike[str], display_path: str | None = None,
         max_size: int = MAX_FILE_SIZE) -> Runbook:
    """Read and parse one runbook file. Raises :class:`InputError` when it cannot be read."""
    text = read_text(path, max_size=max_size, name=display_path)
    return parse(text, display_path if display_path is not None else str(path))
