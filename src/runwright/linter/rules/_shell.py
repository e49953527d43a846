"""Shell text helpers shared by the command rules: a small scanner (comments, quotes,
here-documents), prompt detection and variable analysis.

Nothing here runs a shell; it reads the text the way bash would closely enough for linting,
keeping columns so that findings point at the exact character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Commands runbooks use often; used to tell a ``# command`` root prompt from a comment and
#: commands from output in transcripts.
_COMMAND_WORDS = """
ansible ansible-playbook apt apt-get aws az bash brew cat cd chmod chown cp crictl crontab curl
date dd df dig dmesg dnf docker docker-compose du echo env etcdctl exit export find free gcloud
git grep gsutil gzip head helm helmfile host hostname htop id ip iptables istioctl jq journalctl
k9s kill kubeadm kubectl kubectx kubens less ln ls lsblk lsof make mkdir mkfs mongo mongosh mount
mv mysql mysqldump nc netstat nginx nmap nslookup nvidia-smi oc openssl pg_dump pg_dumpall
pg_restore pgbackrest ping pip pip3 pkill podman printf ps psql python python3 rabbitmqctl
redis-cli reboot rm rmdir rsync scp sed service sh shutdown sleep sort ss ssh stat sudo
systemctl tail tar tee telnet terraform terragrunt timedatectl top touch traceroute tree umount
uname unzip uptime vault vi vim virsh watch wc wget which xargs yum zip zypper
"""
COMMANDS = frozenset(_COMMAND_WORDS.split())

_PROMPT = re.compile(
    r"^(?P<indent>\s*)(?P<prompt>"
    r"\[[^\]\n]{1,60}\][$#]"  # [user@host dir]$
    r"|[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%]"  # user@host:~$  root@host:/#
    r"|[\w.-]+@[\w.-]+\s+[^\s$#]+\s?[$#%]"  # user@host ~ %
    r"|\(\S+\)\s?\$"  # (venv) $
    r"|\$"
    r"|PS [A-Za-z]:\\[^>\n]*>"
    r")(?P<space>\s+)(?=\S)")
_ROOT_PROMPT = re.compile(r"^(?P<indent>\s*)(?P<prompt>#)(?P<space>\s+)(?P<cmd>[\w.-]+)")
_WORD_START = frozenset(" \t;&|()<>")


@dataclass(frozen=True, slots=True)
class ShellLine:
    """One physical line of a shell block, as the scanner read it."""

    offset: int  # 0-based line index in the block
    text: str  # the line as written
    code: str  # comments blanked (columns kept)
    expanding: str  # ``code`` with single-quoted text and quoted here-doc bodies blanked
    heredoc: bool  # inside a here-document body
    continued: bool  # continues the previous line (backslash-newline or open quote)


_HEREDOC = re.compile(r"<<(-?)\s*(['\"]?)\\?([A-Za-z_][\w.-]*)\2")


@lru_cache(maxsize=4096)
def scan(code: str) -> tuple[ShellLine, ...]:
    """Read a shell block line by line: comments, quotes, continuations, here-documents."""
    out: list[ShellLine] = []
    state = "normal"  # normal, squote, dquote
    pending: list[tuple[str, bool, bool]] = []  # (delimiter, strip tabs, quoted)
    heredoc: tuple[str, bool, bool] | None = None
    continued = False
    for offset, line in enumerate(code.split("\n")):
        if heredoc is not None:
            delim, strip_tabs, quoted = heredoc
            if (line.lstrip("\t") if strip_tabs else line) == delim:
                heredoc = pending.pop(0) if pending else None
                out.append(ShellLine(offset, line, " " * len(line), " " * len(line), True, False))
            else:
                blank = " " * len(line)
                out.append(ShellLine(offset, line, line, blank if quoted else line, True, False))
            continue
        code_chars = list(line)
        exp_chars = list(line)
        i = 0
        n = len(line)
        line_continued = continued
        while i < n:
            c = line[i]
            if state == "squote":
                if c == "'":
                    state = "normal"
                else:
                    exp_chars[i] = " "
                i += 1
                continue
            if state == "dquote":
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    state = "normal"
                i += 1
                continue
            if c == "\\":
                i += 2
                continue
            if c == "'":
                state = "squote"
            elif c == '"':
                state = "dquote"
            elif c == "#" and (i == 0 or line[i - 1] in _WORD_START):
                for j in range(i, n):
                    code_chars[j] = " "
                    exp_chars[j] = " "
                break
            elif c == "<" and line.startswith("<<", i) and not line.startswith("<<<", i):
                m = _HEREDOC.match(line, i)
                if m:
                    pending.append((m.group(3), m.group(1) == "-", bool(m.group(2))
                                    or line[m.start(3) - 1] == "\\"))
                    i = m.end()
                    continue
            i += 1
        continued = state != "normal" or (line.endswith("\\") and not line.endswith("\\\\"))
        out.append(ShellLine(offset, line, "".join(code_chars), "".join(exp_chars), False,
                             line_continued))
        if pending and state == "normal":
            heredoc = pending.pop(0)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Prompt:
    offset: int  # line index in the block
    column: int  # 0-based column of the prompt in the code line
    length: int  # characters to remove (prompt and the spaces after it)
    text: str  # the prompt as written


def _first_word(text: str) -> str:
    words = text.split()
    while words and re.fullmatch(r"[A-Za-z_]\w*=\S*", words[0]):
        words.pop(0)
    if words and words[0] == "sudo":
        words.pop(0)
    return words[0] if words else ""


def looks_like_command(text: str) -> bool:
    """Whether a line starts like a shell command (known command, assignment, keyword)."""
    stripped = text.strip()
    if not stripped:
        return False
    if re.match(r"^[A-Za-z_]\w*=", stripped) or re.match(
            r"^(if|then|else|elif|fi|for|while|until|do|done|case|esac|function|export|set|"
            r"source|\.|\{|\}|\(|\)|\[\[?|!)(\s|$)", stripped):
        return True
    word = _first_word(stripped)
    return word in COMMANDS or word.startswith(("./", "/", "~/", "$"))


def prompts(code: str) -> list[Prompt]:
    """Shell prompts at the start of lines (``$ ``, ``user@host:~$ ``, and ``# command`` when
    the block reads as a root transcript)."""
    return list(_prompts(code))  # a new list: callers may change it


@lru_cache(maxsize=4096)  # several rules ask about the same block
def _prompts(code: str) -> tuple[Prompt, ...]:
    lines = scan(code)
    found: list[Prompt] = []
    root: list[Prompt] = []
    commands_without_prompt = 0
    for sl in lines:
        if sl.heredoc or sl.continued:
            continue
        m = _PROMPT.match(sl.text)
        if m:
            found.append(Prompt(sl.offset, len(m.group("indent")),
                                len(m.group("prompt")) + len(m.group("space")),
                                m.group("prompt")))
            continue
        r = _ROOT_PROMPT.match(sl.text)
        if r and r.group("cmd") in COMMANDS and looks_like_command(sl.text[r.end("space"):]):
            root.append(Prompt(sl.offset, len(r.group("indent")),
                               len(r.group("prompt")) + len(r.group("space")), "#"))
        elif looks_like_command(sl.code):
            commands_without_prompt += 1
    if root and (found or (commands_without_prompt == 0 and _has_output(lines, root))):
        found.extend(root)
        found.sort(key=lambda p: p.offset)
    return tuple(found)


def _has_output(lines: tuple[ShellLine, ...], root: list[Prompt]) -> bool:
    """Whether some line after a ``# command`` line is output (not a comment, not a command)."""
    prompt_lines = {p.offset for p in root}
    return any(sl.text.strip() and sl.offset not in prompt_lines and not sl.text.lstrip()
               .startswith("#") and sl.offset > min(prompt_lines) for sl in lines)


