"""The one place that spawns processes.

A command runs in its own process group (``bash -e -o pipefail -c CODE``) with the runbook's
variables in its environment, stdin closed, stdout and stderr streamed live through a callback
and kept. It stays in runwright's session, so that what is tied to the terminal still works
(``sudo`` credentials cached by ``sudo -v`` are per terminal). A command that tries to read
the terminal (``sudo`` asking for a password, ``read < /dev/tty``) is stopped by the system, as
any background job reading it: on Linux runwright sees it in ``/proc`` after half a second of
silence, ends it and says so, instead of waiting for its timeout. A timeout or a Ctrl-C
(``KeyboardInterrupt`` in runwright) kills the whole group: SIGTERM first, SIGKILL after a
short grace.

An ``interactive`` command (a ``sudo`` password, ``kubectl exec -it``, ``psql``) is given the
terminal instead, as a shell gives it to a foreground job: it keeps runwright's stdin, stdout
and stderr, its process group becomes the terminal's foreground group while it runs (so that
it may read the terminal, and Ctrl-C goes to it), then runwright takes the terminal back with
its modes as they were. Its output is not kept. Ctrl-Z does not suspend it (nothing would
resume it): it goes on.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import selectors
import signal
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from runwright.errors import RunwrightError

#: Output kept in memory per command (expectations and captures read it); the journal keeps
#: less (``run.output_limit``).
MEMORY_LIMIT = 8 * 1024 * 1024
KILL_GRACE = 2.0
#: Seconds without output after which runwright looks whether the command is stopped.
QUIET = 0.5


@dataclass(frozen=True)
class CommandResult:
    exit_status: int | None  # None when runwright had to kill it
    output: str  # stdout and stderr interleaved as they came
    stdout: str
    duration: float  # seconds
    timed_out: bool = False
    interrupted: bool = False
    truncated: bool = False
    captured: bool = True  # False: an interactive command, whose output went to the terminal
    wanted_terminal: bool = False  # stopped by the system for reading the terminal, then ended


def shell_argv(shell: str, code: str) -> list[str]:
    """The argv for ``code``: errexit, and pipefail where the shell has it."""
    name = os.path.basename(shell)
    if name in ("bash", "zsh", "ksh"):
        return [shell, "-e", "-o", "pipefail", "-c", code]
    return [shell, "-e", "-c", code]


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group of ``proc``, then SIGKILL what is left after a grace."""
    for sig, wait in ((signal.SIGTERM, KILL_GRACE), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
            if sig == signal.SIGTERM:  # a stopped process gets it only once continued
                os.killpg(proc.pid, signal.SIGCONT)
        try:
            proc.wait(timeout=wait)
            # Members of the group other than the leader may survive SIGTERM.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            return
        except subprocess.TimeoutExpired:
            continue


class Terminated(KeyboardInterrupt):
    """SIGHUP or SIGTERM: like Ctrl-C, but it stops the run instead of asking what to do.

    Raised out of :func:`run_command` once the command's group is dead, with the command's
    :attr:`result` (so that the journal records how it ended)."""

    result: CommandResult | None = None


_DEFERRED = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}


class _Spawning:
    """While a command starts, Ctrl-C, SIGHUP and SIGTERM are noted instead of raised: raised
    then, they would leave a started command that runwright does not know of (its pid is not
    returned yet), unsupervised. :meth:`end` puts the handlers back and raises what came
    meanwhile, from where the command is supervised. (Blocking the signals instead would
    leave them blocked in the command.) Main thread only; elsewhere nothing changes."""

    def __init__(self) -> None:
        self.came: list[int] = []
        self.previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
        if threading.current_thread() is threading.main_thread():
            for sig in _DEFERRED:
                self.previous[sig] = signal.signal(sig, self._note)

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self.came.append(signum)

    def end(self) -> None:
        """Put the handlers back and raise what came meanwhile (once; later calls do nothing)."""
        for sig, handler in self.previous.items():
            if handler is not None:
                signal.signal(sig, handler)
        self.previous.clear()
        came, self.came = list(dict.fromkeys(self.came)), []
        for sig in came:
            signal.raise_signal(sig)  # the real handler raises here


@contextlib.contextmanager
def _while_stopping(stop: KeyboardInterrupt | None) -> Iterator[list[KeyboardInterrupt | None]]:
    """Kill a command's group without being interrupted: Ctrl-C, SIGHUP and SIGTERM wait until
    the block ends. The list yielded holds the stop to raise afterwards: ``stop``, or a
    :class:`Terminated` that arrived meanwhile (a second Ctrl-C adds nothing)."""
    held: list[KeyboardInterrupt | None] = [stop]
    signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield held
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _DEFERRED)  # pending ones run here
        except KeyboardInterrupt as exc:
            if isinstance(exc, Terminated) and held[0] is None:
                held[0] = exc


