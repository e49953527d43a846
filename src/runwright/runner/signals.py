"""Hang-up and termination during a run are handled like Ctrl-C.

Commands run in their own process group, so a closed terminal (SSH dropped, tmux pane killed)
or a ``kill`` of runwright would otherwise leave the command running unsupervised and the run
marked "running" forever. With :func:`stop_signals_interrupt`, SIGHUP and SIGTERM raise
:class:`~runwright.runner.shell.Terminated` (a ``KeyboardInterrupt``): the command's group is
killed, the run is journalled as interrupted and ``runwright run --resume`` continues it.

A hang-up rarely comes alone: the terminal's hang-up and the login shell that passes it on to
its jobs each send one, and a supervisor may follow with SIGTERM. Only the first stop signal
stops the run; the ones after it (and Ctrl-C) are ignored until the block ends, so that the
command's group is killed and the journal written to the end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from runwright.runner.shell import Terminated

STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def _detach_terminal() -> None:
    """Point stdin/stdout/stderr at /dev/null: the terminal is gone, writing to it fails."""
    with contextlib.suppress(OSError):
        fd = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(fd, target)
        os.close(fd)


def _ignore(signum: int, frame: FrameType | None) -> None:
    """A stop signal (or Ctrl-C) after the run was already stopped: the stop is under way."""
    if signum == signal.SIGHUP:
        _detach_terminal()


def _handler(signum: int, frame: FrameType | None) -> None:
    for sig in (*STOP_SIGNALS, signal.SIGINT):
        signal.signal(sig, _ignore)
    _ignore(signum, frame)
    raise Terminated(signal.Signals(signum).name)


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, the first SIGHUP or SIGTERM raises Terminated; later ones, and
    Ctrl-C after it, are ignored (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (*STOP_SIGNALS, signal.SIGINT)}
    for sig in STOP_SIGNALS:
        signal.signal(sig, _handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            if handler is not None:  # None: set outside Python, left as it is
                signal.signal(sig, handler)
