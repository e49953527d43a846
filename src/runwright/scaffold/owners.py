"""Who owns a runbook: ``--owner``, the config, CODEOWNERS for that path, else a placeholder.

Never the git user's name: a person's name is not an owning team, and a placeholder is what
lint reports (RW204) until someone fills it in.
"""

from __future__ import annotations

import re
from pathlib import Path

CODEOWNERS_PLACES = ("CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS")
#: written when nothing names an owner; lint reports it as a placeholder
DEFAULT_OWNER = "<owner>"
#: the on-call contact written when neither [contacts] nor an owner names one
ON_CALL = "<on-call>"


def _pattern(glob: str) -> re.Pattern[str]:
    """A CODEOWNERS (gitignore-style) pattern as a regular expression on a posix path."""
    anchored = glob.startswith("/") or "/" in glob.rstrip("/")
    glob = glob.lstrip("/")
    directory = glob.endswith("/")
    glob = glob.rstrip("/")
    out = ""
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif glob.startswith("**", i):
            out += ".*"
            i += 2
        elif glob[i] == "*":
            out += "[^/]*"
            i += 1
        elif glob[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(glob[i])
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "/.*" if directory else "(?:/.*)?"
    return re.compile(f"^{prefix}{out}{suffix}$")


def codeowners(root: Path, rel: str) -> str | None:
    """The owners CODEOWNERS gives ``rel`` (the last matching line wins), comma-separated
    (``@acme/storefront, @acme/sre``), or None."""
    for place in CODEOWNERS_PLACES:
        path = root / place
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        found: str | None = None
        for line in lines:
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line
            parts = line.split()
            if len(parts) < 2 or parts[0].startswith("["):
                continue
            if _pattern(parts[0]).match(rel):
                found = ", ".join(parts[1:])
        return found
    return None


def resolve_owner(root: Path, rel: str, explicit: str | None, configured: str | None) -> str:
    """The owner to write for a new runbook at ``rel`` (posix, relative to ``root``)."""
    return explicit or configured or codeowners(root, rel) or DEFAULT_OWNER


def contacts_for(owner: str, on_call: str | None, escalation: str | None) -> tuple[str, str]:
    """The on-call and escalation contacts to write: those configured, else the owning team
    (the one to page); with no owner either, the on-call is the placeholder ``<on-call>``,
    which lint reports (RW621): no channel is made up."""
    return (on_call or (ON_CALL if owner == DEFAULT_OWNER else owner),
            owner if escalation is None else escalation)
