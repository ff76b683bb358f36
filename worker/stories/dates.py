"""The days an article says its event happened on, and what they tell the clusterer.

Reports of one event name its day ("on Saturday", "the Nov. 12 shooting", "on March 3, 2016"); two events of one
city, one kind and one week are told apart by their days when their words and names are alike. An article's
dates are read from its headline and lead (`worker.stories.terms.LEAD_WORDS`), in English, Spanish, French, German,
Dutch, Polish or Russian (`CALENDARS`): a month's name (or abbreviation) and a day, with or without the year, and
the names of weekdays. Only the English reading is measured (the development data is English); the others follow
the same rule with their languages' names and word order. They are resolved against the publication time, since
news reports what has happened: a weekday is the latest such day on or before the day of publication, a date
without a year the latest such date no later than the day after it. The clusterer adds `Params.dates_agree` to the
log-odds of a story that holds one of the article's days, and takes `dates_disagree` off one whose days are all
others; an article or a story naming no day is neither (docs/stories.md, "Stories15").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from worker.stories.evidence import log_odds

#: At most this many days kept per article (the earliest-named first): a lead naming more is a calendar.
MAX_DATES = 8


@dataclass(frozen=True)
class _Calendar:
    """How one language names days: its months and weekdays, and the patterns that find them."""

    months: dict[str, int]
    weekdays: dict[str, int]  # (lower case)
    dates: re.Pattern[str]  # groups `day`, `month`, `year` (optional)
    weekday: re.Pattern[str]


def _calendar(months: tuple[str, ...], weekdays: tuple[str, ...], *, day_first: bool = True,
              weekday_case: bool = True) -> _Calendar:
    """A language's calendar from its month and weekday names (variants space-separated, January and Monday first).
    `day_first`: "12 de noviembre de 2016", "1er mars", "12. November 2016", not "November 12, 2016".
    `weekday_case`: weekdays matched as written in the table (Spanish, French and Dutch write them in lower case,
    so "Santo Domingo" names no Sunday; German capitalises them), else in any case."""
    month_of = {name: number for number, names in enumerate(months, start=1) for name in names.split()}
    written = [name for names in weekdays for name in names.split()]
    weekday_of = {name.lower(): number for number, names in enumerate(weekdays) for name in names.split()}
    month = "|".join(sorted(month_of, key=len, reverse=True))  # ("sept" before "sep")
    if day_first:
        found = (rf"\b(?P<day>\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?(?P<month>{month})\b"
                 r"(?:\s+(?:de\s+)?(?P<year>\d{4})\b)?")
    else:
        found = rf"\b(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?"
    weekday = r"\b(" + "|".join(written) + r")\b"
    return _Calendar(month_of, weekday_of, re.compile(found, re.IGNORECASE),
                     re.compile(weekday, 0 if weekday_case else re.IGNORECASE))


#: The calendars of the languages whose days are read; an article in another language names none.
CALENDARS = {
    "en": _calendar(("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
                     "august aug", "september sep sept", "october oct", "november nov", "december dec"),
                    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                    day_first=False, weekday_case=False),
    "es": _calendar(("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre",
                     "octubre", "noviembre", "diciembre"),
                    ("lunes", "martes", "miércoles miercoles", "jueves", "viernes", "sábado sabado", "domingo")),
    "fr": _calendar(("janvier", "février fevrier", "mars", "avril", "mai", "juin", "juillet", "août aout",
                     "septembre", "octobre", "novembre", "décembre decembre"),
                    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")),
    "de": _calendar(("januar jänner", "februar", "märz maerz", "april", "mai", "juni", "juli", "august",
                     "september", "oktober", "november", "dezember"),
                    ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag Sonnabend", "Sonntag")),
    "nl": _calendar(("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                     "oktober", "november", "december"),
                    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")),
    # Polish and Russian inflect their names: a date names its month in the genitive ("12 listopada", "12 ноября"),
    # a day "on" a weekday in the accusative ("w sobotę", "в субботу"), a headline often in the nominative.
    "pl": _calendar(("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
                     "października", "listopada", "grudnia"),
                    ("poniedziałek", "wtorek", "środa środę", "czwartek", "piątek", "sobota sobotę",
                     "niedziela niedzielę")),
    "ru": _calendar(("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                     "ноября", "декабря"),
                    ("понедельник", "вторник", "среду", "четверг", "пятница пятницу", "суббота субботу",
                     "воскресенье")),  # (not "среда": also "environment", "окружающая среда")
}


def mentioned_dates(title: str | None, lead: str, published: datetime, language: str | None = "en") -> list[date]:
    """The days the headline and `lead` name, resolved against `published` (see the module's docstring), in the
    article's `language` (English when unknown; none in a language without a calendar here)."""
    calendar = CALENDARS.get(language or "en")
    if calendar is None:
        return []
    text = f"{title or ''}. {lead}"
    today = published.date()
    found: dict[date, None] = {}
    for match in calendar.dates.finditer(text):
        month = calendar.months[match.group("month").lower()]
        day = _month_day(today, month, int(match.group("day")), match.group("year"))
        if day is not None:
            found.setdefault(day)
    for match in calendar.weekday.finditer(text):
        found.setdefault(today - timedelta(days=(today.weekday() - calendar.weekdays[match.group(1).lower()]) % 7))
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
    return _shifted(probability, agree if any(day in story for day in article) else -disagree)


@functools.cache  # (asked for every candidate story, with the same two values)
def before_dates(threshold: float, agree: float) -> float:
    """The probability that `agree` added to its log-odds lifts to `threshold`."""
    return _shifted(threshold, -agree) if agree else threshold


def _shifted(probability: float, shift: float) -> float:
    """`probability` with `shift` added to its log-odds."""
    return 1.0 / (1.0 + math.exp(-(log_odds(probability) + shift)))
