"""The commands ``runwright test`` knows to be read-only: the allowlist, as data.

Each entry is a command, the subcommand words that must follow it (after its global options),
options it must be given (``--no-stream``) and options it must not be given (``!--rotate``; a
trailing ``*`` matches a prefix: ``!--vacuum-*``; ``!-i`` a short option, alone or in a group
such as ``-ni``). An entry without subcommand words accepts any arguments. Some commands have
a check of their own on top of their entry (``curl`` without a body, ``psql`` with reading SQL
only...): :data:`CHECKED` names them, and :mod:`runwright.shell.readonly` holds the checks.

``test.readonly_commands`` in the configuration adds entries written the same way
(``["mytool status", "vault kv get"]``). docs/running.md lists this table (a test keeps the
two the same).
"""

from __future__ import annotations

from dataclasses import dataclass

READONLY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Files and text", (
        "cat", "tac", "head", "tail", "less", "more", "ls", "stat", "file", "wc", "grep",
        "egrep", "fgrep", "zgrep", "zcat", "rg", "cut", "tr", "column", "nl", "fold", "paste",
        "join", "comm", "diff", "cmp", "rev", "strings", "od", "hexdump", "xxd", "base64",
        "md5sum", "sha1sum", "sha256sum", "sha512sum", "cksum", "basename", "dirname",
        "realpath", "readlink", "namei", "tree", "du", "jq", "yq !-i !--inplace", "awk",
        "sed", "sort", "uniq", "tee", "find", "xmllint !--output", "tar", "unzip -l",
        "gzip -l", "getfacl", "lsattr")),
    ("Shell", (
        "echo", "printf", "test", "[", "true", "false", ":", "sleep", "cd", "pwd", "set",
        "shopt", "export", "local", "declare", "typeset", "readonly", "unset", "read", "wait",
        "exit", "return", "break", "continue", "shift", "trap", "type", "hash", "which",
        "command", "alias", "umask", "exec", "ulimit", "seq", "expr", "bc", "env", "printenv",
        "locale", "getconf", "date", "cal")),
    ("System", (
        "uptime", "free", "df", "ps", "pgrep", "pidof", "top -b", "vmstat", "iostat",
        "mpstat", "pidstat", "sar", "uname", "hostname", "id", "whoami", "groups", "who", "w",
        "last", "lastlog", "nproc", "lscpu", "lsblk", "lsmem", "lspci", "lsusb", "lsmod",
        "lsof", "lsns", "findmnt", "blkid", "mount", "dmesg", "sysctl", "getent", "ipcs",
        "timedatectl status", "timedatectl show", "timedatectl list-timezones",
        "hostnamectl status", "localectl status", "loginctl list-sessions",
        "loginctl list-users", "loginctl show-session", "loginctl show-user",
        "systemctl status", "systemctl is-active", "systemctl is-enabled",
        "systemctl is-failed", "systemctl is-system-running", "systemctl show",
        "systemctl cat", "systemctl list-units", "systemctl list-unit-files",
        "systemctl list-timers", "systemctl list-sockets", "systemctl list-dependencies",
        "systemctl list-jobs", "systemctl get-default", "systemctl --version",
        "service", "journalctl !--rotate !--vacuum-* !--flush !--sync !--relinquish-var "
        "!--smart-relinquish-var !--setup-keys !--update-catalog !--cursor-file",
        "pvs", "vgs", "lvs", "pvdisplay", "vgdisplay", "lvdisplay", "mdadm --detail",
        "mdadm -D", "mdadm --examine", "mdadm -E", "mdadm --query", "mdadm -Q",
        "smartctl -a", "smartctl -H", "smartctl -i", "smartctl -x", "zpool status",
        "zpool list", "zpool iostat", "zfs list", "zfs get", "nvidia-smi !-r !-pm !-pl !-e "
        "!-c !-ac !-rac !-lgc !-rgc !--gpu-reset", "chronyc tracking", "chronyc sources",
        "chronyc sourcestats", "ntpq -p", "ntpstat")),
    ("Network", (
        "ping", "ping6", "traceroute", "tracepath", "mtr --report", "mtr -r", "dig",
        "nslookup", "host", "whois", "ss", "netstat", "ip", "ifconfig", "route -n", "arp -n",
        "arp -a", "iptables", "ip6tables", "nft list", "ethtool", "nc -z", "curl", "wget",
        "openssl", "ssh-keyscan", "ssh-keygen -l", "ssh-keygen -F")),
    ("Kubernetes and containers", (
        "kubectl get", "kubectl describe", "kubectl logs", "kubectl top", "kubectl explain",
        "kubectl version", "kubectl auth can-i", "kubectl auth whoami",
        "kubectl rollout status", "kubectl rollout history", "kubectl api-resources",
        "kubectl api-versions", "kubectl cluster-info !--output-directory", "kubectl events",
        "kubectl wait", "kubectl config view", "kubectl config get-contexts",
        "kubectl config current-context", "kubectl config get-clusters",
        "oc get", "oc describe", "oc logs", "oc status", "oc whoami", "oc version",
        "oc rollout status", "oc rollout history", "oc adm top", "oc auth can-i",
        "helm status", "helm history", "helm list", "helm ls", "helm get", "helm show",
        "helm search", "helm version", "helm env",
        "docker ps", "docker logs", "docker inspect", "docker images", "docker version",
        "docker info", "docker top", "docker port", "docker diff", "docker history",
        "docker stats --no-stream", "docker container ls", "docker container inspect",
        "docker container logs", "docker image ls", "docker image inspect",
        "docker network ls", "docker network inspect", "docker volume ls",
        "docker volume inspect", "docker system df", "docker compose ps",
        "docker compose logs", "docker compose config", "docker compose images",
        "docker compose top", "docker compose ls", "docker compose version",
        "docker-compose ps", "docker-compose logs", "docker-compose config",
        "podman ps", "podman logs", "podman inspect", "podman images", "podman version",
        "podman info", "podman stats --no-stream", "crictl ps", "crictl pods",
        "crictl images", "crictl inspect", "crictl inspectp", "crictl logs", "crictl info",
        "crictl version", "crictl stats", "etcdctl get", "etcdctl endpoint health",
        "etcdctl endpoint status", "etcdctl member list", "etcdctl version",
        "etcdctl alarm list", "istioctl version", "istioctl proxy-status",
        "istioctl analyze", "linkerd check", "flux get", "argocd app get", "argocd app list",
        "kubeadm certs check-expiration", "kubeadm version")),
    ("Databases and services", (
        "pg_isready", "pg_lsclusters", "pg_config", "pg_controldata", "psql", "mysql",
        "mariadb", "sqlite3", "redis-cli", "mysqladmin status", "mysqladmin ping",
        "mysqladmin processlist", "mysqladmin variables", "mysqladmin extended-status",
        "mysqladmin version", "patronictl list", "patronictl history",
        "patronictl show-config", "patronictl topology", "rabbitmqctl status",
        "rabbitmqctl cluster_status", "rabbitmqctl list_queues", "rabbitmqctl list_exchanges",
        "rabbitmqctl list_bindings", "rabbitmqctl list_connections",
        "rabbitmqctl list_channels", "rabbitmqctl list_consumers", "rabbitmqctl list_vhosts",
        "rabbitmqctl list_users", "rabbitmqctl environment", "nginx -t !-s", "nginx -T !-s",
        "nginx -v !-s", "nginx -V !-s", "apachectl -t", "apachectl configtest", "apachectl -S",
        "haproxy -c", "named-checkconf", "named-checkzone", "promtool check",
        "amtool check-config", "amtool alert query", "amtool silence query",
        "consul members", "consul info", "consul catalog services", "consul catalog nodes",
        "consul kv get", "nomad status", "nomad job status", "nomad node status",
        "nomad alloc status", "nomad alloc logs", "vault status", "vault read",
        "vault kv get", "vault kv list", "vault list", "vault token lookup",
        "vault secrets list", "vault auth list", "vault policy list", "vault policy read",
        "vault version", "certbot certificates")),
    ("Clouds and infrastructure", (
        "aws", "gcloud", "az", "terraform show", "terraform output", "terraform state list",
        "terraform state show", "terraform version", "terraform validate",
        "terraform providers", "terraform fmt -check", "terraform graph",
        "terraform workspace list", "terraform workspace show", "git status", "git log",
        "git show", "git diff", "git rev-parse", "git describe", "git ls-files", "git blame",
        "git shortlog", "ansible-inventory --list", "ansible-inventory --graph")),
)


