"""Reading runbook files from disk: decoding and the bad-input checks, then :func:`parse`."""

from __future__ import annotations

import os

from runwright.errors import InputError
from runwright.files import MAX_FILE_SIZE, read_bytes
from runwright.model import Runbook
from runwright.parser.core import parse


def read_text(path: str | os.PathLike[str], max_size: int = MAX_FILE_SIZE,
              name: str | None = None) -> str:
    """Read a runbook file as UTF-8 text, or raise :class:`InputError` saying why not.

    ``name`` is how messages call the file (default: ``path`` as given).
    """
    name = str(path) if name is None else name
    return decode(read_bytes(path, name, max_size), name)


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
