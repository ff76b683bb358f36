"""A name the gazetteer lacks that GeoNames's postal codes know near the article's places is put at that place."""

from __future__ import annotations

from tests.unit.enrich.test_places_ambiguity import resolved
from worker.enrich.places.facilities import PlaceName, Resolution
from worker.enrich.places.gazetteer import load
from worker.enrich.places.postal import PostalPlaces, near_their_places
from worker.enrich.places.resolve import MIN_SCORE
from worker.enrich.places.within import IN_CONTAINER

TORRINGTON_CT = 4844309
LONDON = 2643743


def _postal(lines: list[str]) -> PostalPlaces:
    return PostalPlaces(("\n".join(sorted(lines)) + "\n").encode("ascii"))


def test_the_postal_table_finds_a_name_by_its_folded_key_and_no_other() -> None:
    postal = _postal(["harwinton\t41.8,-73.1", "stoke newington\t51.6,-0.1", "toco\t33.7,-95.6;39.8,-8.9"])
    assert postal.points("Harwinton") == [(41.8, -73.1)]
    assert postal.points("STOKE NEWINGTON") == [(51.6, -0.1)]
    assert postal.points("Toco") == [(33.7, -95.6), (39.8, -8.9)]
    assert postal.points("Harwint") == []
    assert postal.points("zzz") == []


def test_a_new_england_town_the_gazetteer_lacks_is_put_at_the_towns_place_nearby() -> None:
    # Harwinton, Connecticut is a town (GeoNames ADM3), not a populated place of the gazetteer.
    found = resolved("Harwinton voters met in Torrington, Connecticut, on Monday.", ["Harwinton", "Torrington"])
    place = found["Harwinton"].place
    assert place is not None and place.geonames_id == TORRINGTON_CT
    assert found["Harwinton"].score == IN_CONTAINER < MIN_SCORE


def test_a_london_district_is_put_at_london() -> None:
    text = "Crews from Stoke Newington fire station were called to a fire in London on Friday."
    found = resolved(text, ["Stoke Newington", "London"])
    place = found["Stoke Newington"].place
    assert place is not None and place.geonames_id == LONDON


def test_a_postal_locality_far_from_the_articles_places_stays_unlocated() -> None:
    # There is a Harwinton in Connecticut, but not within 100 km of London.
    found = resolved("Harwinton supporters rallied in London on Friday.", ["Harwinton", "London"])
    assert found["Harwinton"].place is None


def test_a_town_named_like_a_country_is_the_postal_locality_when_the_article_calls_it_a_city() -> None:
    # Turkey, Texas (about 400 people) is no gazetteer row; "the city of Turkey" rules out the country.
    text = ("The festival returns to Turkey on Thursday, in the Hall County town where the fiddler grew up, "
            "according to the city of Turkey. Fans come from all over Texas.")
    found = resolved(text, ["Turkey", "Hall County", "Texas"])
    place = found["Turkey"].place
    assert place is not None and place.country_code == "US" and place.feature_class == "county"
    assert found["Turkey"].score == IN_CONTAINER


def test_a_country_named_without_a_town_cue_stays_the_country() -> None:
    text = "The festival returns to Turkey on Thursday, in the Hall County town. Fans come from all over Texas."
    place = resolved(text, ["Turkey", "Hall County", "Texas"])["Turkey"].place
    assert place is not None and place.feature_class == "country"


def test_a_country_or_region_is_no_anchor_for_a_postal_locality() -> None:
    # There are villages named Edge in England, but a country's or region's point says nothing of what lies near it.
    found = resolved("Bono and the Edge of U2 begin a tour of England in March.", ["Edge", "England"])
    assert found["Edge"].place is None


def test_a_name_with_gazetteer_candidates_is_left_to_the_resolver() -> None:
    gaz = load()
    london = gaz.place(gaz.lookup("London")[0])
    declined = Resolution(None, 0.1, london)
    places = [PlaceName(("Harwinton",), ((0, 9),)), PlaceName(("Torrington",), ((20, 30),))]
    anchor = Resolution(london, 0.9, london)
    postal = _postal([f"harwinton\t{london.latitude},{london.longitude}"])
    out = near_their_places("Harwinton and Torrington", places, [declined, anchor], postal)
    assert out[0] is declined


def test_without_a_located_place_nothing_is_placed() -> None:
    postal = _postal(["harwinton\t41.8,-73.1"])
    out = near_their_places("Harwinton", [PlaceName(("Harwinton",), ((0, 9),))], [Resolution(None, 0.0)], postal)
    assert out == [Resolution(None, 0.0)]
