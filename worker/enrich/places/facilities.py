"""Places that are no gazetteer entry but stand in a town: airports, hospitals, churches, streets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from worker.enrich.places.gazetteer import LOCAL_KINDS, Gazetteer, Place


@dataclass(frozen=True)
class PlaceName:
    """One place of an article: its names (canonical first) and mention spans in the text."""

    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The chosen place and the resolver's confidence (0..1); `place` is None when it declined."""

    place: Place | None
    score: float
    candidate: Place | None = None


# A building, a street or a square is no gazetteer entry, but it stands in a town, and one named after a city
# ("Vancouver Art Gallery", "Montreal-Pierre Elliott Trudeau International Airport") is in that city. Only a city
# of FACILITY_CITY people or more: a leading "Pearson" or "Thomas" is a person the building is named after.
_FACILITY = re.compile(
    r"\b(?:Airport|Hospital|Museum|Gallery|Church|Cathedral|Mosque|Temple|Synagogue|University|College|Stadium|"
    r"Arena|Station|Hotel|School|Library|Theatre|Theater|Square|Street|Avenue|Road|Boulevard)$"
)
FACILITY_CITY = 100_000
#: The confidence of a facility placed in the town the article names nearest to it (a guess from context).
FACILITY_IN_TOWN = 0.3


def is_facility(place: PlaceName) -> bool:
    return any(_FACILITY.search(n) for n in place.names)


def names_a_facility(name: str) -> bool:
    """"Leicester Square", "Vancouver Art Gallery": the resolver may put it in a city, but it is not the city."""
    return _FACILITY.search(name) is not None


def facility(gaz: Gazetteer, place: PlaceName) -> Resolution:
    """The city a facility's name starts with, or nothing."""
    name = next((n for n in place.names if _FACILITY.search(n)), None)
    if name is None:
        return Resolution(None, 0.0)
    words = re.split(r"[\s-]+", name)
    for size in range(len(words) - 1, 0, -1):
        rows = [r for r in gaz.lookup(" ".join(words[:size]))
                if gaz.kind(r) == "city" and gaz.population[r] >= FACILITY_CITY]
        if rows:
            found = gaz.place(max(rows, key=lambda r: gaz.population[r]))
            return Resolution(found, 0.5, found)
    return Resolution(None, 0.0)


def in_their_towns(places: Sequence[PlaceName], results: list[Resolution]) -> list[Resolution]:
    """A facility whose name names no city ("St. Michael's Hospital", "Pearson International Airport") is in the
    located town or county the article names nearest before it (after it when none comes before): the story's
    hospital is in the story's town far more often than elsewhere."""
    towns = [
        (start, found.place)
        for place, found in zip(places, results, strict=True)
        if found.place is not None and found.place.feature_class in _LOCAL_CLASSES and not is_facility(place)
        for start, _ in place.spans
    ]
    if not towns:
        return results
    out = []
    for place, found in zip(places, results, strict=True):
        if found.place is None and place.spans and is_facility(place):
            at = place.spans[0][0]
            before = [t for t in towns if t[0] < at]
            town = max(before, key=lambda t: t[0])[1] if before else min(towns, key=lambda t: t[0] - at)[1]
            found = Resolution(town, FACILITY_IN_TOWN, town)
        out.append(found)
    return out


_LOCAL_CLASSES = tuple(("country", "region", "county", "city", "continent")[k] for k in LOCAL_KINDS)
