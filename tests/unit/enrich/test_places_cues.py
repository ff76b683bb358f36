"""Cues of the words around a place name (sixth round): demonyms of continents, agency datelines, paired towns,
county lists, "-based", area words, short names of "X and Y" places, and the share of candidates at one point."""

from __future__ import annotations

import pytest

from tests.unit.enrich.test_places_ambiguity import resolved
from worker.enrich.places.context import area_codes, at_dateline, in_a_county_list, phone_regions, qualifier_after
from worker.enrich.places.gazetteer import load
from worker.enrich.places.names import readings
from worker.enrich.places.shares import softmax_best

EUROPE = 6255148
SOUTH_AFRICA = 953987
WASHINGTON_DC = 4140963
NASHVILLE_TN = 4644585
AL_KARAK = 250625
PLYMOUTH_MA = 4947597


@pytest.mark.parametrize(("text", "name", "geonames_id"), [
    ("U.S. and European officials met in Brussels on Monday.", "European", EUROPE),
    ("The South African grapefruit season is about to start.", "South African", SOUTH_AFRICA),
])
def test_demonyms_of_continents_and_of_two_word_countries(text: str, name: str, geonames_id: int) -> None:
    place = resolved(text, [name])[name].place
    assert place is not None and place.geonames_id == geonames_id


def test_a_name_opening_the_story_with_an_agency_in_brackets_is_a_dateline() -> None:
    text = "Washington (CNN) ExxonMobil chairman Rex Tillerson met senators about oil leases."
    assert at_dateline(text, 0, len("Washington"))
    assert not at_dateline("Washington said no. Washington (CNN) met", 0, len("Washington"))
    place = resolved(text, ["Washington"])["Washington"].place
    assert place is not None and place.geonames_id == WASHINGTON_DC


def test_a_town_shares_the_qualifier_of_the_town_it_is_paired_with() -> None:
    gaz = load()
    text = "properties in Louisville and Lexington, Kentucky, Nashville and Cordova, Tennessee, and Richmond"
    end = text.index("Nashville") + len("Nashville")
    assert qualifier_after(gaz, text, end) == {gaz.by_code["US-TN"]}


@pytest.mark.parametrize(("text", "name", "code"), [
    ("a similar theft in Paris, Illinois.\nThe suspect was identified", "Paris", "US-IL"),
    ("presented at a ceremony in Washington, D. C., Thursday", "Washington", "US-DC"),
])
def test_a_qualifier_ending_its_paragraph_or_written_with_spaced_initials(text: str, name: str, code: str) -> None:
    gaz = load()
    assert qualifier_after(gaz, text, text.index(name) + len(name)) == {gaz.by_code[code]}


def test_a_county_abbreviation_in_capitals_reads_as_the_county() -> None:
    gaz = load()
    _, _, counties = readings(gaz, ["PLYMOUTH CO."])
    assert counties and all(gaz.kind(r) == "county" and gaz.names[r] == "Plymouth County" for r in counties)


def test_the_items_of_a_list_ending_in_counties_are_counties() -> None:
    text = "open to those who live or attend school in Butler, Clark, Hamilton, Madison, Preble or Warren counties."
    assert in_a_county_list(text, text.index("Butler") + len("Butler"))
    assert not in_a_county_list("schools in Butler and Clark said", len("schools in Butler"))
    found = resolved(text, ["Butler", "Clark", "Hamilton", "Madison", "Preble", "Warren"])
    for name in ("Butler", "Madison", "Preble"):
        place = found[name].place
        assert place is not None and place.feature_class == "county" and place.region_code == "US-OH", name


def test_a_firm_based_in_a_name_is_based_in_its_big_city() -> None:
    text = ("In Georgia, Councilman Danny Dunagan of Gainesville said Nashville-based CCA signed a five-year contract "
            "with Hall County.")
    place = resolved(text, ["Georgia", "Gainesville", "Nashville", "Hall County"])["Nashville"].place
    assert place is not None and place.geonames_id == NASHVILLE_TN


