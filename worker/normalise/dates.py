"""Dates as feeds and scrapers write them (RFC 2822, ISO 8601, date only, Unix time) to aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# Unix time in seconds reaches 1e11 only in the year 5138, in milliseconds it passed 1e11 in 1973.
_MILLISECONDS_FROM = 100_000_000_000
# Past this, milliseconds too would be beyond year 9999: microseconds or nonsense, not a publication date.
_MILLISECONDS_UNTIL = 253_402_300_800_000


def parse_datetime(value: object) -> datetime | None:
    """A publication date, normalised to UTC; raise ValueError when it is not one.

    Accepted: RFC 2822 ("Mon, 12 Apr 2026 11:45:00 GMT", RSS), ISO 8601 / RFC 3339 with or without a zone
    ("2026-04-12T11:45:00+02:00", Atom and JSON-LD), a date only ("2026-04-12", midnight), Unix seconds
    and milliseconds as numbers or numeric strings (told apart by magnitude). A time without a zone is
    taken as UTC. None and empty strings are "no date".
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool):
        raise ValueError("a boolean is not a date")
    if isinstance(value, int | float):
        return _unix(value)
    if not isinstance(value, str):
        raise ValueError(f"a {type(value).__name__} is not a date")
    text = value.strip()
    if not text:
        return None
    if _NUMBER.match(text):
        return _unix(float(text))
    try:
        # Python 3.11 reads ISO 8601 in full: "Z", offsets, week dates, basic format, date only.
        return _utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return _utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    raise ValueError(f"not a date in a format feeds use (RFC 2822, ISO 8601, Unix time): {text[:80]!r}")


def _utc(moment: datetime) -> datetime:
    try:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError as exc:  # year 1 or 9999 with an offset that carries it past the calendar's end
        raise ValueError(f"{moment.isoformat()} is out of range in UTC") from exc


def _unix(number: float) -> datetime:
    if abs(number) >= _MILLISECONDS_UNTIL:
        raise ValueError(f"{number:.0f} is too large for Unix seconds or milliseconds")
    seconds = number / 1000 if abs(number) >= _MILLISECONDS_FROM else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"{number} is not a Unix time") from exc