def output_lines(code: str, found: list[Prompt]) -> list[int]:
    """Line indexes that are neither prompt lines, their continuations, comments nor blank."""
    prompt_at = {p.offset for p in found}
    out: list[int] = []
    in_command = False
    for sl in scan(code):
        if sl.offset in prompt_at:
            in_command = True
            continue
        if in_command and (sl.continued or sl.heredoc):
            continue
        in_command = False
        stripped = sl.text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        out.append(sl.offset)
    return out


def all_prompted(code: str, found: list[Prompt]) -> bool:
    """Whether every command line of a block carries a prompt (the other lines being
    continuations, here-document bodies, comments or output)."""
    if not found:
        return False
    prompted = {p.offset for p in found}
    first = found[0].offset
    for sl in scan(code):
        if sl.offset in prompted or sl.heredoc or sl.continued:
            continue
        if sl.offset < first:
            if looks_like_command(sl.code):
                return False
        # After a prompt, output is expected: ``level=warn ts=...`` log lines and ``{`` of
        # JSON are output; only a known command name reads as an unprompted command.
        elif _first_word(sl.code.strip()) in COMMANDS and looks_like_command(sl.code):
            return False
    return True


@lru_cache(maxsize=4096)
def without_prompts(code: str, *, any_prompt: bool = False) -> str:
    """``code`` with its prompts blanked and, in a transcript, its output lines blanked, so that
    the shell model reads the commands at the lines and columns they are written at.
    ``any_prompt``: the unprompted lines are output as soon as one line carries a prompt (a
    reader of ``$ cat notes.txt`` sees the file's lines under it), not only in a transcript."""
    found = prompts(code)
    if not found:
        return code
    lines = code.split("\n")
    for p in found:
        line = lines[p.offset]
        lines[p.offset] = line[:p.column] + " " * p.length + line[p.column + p.length:]
    if any_prompt or all_prompted(code, found):
        for offset in output_lines(code, found):
            lines[offset] = ""
    return "\n".join(lines)


def transcript_script(code: str) -> str | None:
    """The commands of a transcript (a block in which every command line carries a prompt),
    without their prompts and without the output lines; None when the block is no transcript.

    A prompted command keeps its continuation lines and here-document bodies; a comment
    between commands is kept, output is dropped.
    """
    found = prompts(code)
    if not all_prompted(code, found):
        return None
    by_offset = {p.offset: p for p in found}
    out: list[str] = []
    in_command = False
    for sl in scan(code):
        p = by_offset.get(sl.offset)
        if p is not None:
            out.append(sl.text[:p.column] + sl.text[p.column + p.length:])
            in_command = True
        elif in_command and (sl.continued or sl.heredoc):
            out.append(sl.text)
        else:
            in_command = False
            if sl.text.lstrip().startswith("#"):
                out.append(sl.text)
    return "\n".join(out) + "\n"