@dataclass(frozen=True, slots=True)
class Syntax:
    """How to find a command's subcommand: its options that take a value."""

    values: str = ""  # short options that take a value (``-n prod``)
    long_values: tuple[str, ...] = ()  # long options that take the next word
    single: bool = False  # long options written with one dash (``-chdir=x``)


_KUBE = Syntax("nsvlco", ("namespace", "context", "kubeconfig", "cluster", "user", "server",
                         "token", "as", "as-group", "as-uid", "request-timeout", "cache-dir",
                         "certificate-authority", "client-certificate", "client-key",
                         "tls-server-name", "profile", "profile-output", "log-file",
                         "password", "username", "v", "selector", "container", "output",
                         "template", "sort-by", "field-selector", "since", "tail"))
_DOCKER = Syntax("cHlf", ("config", "context", "host", "log-level", "tlscacert", "tlscert",
                          "tlskey", "file", "project-name", "profile", "project-directory",
                          "env-file", "format", "filter"))

#: Options that take a value, per command with subcommands (to find the subcommand words).
SYNTAX: dict[str, Syntax] = {
    "kubectl": _KUBE, "oc": _KUBE,
    "helm": Syntax("n", ("namespace", "kube-context", "kubeconfig", "registry-config",
                         "repository-cache", "repository-config", "kube-apiserver",
                         "kube-as-user", "kube-token", "burst-limit", "output", "revision",
                         "max")),
    "docker": _DOCKER, "podman": _DOCKER, "docker-compose": _DOCKER,
    "systemctl": Syntax("HMnopst", ("host", "machine", "lines", "output", "property", "type",
                                    "signal", "state", "root", "kill-whom", "what",
                                    "job-mode")),
    "timedatectl": Syntax("HM", ("host", "machine", "property")),
    "hostnamectl": Syntax("HM", ("host", "machine")),
    "localectl": Syntax("HM", ("host", "machine")),
    "loginctl": Syntax("HMnopP", ("host", "machine", "lines", "output", "property")),
    "crictl": Syntax("rci", ("runtime-endpoint", "image-endpoint", "config", "timeout",
                             "output")),
    "etcdctl": Syntax("w", ("endpoints", "cacert", "cert", "key", "user", "password",
                            "write-out", "command-timeout", "dial-timeout")),
    "istioctl": Syntax("ni", ("namespace", "istioNamespace", "context", "kubeconfig")),
    "argocd": Syntax("o", ("server", "auth-token", "grpc-web-root-path", "output")),
    "flux": Syntax("n", ("namespace", "context", "kubeconfig")),
    "mysqladmin": Syntax("hPSuO", ("host", "port", "socket", "user", "defaults-file",
                                   "defaults-extra-file")),
    "patronictl": Syntax("cd", ("config-file", "dcs-url")),
    "rabbitmqctl": Syntax("npt", ("node", "vhost", "timeout")),
    "consul": Syntax("", ("http-addr", "token", "datacenter")),
    "nomad": Syntax("", ("address", "token", "region", "namespace")),
    "vault": Syntax("", ("address", "namespace", "format", "field")),
    "promtool": Syntax(),
    "amtool": Syntax("o", ("alertmanager.url", "output")),
    "terraform": Syntax("", ("chdir",), single=True),
    "git": Syntax("Cc", ("git-dir", "work-tree", "namespace")),
    "nft": Syntax("f", ("file",)),
    "chronyc": Syntax("hp"),
    "zpool": Syntax(),
    "zfs": Syntax(),
    "kubeadm": Syntax("", ("kubeconfig", "config")),
    "linkerd": Syntax("", ("context", "kubeconfig", "linkerd-namespace")),
}
#: Commands that take the subcommands and option syntax of another (for the policies that
#: name subcommands: a destructive one, one known to change state).
ALIASES = {"oc": "kubectl", "podman": "docker", "tofu": "terraform", "terragrunt": "terraform",
           "apt-get": "apt", "yum": "apt", "dnf": "apt", "pip": "apt", "pip3": "apt",
           "npm": "apt", "service": "systemctl"}