def terminal() -> int | None:
    """The terminal an interactive command can be given: runwright's stdin, when it is a
    terminal whose foreground process group is runwright's (not a background job)."""
    try:
        fd = sys.stdin.fileno()
        return fd if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp() else None
    except (AttributeError, OSError, ValueError):
        return None


def _spawn(argv: list[str], *, env: Mapping[str, str], cwd: Path | None, shell: str,
           captured: bool) -> subprocess.Popen[bytes]:
    """The command in its own process group: stdin closed and output piped when ``captured``,
    else with runwright's own stdin, stdout and stderr."""
    try:
        if captured:
            return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=dict(env), cwd=cwd,
                                    process_group=0)
        return subprocess.Popen(argv, env=dict(env), cwd=cwd, process_group=0)
    except FileNotFoundError as exc:
        missing = cwd if cwd is not None and not cwd.is_dir() else shell
        raise RunwrightError(f"cannot run the command: {missing} not found",
                             hint=str(exc)) from None
    except OSError as exc:
        raise RunwrightError(f"cannot run the command: {exc}") from None


def run_command(code: str, *, env: Mapping[str, str], cwd: Path | None = None,
                timeout: float | None = None, shell: str = "bash",
                on_output: Callable[[str], None] | None = None,
                interactive: bool = False) -> CommandResult:
    """Run ``code`` and wait for it (or its timeout, or Ctrl-C).

    With ``interactive`` and a :func:`terminal`, the command gets the terminal and its output
    is not kept (see the module documentation); without a terminal it runs as any other.
    """
    tty = terminal() if interactive else None
    if tty is not None:
        return _run_in_foreground(code, env=env, cwd=cwd, timeout=timeout, shell=shell,
                                  tty=tty)
    start = time.monotonic()
    spawning = _Spawning()
    try:
        proc = _spawn(shell_argv(shell, code), env=env, cwd=cwd, shell=shell, captured=True)
    except BaseException:
        spawning.end()
        raise
    reader = _Reader(proc, on_output)
    timed_out = interrupted = False
    stop: KeyboardInterrupt | None = None
    try:
        spawning.end()  # a Ctrl-C or stop signal that came while it started is raised here
        timed_out = not reader.pump(None if timeout is None else start + timeout)
    except KeyboardInterrupt as exc:
        interrupted = True
        stop = exc if isinstance(exc, Terminated) else None
    wanted = reader.wanted_terminal
    timed_out = timed_out and not wanted
    if timed_out or interrupted or wanted:
        with _while_stopping(stop) as held:
            kill_group(proc)
            reader.pump(time.monotonic() + 0.5)
            proc.wait()
        stop = held[0]
        interrupted = interrupted or stop is not None
    status = proc.wait()
    reader.close()
    result = CommandResult(
        exit_status=None if (timed_out or interrupted or wanted) else status,
        output="".join(reader.combined), stdout="".join(reader.stdout),
        duration=time.monotonic() - start, timed_out=timed_out, interrupted=interrupted,
        truncated=reader.truncated, wanted_terminal=wanted)
    if isinstance(stop, Terminated):
        stop.result = result
        raise stop  # hang-up or kill: the command is stopped, and so is the run
    return result


def _run_in_foreground(code: str, *, env: Mapping[str, str], cwd: Path | None,
                       timeout: float | None, shell: str, tty: int) -> CommandResult:
    """Run ``code`` as the terminal's foreground job; take the terminal back after it."""
    start = time.monotonic()
    modes = termios.tcgetattr(tty)
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # set the terminal from behind
    timed_out = interrupted = False
    stop: KeyboardInterrupt | None = None
    spawning = _Spawning()
    try:
        try:
            proc = _spawn(shell_argv(shell, code), env=env, cwd=cwd, shell=shell,
                          captured=False)
        except BaseException:
            spawning.end()
            raise
        with contextlib.suppress(OSError):  # OSError: it has already exited, nothing to hand
            os.tcsetpgrp(tty, proc.pid)
        # It may have tried to read the terminal before it was its own: stopped, resume it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGCONT)
        deadline = None if timeout is None else start + timeout
        while True:
            _resume_if_stopped(proc.pid)
            try:
                spawning.end()  # what came while it started is raised here (once)
                left = 0.1 if deadline is None else deadline - time.monotonic()
                wait = max(0.0, min(0.1, left))
                status = proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                if deadline is not None and time.monotonic() >= deadline:
                    timed_out = True
                    kill_group(proc)
                    status = proc.wait()
                    break
            except KeyboardInterrupt as exc:  # a signal sent to runwright itself
                interrupted = True
                with _while_stopping(exc if isinstance(exc, Terminated) else None) as held:
                    kill_group(proc)
                    status = proc.wait()
                stop = held[0]
                break
    finally:
        with contextlib.suppress(OSError):
            os.tcsetpgrp(tty, os.getpgrp())
            termios.tcsetattr(tty, termios.TCSADRAIN, modes)  # as they were before it
        signal.signal(signal.SIGTTOU, previous)
    # Ctrl-C at the terminal went to the command alone: bash reports it as killed by SIGINT.
    if status in (-signal.SIGINT, 128 + signal.SIGINT):
        interrupted = True
    result = CommandResult(
        exit_status=None if (timed_out or interrupted) else status, output="", stdout="",
        duration=time.monotonic() - start, timed_out=timed_out, interrupted=interrupted,
        captured=False)
    if isinstance(stop, Terminated):
        stop.result = result
        raise stop
    return result


