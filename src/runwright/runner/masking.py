"""Secret masking: every secret value becomes ``****`` before it is shown or stored, and the
rules for which variable names hold secrets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from typing import Any

MASK = "****"


class Masker:
    """Replaces known secret values (longest first) in text and in nested JSON-like data."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._values: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        for value in secrets:
            self.add(value)

    def add(self, value: str) -> None:
        """Mask ``value`` from now on (empty values are ignored: they would mask everything)."""
        if not value or value in self._values:
            return
        self._values.add(value)
        ordered = sorted(self._values, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(v) for v in ordered))

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self._values)

    @property
    def active(self) -> bool:
        return self._pattern is not None

    @property
    def longest(self) -> int:
        return max((len(v) for v in self._values), default=0)

    def text(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)

    def data(self, value: Any) -> Any:
        """A copy of ``value`` (str, list, tuple, dict, scalars) with every string masked."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value


#: Variable names whose values are secret unless configured otherwise (``run.secret_names``);
#: shell-style patterns, matched without regard to case.
DEFAULT_SECRET_NAMES = ("*TOKEN*", "*PASSWORD*", "*SECRET*", "*KEY*", "*CREDENTIAL*")


@dataclass(frozen=True)
class SecretNames:
    """Which variable names hold secrets: a name declared ``secret`` by any runbook of the
    session or listed in ``run.secret_variables`` (``names``), or one that matches a pattern of
    ``run.secret_names`` (``patterns``, case-insensitive)."""

    patterns: tuple[str, ...] = DEFAULT_SECRET_NAMES
    names: frozenset[str] = frozenset()

    def __call__(self, name: str) -> bool:
        upper = name.upper()
        return name in self.names or any(fnmatchcase(upper, p.upper()) for p in self.patterns)

    def declared(self, names: Iterable[str]) -> SecretNames:
        """These names too (declared ``secret`` by a runbook)."""
        return replace(self, names=self.names | frozenset(names))
