"""A place the gazetteer lacks takes the point of the place the article says it is in, with a low score."""

from __future__ import annotations

import pytest

from tests.unit.enrich.test_places_ambiguity import places_in, resolved
from worker.enrich.places.facilities import Resolution
from worker.enrich.places.gazetteer import load
from worker.enrich.places.locate import locate
from worker.enrich.places.resolve import MIN_SCORE
from worker.enrich.places.within import IN_CONTAINER, in_their_containers
from worker.models import Entity, Mention

# Made-up names: no gazetteer row, so only the article's cue can place them.
CAIRO = 360630
MUNICH = 2867714
BAVARIA = 2951839
MISSOURI = 4398678


def test_a_neighbourhood_after_its_citys_possessive_is_in_that_city() -> None:
    found = resolved("The blast hit a church in Cairo's Zarbelqiya neighbourhood on Sunday.", ["Cairo", "Zarbelqiya"])
    place = found["Zarbelqiya"].place
    assert place is not None and place.geonames_id == CAIRO
    assert found["Zarbelqiya"].score == IN_CONTAINER < MIN_SCORE


def test_a_building_in_a_named_city_is_in_that_city_not_the_town_named_before_it() -> None:
    text = "Pilgrims left Cairo at dawn. They prayed at St. Quorblet Church in Munich, Germany, before noon."
    found = resolved(text, ["Cairo", "St. Quorblet Church", "Munich", "Germany"])
    place = found["St. Quorblet Church"].place
    assert place is not None and place.geonames_id == MUNICH


def test_the_towns_of_a_list_in_a_region_are_in_that_region() -> None:
    text = "The villages of Zorbentow and Quellmarsch in Bavaria were flooded."
    found = resolved(text, ["Zorbentow", "Quellmarsch", "Bavaria"])
    for name in ("Zorbentow", "Quellmarsch"):
        place = found[name].place
        assert place is not None and place.geonames_id == BAVARIA, name


def test_a_state_qualifier_names_the_container_even_when_it_is_no_place_of_the_article() -> None:
    found = resolved("ZORBENTOW, Mo. - A barn burned on Monday.", ["ZORBENTOW"])
    place = found["ZORBENTOW"].place
    assert place is not None and place.geonames_id == MISSOURI


def test_a_small_town_in_another_state_gives_way_to_the_state_the_article_names() -> None:
    # Holliday, Texas (about 1,700 people) is the only Holliday the gazetteer holds; the story's is in Missouri.
    found = resolved("The truck crashed two miles south of Holliday, Missouri, on Route C.", ["Holliday"])
    place = found["Holliday"].place
    assert place is not None and place.geonames_id == MISSOURI


def test_a_big_city_before_a_comma_and_a_state_is_kept() -> None:
    found = resolved("After the game in Toronto, Texas fans flew home.", ["Toronto"])
    place = found["Toronto"].place
    assert place is not None and place.geonames_id == 6167865


def test_without_a_cue_a_made_up_place_stays_unlocated() -> None:
    found = resolved("Fans filled Zorbentow Park before kick-off, then marched to Cairo.", ["Zorbentow Park", "Cairo"])
    assert found["Zorbentow Park"].place is None


def test_a_list_after_a_comma_is_no_container() -> None:
    text = "Crews came from Zorbentow, Bavaria Yard and Quellmarsch stations."
    assert resolved(text, ["Zorbentow", "Bavaria"])["Zorbentow"].place is None


def test_a_place_located_by_its_container_takes_no_wikidata_id() -> None:
    text = "Floods hit Zorbentow in Bavaria on Monday."
    entities = [
        Entity(id="newsflow:place:zorbentow", name="Zorbentow", type="place", mention_count=1, salience=0.5,
               mentions=[Mention(text="Zorbentow", start=11, end=20)]),
        Entity(id="newsflow:place:bavaria", name="Bavaria", type="place", mention_count=1, salience=0.5,
               mentions=[Mention(text="Bavaria", start=24, end=31)]),
    ]
    located, _ = locate(text, entities)
    contained = next(e for e in located if e.name == "Zorbentow")
    assert contained.geo is not None and contained.geo.geonames_id == BAVARIA
    assert contained.wikidata_id is None
    assert next(e for e in located if e.name == "Bavaria").wikidata_id is not None


def test_the_citys_district_is_in_the_town_named_last_before_it() -> None:
    text = "Crowds gathered in Munich and then in Cairo. The blast hit the city's Zarbelqiya district at dawn."
    found = resolved(text, ["Munich", "Cairo", "Zarbelqiya"])
    place = found["Zarbelqiya"].place
    assert place is not None and place.geonames_id == CAIRO


def test_a_building_named_of_its_town_is_in_that_town() -> None:
    text = "Pilgrims left Cairo at dawn. Later the Quorblet Cathedral of Munich said the service went ahead."
    found = resolved(text, ["Cairo", "Quorblet Cathedral", "Munich"])
    place = found["Quorblet Cathedral"].place
    assert place is not None and place.geonames_id == MUNICH


def test_a_place_of_a_town_that_is_no_building_is_not_put_in_it() -> None:
    found = resolved("The Zorbentow of Munich lost again.", ["Zorbentow", "Munich"])
    assert found["Zorbentow"].place is None


@pytest.mark.parametrize(("text", "names", "name"), [
    # A country's possessive names a firm, not a place in it.
    ("Shares of Japan's Quorblet Bank rose.", ["Japan", "Quorblet Bank"], "Quorblet Bank"),
    # An appositive: the name is the country's firm.
    ("Quorblet, Malaysia's third-biggest lender, grew.", ["Quorblet", "Malaysia"], "Quorblet"),
    # An item of a list ends before the next one.
    ("Subs not used: Macken, Zorbentow, Jordan.", ["Zorbentow", "Jordan"], "Zorbentow"),
    # A saint's possessive is part of a name ("St Stephen's Green"), no container.
    ("Fans queued at Quorblet Hall in St Stephen's Green Centre.", ["Quorblet Hall", "St Stephen"], "Quorblet Hall"),
    # A list of countries: Korea is no part of the USA.
    ("Pool B: Scotland, Tonga, Korea, USA.", ["Korea", "USA"], "Korea"),
])
def test_no_container_where_the_cue_means_something_else(text: str, names: list[str], name: str) -> None:
    found = resolved(text, names)[name]
    assert found.place is None or found.score > IN_CONTAINER, found


def test_a_name_the_gazetteer_holds_but_the_article_cannot_settle_takes_no_container() -> None:
    gaz = load()
    text = "Crowds gathered in Springfield in Ohio."
    state = gaz.place(gaz.lookup("Ohio")[0])
    places = places_in(text, ["Springfield", "Ohio"])
    ohio = Resolution(state, 0.9, state)
    held = Resolution(None, 0.2, gaz.place(gaz.lookup("Springfield")[0]))  # declined: too many Springfields
    lacked = Resolution(None, 0.0)  # no candidate at all
    assert in_their_containers(gaz, text, places, [held, ohio])[0].place is None
    assert in_their_containers(gaz, text, places, [lacked, ohio])[0].place == state
