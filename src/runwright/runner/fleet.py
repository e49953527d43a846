"""Fleet steps: a shell block with ``{on=PATTERN}`` runs on the hosts of an Ansible inventory.

runwright has no remote-execution engine of its own: the inventory is read with ansible-core's
``InventoryManager`` (in process, the way ``ansible --list-hosts`` resolves a pattern), and the
commands run through ansible-runner, which starts ``ansible-playbook`` and hands back Ansible's
own structured events (one per host, with ``rc``, ``stdout``, ``stderr`` and timings) through
a callback: no text output is parsed. Each block is a one-task play (``ansible.builtin.shell``,
``/bin/bash`` with ``set -e -o pipefail`` as for local steps); the variables reach every host as
environment variables through the task's ``environment`` keyword, and the command and the
values are tagged ``!unsafe`` so that Ansible never templates them: nothing is substituted into
the text. Everything Ansible needs (the play, the artifacts) lives in a private temporary folder
that is removed when the block ends.

Both libraries come with the ``runwright[fleet]`` extra; :func:`require` names it when they are
missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runwright.errors import UsageError
from runwright.model import CodeBlock, Runbook

EXTRA_HINT = "install it with: pip install 'runwright[fleet]'"
_COUNT = re.compile(r"^(\d+)(%?)$")


def require() -> None:
    """Raise a UsageError naming the extra when ansible-runner or ansible-core is missing."""
    try:
        import ansible  # noqa: F401
        import ansible_runner  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"fleet steps (on=...) need the runwright[fleet] extra "
                         f"({exc.name or 'ansible-runner'} is not installed)",
                         hint=EXTRA_HINT) from None


def runnable_blocks(runbook: Runbook) -> list[CodeBlock]:
    """The shell blocks the runner may run: steps, rollback cases, verification items."""
    blocks = [b for s in runbook.steps for b in s.commands]
    blocks += [b for c in runbook.rollback for b in c.commands]
    blocks += [b for i in runbook.verification for b in i.commands]
    return [b for b in blocks if b.is_shell]


def is_fleet(block: CodeBlock) -> bool:
    return isinstance(block.attributes.get("on"), str) or "on" in block.attributes


def pattern_of(block: CodeBlock) -> str | None:
    """The host pattern, None when ``on`` has no value."""
    value = block.attributes.get("on")
    return value.strip() or None if isinstance(value, str) else None


def count_problem(name: str, value: object) -> str | None:
    """Why ``serial``/``max_fail`` is malformed, None when it reads as ``N`` or ``N%``."""
    if not isinstance(value, str):
        return f"{name} needs a value: {name}=N or {name}=N%"
    m = _COUNT.match(value.strip())
    if not m:
        return f"{name}={value!r} is not a number of hosts (N) or a share of them (N%)"
    number, percent = int(m.group(1)), bool(m.group(2))
    if percent and not 0 <= number <= 100:
        return f"{name}={value}: a share is between 0% and 100%"
    if name == "serial" and number == 0:
        return "serial=0: a batch holds at least one host"
    return None


def _count(value: object, total: int, default: int) -> int:
    if value is None:
        return default
    text = str(value).strip()
    m = _COUNT.match(text)
    if not m:
        return default
    number = int(m.group(1))
    return total * number // 100 if m.group(2) else number


def batches(hosts: list[str], serial: object) -> list[list[str]]:
    """The hosts in rolling batches of ``serial`` (N or N% of the hosts, at least 1; all
    hosts in one batch when unset), in inventory order."""
    if not hosts:
        return []
    size = max(1, _count(serial, len(hosts), len(hosts)))
    return [hosts[i:i + size] for i in range(0, len(hosts), size)]


def allowed_failures(max_fail: object, total: int) -> int:
    """How many hosts may fail before the rollout stops (``max_fail``, default 0: the first
    failed host stops it; N% of the step's hosts, rounded down)."""
    return _count(max_fail, total, 0)


# -- the inventory ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Where fleet steps go: the inventory (a path or anything Ansible reads) and ``--limit``."""

    inventory: str | None
    limit: str | None = None
    origin: str = ""  # where the inventory was named: --inventory, front matter, config


def target_for(runbook: Runbook, folder: Path, given: str | None, limit: str | None,
               configured: str | None, config_root: Path | None) -> Target:
    """``--inventory``, else the runbook's front matter ``inventory`` (relative to the
    runbook's ``folder``), else the configuration's ``run.inventory`` (relative to the
    config's folder)."""
    if given:
        return Target(given, limit, "--inventory")
    front = runbook.front_matter.get("inventory")
    if isinstance(front, str) and front.strip():
        return Target(_relative(front.strip(), folder), limit, "front matter")
    if configured:
        return Target(_relative(configured, config_root or Path.cwd()), limit, "configuration")
    return Target(None, limit)


def _relative(value: str, base: Path) -> str:
    if "," in value and not Path(value).exists():  # an inline host list: "web1,web2,"
        return value
    path = Path(os.path.expanduser(value))
    return str(path if path.is_absolute() else base / path)


class Inventory:
    """An Ansible inventory, read once, with the hosts a pattern matches."""

    def __init__(self, target: Target) -> None:
        require()
        if target.inventory is None:
            raise UsageError("this runbook has fleet steps (on=...) but no inventory",
                             hint="give --inventory, or name it as 'inventory' in the front "
                                  "matter or as run.inventory in the configuration")
        source = target.inventory
        if "," not in source and not Path(source).exists():
            raise UsageError(f"inventory {source} ({target.origin}): no such file or folder")
        from ansible.inventory.manager import InventoryManager
        from ansible.parsing.dataloader import DataLoader

        self.source = source
        self.target = target
        self.manager = InventoryManager(loader=DataLoader(), sources=[source])
        if target.limit:
            self.manager.subset(target.limit)

    def hosts(self, pattern: str) -> list[str]:
        """The host names ``pattern`` matches (after ``--limit``), in inventory order."""
        return [h.name for h in self.manager.get_hosts(pattern)]


def offline_hosts(inventory: Path, pattern: str) -> list[str] | None:
    """The hosts ``pattern`` matches in a static inventory file (INI or YAML), None when the
    inventory cannot be resolved without running anything (a script, a plugin, a folder, or
    the fleet extra is missing). Used by the linter."""
    if not inventory.is_file() or os.access(inventory, os.X_OK):
        return None
    if inventory.suffix.lower() in (".yml", ".yaml"):
        head = inventory.read_text(errors="replace")[:4096]
        if re.search(r"^\s*plugin\s*:", head, re.M):  # a dynamic inventory plugin's config
            return None
    try:
        from ansible.inventory.manager import InventoryManager
        from ansible.parsing.dataloader import DataLoader
    except ImportError:
        return None
    manager = InventoryManager(loader=DataLoader(), sources=[str(inventory)])
    if not manager.hosts and not manager.groups.keys() - {"all", "ungrouped"}:
        return None  # Ansible could not read it: say nothing rather than something wrong
    return [h.name for h in manager.get_hosts(pattern)]


# -- running ---------------------------------------------------------------------------------
@dataclass
class HostResult:
    host: str
    status: str  # ok, failed, unreachable
    exit_status: int | None
    output: str
    stdout: str
    duration: float
    message: str = ""


class _Unsafe(str):
    """A string Ansible must not template (written as ``!unsafe``)."""


def _yaml(value: Any) -> str:
    """The play as YAML, every string ``!unsafe`` (JSON strings are YAML strings)."""
    if isinstance(value, _Unsafe):
        return "!unsafe " + json.dumps(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_yaml(v)}" for k, v in value.items()) \
            + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    raise TypeError(type(value))


def play(code: str, env: Mapping[str, str], become: bool, timeout: float | None) -> str:
    """The one-task play that runs ``code`` with ``env`` on the play's hosts."""
    task: dict[str, Any] = {
        "name": "runwright step",
        "ansible.builtin.shell": {"cmd": _Unsafe("set -e -o pipefail\n" + code),
                                  "executable": "/bin/bash"},
        "environment": {k: _Unsafe(v) for k, v in env.items()},
        "become": become,
    }
    if timeout:
        task["timeout"] = max(1, round(timeout))
    return _yaml([{"name": "runwright", "hosts": "all", "gather_facts": False,
                   "tasks": [task]}]) + "\n"


def run_hosts(inventory: Inventory, hosts: list[str], code: str, env: Mapping[str, str],
              become: bool, timeout: float | None,
              on_result: Callable[[HostResult], None]) -> dict[str, HostResult]:
    """Run ``code`` on ``hosts`` at once (one fork per host); ``on_result`` hears each host
    as Ansible reports it. A host Ansible says nothing about is ``unreachable``."""
    import ansible_runner

    results: dict[str, HostResult] = {}
    started: dict[str, float] = {}
    began = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="runwright-fleet-"))
    try:
        (folder / "project").mkdir()
        (folder / "project" / "step.yml").write_text(play(code, env, become, timeout))

        def handler(event: Mapping[str, Any]) -> bool:
            kind = str(event.get("event", ""))
            data = event.get("event_data") or {}
            host = data.get("host")
            if kind == "runner_on_start" and isinstance(host, str):
                started[host] = time.monotonic()
            if kind not in ("runner_on_ok", "runner_on_failed", "runner_on_unreachable") \
                    or not isinstance(host, str):
                return False
            res = data.get("res") or {}
            rc = res.get("rc")
            stdout = str(res.get("stdout") or "")
            stderr = str(res.get("stderr") or "")
            message = str(res.get("msg") or "")
            output = stdout + ("\n" if stdout and stderr else "") + stderr
            if output and not output.endswith("\n"):
                output += "\n"
            if kind == "runner_on_unreachable":
                status = "unreachable"
            else:
                status = "ok" if kind == "runner_on_ok" else "failed"
            if not output and message and status != "ok":
                output = message.rstrip("\n") + "\n"
            result = HostResult(host, status, rc if isinstance(rc, int) else None, output,
                                stdout, time.monotonic() - started.get(host, began), message)
            results[host] = result
            on_result(result)
            return False  # nothing kept in the artifacts folder

        runner = ansible_runner.run(
            private_data_dir=str(folder), playbook="step.yml",
            inventory=inventory.source, limit=",".join(hosts), forks=max(1, len(hosts)),
            quiet=True, event_handler=handler, envvars=_ansible_env(),
            settings={"suppress_ansible_output": True})
        if not results and runner.status in ("failed", "error", "timeout"):
            text = runner.stdout.read() if runner.stdout is not None else ""
            raise FleetRunError(f"Ansible did not run the step ({runner.status}, exit status "
                                f"{runner.rc}): {text.strip()[-2000:]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for host in hosts:
        if host not in results:
            result = HostResult(host, "unreachable", None, "", "", time.monotonic() - began,
                                "Ansible reported no result for this host")
            results[host] = result
            on_result(result)
    return results


class FleetRunError(Exception):
    """Ansible could not run the play at all (no host result): its own words."""


def _playbook_binary() -> str:
    """``ansible-playbook`` next to this Python (the extra's), else on PATH."""
    import sys

    beside = Path(sys.executable).parent / "ansible-playbook"
    if beside.exists():
        return str(beside)
    found = shutil.which("ansible-playbook")
    if found is None:
        raise UsageError("ansible-playbook is not installed", hint=EXTRA_HINT)
    return found


def _ansible_env() -> dict[str, str]:
    """What ansible-playbook needs from runwright's environment (the rest is the user's:
    ansible.cfg, SSH agent and configuration)."""
    binary = Path(_playbook_binary()).parent
    return {"ANSIBLE_NOCOLOR": "1", "ANSIBLE_RETRY_FILES_ENABLED": "False",
            "PATH": os.pathsep.join([str(binary), os.environ.get("PATH", os.defpath)])}


def prefixed(host: str, text: str) -> Iterable[str]:
    """``text``'s lines, each behind ``[host]``."""
    for line in text.splitlines():
        yield f"[{host}] {line}"
