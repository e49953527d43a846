"""Web and host pieces: nginx server names and certificate paths, certbot domains,
Dockerfile HEALTHCHECKs, systemd units and Ansible inventories."""

from __future__ import annotations

import re
import shlex

from runwright.scaffold.stack.model import Health, Tls

_SERVER_NAME = re.compile(r"^\s*server_name\s+([^;]+);", re.M)
_LETSENCRYPT = re.compile(r"/etc/letsencrypt/live/([A-Za-z0-9.-]+)/")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$")


def is_domain(name: str) -> bool:
    return bool(_DOMAIN.match(name)) and not name.endswith((".local", ".internal", ".svc"))


def nginx(text: str, source: str) -> list[Tls]:
    """The server names an nginx configuration serves, and the Let's Encrypt certificates
    it reads (``/etc/letsencrypt/live/DOMAIN/``)."""
    out: list[Tls] = []
    names: list[str] = []
    for m in _SERVER_NAME.finditer(text):
        names.extend(n for n in m.group(1).split() if is_domain(n) and n not in names)
    if names:  # "server-name" when nginx serves no TLS itself
        kind = "nginx" if re.search(r"\bssl\b|ssl_certificate", text) else "server-name"
        out.append(Tls(kind, tuple(names), None, None, source))
    live = list(dict.fromkeys(_LETSENCRYPT.findall(text)))
    if live:
        out.append(Tls("certbot", tuple(live), None, None, source, name="letsencrypt"))
    return out


def certbot_domains(command: list[str] | str) -> list[str]:
    """The ``-d`` / ``--domains`` a certbot command line asks for."""
    if isinstance(command, str):
        try:
            words = shlex.split(command)
        except ValueError:
            words = command.split()
    else:
        words = list(command)
        if len(words) == 1:
            return certbot_domains(words[0])
    out: list[str] = []
    for i, w in enumerate(words):
        value = None
        if w in ("-d", "--domains", "--domain") and i + 1 < len(words):
            value = words[i + 1]
        elif w.startswith(("--domains=", "--domain=")):
            value = w.split("=", 1)[1]
        for d in (value or "").split(","):
            if is_domain(d) and d not in out:
                out.append(d)
    return out


_HEALTHCHECK = re.compile(r"^\s*HEALTHCHECK\s+(?:--\S+\s+)*CMD\s+(.+)$", re.M | re.I)


def dockerfile_health(text: str, source: str) -> Health | None:
    m = _HEALTHCHECK.search(text)
    if not m:
        return None
    cmd = m.group(1).strip()
    if cmd.startswith("["):
        cmd = " ".join(re.findall(r'"([^"]*)"', cmd))
    url = re.search(r"https?://[^\s'\"|]+", cmd)
    if url:
        path = re.sub(r"^https?://[^/]+", "", url.group(0)) or "/"
        port = re.search(r"://[^/:]+:(\d+)", url.group(0))
        return Health("http", path, port.group(1) if port else None, "Dockerfile", source)
    return Health("exec", cmd, None, "Dockerfile", source)


def unit_fields(text: str) -> dict[str, str]:
    """The ``Key=value`` lines of a systemd unit (the first of each key)."""
    out: dict[str, str] = {}
    for m in re.finditer(r"^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$", text, re.M):
        out.setdefault(m.group(1), m.group(2))
    return out


def app_dir(exec_start: str) -> str | None:
    """``/opt/billing`` from ``/opt/billing/current/bin/billing serve``: the folder whose
    ``current`` link the unit runs from."""
    m = re.match(r"^[-@+!]*(/\S*?)/current/", exec_start)
    return m.group(1) if m else None


def inventory_hosts(text: str) -> list[tuple[str, list[str]]]:
    """Groups and hosts of an INI Ansible inventory."""
    groups: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            if ":" in name:  # [group:vars], [group:children]
                current = None
                continue
            current = []
            groups.append((name, current))
            continue
        if current is not None:
            host = line.split()[0]
            if "=" not in host:
                current.append(host)
    return groups
