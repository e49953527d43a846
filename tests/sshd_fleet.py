"""A fleet of real OpenSSH servers on loopback addresses, for the fleet-step tests.

Each host is one ``sshd`` (Debian's ``openssh-server``, installed by
``scripts/ensure-test-packages.sh``) listening on its own loopback address (127.0.0.2,
127.0.0.3, ...) and its own port, with its own host key. The test user is the user running
the tests (an unprivileged ``sshd`` can only log that user in), authenticated by a key
generated for the fleet; nothing outside the fleet's folder is read or written. The inventory
names the hosts in groups and carries the connection settings (key, port, known-hosts file),
so that ``ansible`` and ``runwright`` reach them with no other configuration.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"


def need_fleet() -> None:
    """Skip unless sshd, ssh and the fleet extra are here."""
    if not Path(SSHD).exists() or shutil.which("ssh-keygen") is None:
        pytest.skip("not installed: openssh-server (scripts/ensure-test-packages.sh installs it)")
    try:
        import ansible_runner  # noqa: F401
    except ImportError:
        pytest.skip("not installed: the runwright[fleet] extra (ansible-runner, ansible-core)")
    if not Path("/run/sshd").is_dir():  # sshd's privilege separation directory
        try:
            Path("/run/sshd").mkdir(mode=0o755)
        except OSError:
            pytest.skip("sshd needs /run/sshd, which is missing and cannot be created here")


def _free_port(address: str) -> int:
    with socket.socket() as s:
        s.bind((address, 0))
        return int(s.getsockname()[1])


class Fleet:
    """``size`` sshd servers; ``names[i]`` is reached at ``127.0.0.{i+2}``."""

    def __init__(self, size: int, groups: dict[str, list[int]] | None = None) -> None:
        need_fleet()
        self.dir = Path(tempfile.mkdtemp(prefix="rwssh"))
        self.user = getpass.getuser()
        self.names = [f"node{i + 1}" for i in range(size)]
        self.addresses = [f"127.0.0.{i + 2}" for i in range(size)]
        self.procs: list[subprocess.Popen[bytes]] = []
        key = self.dir / "user_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                       check=True)
        (self.dir / "authorized_keys").write_text((self.dir / "user_key.pub").read_text())
        known: list[str] = []
        self.ports: list[int] = []
        for name, address in zip(self.names, self.addresses, strict=True):
            host_key = self.dir / f"{name}_host_key"
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)],
                           check=True)
            port = _free_port(address)
            self.ports.append(port)
            known.append(f"[{address}]:{port} "
                         + " ".join((self.dir / f"{name}_host_key.pub").read_text().split()[:2]))
            config = self.dir / f"{name}_sshd_config"
            config.write_text("\n".join([
                f"ListenAddress {address}:{port}", f"HostKey {host_key}",
                f"PidFile {self.dir / (name + '.pid')}",
                f"AuthorizedKeysFile {self.dir / 'authorized_keys'}",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
                "StrictModes no", "PermitRootLogin prohibit-password",
                f"AllowUsers {self.user}", "LogLevel ERROR", "MaxStartups 100:30:200",
                "MaxSessions 50", "Subsystem sftp /usr/lib/openssh/sftp-server", ""]))
            log = open(self.dir / f"{name}.log", "wb")  # noqa: SIM115 (kept for the process)
            self.procs.append(subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)],
                                               stdout=log, stderr=subprocess.STDOUT))
        (self.dir / "known_hosts").write_text("\n".join(known) + "\n")
        (self.dir / "ansible.cfg").write_text("[defaults]\n")
        self.inventory = self.dir / "inventory.ini"
        self.inventory.write_text(self._inventory(groups or {}))
        for name, address, port in zip(self.names, self.addresses, self.ports, strict=True):
            self._wait(name, address, port)

    def _inventory(self, groups: dict[str, list[int]]) -> str:
        ssh_args = (f"-o UserKnownHostsFile={self.dir / 'known_hosts'} "
                    "-o StrictHostKeyChecking=yes -o ControlMaster=auto "
                    f"-o ControlPath={self.dir}/cm-%C -o ControlPersist=60s")
        lines = ["[all:vars]", f"ansible_user={self.user}",
                 f"ansible_ssh_private_key_file={self.dir / 'user_key'}",
                 f"ansible_ssh_common_args='{ssh_args}'",
                 "ansible_python_interpreter=/usr/bin/python3", "ansible_pipelining=true",
                 "", "[fleet]"]
        for name, address, port in zip(self.names, self.addresses, self.ports, strict=True):
            lines.append(f"{name} ansible_host={address} ansible_port={port}")
        for group, members in groups.items():
            lines += ["", f"[{group}]", *(self.names[i] for i in members)]
        return "\n".join(lines) + "\n"

    def _wait(self, name: str, address: str, port: int) -> None:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex((address, port)) == 0:
                    return
            time.sleep(0.05)
        log = (self.dir / f"{name}.log").read_text(errors="replace")
        self.stop()
        raise RuntimeError(f"sshd for {name} did not start: {log[-2000:]}")

    def ssh(self, index: int, command: str) -> subprocess.CompletedProcess[str]:
        """Run ``command`` on host ``index`` directly (to check what a step did)."""
        return subprocess.run(
            ["ssh", "-i", str(self.dir / "user_key"), "-p", str(self.ports[index]),
             "-o", f"UserKnownHostsFile={self.dir / 'known_hosts'}", "-o", "BatchMode=yes",
             f"{self.user}@{self.addresses[index]}", command],
            capture_output=True, text=True, timeout=60)

    def env(self) -> dict[str, str]:
        """The environment for runwright and ansible in the tests: the fleet's empty
        ansible.cfg, not the user's."""
        env = dict(os.environ)
        env.update(ANSIBLE_CONFIG=str(self.dir / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
                   ANSIBLE_HOST_KEY_CHECKING="True", ANSIBLE_LOCAL_TEMP=str(self.dir / "tmp"))
        return env

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
