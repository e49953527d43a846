"""Reading a runbook file's bytes, with the bad-input checks every command shares.

Light on purpose (no Markdown, no YAML): the lint cache's warm path and the search index read
files through it without loading the parser.
"""

from __future__ import annotations

import os
import stat

from runwright.errors import InputError

#: Files larger than this are refused with a clear error (a runbook is a page, not a log).
MAX_FILE_SIZE = 8 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


def read_bytes(path: str | os.PathLike[str], name: str,
               max_size: int = MAX_FILE_SIZE) -> bytes:
    """A runbook file's bytes (one open, one fstat, reads), or :class:`InputError` naming
    ``name`` and saying why not: missing, a broken link, a directory, not a regular file (a
    FIFO would block, a device never ends), over ``max_size``, unreadable."""
    try:
        # Non-blocking: opening a FIFO must not wait for a writer (it is refused below).
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{name}: broken symbolic link (its target does not exist)") \
                from None
        raise InputError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: not a regular file (a pipe, socket or device); skipped")
        if st.st_size > max_size:
            raise InputError(
                f"{name}: file is {st.st_size / 1_048_576:.1f} MiB, over the "
                f"{max_size / 1_048_576:.0f} MiB limit for a runbook; skipped",
                hint="split it, or raise max_file_size in runwright.toml")
        data = os.read(fd, st.st_size + 1)
        if len(data) <= st.st_size:
            return data  # a short read of a regular file is its end
        while chunk := os.read(fd, 1 << 20):  # the file grew while it was read
            data += chunk
        return data
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
