"""RW802 secret-in-command: commands contain no secrets.

## Why

A runbook is read by many and lives forever in Git history: a token written in it is a
leaked token. Known token formats (AWS ``AKIA...``, GitHub ``ghp_...``, Slack ``xox...``,
private keys, JWTs), ``Authorization: Bearer`` with a literal token, ``password=`` with a
literal and ``PGPASSWORD=literal`` are reported. Read secrets from the environment or a
secret manager instead: ``"Authorization: Bearer $TOKEN"``, a front matter variable with
``secret: true`` (masked by ``runwright run``), ``vault kv get``.

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

from runwright.linter.rule import LintContext, Rule

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


class SecretInCommand(Rule):
    id = "RW802"
    name = "secret-in-command"
    severity = "error"
    summary = "Code blocks contain no secrets (tokens, keys, literal passwords)."

    def check(self, ctx: LintContext) -> None:
        for block in ctx.runbook.code_blocks:
            seen: set[int] = set()
            for offset, col, kind in secrets(block.code):
                if offset in seen:
                    continue
                seen.add(offset)
                ctx.report(block.first_code_line + offset,
                           f"{kind} is written in the runbook: revoke it if it is real, and "
                           "read it from the environment or a secret manager ($TOKEN, a "
                           "'secret: true' variable)", column=block.indent + col + 1)
