"""Names the gazetteer lacks that GeoNames's postal codes know as a locality near the article's places.

The gazetteer holds populated places of 500 people or more; news also names villages, a city's districts and
New England's towns ("Upper Edmonton", "Stoke Newington", "Harwinton, Conn."), and towns named like a country or
a state ("the city of Turkey", Texas). GeoNames's postal-code file lists them as the place names of its codes
(data/postal_places.tsv.gz, built by scripts/build_postal_places.py). A name with no gazetteer candidate that is
such a locality within NEAR_KM of a town or county the article located is put at that place, with the score of a
place located by its container (IN_CONTAINER): the postal file has no GeoNames ids, and a common word that is also
some village ("Crescent") needs the article's own places nearby to count.
"""

from __future__ import annotations

import gzip
from array import array
from collections.abc import Sequence
from functools import cache
from importlib import resources

from worker.enrich.places.context import distance_km
from worker.enrich.places.facilities import PlaceName, Resolution, is_facility
from worker.enrich.places.gazetteer import fold
from worker.enrich.places.mentions import called_a_town
from worker.enrich.places.within import IN_CONTAINER

#: A postal locality counts only this close to a place the article located.
NEAR_KM = 100.0


class PostalPlaces:
    """The sorted `name<TAB>lat,lon;...` lines in one buffer, searched by halving (15 MB and
    2 MB of offsets, not 80 as a dict)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts: array[int] = array("I", [0])
        at = data.find(b"\n")
        while at >= 0 and at + 1 < len(data):
            self._starts.append(at + 1)
            at = data.find(b"\n", at + 1)

    def _key(self, line: int) -> bytes:
        start = self._starts[line]
        return self._data[start:self._data.index(b"\t", start)]

    def points(self, name: str) -> list[tuple[float, float]]:
        key = fold(name).encode("utf-8")
        low, high = 0, len(self._starts)
        while low < high:
            mid = (low + high) // 2
            if self._key(mid) < key:
                low = mid + 1
            else:
                high = mid
        if low == len(self._starts) or self._key(low) != key:
            return []
        start = self._starts[low] + len(key) + 1
        cells = self._data[start:self._data.index(b"\n", start)].decode("ascii").split(";")
        return [(float(lat), float(lon)) for lat, lon in (cell.split(",") for cell in cells)]


@cache
def load() -> PostalPlaces:
    data = resources.files("worker.enrich") / "data" / "postal_places.tsv.gz"
    return PostalPlaces(gzip.decompress(data.read_bytes()))


def near_their_places(
    text: str, places: Sequence[PlaceName], results: Sequence[Resolution], postal: PostalPlaces | None = None,
) -> list[Resolution]:
    """Each name with no gazetteer candidate, or read as a country or region though the article calls it a town
    ("the city of Turkey"), that is a postal locality near a place the article located (on its own evidence)
    takes the nearest such place, at score IN_CONTAINER."""
    # Towns and counties only: a country's or a region's point says nothing of what lies 100 km from it ("The Edge"
    # of U2 is no village near England's point).
    anchors = [found.place for found in results if found.place is not None and found.score > IN_CONTAINER
               and found.place.feature_class in ("city", "county")]
    if not anchors:
        return list(results)
    out = []
    for place, found in zip(places, results, strict=True):
        # A facility ("Trafalgar Square") is left to the town the article names nearest to it (in_their_towns).
        if (found.candidate is None and found.place is None and not is_facility(place)
                or _town_read_as_an_area(text, place, found)):
            postal = postal or load()
            near = [
                (distance_km(lat, lon, anchor.latitude, anchor.longitude), i)
                for name in place.names for lat, lon in postal.points(name) for i, anchor in enumerate(anchors)
            ]
            best = min(near, default=None)
            if best is not None and best[0] <= NEAR_KM:
                found = Resolution(anchors[best[1]], IN_CONTAINER, anchors[best[1]])
        out.append(found)
    return out


def _town_read_as_an_area(text: str, place: PlaceName, found: Resolution) -> bool:
    chosen = found.candidate
    return chosen is not None and chosen.feature_class in ("country", "region") and any(
        called_a_town(text, start) for start, _ in place.spans)