def test_a_name_with_an_area_word_also_reads_as_the_region_of_the_bare_name() -> None:
    text = ("A fire in the town of Qatraneh in the Karak district killed two, said a statement by Jordan's Public "
            "Security Directorate.")
    place = resolved(text, ["Karak district", "Jordan"])["Karak district"].place
    assert place is not None and place.geonames_id == AL_KARAK


def test_a_country_or_region_named_x_and_y_answers_to_x_unless_it_is_a_people() -> None:
    gaz = load()
    assert [gaz.country_code(r) for r in gaz.lookup("Bosnia")] == ["BA"]
    assert [gaz.codes.get(r) for r in gaz.lookup("Newfoundland")] == ["CA-NL"]
    assert gaz.lookup("Turks") == []


def test_candidates_at_the_chosen_point_add_to_its_share() -> None:
    gaz = load()
    town, county = (next(r for r in gaz.lookup(n) if gaz.region_code(r) == "US-MA")
                    for n in ("Plymouth", "Plymouth County"))
    far = next(r for r in gaz.lookup("Plymouth") if gaz.country_code(r) == "GB")
    best, alone = softmax_best([5.0, 4.8, 5.0], 3.5)
    best_near, together = softmax_best([5.0, 4.8, 5.0], 3.5, gaz, [town, county, far])
    assert best == best_near == 0 and alone < 0.4 < together
    # Plymouth's share is split between the town and its county (the White House also names a Tennessee town).
    text = ("Thanksgiving is celebrated in the United States in November. The president receives a turkey at the White "
            "House. In 1621 the first Thanksgiving is observed in Plymouth. A good harvest leads Massachusetts "
            "Governor William Bradford to plan a festival.")
    place = resolved(text, ["United States", "White House", "Plymouth", "Massachusetts"])["Plymouth"].place
    assert place is not None and place.geonames_id == PLYMOUTH_MA


def test_a_county_named_without_county_is_read_when_no_place_has_the_name() -> None:
    text = "Deputies arrest Pointe Coupee teen. Capt. Steve Juge, with the Pointe Coupee Sheriff's Office, said so."
    place = resolved(text, ["Pointe Coupee"])["Pointe Coupee"].place
    assert place is not None and place.feature_class == "county" and place.region_code == "US-LA"


def test_a_greater_city_area_is_read_as_the_city() -> None:
    text = "Price growth is expected to slow in the Greater Toronto Area, Soper said."
    place = resolved(text, ["Greater Toronto Area"])["Greater Toronto Area"].place
    assert place is not None and place.geonames_id == 6167865


def test_a_single_word_with_no_place_of_its_name_is_no_county() -> None:
    text = "They have been one of the main attractions for huge crowds at T in the Park this summer."
    assert resolved(text, ["Park"])["Park"].place is None


def test_a_local_papers_telephone_numbers_name_its_state_or_province() -> None:
    assert phone_regions("call London police at 519-661-5670 or Crime Stoppers at 1-800-222-8477") == {"CA-ON"}
    assert phone_regions("call the center at (304) 399-6500 or write to PO Box 12") == {"US-WV"}
    assert phone_regions("call 1-519-661-5670 today") == {"CA-ON"}
    assert phone_regions("the score was 3-2 and 2,519 fans came; ISBN 978-0-14-044913-6; ref 12519-661-5670") == set()
    text = ("A stabbing killed a man, London police say. Anyone with information is asked to call London police at "
            "519-661-5670.")
    place = resolved(text, ["London"])["London"].place
    assert place is not None and place.geonames_id == 6058560


def test_every_area_code_names_a_state_or_province_of_the_gazetteer() -> None:
    gaz = load()
    codes = area_codes()
    assert len(codes) > 350
    assert all(code in gaz.by_code and code[:3] in ("US-", "CA-") for code in codes.values())
