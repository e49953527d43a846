"""Metadata values: ISO dates, durations, owners and review intervals, in French and English."""

from __future__ import annotations

import datetime as dt
import re

from runwright.model import Duration
from runwright.names import normalize

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def parse_date(text: str) -> dt.date | None:
    """A strict ISO date (``2026-01-15``, optionally followed by a time), else None."""
    m = _ISO_DATE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_UNIT_MINUTES = {
    "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60,
    "seconde": 1 / 60, "secondes": 1 / 60,
    "m": 1.0, "mn": 1.0, "min": 1.0, "mins": 1.0, "minute": 1.0, "minutes": 1.0,
    "h": 60.0, "hr": 60.0, "hrs": 60.0, "hour": 60.0, "hours": 60.0, "heure": 60.0,
    "heures": 60.0,
    "d": 1440.0, "day": 1440.0, "days": 1440.0, "j": 1440.0, "jour": 1440.0, "jours": 1440.0,
}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)?")


def _parse_amount(text: str) -> tuple[float | None, float | None]:
    """Minutes in one side of a range, and the factor of its first unit (None: no unit)."""
    total = 0.0
    found = False
    first_factor: float | None = None
    last_factor: float | None = None
    for m in _PART.finditer(text):
        number = float(m.group(1).replace(",", "."))
        unit = m.group(2)
        if unit is not None and unit not in _UNIT_MINUTES:
            return None, None
        if unit is None:
            # "1h30": a bare number after hours counts in minutes.
            factor = 1.0 if last_factor is None or last_factor == 60.0 else last_factor
        else:
            factor = _UNIT_MINUTES[unit]
            last_factor = factor
            if first_factor is None:
                first_factor = factor
        total += number * factor
        found = True
    return (total if found else None), first_factor


_APPROX = re.compile(r"[~≈<>]|\benviron\b|\babout\b|\bapprox\.?|\bup to\b|\bjusqu'à\b|\bca\.")
_RANGE = re.compile(r"\s*(?:-|–|—|\bà\b|\bto\b|\bou\b|\bor\b)\s*")


def parse_duration(text: str) -> Duration | None:
    """Read "15-30 minutes", "1h30", "2 heures", "~10 min", "30 s à 2 min" as minutes.

    A bare number with no unit anywhere is not a duration; neither is a range that goes down.
    """
    raw = _APPROX.sub(" ", text.lower())
    parts = [normalize(p) for p in _RANGE.split(raw)]
    parts = [p for p in parts if p]
    if not 1 <= len(parts) <= 2:
        return None
    amounts = [_parse_amount(p) for p in parts]
    if any(total is None for total, _ in amounts):
        return None
    if all(factor is None for _, factor in amounts):
        return None
    if len(amounts) == 1:
        value = amounts[0][0]
        assert value is not None
        return Duration(low=round(value, 3), high=round(value, 3))
    (low, low_factor), (high, high_factor) = amounts
    assert low is not None and high is not None
    if low_factor is None and high_factor is not None:
        low *= high_factor  # "15-30 minutes": the upper bound's unit applies to both
    if high < low:
        return None
    return Duration(low=round(low, 3), high=round(high, 3))


_HANDLE_SPLIT = re.compile(r"\s*(?:/|,|;|\||\band\b|\bet\b|&)\s*")


def parse_owners(text: str) -> tuple[str, ...]:
    """Split "@team / @person, Platform team" into its owners."""
    cleaned = text.replace("`", "").strip()
    if not cleaned:
        return ()
    return tuple(p.strip() for p in _HANDLE_SPLIT.split(cleaned) if p.strip())


_INTERVAL_UNITS = {
    "d": 1, "day": 1, "days": 1, "j": 1, "jour": 1, "jours": 1,
    "w": 7, "week": 7, "weeks": 7, "semaine": 7, "semaines": 7, "sem": 7,
    "m": 30, "mo": 30, "month": 30, "months": 30, "mois": 30,
    "y": 365, "year": 365, "years": 365, "an": 365, "ans": 365, "annee": 365, "annees": 365,
}
_INTERVAL_WORDS = {
    "daily": 1, "quotidien": 1, "weekly": 7, "hebdo": 7, "hebdomadaire": 7, "monthly": 30,
    "mensuel": 30, "quarterly": 90, "trimestriel": 90, "yearly": 365, "annuel": 365,
    "annually": 365, "semiannually": 182, "semestriel": 182,
}


def parse_interval_days(value: object) -> int | None:
    """A review interval in days: ``90``, ``"90d"``, ``"3 months"``, ``"6 mois"``, ``quarterly``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str) or value.strip().startswith("-"):
        return None
    key = normalize(value)
    if key in _INTERVAL_WORDS:
        return _INTERVAL_WORDS[key]
    m = re.fullmatch(r"(\d+)\s*([a-z]*)", key.replace(" ", ""))
    if not m:
        m = re.fullmatch(r"(\d+)\s+([a-z]+)", key)
    if not m:
        return None
    number = int(m.group(1))
    unit = m.group(2) or "d"
    if unit not in _INTERVAL_UNITS or number <= 0:
        return None
    return number * _INTERVAL_UNITS[unit]


_STATUSES = re.compile(r"^\s*\d{1,3}(?:\s*[|,]\s*\d{1,3})*\s*$")


def parse_exit_statuses(text: str) -> tuple[int, ...] | None:
    """``3``, ``0|3`` or ``0,3``: the exit statuses accepted (0 to 255), else None."""
    if not _STATUSES.match(text):
        return None
    values = tuple(dict.fromkeys(int(v) for v in re.split(r"[|,]", text)))
    return values if all(v <= 255 for v in values) else None
