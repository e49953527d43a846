"""RW802 secret-in-command: commands contain no secrets.

## Why

A runbook is read by many and lives forever in Git history: a token written in it is a
leaked token. Known token formats (AWS ``AKIA...``, GitHub ``ghp_...``, Slack ``xox...``,
private keys, JWTs), ``Authorization: Bearer`` with a literal token, ``password=`` with a
literal and ``PGPASSWORD=literal`` are reported; in shell blocks, so is a literal given to a
variable whose name says it holds a secret (``export DB_PASSWORD=...``, ``API_TOKEN=...
cmd``, ``env SECRET_KEY=... cmd``, the names ``runwright run`` masks) or to an option that
takes one (``--password=...``, ``--token ...``, ``mysql -p...``, ``redis-cli -a ...``,
``sshpass -p ...``, ``curl -u user:...``), read from the shell model. Read secrets from the
environment or a secret manager instead: ``"Authorization: Bearer $TOKEN"``, a front matter
variable with ``secret: true`` (masked by ``runwright run``), ``vault kv get``.

A value that stands for a secret is not one: an expansion (``$TOKEN``, ``${TOKEN}``, a
``printf 'Bearer %s' "$API_TOKEN"`` slot), a template (``<token>``, ``{{ .token }}``), a mask
(``XXXX``, ``****``, ``hooks.slack.com/services/T00000000/B00000000/XXXX``) or a word that
says so (``changeme``, ``get_me_from_vault``, ``your-token``). A token in a real format is
reported unless it is masked.

## Fails

````markdown
```bash
curl -H "Authorization: Bearer abc123def456ghi789" https://api.example.com/health
```
````

## Passes

````markdown
```bash
curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/health
```
````
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fnmatch import fnmatchcase
from functools import lru_cache

from runwright.linter.rule import LintContext, Rule
from runwright.linter.rules.needs_terminal import MYSQL_TOOLS
from runwright.runner.masking import DEFAULT_SECRET_NAMES
from runwright.shell import Command, Word, parse

_SAFE_VALUE = re.compile(r"^(?:[\"']?\$|[\"']?<|[\"']?\{\{|\*+$|x+$|X+$|\.\.\.|…|[\"']{2}$"
                         r"|[\"']?(?:changeme|password|secret|redacted|true|false|null|none"
                         r"|\*\*\*)[\"']?$)", re.I)
SECRETS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key", False),
    (re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{50,}"),
     "a GitHub token", False),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{20}\b"), "a GitLab token", False),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token", False),
    (re.compile(r"hooks\.slack\.com/services/T\w+/B\w+/\w+"), "a Slack webhook URL", False),
    (re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"), "a private key", False),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
     "a JWT", False),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), "a Google API key", False),
    (re.compile(r"\b(?:sk|rk)_live_[0-9A-Za-z]{16,}\b"), "a Stripe key", False),
    (re.compile(r"Authorization:\s*(?:Bearer|Basic|token)\s+(?P<value>[^\s\"']+)", re.I),
     "a literal Authorization token", True),
    (re.compile(r"(?<![\w$])(?:PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH)=(?P<value>[^\s;&|]+)"),
     "a literal database password", True),
    (re.compile(r"(?<![\w$-])(?:--)?(?:password|passwd|pwd|secret|api[_-]?key|token|"
                r"client[_-]secret)[\"']?\s*[=:]\s*(?P<value>[\"']?[^\s\"',;&|}]+)", re.I),
     "a literal password", True),
    (re.compile(r"://[^/\s:@]+:(?P<value>[^@\s/]+)@"), "a password in a URL", True),
)
#: What every pattern above needs somewhere in the line (a superset test, one search instead
#: of one per pattern on the many lines that hold none of these).
_ANY = re.compile(r"AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|"
                  r"-----BEGIN|eyJ|AIza|[sr]k_live_|PGPASSWORD=|MYSQL_PWD=|REDISCLI_AUTH=|://|"
                  r"(?i:authorization:|password|passwd|pwd|secret|api[_-]?key|token|"
                  r"client[_-]secret)")


#: What a block needs for the shell model to find a secret in it (a superset test).
_ASSIGNED = re.compile(r"(?i)token|pass|secret|key|credential|pwd|sshpass|redis-cli|curl")


#: A literal value that stands for a secret instead of being one: an expansion (``$TOKEN``,
#: ``${TOKEN}``, ``$(vault read ...)``), a printf or format slot (``%s``, ``{}``), a template
#: (``<token>``, ``{{ .token }}``, ``[token]``), a mask (``XXXX``, ``****``, ``00000000``,
#: ``...``) or a word that says so (``changeme``, ``get_me_from_vault``, ``your-token``).
_DUMMY_VALUE = re.compile(
    r"^[\"']?(?:%[-+ #0-9.]*[sdqvx]|\{\d*\}|\[)|\$[{(A-Za-z_]|x{4,}|\*{3,}|0{6,}|\.\.\.|…|<|"
    r"\{\{|change[_-]?me|dummy|example|fake|sample|placeholder|redacted|replace[_-]?me|"
    r"vault|get[_-]?me|your[_-]?[a-z]|insert[_-]?\w", re.I)
#: A token in a real format is a sample when it is masked (``AKIAXXXXXXXXXXXXXXXX``,
#: ``hooks.slack.com/services/T00000000/B00000000/XXXXXXXX``, ``xoxb-<token>``).
_MASKED = re.compile(r"[Xx]{4,}|\*{3,}|0{8,}|<|\.\.\.|…")


def is_dummy(value: str, real_format: bool = False) -> bool:
    """Whether a literal stands for a secret rather than being one (see ``_DUMMY_VALUE``)."""
    if real_format:
        return bool(_MASKED.search(value))
    return bool(_SAFE_VALUE.match(value) or len(value.strip("\"'")) < 4
                or _DUMMY_VALUE.search(value))


def secrets(code: str) -> list[tuple[int, int, str]]:
    """(line offset, column, kind) of each secret-looking literal in a block."""
    out: list[tuple[int, int, str]] = []
    for offset, line in enumerate(code.split("\n")):
        if not _ANY.search(line):
            continue
        for pattern, kind, check_value in SECRETS:
            for m in pattern.finditer(line):
                if is_dummy(m.group("value") if check_value else m.group(0), not check_value):
                    continue
                out.append((offset, m.start(), kind))
                break
    return out


#: A variable whose name matches one of ``DEFAULT_SECRET_NAMES`` but ends like this names
#: where the secret is or what it is, not the secret itself (``SSH_KEY_PATH``, ``TOKEN_TTL``).
_NOT_THE_SECRET = re.compile(r"_(?:ID|NAME|FILE|PATH|DIR|URL|ARN|TYPE|LENGTH|SIZE|TTL|EXPIRY"
                             r"|HEADER|FIELD|ENV|VAR|REF|ALIAS|ALGORITHM|ALG|ROTATION)$")
#: A literal that names a file, a folder or a place rather than being a secret.
_NOT_A_SECRET = re.compile(r"^(?:[/~.]|[\w.-]*/|[\w.-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json"
                           r"|ya?ml|txt|env|gpg|asc)$|https?://(?![^/\s:@]+:[^@\s/]+@))")
#: Long options that take a secret (``--password=x``; the next word too, except where noted).
_SECRET_LONGS = frozenset({"password", "passwd", "pass", "token", "secret", "api-key", "apikey",
                           "client-secret", "auth-token", "access-token", "secret-key",
                           "secret-access-key", "private-key-passphrase", "passphrase"})
#: Short options that take a secret, by command: (letter, the value may be the next word).
_SECRET_SHORTS: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(MYSQL_TOOLS, ("p", False)),  # -pSECRET; a bare -p asks for it
    "redis-cli": ("a", True), "sshpass": ("p", True),
}
_USER_PASSWORD = {"curl": ("u", "user")}  # -u USER:PASSWORD


def _secret_name(name: str) -> bool:
    upper = name.upper()
    return any(fnmatchcase(upper, p) for p in DEFAULT_SECRET_NAMES) and \
        not _NOT_THE_SECRET.search(upper)


def _literal(value: str | None) -> bool:
    """Whether a word's value is a literal secret (not an expansion, a file or a stand-in)."""
    return value is not None and not _NOT_A_SECRET.match(value) and not is_dummy(value)


