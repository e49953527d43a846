"""Machine checks: ``expect`` blocks against output, and the "looks mutating" heuristic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from runwright.model import Expectation, Step


@dataclass(frozen=True)
class ExpectResult:
    passed: bool
    missing: str | None  # the first expected line not found (in order), if any
    exit_expected: int
    exit_status: int | None

    def describe(self) -> str:
        if self.passed:
            return "expectations met"
        if self.exit_status != self.exit_expected:
            return f"exit status {self.exit_status}, expected {self.exit_expected}"
        return f"expected output not found: {self.missing!r}"


def expected_exit(expectations: tuple[Expectation, ...]) -> int:
    for exp in expectations:
        if exp.exit_status is not None:
            return exp.exit_status
    return 0


def check_output(expectations: tuple[Expectation, ...], output: str,
                 exit_status: int | None) -> ExpectResult:
    """Every expected line appears in ``output``, in order (``/regex/`` searched in a line),
    and the exit status is the expected one (0 unless ``{exit=N}``)."""
    want = expected_exit(expectations)
    offset = 0
    missing: str | None = None
    for item in (x for exp in expectations for x in exp.lines):
        end = _find(item.text, item.regex, output, offset)
        if end is None:
            missing = f"/{item.text}/" if item.regex else item.text
            break
        offset = end
    passed = missing is None and exit_status == want
    return ExpectResult(passed=passed, missing=missing, exit_expected=want,
                        exit_status=exit_status)


def _find(text: str, regex: bool, output: str, offset: int) -> int | None:
    """Where the match of ``text`` at or after ``offset`` ends, or None."""
    if regex:
        try:
            m = re.compile(text, re.MULTILINE).search(output, offset)
        except re.error:
            m = None
            regex = False
        if m is not None:
            return m.end()
        if regex:
            return None
    needle = text.strip()
    index = output.find(needle, offset)
    return None if index < 0 else index + len(needle)


# Commands that change things. Documented in docs/running.md ("Unattended tests").
_MUTATING = [
    r"\bkubectl\s+(?:\S+\s+)*?(apply|create|delete|replace|patch|edit|scale|drain|cordon|"
    r"uncordon|taint|label|annotate|set|expose|run)\b",
    r"\bkubectl\s+(?:\S+\s+)*?rollout\s+(restart|undo|pause|resume)\b",
    r"\bhelm\s+(install|upgrade|uninstall|delete|rollback)\b",
    r"\bsystemctl\s+(start|stop|restart|reload|enable|disable|mask|kill)\b",
    r"\bservice\s+\S+\s+(start|stop|restart|reload)\b",
    r"(^\s*|[;&|(]\s*|\bsudo\s+)(rm|mv|dd|mkfs\S*|shred|truncate|chmod|chown|kill|pkill|killall|"
    r"reboot|shutdown|tee|cp|ln|mkdir|rmdir|touch|sed\s+-i|crontab)\b",
    r"\b(DROP|INSERT|UPDATE|DELETE|TRUNCATE|ALTER|CREATE|GRANT|REVOKE)\s",
    r"\bgit\s+(push|commit|merge|rebase|reset|tag|checkout|clean)\b",
    r"\bterraform\s+(apply|destroy|import|taint|state\s+(rm|mv|push))\b",
    r"\b(apt|apt-get|yum|dnf|pip|npm)\s+(install|remove|purge|upgrade|uninstall)\b",
    r"\bdocker\s+(run|rm|rmi|stop|kill|restart|push|compose\s+(up|down))\b",
    r"\baws\s+\S+\s+(create|delete|put|update|terminate|modify|start|stop|reboot)[-\w]*",
    r"\bgcloud\s+.*\b(create|delete|update|deploy|resize)\b",
    r"\bcurl\b.*\s(-X|--request)\s*(POST|PUT|PATCH|DELETE)\b",
    r"(^|[^>&0-9])>>?\s*(?!/dev/null|&)\S",
]
_MUTATING_RE = re.compile("|".join(f"(?:{p})" for p in _MUTATING), re.MULTILINE)


def looks_mutating(code: str) -> bool:
    """True when a command line looks like it changes something (see the patterns above)."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith("#")]
    return _MUTATING_RE.search("\n".join(lines)) is not None


def is_confirm(step: Step) -> bool:
    return step.flag("confirm")


def test_policy(step: Step, allow_mutating: bool) -> str | None:
    """Why ``runwright test`` skips this step (None: it runs)."""
    commands = step.runnable_commands
    if not commands:
        return "manual step"
    if step.flag("skip-test"):
        return "skip-test"
    if any(c.flag("interactive") for c in commands):
        return "interactive (needs an operator at a terminal)"
    if allow_mutating:
        return None
    if step.flag("mutating") or is_confirm(step):
        return "mutating"
    if all(c.flag("readonly") for c in commands):
        return None
    if any(looks_mutating(c.code) for c in commands if not c.flag("readonly")):
        return "looks mutating"
    return None
