"""Disambiguation: each place of an article to one GeoNames row, from what the article itself says.

Every candidate of a place name starts from a prior (population, and the feature class: a country or a
state is named more often than a town of the same name) and gains from the article's context:

- a qualifier right after a mention ("Paris, Texas", "Cambridge, Mass.") that contains the candidate;
- the dateline ("LONDON (Reuters) -") and the source's country, when given;
- the other places of the article: the share of them in the candidate's country and in its first-level
  region (containment: a town inside a state the story names), and whether one lies within 100 km.

The other places' choices feed back, so the article is resolved in a few rounds: round one on the prior
and explicit evidence, later rounds with the context of everyone else's current choice. The score of
the chosen candidate is its share of a softmax over the candidates; a place whose best share is below
`MIN_SCORE` keeps its name and gets no point.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from worker.enrich.places.clusters import add_clusters
from worker.enrich.places.context import (
    abbreviation_after_town,
    acts_as_a_government,
    at_dateline,
    containers,
    dateline,
    distance_km,
    in_a_county_list,
    names_a_base,
    phone_regions,
    qualifier_after,
)
from worker.enrich.places.facilities import PlaceName, Resolution, facility, in_their_towns
from worker.enrich.places.gazetteer import COUNTY, Gazetteer, load
from worker.enrich.places.names import readings
from worker.enrich.places.postal import near_their_places
from worker.enrich.places.shares import softmax_best
from worker.enrich.places.within import in_their_containers

__all__ = ["MIN_SCORE", "PlaceName", "Resolution", "Weights", "resolve"]

#: Below this share of the candidates' softmax the resolver declines (no coordinates).
MIN_SCORE = 0.25
#: A dateline in capitals favours the most populous town of its name from this size ("WASHINGTON" is D.C.); with
#: 100,000 local papers' "SPRINGFIELD -" or "WINDSOR -", which the article cannot settle, took the biggest namesake.
DATELINE_CITY = 500_000


@dataclass(frozen=True)
class Weights:
    """The scoring weights (log10 population units)."""

    country: float = 1.5
    region: float = 1.0
    county: float = -1.0
    same_country: float = 3.0
    same_region: float = 4.0
    nearby: float = 3.0
    qualifier: float = 6.0
    dateline: float = 1.5
    source: float = 1.5
    #: The score of "none of these": a name that is no place in the gazetteer (a sea, a made-up town, a
    #: street) must not take the only small town of that name. A town of about 10**none people with no
    #: support from the article is a coin toss.
    none: float = 3.5
    natural: float = 2.0
    #: Names made only of compass words ("North East", "the West") are relative to the story's country:
    #: their candidates need the article's support to beat "none of these".
    relative: float = 4.0
    #: A name read as a demonym ("Canadian" -> Canada) is a weaker reading than a place of that very name:
    #: "Milan" is the city, not Algeria's Mila province by the "-an" ending of "Mexican".
    demonym: float = 2.0
    #: A county named without its "County" ("Kanawha", "DeKalb") is a weaker reading than a town of that name.
    county_name: float = 3.0
    #: Towns of the article that lie together: the share of the other places with a town or county
    #: candidate in the same or a neighbouring 1-degree cell ("London", "Middlesex", "St. Thomas" in Ontario).
    cluster: float = 3.0
    #: A name in capitals at a dateline ("WASHINGTON —") names the town the story is filed from: the big city
    #: of the name (DATELINE_CITY) gains over a state or a country of the name.
    dateline_town: float = 4.0
    rounds: int = 3


def resolve(
    text: str,
    places: Sequence[PlaceName],
    *,
    source_country: str | None = None,
    gazetteer: Gazetteer | None = None,
    weights: Weights | None = None,
    min_score: float = MIN_SCORE,
) -> list[Resolution]:
    """Resolve every place of one article; one Resolution per PlaceName, in order."""
    gaz = gazetteer or load()
    w = weights or Weights()
    read = [readings(gaz, p.names) for p in places]
    cands = [direct + demonyms + counties for direct, demonyms, counties in read]
    prior = [
        [_prior(gaz, row, w) - _penalty(place.names, w) for row in direct]
        + [_prior(gaz, row, w) - _penalty(place.names, w) - w.demonym for row in demonyms]
        # A county is a weaker reading than a place of the very name; with none, a name of two words or more
        # ("Pointe Coupee") has it as its only reading (one word with no place of its name, "Park" or "Love", is
        # more often a word or a surname).
        + [_prior(gaz, row, w) - _penalty(place.names, w) - w.county_name * (bool(direct) or " " not in place.names[0])
           for row in counties]
        for place, (direct, demonyms, counties) in zip(places, read, strict=True)
    ]

    # Explicit evidence: qualifiers after mentions, the dateline, the source's country.
    fixed: list[list[float]] = []
    # A place that speaks or warns is its government, no town of the story: it lends no support to towns near it.
    speakers = {i for i, p in enumerate(places) if any(acts_as_a_government(text, *span) for span in p.spans)}
    for index, (place, rows, base) in enumerate(zip(places, cands, prior, strict=True)):
        qualifiers: set[int] = set()
        for _, end in place.spans:
            qualifiers |= qualifier_after(gaz, text, end)
        town = _dateline_town(gaz, rows) if index in speakers or any(
            at_dateline(text, start, end) or names_a_base(text, end) for start, end in place.spans) else -1
        county = any(in_a_county_list(text, end) for _, end in place.spans)
        fixed.append([
            b + w.qualifier * (_inside(gaz, row, qualifiers) or county and gaz.kinds[row] == COUNTY)
            + w.source * (gaz.country_code(row) == source_country) + w.dateline_town * (row == town)
            for row, b in zip(rows, base, strict=True)
        ])
    if w.cluster:
        add_clusters(gaz, cands, fixed, w.cluster, speakers)
    # The dateline's place, and the states or provinces of the article's telephone numbers (a local paper's).
    anchor = _dateline_rows(gaz, text) + [gaz.by_code[c] for c in sorted(phone_regions(text)) if c in gaz.by_code]
    if anchor:
        for rows, scores in zip(cands, fixed, strict=True):
            for i, row in enumerate(rows):
                scores[i] += w.dateline * (
                    any(gaz.country_row[row] == gaz.country_row[a] for a in anchor)
                    + any(gaz.region_row[row] >= 0 and gaz.region_row[row] == gaz.region_row[a] for a in anchor)
                )

    choice = [softmax_best(s, w.none) for s in fixed]
    for round_ in range(w.rounds):
        for index in range(len(cands)):
            choice[index] = _choose(gaz, index, cands, fixed, choice, w, speakers, final=round_ == w.rounds - 1)

    results = []
    for place, rows, (best, share) in zip(places, cands, choice, strict=True):
        if best < 0:
            region = next((r for r in (abbreviation_after_town(gaz, text, *span) for span in place.spans) if r), None)
            results.append(Resolution(gaz.place(region), 0.9, gaz.place(region)) if region else facility(gaz, place))
            continue
        found = gaz.place(_city_of_the_same_name(gaz, rows, rows[best]))
        results.append(Resolution(found if share >= min_score else None, round(share, 4), found))
    return in_their_towns(places, near_their_places(text, places, in_their_containers(gaz, text, places, results)))


def _dateline_town(gaz: Gazetteer, rows: Sequence[int]) -> int:
    """The town a bare dateline names: the most populous city of the name, when it is a big one."""
    cities = [r for r in rows if gaz.kind(r) == "city"]
    best = max(cities, key=lambda r: gaz.population[r], default=-1)
    return best if best >= 0 and gaz.population[best] >= DATELINE_CITY else -1


def _city_of_the_same_name(gaz: Gazetteer, rows: Sequence[int], chosen: int) -> int:
    """"Berlin", "Beijing", "Lisbon", "Zurich": a region named after its city is the city (same point, finer
    place)."""
    if gaz.kind(chosen) not in ("region", "county"):
        return chosen
    # The city must hold a tenth of the region's people or more, else it is a namesake village (Zurich holds a
    # sixth of its canton's, Lisbon about as much of its district's; a fifth kept both at the region), and lie
    # inside it or near its point (Tokyo's point is pulled 185 km south by the prefecture's Pacific islands).
    inside = [
        r for r in rows
        if gaz.kind(r) == "city" and gaz.population[r] >= 0.1 * gaz.population[chosen]
        and gaz.country_row[r] == gaz.country_row[chosen]
        and (gaz.region_row[r] == chosen
             or distance_km(gaz.lat[r], gaz.lon[r], gaz.lat[chosen], gaz.lon[chosen]) < 100)
    ]
    return max(inside, key=lambda r: gaz.population[r]) if inside else chosen


# A name ending in a water or landform word ("North Sea", "Kanawha River") names that feature, which the
# gazetteer of populated places and areas does not hold; a town of the same name is a poor guess. Words
# that end many town names ("Green Bay", "Sioux Falls", "Sun Valley") are left out.
_NATURAL = re.compile(
    r"\b(?:Sea|Ocean|River|Gulf|Strait|Straits|Channel|Mountains|Desert|Peninsula|Islands|Canyon|Plateau|Basin)$",
    re.IGNORECASE,
)


_RELATIVE = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|central|middle|upper|lower|far|mid)(?:ern)?[\s-]*)+$", re.IGNORECASE
)


def _penalty(names: Sequence[str], w: Weights) -> float:
    if any(_RELATIVE.match(n) for n in names):
        return w.relative
    return w.natural if any(_NATURAL.search(n) for n in names) else 0.0


def _prior(gaz: Gazetteer, row: int, w: Weights) -> float:
    kind = gaz.kind(row)
    bonus = {"country": w.country, "continent": w.country, "region": w.region, "county": w.county}.get(kind, 0.0)
    return math.log10(gaz.population[row] + 10) + bonus


def _inside(gaz: Gazetteer, row: int, boxes: set[int]) -> bool:
    return bool(boxes) and (gaz.country_row[row] in boxes or gaz.region_row[row] in boxes or row in boxes)


def _dateline_rows(gaz: Gazetteer, text: str) -> list[int]:
    found = dateline(text)
    if found is None:
        return []
    place, qualifier = found
    rows = gaz.lookup(place)
    if qualifier:
        boxes = containers(gaz, qualifier)
        rows = [r for r in rows if _inside(gaz, r, boxes)] or rows
    # A dateline names a place the reader knows: the most populous of the name.
    return sorted(rows, key=lambda r: -gaz.population[r])[:1]


def _choose(
    gaz: Gazetteer, index: int, cands: Sequence[Sequence[int]], fixed: Sequence[Sequence[float]],
    choice: Sequence[tuple[int, float]], w: Weights, speakers: set[int], *, final: bool = False,
) -> tuple[int, float]:
    """Place `index`'s best candidate given its fixed evidence and the other places' current choices (in the final
    round, with the share of the candidates at the same point: `softmax_best`)."""
    return softmax_best(
        [s + _context(gaz, row, index, cands, choice, w, speakers) for row, s in zip(cands[index], fixed[index],
                                                                                 strict=True)],
        w.none, gaz if final else None, cands[index],
    )


def _context(
    gaz: Gazetteer, row: int, index: int, cands: Sequence[Sequence[int]], choice: Sequence[tuple[int, float]],
    w: Weights, speakers: set[int],
) -> float:
    """Support for `row` from the other places' current choices, each weighted by its confidence."""
    countries: dict[int, float] = defaultdict(float)
    regions: dict[int, float] = defaultdict(float)
    near = 0.0
    total = 0.0
    lat, lon = gaz.lat[row], gaz.lon[row]
    for other, (rows, (best, share)) in enumerate(zip(cands, choice, strict=True)):
        if other == index or best < 0:
            continue
        picked = rows[best]
        if picked == row:
            continue
        total += share
        if gaz.country_row[picked] >= 0:
            countries[gaz.country_row[picked]] += share
        if gaz.region_row[picked] >= 0:
            regions[gaz.region_row[picked]] += share
        if gaz.kind(picked) in ("city", "county") and other not in speakers \
                and distance_km(lat, lon, gaz.lat[picked], gaz.lon[picked]) < 100:
            near = max(near, share)
    if total == 0:
        return 0.0
    region = gaz.region_row[row]
    return (
        w.same_country * countries.get(gaz.country_row[row], 0.0) / total
        + (w.same_region * regions.get(region, 0.0) / total if region >= 0 else 0.0)
        + w.nearby * near
    )
