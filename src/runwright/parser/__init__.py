"""Runbook parser: the only place that reads Markdown. See :func:`parse` and :func:`load`."""

from runwright.parser.core import parse
from runwright.parser.load import load, read_text

__all__ = ["load", "parse", "read_text"]