def _option_secrets(cmd: Command) -> Iterator[tuple[Word, str]]:
    name = cmd.name or ""
    args = cmd.args
    short = _SECRET_SHORTS.get(name)
    user = _USER_PASSWORD.get(name)
    for k, word in enumerate(args):
        value = word.value
        if value is None or value == "--":
            if value == "--":
                return
            continue
        following = args[k + 1].value if k + 1 < len(args) else None
        if value.startswith("--"):
            option, eq, given = value[2:].partition("=")
            if not eq and (following is None or following.startswith("-")):
                continue
            secret = given if eq else following
            if option in _SECRET_LONGS and (eq or name not in MYSQL_TOOLS) and _literal(secret):
                yield word, f"a literal value for --{option}"
            elif user is not None and option == user[1] and _password_part(secret):
                yield word, f"a literal password in --{option} USER:PASSWORD"
        elif value.startswith("-") and len(value) > 1:
            letter, rest = value[1], value[2:]
            if short is not None and letter == short[0]:
                secret = rest or (following if short[1] else None)
                if _literal(secret):
                    yield word, f"a literal value for {name} -{letter}"
            elif user is not None and letter == user[0] and _password_part(rest or following):
                yield word, f"a literal password in {name} -{letter} USER:PASSWORD"


def _password_part(value: str | None) -> bool:
    return value is not None and ":" in value and _literal(value.split(":", 1)[1])


@lru_cache(maxsize=4096)
def shell_secrets(code: str) -> tuple[tuple[int, int, str], ...]:
    """(line offset, column, kind) of each literal secret the shell model finds in a block:
    a literal given to a secret-named variable or to an option that takes a secret."""
    out: list[tuple[int, int, str]] = []
    for cmd in parse(code).commands:
        for a in cmd.assignments:
            if a.value is not None and _secret_name(a.name) and _literal(a.value.value):
                out.append((a.line - 1, a.column, f"a literal value for {a.name}"))
        if cmd.name in ("export", "declare", "typeset", "local", "readonly"):
            for w in cmd.args:
                name, eq, value = (w.value or "").partition("=")
                if eq and _secret_name(name) and _literal(value):
                    out.append((w.line - 1, w.column, f"a literal value for {name}"))
        out.extend((w.line - 1, w.column, kind) for w, kind in _option_secrets(cmd))
    out.sort()
    return tuple(out)


class SecretInCommand(Rule):
    id = "RW802"
    name = "secret-in-command"
    severity = "error"
    summary = "Code blocks contain no secrets (tokens, keys, literal passwords)."

    def check(self, ctx: LintContext) -> None:
        for block in ctx.runbook.code_blocks:
            seen: set[int] = set()
            found = secrets(block.code)
            if block.is_shell and _ASSIGNED.search(block.code):
                found = sorted((*found, *shell_secrets(block.code)))
            for offset, col, kind in found:
                if offset in seen:
                    continue
                seen.add(offset)
                ctx.report(block.first_code_line + offset,
                           f"{kind} is written in the runbook: revoke it if it is real, and "
                           "read it from the environment or a secret manager ($TOKEN, a "
                           "'secret: true' variable)", column=block.indent + col + 1)
