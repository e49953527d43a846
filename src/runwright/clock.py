"""Today's date for everything that compares dates (freshness, future dates, templates).

``RUNWRIGHT_TODAY=YYYY-MM-DD`` freezes it, so that generated files, goldens and lint results
are reproducible.
"""

from __future__ import annotations

import datetime as dt
import os

from runwright.errors import UsageError

TODAY_ENV = "RUNWRIGHT_TODAY"


def today() -> dt.date:
    """Today's date, or the date in ``RUNWRIGHT_TODAY`` (YYYY-MM-DD) to freeze it."""
    raw = os.environ.get(TODAY_ENV)
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(f"{TODAY_ENV}={raw!r} is not a date",
                         hint="use the form YYYY-MM-DD, or unset it") from None