def syntax_of(name: str) -> Syntax:
    """How to find ``name``'s subcommand: its own syntax, else that of the tool it aliases."""
    return SYNTAX.get(name) or SYNTAX.get(ALIASES.get(name, name), Syntax())

#: Commands whose entry is not enough: :mod:`runwright.shell.readonly` checks their
#: arguments too (what they write, send or run).
CHECKED = frozenset({
    "curl", "wget", "psql", "mysql", "mariadb", "sqlite3", "redis-cli", "tee", "sed", "awk",
    "find", "sort", "uniq", "date", "hostname", "ip", "iptables", "ip6tables", "mount",
    "sysctl", "dmesg", "tar", "service", "aws", "gcloud", "az", "openssl", "ethtool",
    "ifconfig", "trap", "smartctl",
})


def entries() -> list[str]:
    """Every built-in entry, in the order of the table."""
    return [e for _group, items in READONLY for e in items]


#: What the check of each CHECKED command requires (documentation: docs/running.md).
CHECK_NOTES: dict[str, str] = {
    "curl": "no body (`-d`, `--data*`, `-F`, `-T`, `--json`), method GET or HEAD, no output "
            "file (`-o`/`-D`/`--trace` other than `/dev/null` or `-`, `-O`, `-c`, `-K`)",
    "wget": "`-O -`, `-O /dev/null` or `--spider`; no body, method GET or HEAD, no log file",
    "psql": "every `-c` statement reads (`SELECT`, `SHOW`, `EXPLAIN` without `ANALYZE`, "
            "`TABLE`, `VALUES`, `\\d…`), or the SQL of a here-document does, or a read-only "
            "session (`PGOPTIONS='-c default_transaction_read_only=on'`, "
            "`target_session_attrs=read-only`); no `-f`, no `-o`/`-L` file",
    "mysql": "every `-e` statement reads (as for psql, and `DESCRIBE`), or a read-only "
             "transaction option; no `--tee`",
    "mariadb": "as mysql",
    "sqlite3": "`-readonly`, or every SQL argument reads (dot-commands that only show)",
    "redis-cli": "a read command (`GET`, `INFO`, `PING`, `SCAN`, `CONFIG GET`, `SLOWLOG GET`, "
                 "...) or `--scan`/`--bigkeys`/`--memkeys`; no `--rdb`, `--pipe`, `--eval`",
    "tee": "no file other than `/dev/null`, `/dev/stdout`, `/dev/stderr`",
    "sed": "no `-i`/`--in-place`, no `-f`, a script without `w`, `W`, `e` or `s///w`/`e`",
    "awk": "no `-f`/`-i`, a program without `system()`, `print >`/`print |` or `| getline`",
    "find": "no `-delete`, `-exec`, `-execdir`, `-ok`, `-okdir`, `-fprint*`, `-fls`",
    "sort": "no `-o` file", "uniq": "no output file argument",
    "date": "no `-s`/`--set`, no time to set", "hostname": "no new name, no `-F`/`-b`",
    "ip": "an object with `show`/`list`/`get` (or none); no `-batch`",
    "iptables": "`-L` or `-S`, with no `-A`, `-I`, `-D`, `-R`, `-F`, `-Z`, `-N`, `-X`, `-P`, "
                "`-E`", "ip6tables": "as iptables",
    "mount": "no arguments but `-l`/`-t` (it lists)", "sysctl": "no `-w`, `-p`, `NAME=VALUE`",
    "dmesg": "no `-c`, `-C`, `-D`, `-E`, `-n`", "tar": "`-t` (list) only",
    "service": "`service NAME status` or `--status-all`",
    "aws": "`describe-*`, `list-*`, `get-*` (not `s3api get-object`), `s3 ls`, `wait`, "
           "`logs tail`, `sts get-caller-identity`, `configure list|get`",
    "gcloud": "a `list`, `describe`, `get-value` or `get-iam-policy` command",
    "az": "as gcloud (`list`, `show` ...)",
    "openssl": "`x509`, `s_client`, `verify`, `crl`, `version`... without `-out`, `-keyout`, "
               "`-new`, `-newkey`", "ethtool": "show options only",
    "ifconfig": "at most an interface name, no settings",
    "trap": "its command is itself read-only", "smartctl": "no `-t`, `-s`, `-o`, `-S`, `-X`",
}


def markdown() -> str:
    """The allowlist as the Markdown that docs/running.md holds."""
    out = ["| Group | Commands |", "|---|---|"]
    for group, items in READONLY:
        out.append(f"| {group} | {', '.join(f'`{e}`' for e in items)} |")
    out += ["", "Commands with a check of their own:", ""]
    out += [f"- `{name}`: {CHECK_NOTES[name]}" for name in sorted(CHECKED)]
    return "\n".join(out)