def stopped_in_group(pgid: int) -> bool:
    """Whether a process of the group ``pgid`` is stopped (Linux ``/proc``; False elsewhere).

    The group runs in the background of runwright's terminal, where Ctrl-Z does not reach it:
    a stop there is the system stopping a process that read (or set up) the terminal.
    """
    try:
        names = os.listdir("/proc")
    except OSError:
        return False
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses
        fields = data[data.rfind(b")") + 2:].split()
        if len(fields) > 2 and fields[0] in (b"T", b"t") and fields[2] == str(pgid).encode():
            return True
    return False


def _resume_if_stopped(pid: int) -> None:
    """Continue the command if Ctrl-Z (or a read of the terminal) stopped it: runwright, not a
    shell, is waiting for it, and nothing else would ever resume it."""
    try:
        info = os.waitid(os.P_PID, pid, os.WSTOPPED | os.WNOHANG)
    except ChildProcessError:
        return
    if info is not None and info.si_code == os.CLD_STOPPED:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGCONT)


class _Reader:
    """Reads both pipes without blocking, decoding UTF-8 incrementally."""

    def __init__(self, proc: subprocess.Popen[bytes],
                 on_output: Callable[[str], None] | None) -> None:
        self.proc = proc
        self.on_output = on_output
        self.selector = selectors.DefaultSelector()
        self.decoders = {}
        for pipe, name in ((proc.stdout, "out"), (proc.stderr, "err")):
            assert pipe is not None
            self.selector.register(pipe, selectors.EVENT_READ, name)
            self.decoders[name] = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.combined: list[str] = []
        self.stdout: list[str] = []
        self.size = 0
        self.truncated = False
        self.heard = self.checked = time.monotonic()  # last output; last look in /proc
        self.wanted_terminal = False

    def pump(self, deadline: float | None) -> bool:
        """Read until both pipes close (True), or ``deadline`` passes or the command is found
        stopped for reading the terminal (False; :attr:`wanted_terminal` says which)."""
        exited_at: float | None = None
        while self.selector.get_map():
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                return False
            if now - self.heard >= QUIET and now - self.checked >= QUIET:
                self.checked = now
                if stopped_in_group(self.proc.pid):
                    self.wanted_terminal = True
                    return False
            if self.proc.poll() is not None:
                # A background child may hold the pipes open: stop shortly after exit.
                exited_at = exited_at or now
                if now - exited_at > 0.2:
                    return True
            wait = 0.1 if deadline is None else min(0.1, max(deadline - now, 0))
            for key, _ in self.selector.select(wait):
                data = os.read(key.fd, 65536)
                if not data:
                    self.selector.unregister(key.fileobj)
                    self._take(key.data, self.decoders[key.data].decode(b"", final=True))
                    continue
                self._take(key.data, self.decoders[key.data].decode(data))
        return True

    def _take(self, name: str, text: str) -> None:
        if not text:
            return
        self.heard = time.monotonic()
        if self.on_output is not None:
            self.on_output(text)
        if self.size + len(text) > MEMORY_LIMIT:
            self.truncated = True
            return
        self.size += len(text)
        self.combined.append(text)
        if name == "out":
            self.stdout.append(text)

    def close(self) -> None:
        for key in list(self.selector.get_map().values()):
            self.selector.unregister(key.fileobj)
        self.selector.close()
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def parse_timeout(value: str | bool | None) -> float | None:
    """``30``, ``30s``, ``5m``, ``1h30m``, ``500ms`` as seconds; None when absent or invalid."""
    import re

    if value is None or isinstance(value, bool):
        return None
    text = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    units = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}
    total = 0.0
    pos = 0
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h)", text):
        if m.start() != pos:
            return None
        total += float(m.group(1)) * units[m.group(2)]
        pos = m.end()
    return total if pos == len(text) and total > 0 else None
