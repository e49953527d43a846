"""Reading a runbook file's bytes, with the bad-input checks every command shares.

Light on purpose (no Markdown, no YAML): the lint cache's warm path and the search index read
files through it without loading the parser.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from runwright.errors import InputError

#: Files larger than this are refused with a clear error (a runbook is a page, not a log).
MAX_FILE_SIZE = 8 * 1024 * 1024

#: How far in the past a file's modification and status-change times must be, when it is
#: looked at, for its ``stat`` to stand for its content (see :func:`settled`): beyond the
#: timestamp granularity of the file system (a kernel clock tick, at most 10 ms on Linux, for
#: file systems with sub-second times; 2 s for those with whole seconds, such as FAT).
SETTLE_NS = 20_000_000
SETTLE_COARSE_NS = 2_000_000_000

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


def stat_signature(st: os.stat_result) -> str:
    """What a file's ``stat`` says of its content: device, inode, size, and modification and
    status-change times in nanoseconds. Any write changes the status-change time, which no
    program can set back, so a file put back with its old modification time (``touch -d``,
    ``cp -p``, ``rsync -t``) changes its signature too."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def settled(st: os.stat_result, since_ns: int) -> bool:
    """Whether a file's :func:`stat_signature` can stand for its bytes from now on.

    ``since_ns`` is a time taken before ``st``. Both of the file's times must be older than it
    by the timestamp granularity of the file system (whole seconds when neither time has a
    sub-second part): a file written again in the same clock tick as it was read could
    otherwise keep its signature with new bytes (git's "racily clean" case). This assumes, as
    git does, that the file system's clock agrees with this machine's.
    """
    coarse = st.st_mtime_ns % 1_000_000_000 == 0 and st.st_ctime_ns % 1_000_000_000 == 0
    limit = since_ns - (SETTLE_COARSE_NS if coarse else SETTLE_NS)
    return st.st_mtime_ns < limit and st.st_ctime_ns < limit


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace (or create) ``path`` with ``data`` through a temporary file in its folder and a
    rename: a reader never sees half a file. An existing file keeps its mode; a new one gets
    the usual mode for the umask."""
    path = os.fspath(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
