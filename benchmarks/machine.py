"""What the benchmarks ran on, printed beside every result: cores, CPU model, Python."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (else what platform knows)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe() -> str:
    """``2 CPUs, AMD EPYC 7B13, Python 3.11.7``."""
    return f"{os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}"
