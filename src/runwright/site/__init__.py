"""The static runbook site: ``runwright site build`` and ``runwright site serve``.

:func:`build_site` renders the catalogue and one page per runbook into a folder that works
from any static host or straight from ``file://``; :func:`serve` previews it on 127.0.0.1,
rebuilds when a runbook changes and reloads the open pages.
"""

from __future__ import annotations

from runwright.site.build import BuildReport, build_site
from runwright.site.serve import serve

__all__ = ["BuildReport", "build_site", "serve"]
