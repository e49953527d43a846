"""What a code block's copy button copies: the commands, without prompts or output.

``bash`` blocks are copied as written unless they look like a transcript (lines starting with a
``$`` prompt), in which case only the prompted lines (and their ``\\`` continuations) are kept,
prompts stripped. ``console`` transcripts are always read that way. Output and ``expect``
blocks are copied as they are: they are text, not commands.
"""

from __future__ import annotations

import re

from runwright.model import OUTPUT_LANGUAGES, SHELL_LANGUAGES, TRANSCRIPT_LANGUAGES

#: A transcript prompt: ``$``, ``#`` (root), ``%`` (zsh), optionally after ``user@host:dir``
#: or a ``(venv)``, and PowerShell's ``PS C:\>``.
_PROMPT = re.compile(r"^\s*(?:\([\w.-]+\)\s*)?(?:[\w.@:~/-]*[$#%]|PS [^>]*>)\s+(?=\S)")
#: In a shell block only ``$`` counts as a prompt (``#`` starts a comment there).
_DOLLAR = re.compile(r"^\s*(?:\([\w.-]+\)\s*)?[\w.@:~/-]*\$\s+(?=\S)")
#: Whether any line of a block matches :data:`_DOLLAR` (one search, not one match per line;
#: ``\s`` may not cross a line end).
_DOLLAR_LINE = re.compile(_DOLLAR.pattern.replace(r"\s", r"[^\S\n]"), re.MULTILINE)


def block_kind(language: str | None) -> str:
    """``command``, ``transcript``, ``output`` or ``code`` (any other language)."""
    if language is None or language in SHELL_LANGUAGES:
        return "command"
    if language in TRANSCRIPT_LANGUAGES:
        return "transcript"
    if language in OUTPUT_LANGUAGES:
        return "output"
    return "code"


def copy_text(code: str, language: str | None) -> str:
    """The text the copy button of a block puts on the clipboard."""
    kind = block_kind(language)
    text = code.rstrip("\n")
    if kind == "transcript":
        return _commands_from_transcript(text, _PROMPT)
    if kind == "command" and _DOLLAR_LINE.search(text):
        return _commands_from_transcript(text, _DOLLAR)
    return text


def _commands_from_transcript(text: str, prompt: re.Pattern[str]) -> str:
    out: list[str] = []
    continuing = False
    for line in text.split("\n"):
        if continuing:
            out.append(line)
            continuing = line.rstrip().endswith("\\")
            continue
        match = prompt.match(line)
        if match:
            command = line[match.end():]
            out.append(command)
            continuing = command.rstrip().endswith("\\")
    return "\n".join(out)
