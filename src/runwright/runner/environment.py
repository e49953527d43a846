"""Terminal I/O, injected into the step loop so that it can be driven by scripted answers.

:class:`TerminalEnvironment` talks to the real terminal (colour unless ``NO_COLOR``);
:class:`ScriptedEnvironment` answers from a list and records what was shown, for tests and for
the unattended mode. ``ask`` raises ``EOFError`` when no answer can come and lets
``KeyboardInterrupt`` (Ctrl-C) through.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterable
from typing import Protocol, TextIO

_STYLES = {"title": "\033[1m", "ok": "\033[32m", "warn": "\033[33m", "error": "\033[31m",
           "dim": "\033[2m", "command": "\033[36m"}


class Environment(Protocol):
    """What the runner needs from a terminal."""

    def say(self, text: str = "", style: str | None = None) -> None:
        """Show one message (a line, or several)."""

    def stream(self, chunk: str) -> None:
        """Show command output as it arrives (no newline added)."""

    def ask(self, prompt: str) -> str:
        """Read one answer (stripped)."""

    def ask_secret(self, prompt: str) -> str:
        """Read one answer without echo."""


class TerminalEnvironment:
    """The real terminal: stdout for messages and output, stdin for answers."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.color = (not os.environ.get("NO_COLOR")) and self.out.isatty()

    def say(self, text: str = "", style: str | None = None) -> None:
        if self.color and style in _STYLES:
            text = f"{_STYLES[style]}{text}\033[0m"
        self.out.write(text + "\n")
        self.out.flush()

    def stream(self, chunk: str) -> None:
        self.out.write(chunk)
        self.out.flush()

    def ask(self, prompt: str) -> str:
        self.out.flush()
        return input(prompt).strip()

    def ask_secret(self, prompt: str) -> str:
        self.out.flush()
        if not sys.stdin.isatty():
            self.out.write(prompt)
            self.out.flush()
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            self.out.write("\n")
            return line.rstrip("\n")
        return getpass.getpass(prompt)


class ScriptedEnvironment:
    """Answers from a list (``EOFError`` when exhausted); keeps everything shown in ``lines``."""

    def __init__(self, answers: Iterable[str] = ()) -> None:
        self.answers = list(answers)
        self.lines: list[str] = []
        self.prompts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def say(self, text: str = "", style: str | None = None) -> None:
        self.lines.append(text + "\n")

    def stream(self, chunk: str) -> None:
        self.lines.append(chunk)

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        self.lines.append(prompt)
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        self.lines.append(answer + "\n")
        return answer.strip()

    def ask_secret(self, prompt: str) -> str:
        self.prompts.append(prompt)
        self.lines.append(prompt + "\n")
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


class QuietEnvironment(ScriptedEnvironment):
    """Never answers, shows nothing; keeps command output in ``captured`` (unattended tests
    print their own summary and put the output in JUnit XML)."""

    def __init__(self) -> None:
        super().__init__()
        self.captured: list[str] = []

    def say(self, text: str = "", style: str | None = None) -> None:
        return None

    def stream(self, chunk: str) -> None:
        self.captured.append(chunk)
