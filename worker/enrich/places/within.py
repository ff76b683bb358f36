"""Places the gazetteer cannot point at, located by the place the article says they are in.

A neighbourhood, a building or a village under 500 people is no gazetteer row, but the article often says
where it is: "in Cairo's Abbasiya neighbourhood", "Paris' iconic Champs-Elysees", "St. Takla Church in
Alexandria", "the towns of Haris and Varzaqan in East Azerbaijan province", "HOLLIDAY, Mo.". Such a place takes
the point of its container, with a score below the resolver's own threshold (`IN_CONTAINER`): a consumer that
wants only places located in their own right drops it, a map of the story keeps it near the right spot.

The container must be a place of the same article that the resolver located (or, after a comma, a state or
country the qualifier names unambiguously: "Mo.", "Missouri"). A made-up name with no such cue stays unlocated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from worker.enrich.places.context import containers, distance_km
from worker.enrich.places.facilities import PlaceName, Resolution, is_facility
from worker.enrich.places.gazetteer import Gazetteer, Place

#: The score of a place located only by its container: below the 0.25 at which the resolver declines a name of
#: its own, so that it is never mistaken for the place itself (nor linked to the container's Wikidata id).
IN_CONTAINER = 0.2
#: A town the resolver chose although the article puts the name in another state or country ("Holliday,
#: Missouri" read as the Texas town, the only Holliday of 500 people or more) is replaced by that container
#: only when it is this small: the gazetteer lacks the right one. A big city is kept ("London, Paris" is a list).
SMALL_TOWN = 15_000
#: A town container holds places within this distance of its point.
NEAR_KM = 100.0

# "Cairo's Abbasiya", "Paris' iconic Champs-Elysees": a possessive right before the name, at most two
# lower-case words between.
_POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$")
# "in the city's Abbassiya district": the town the article named last before it.
_TOWNS_POSSESSIVE = re.compile(r"\b(?:the|The)\s+(?:city|town|capital|village)['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$")
# What may stand between the name and "in" + container: a kind word, and other names of the same list
# ("Haris and Varzaqan in ...").
_KIND_WORD = r"(?:\s+(?:district|neighbou?rhood|area|quarter|suburb|village|town|hamlet|community|boulevard))?"
_LIST = r"(?:(?:,\s*|\s+and\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
_OF_AFTER = re.compile(r" of (?:the )?")
_IN_AFTER = re.compile(_KIND_WORD + _LIST + r",?\s+in\s+(?:the\s+)?")
# "Holliday, Missouri" but not "Hornsey, Stoke Newington and Walthamstow" (a list goes on with another name).
_SAINT = re.compile(r"(?:St\.?|Saint|Ste\.?)\s")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+[A-Z]")
# "Macken, Weaver, Onuoha, Jordan.": a name that is itself an item of a list has no qualifier after it.
_LISTED_BEFORE = re.compile(r"(?:,|\band)\s*$")
_COMMA_AFTER = re.compile(
    r",\s*(?P<q>[A-Z][\w.]*\.?(?:\s+[A-Z][\w.]*\.?){0,2})(?!['’\w])(?P<rest>(?:,\s*|\s+and\s+)[A-Z])?"
)


def in_their_containers(
    gaz: Gazetteer, text: str, places: Sequence[PlaceName], results: Sequence[Resolution],
) -> list[Resolution]:
    """Each unlocated place (and each small town the article puts elsewhere) with an explicit container gets
    the container's point at score IN_CONTAINER."""
    starts: dict[int, Place] = {}
    ends: dict[int, Place] = {}
    for place, found in zip(places, results, strict=True):
        if found.place is not None and found.score > IN_CONTAINER:
            for start, end in place.spans:
                # "St Stephen's Green", "St Mary's Hospital": a saint's possessive names the place, no container.
                if _SAINT.match(text, start) and _POSSESSIVE_AFTER.match(text, end):
                    continue
                starts[start] = found.place
                ends[end] = found.place
    out = []
    for place, found in zip(places, results, strict=True):
        box = _container(gaz, text, place, starts, ends)
        if box is not None and _needs_container(gaz, found, box):
            found = Resolution(box, IN_CONTAINER, box)
        out.append(found)
    return out


def _needs_container(gaz: Gazetteer, found: Resolution, box: Place) -> bool:
    chosen = found.place
    if chosen is None:
        # Only a name the gazetteer lacks: one it holds but the article cannot settle ("Korea") stays unlocated.
        return found.candidate is None
    return chosen.feature_class == "city" and chosen.population < SMALL_TOWN and not _inside(gaz, chosen, box)


def _inside(gaz: Gazetteer, place: Place, box: Place) -> bool:
    if box.feature_class == "country":
        return gaz.country_row[place.row] == box.row
    if box.feature_class == "region":
        return gaz.region_row[place.row] == box.row
    return distance_km(place.latitude, place.longitude, box.latitude, box.longitude) <= NEAR_KM


def _container(
    gaz: Gazetteer, text: str, place: PlaceName, starts: dict[int, Place], ends: dict[int, Place],
) -> Place | None:
    for start, end in place.spans:
        before = _POSSESSIVE_BEFORE.search(text, max(0, start - 40), start)
        # A country's possessive names its firms, people and things more than its places ("Japan's Sumitomo").
        if before is not None and before.start() in ends and ends[before.start()].feature_class != "country":
            return ends[before.start()]
        if _TOWNS_POSSESSIVE.search(text, max(0, start - 60), start):
            towns = [(end_at, p) for end_at, p in ends.items() if end_at < start and p.feature_class == "city"]
            if towns:
                return max(towns, key=lambda t: t[0])[1]
        after = _IN_AFTER.match(text, end, min(len(text), end + 120))
        if after is not None and after.end() in starts:
            return starts[after.end()]
        # "the Coptic Orthodox Church of Alexandria": a building named after its town.
        of = _OF_AFTER.match(text, end, min(len(text), end + 10))
        if of is not None and of.end() in starts and is_facility(place):
            return starts[of.end()]
        comma = _COMMA_AFTER.match(text, end, min(len(text), end + 40))
        listed = _LISTED_BEFORE.search(text, max(0, start - 8), start)
        if comma is not None and comma.group("rest") is None and not listed:
            at = comma.start("q")
            if at in starts and starts[at].feature_class in ("country", "region"):
                return starts[at]
            rows = containers(gaz, comma.group("q"))
            if len(rows) == 1:
                return gaz.place(next(iter(rows)))
    return None
