"""Runbook parser: the only place that reads Markdown. See :func:`parse` and :func:`load`.

``parse``, ``load`` and ``read_text`` are imported on first use, so that importing a light
submodule (``runwright.parser.values``) does not load markdown-it and YAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runwright.parser.core import parse
    from runwright.parser.load import load, read_text

__all__ = ["load", "parse", "read_text"]

_HOMES = {"parse": "runwright.parser.core", "load": "runwright.parser.load",
          "read_text": "runwright.parser.load"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'runwright.parser' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
