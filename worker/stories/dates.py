"""The days an article says its event happened on, and what they tell the clusterer.

Reports of one event name its day ("on Saturday", "the Nov. 12 shooting", "on March 3, 2016"); two events of one
city, one kind and one week are told apart by their days when their words and names are alike. An article's
dates are read from its headline and lead (`worker.stories.terms.LEAD_WORDS`), in English: a month's name (or
abbreviation) and a day, with or without the year, and the names of weekdays. They are resolved against the
publication time, since news reports what has happened: a weekday is the latest such day on or before the day of
publication, a date without a year the latest such date no later than the day after it. The clusterer adds
`Params.dates_agree` to the log-odds of a story that holds one of the article's days, and takes `dates_disagree`
off one whose days are all others; an article or a story naming no day is neither (docs/stories.md, "Stories15").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection
from datetime import date, datetime, timedelta

from worker.stories.evidence import log_odds

#: At most this many days kept per article (the earliest-named first): a lead naming more is a calendar.
MAX_DATES = 8
_MONTHS = {name: number for number, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
_WEEKDAYS = {name: number for number, name in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))  # ("sept" before "sep")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def mentioned_dates(title: str | None, lead: str, published: datetime) -> list[date]:
    """The days the headline and `lead` name, resolved against `published` (see the module's docstring)."""
    text = f"{title or ''}. {lead}"
    today = published.date()
    found: dict[date, None] = {}
    for match in _MONTH_DAY.finditer(text):
        day = _month_day(today, _MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3))
        if day is not None:
            found.setdefault(day)
    for match in _WEEKDAY.finditer(text):
        found.setdefault(today - timedelta(days=(today.weekday() - _WEEKDAYS[match.group(1).lower()]) % 7))
    return list(found)[:MAX_DATES]


def _month_day(today: date, month: int, day: int, year: str | None) -> date | None:
    """The date a month and day (and maybe a year) name, seen on `today`; None if there is no such day."""
    try:
        if year is not None:
            return date(int(year), month, day) if 1900 <= int(year) <= 2100 else None
        named = date(today.year, month, day)
        return named if named <= today + timedelta(days=1) else date(today.year - 1, month, day)
    except ValueError:  # "Feb. 30", "June 31", or "Feb. 29" in the year before
        return None


def with_dates(probability: float, article: Collection[str], story: Collection[str], agree: float,
               disagree: float) -> float:
    """`probability` with the dates' evidence: `agree` added to its log-odds when the article and the story name a
    day in common, `disagree` taken off when both name days and none in common (ISO dates); else unchanged."""
    if not article or not story or probability <= 0.0:
        return probability
    shift = agree if any(day in story for day in article) else -disagree
    return 1.0 / (1.0 + math.exp(-(log_odds(probability) + shift)))


@functools.cache  # (asked for every candidate story, with the same two values)
def before_dates(threshold: float, agree: float) -> float:
    """The probability that `agree` added to its log-odds lifts to `threshold`."""
    return 1.0 / (1.0 + math.exp(-(log_odds(threshold) - agree))) if agree else threshold
