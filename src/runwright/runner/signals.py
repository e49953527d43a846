"""Hang-up and termination during a run are handled like Ctrl-C.

Commands run in their own process group, so a closed terminal (SSH dropped, tmux pane killed)
or a ``kill`` of runwright would otherwise leave the command running unsupervised and the run
marked "running" forever. With :func:`stop_signals_interrupt`, SIGHUP and SIGTERM raise
:class:`~runwright.runner.shell.Terminated` (a ``KeyboardInterrupt``): the command's group is
killed, the run is journalled as interrupted and ``runwright run --resume`` continues it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from runwright.runner.shell import Terminated


def _detach_terminal() -> None:
    """Point stdin/stdout/stderr at /dev/null: the terminal is gone, writing to it fails."""
    with contextlib.suppress(OSError):
        fd = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(fd, target)
        os.close(fd)


def _handler(signum: int, frame: FrameType | None) -> None:
    if signum == signal.SIGHUP:
        _detach_terminal()
    raise Terminated(signal.Signals(signum).name)


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGHUP and SIGTERM raise Terminated (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _handler) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
