"""The article's places are chosen together: no two neighbours swap readings, no region lends a village support."""

from __future__ import annotations

import json
from importlib import resources

from tests.unit.enrich.test_places_ambiguity import resolved
from worker.enrich.places.context import distance_km
from worker.enrich.places.gazetteer import Gazetteer, load


def _two_countries() -> Gazetteer:
    """Two countries, each with a town called Alder and one called Birch; Alder is bigger in Y, Birch in X."""
    gaz = Gazetteer()
    countries = {}
    for code, lat in (("XX", 10.0), ("YY", 40.0)):
        row = gaz._add(f"Country {code}", len(gaz) + 1, "country", code)
        gaz.country_row[row], gaz.lat[row], gaz.lon[row] = row, lat, 0.0
        countries[code] = row
    for name, code, population, dlat in (("Alder", "XX", 1_000, 0.0), ("Alder", "YY", 10_000, 0.0),
                                         ("Birch", "XX", 10_000, 0.3), ("Birch", "YY", 1_000, 0.3)):
        row = gaz._add(name, len(gaz) + 1, "city", "")
        gaz.country_row[row] = countries[code]
        gaz.lat[row], gaz.lon[row] = gaz.lat[countries[code]] + dlat, 0.0
        gaz.population[row] = population
        gaz._index(row, name)
    return gaz


def test_two_neighbouring_places_settle_in_one_country_instead_of_swapping() -> None:
    """Alder is likelier in Y and Birch in X on their own; each next to the other pulls it across. Updated all at
    once, the two swap every round and end in different countries; updated one at a time, they settle together."""
    gaz = _two_countries()
    found = resolved("The road from Alder to Birch reopened.", ["Alder", "Birch"], gazetteer=gaz)
    alder, birch = found["Alder"].candidate, found["Birch"].candidate
    assert alder is not None and birch is not None
    assert alder.country_code == birch.country_code


def test_a_state_lends_no_support_to_the_village_of_its_name() -> None:
    """Scotland has villages called California and Redding side by side; the US state lends its namesake village
    no support, so neither the state nor the Californian town is pulled to Scotland."""
    names = ["California", "Redding"]
    found = resolved("A teacher from California went missing near Redding; searchers in northern California "
                     "found her.", names)
    assert found["California"].place is not None and found["California"].place.geonames_id == 5332921
    assert found["Redding"].place is not None and found["Redding"].place.geonames_id == 5570160


def test_a_facility_naming_no_city_is_in_the_town_named_nearest_before_it() -> None:
    names = ["Toronto", "Ottawa", "St. Michael's Hospital"]
    found = resolved("Flights to Ottawa were cancelled. In Toronto, St. Michael's Hospital closed two wards.", names)
    hospital = found["St. Michael's Hospital"].place
    assert hospital is not None and hospital.geonames_id == 6167865
    assert 0.25 <= found["St. Michael's Hospital"].score < 0.5


def test_large_regions_take_a_point_in_their_middle_not_near_their_towns() -> None:
    """The prairie provinces' towns crowd their southern edge; the provinces span 49 to 60 degrees north, so a
    point for the whole province lies near 54.5 N (the towns' area put it near 52 N)."""
    gaz = load()
    for code in ("CA-MB", "CA-SK"):
        row = gaz.by_code[code]
        assert 53.8 < gaz.lat[row] < 55.5, (code, gaz.lat[row])


def test_every_region_point_names_a_first_level_region_of_the_gazetteer() -> None:
    """Natural Earth's ISO 3166-2 codes are the gazetteer's, and each region takes its label point."""
    data = json.loads((resources.files("worker.enrich") / "data" / "region_points.json").read_text("utf-8"))
    gaz = load()
    assert len(data["points"]) >= 90
    for code, (lat, lon) in data["points"].items():
        row = gaz.by_code[code]
        assert gaz.kind(row) == "region", code
        # The loader gives the region that point (float32 columns: within a metre).
        assert distance_km(lat, lon, gaz.lat[row], gaz.lon[row]) < 0.001, code
