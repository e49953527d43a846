"""RW407 undefined-variable: every variable a command uses is defined somewhere.

## Why

``kubectl -n "$NAMESPACE" delete pod "$POD"`` with ``NAMESPACE`` set nowhere runs against
the default namespace. A variable must be declared in the front matter (``variables:``,
``runwright run`` asks for it), set by an earlier command (``NAME=...``, ``export``,
``read``, a ``for`` loop, a fence with ``capture=NAME``), or be a common environment name
(``HOME``, ``PATH``, ``KUBECONFIG``, ``AWS_PROFILE`` ...). ``${NAME:-default}`` and
``${NAME:?message}`` handle the unset case themselves and are accepted. After a block that
runs ``source``, ``.`` or ``eval``, anything may be set and the rule stops reporting.

## Fails

````markdown
```bash
kubectl -n "$NAMESPACE" get pods
```
````

## Passes

````markdown
---
variables:
  NAMESPACE:
    description: Kubernetes namespace of the service
    default: production
---
# Runbook: List the pods

```bash
kubectl -n "$NAMESPACE" get pods
```
````

## Options

- ``known`` (list of names, default empty): more names to accept, e.g. variables every
  operator has in their environment (``["TEAM_REGISTRY", "VAULT_ADDR"]``). A name ending in
  ``*`` accepts a prefix (``"ACME_*"``).
"""

from __future__ import annotations

import re
from types import MappingProxyType

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules._blocks import not_commands
from runwright.linter.rules._shell import prompts
from runwright.shell import parse
from runwright.shell.variables import assigned

_COMMON_WORDS = """
HOME PATH USER LOGNAME SHELL PWD OLDPWD HOSTNAME HOST TERM LANG LANGUAGE TZ TMPDIR EDITOR VISUAL
PAGER UID EUID PPID RANDOM LINENO SECONDS IFS PS1 PS2 PS4 OPTARG OPTIND REPLY PIPESTATUS
FUNCNAME GROUPS HOSTTYPE OSTYPE MACHTYPE SHLVL DISPLAY COLUMNS LINES BASHPID BASH BASH_SOURCE
BASH_VERSION BASH_REMATCH BASH_LINENO SUDO_USER SUDO_UID MAIL KUBECONFIG DOCKER_HOST
DOCKER_CONFIG JAVA_HOME GOPATH GOROOT GOBIN VIRTUAL_ENV NODE_ENV CI http_proxy https_proxy
no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD
PGPASSFILE PGSSLMODE VAULT_ADDR VAULT_TOKEN VAULT_NAMESPACE ANSIBLE_CONFIG EPOCHSECONDS
EPOCHREALTIME SSH_AUTH_SOCK SSH_CONNECTION SSH_CLIENT XDG_CONFIG_HOME XDG_RUNTIME_DIR
XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_COMMON_PREFIXES = ("LC_", "AWS_", "GOOGLE_", "CLOUDSDK_", "AZURE_", "ARM_", "GITHUB_",
                    "GITLAB_", "CI_", "RUNNER_", "BASH_", "TF_VAR_", "TF_", "KUBE_", "HELM_",
                    "DOCKER_", "OTEL_", "RUNWRIGHT_")
_NAME_OK = re.compile(r"^[A-Za-z_]\w*$")


class UndefinedVariable(Rule):
    id = "RW407"
    name = "undefined-variable"
    severity = "warning"
    summary = "Variables used in commands are declared, set by an earlier step, or common."
    options = MappingProxyType({"known": []})

    def check(self, ctx: LintContext) -> None:
        rb = ctx.runbook
        extra = [str(k) for k in ctx.option("known") or ()]
        exact = {k for k in extra if not k.endswith("*")}
        prefixes = tuple(k[:-1] for k in extra if k.endswith("*"))
        defined: set[str] = {v.name for v in rb.variables}
        reported: set[str] = set()
        for block in rb.code_blocks:
            if not block.is_shell or prompts(block.code) or not_commands(rb, block):
                continue
            script = parse(block.code)
            names, opaque = assigned(script)
            if opaque:
                return  # 'source', '.' or 'eval': anything may be set from here on
            local = defined | names
            for use in script.expansions:
                name = use.name
                if use.guarded or name in local or name in reported or name in exact:
                    continue
                if name in _COMMON or name.startswith(_COMMON_PREFIXES + prefixes):
                    continue
                if not _NAME_OK.match(name):
                    continue
                reported.add(name)
                ctx.report(block.first_code_line + use.line - 1,
                           f"${name} is used but never set: declare it in the front matter "
                           f"'variables:', set it in an earlier step, or write "
                           f"${{{name}:?set {name} first}}",
                           column=block.indent + use.column + 1)
            defined |= names
            capture = block.attributes.get("capture")
            if isinstance(capture, str):
                defined.add(capture)
