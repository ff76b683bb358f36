"""The same place name resolves to different GeoNames places by what the article says around it."""

from __future__ import annotations

import re

import pytest

from worker.enrich.places.gazetteer import Gazetteer
from worker.enrich.places.locate import locate
from worker.enrich.places.resolve import PlaceName, Resolution, resolve
from worker.models import Entity, Mention


def places_in(text: str, names: list[str]) -> list[PlaceName]:
    """Each name with the spans of all its whole-word occurrences in the text."""
    return [
        PlaceName((name,), tuple((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)))
        for name in names
    ]


def resolved(
    text: str, names: list[str], source_country: str | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, Resolution]:
    found = resolve(text, places_in(text, names), source_country=source_country, gazetteer=gazetteer)
    return dict(zip(names, found, strict=True))


CASES = [
    # (story, place names in it, the name under test, its GeoNames id)
    ("PARIS, Texas (AP) - Police in Paris said on Monday that the fire started in a barn.",
     ["Paris"], "Paris", 4717560),
    ("Paris is preparing for the Olympics. Across France, from Lyon to Marseille, cities are busy.",
     ["Paris", "France", "Lyon", "Marseille"], "Paris", 2988507),
    ("Georgia accused Russia of moving the border fence. Officials in Tbilisi protested.",
     ["Georgia", "Russia", "Tbilisi"], "Georgia", 614540),
    ("Voters in Georgia waited for hours. Lines were long in Atlanta and Savannah on Tuesday.",
     ["Georgia", "Atlanta", "Savannah"], "Georgia", 4197000),
    ("Researchers at Cambridge and Oxford said England's universities face cuts.",
     ["Cambridge", "Oxford", "England"], "Cambridge", 2653941),
    ("The start-up moved from Boston to Cambridge, Mass., near the Harvard campus.",
     ["Boston", "Cambridge"], "Cambridge", 4931972),
    ("Bushfires burned across Victoria as Melbourne sweltered; Australia declared an emergency.",
     ["Victoria", "Melbourne", "Australia"], "Victoria", 2145234),
    ("Victoria, the capital of British Columbia, voted to ban plastic bags, following Vancouver.",
     ["Victoria", "British Columbia", "Vancouver"], "Victoria", 6174041),
    ("Snow closed schools in London, Ontario, and the storm moved on towards Toronto.",
     ["London", "Ontario", "Toronto"], "London", 6058560),
    ("Rail strikes hit London and Manchester as Britain braced for more walkouts.",
     ["London", "Manchester", "Britain"], "London", 2643743),
    ("Protesters marched in Portland, Ore., for a third night.",
     ["Portland"], "Portland", 5746545),
    ("Lobster prices fell in Portland, Maine, where the fleet stayed in port.",
     ["Portland"], "Portland", 4975802),
    ("The governor signed the bill in Springfield, Ill., on Friday.",
     ["Springfield"], "Springfield", 4250542),
    ("Springfield and Worcester will share the grant, Boston officials said; Massachusetts pays half.",
     ["Springfield", "Worcester", "Boston", "Massachusetts"], "Springfield", 4951788),
    ("Athens and Thessaloniki saw strikes as Greece debated pensions.",
     ["Athens", "Thessaloniki", "Greece"], "Athens", 264371),
    ("The University of Georgia is in Athens, Ga., about 70 miles from Atlanta.",
     ["Athens", "Atlanta"], "Athens", 4180386),
    ("Perth and Fremantle were hit by the storm, the Western Australia government said.",
     ["Perth", "Fremantle", "Western Australia"], "Perth", 2063523),
    ("Perth and Dundee will get new rail links, Scotland's transport minister said.",
     ["Perth", "Dundee", "Scotland"], "Perth", 2640358),
    ("BIRMINGHAM, Ala. (AP) - A tornado damaged homes in Birmingham overnight.",
     ["Birmingham"], "Birmingham", 4049979),
    ("Birmingham and Manchester councils in England warned of bankruptcy.",
     ["Birmingham", "Manchester", "England"], "Birmingham", 2655603),
    ("Steel jobs in Hamilton, Ontario, are at risk, Toronto analysts said.",
     ["Hamilton", "Toronto"], "Hamilton", 5969782),
    ("Floods cut roads between Hamilton and Auckland, New Zealand's police said.",
     ["Hamilton", "Auckland", "New Zealand"], "Hamilton", 2190324),
    ("Kingston and Montego Bay reported power cuts as the hurricane crossed Jamaica.",
     ["Kingston", "Montego Bay", "Jamaica"], "Kingston", 3489854),
    ("Queen's University in Kingston, Ontario, and Ottawa colleges closed for the storm.",
     ["Kingston", "Ottawa"], "Kingston", 5992500),
    ("HALIFAX, Nova Scotia (CP) - The ferry to Dartmouth was cancelled because of high winds.",
     ["Dartmouth"], "Dartmouth", 5935277),
    ("Wellington's council met on Tuesday.",
     ["Wellington"], "Wellington", 2179537),
]


@pytest.mark.parametrize(("text", "names", "name", "geonames_id"), CASES, ids=[f"{c[2]}-{c[3]}" for c in CASES])
def test_context_decides(text: str, names: list[str], name: str, geonames_id: int) -> None:
    """The name resolves to the place the rest of the story points at."""
    found = resolved(text, names, source_country="NZ" if name == "Wellington" else None)[name]
    assert found.place is not None, found
    assert found.place.geonames_id == geonames_id, found.place


def test_at_least_twenty_ambiguity_cases() -> None:
    assert len(CASES) >= 20
    assert len({name for _, _, name, _ in CASES}) < len(CASES)  # names really repeat with different answers


def test_a_big_city_is_not_read_as_a_demonym() -> None:
    """"Milan" ends like "Mexican", and "Mila" is an Algerian province: the city of that very name wins."""
    found = resolved("Fashion week opened in Milan on Monday.", ["Milan"])["Milan"]
    assert found.place is not None and found.place.geonames_id == 3173435


@pytest.mark.parametrize(("name", "geonames_id"), [("Lisbon", 2267057), ("Zurich", 2657896), ("Tokyo", 1850147)])
def test_a_region_named_after_its_city_is_the_city(name: str, geonames_id: int) -> None:
    """The district of Lisbon and the canton of Zurich bear the names of cities that hold a sixth of their
    people, and Tokyo's prefecture reaches far into the Pacific: the news means the city."""
    found = resolved(f"Bankers met in {name} on Tuesday.", [name])[name]
    assert found.place is not None and found.place.geonames_id == geonames_id


def test_a_county_named_without_county_is_the_county_when_the_story_is_there() -> None:
    """Local news drops the word: "Kanawha and Putnam" next to Charleston, West Virginia are the counties."""
    text = "Schools in Kanawha and Putnam were closed, Charleston officials said; West Virginia roads iced over."
    found = resolved(text, ["Kanawha", "Putnam", "Charleston", "West Virginia"])
    for name, geonames_id in (("Kanawha", 4810630), ("Putnam", 4819197)):
        place = found[name].place
        assert place is not None and place.geonames_id == geonames_id, place


def test_two_capitals_name_a_country_or_region_never_a_town() -> None:
    """"EU" is no Norman town of Eu; "UK" and "NY" are what they abbreviate."""
    found = resolved("EU ministers met the UK envoy in Brussels; NY officials joined by video.", ["EU", "UK", "NY"])
    assert found["EU"].place is None
    assert found["UK"].place is not None and found["UK"].place.country_code == "GB"
    assert found["NY"].place is not None and found["NY"].place.region_code == "US-NY"


def test_a_name_the_context_cannot_settle_gets_no_point() -> None:
    """Thirty-odd Springfields and nothing else to go on: a score, but no coordinates."""
    found = resolved("Springfield approved the budget on Tuesday.", ["Springfield"])["Springfield"]
    assert found.place is None
    assert found.candidate is not None and 0 < found.score < 0.25


def test_a_made_up_place_gets_nothing() -> None:
    found = resolved("Crowds gathered in Port Quillmarsh for the regatta.", ["Port Quillmarsh"])["Port Quillmarsh"]
    assert found.place is None and found.candidate is None


def test_state_abbreviation_and_demonym_name_their_place() -> None:
    found = resolved("Officials in Tenn. and Russian diplomats met.", ["Tenn.", "Russian"])
    assert found["Tenn."].place is not None and found["Tenn."].place.region_code == "US-TN"
    assert found["Russian"].place is not None and found["Russian"].place.country_code == "RU"


def _entity(text: str, name: str, qid: str | None = None, country: str | None = None) -> Entity:
    mentions = [Mention(text=name, start=m.start(), end=m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return Entity(id=qid or f"newsflow:place:{name.lower()}", name=name, type="place", wikidata_id=qid,
                  country_code=country, mention_count=len(mentions), salience=0.3, mentions=mentions)


@pytest.mark.parametrize(("text", "qid", "country", "region"), [
    ("Voters in Georgia waited for hours. Lines were long in Atlanta and Savannah on Tuesday.", "Q1428", "US-GA",
     "US-GA"),
    ("Georgia accused Russia of moving the border fence. Officials in Tbilisi protested.", "Q230", "GE", None),
])
def test_the_knowledge_base_link_agrees_with_the_resolved_place(
    text: str, qid: str, country: str, region: str | None,
) -> None:
    """The knowledge base links "Georgia" to the country out of context; the entity's id, country code and
    point all follow the place the article settles (the US state here), never a mix of the two."""
    names = [n for n in ("Georgia", "Atlanta", "Savannah", "Russia", "Tbilisi") if n in text]
    entities = [_entity(text, n, "Q230", "GE") if n == "Georgia" else _entity(text, n) for n in names]
    georgia = next(e for e in locate(text, entities)[0] if e.name == "Georgia")
    assert georgia.geo is not None and georgia.geo.region_code == region
    assert georgia.geo.country_code == country[:2]
    assert (georgia.wikidata_id, georgia.country_code) == (qid, country)


@pytest.mark.parametrize(("name", "code"), [
    ("B.C.", "CA-BC"), ("Alta.", "CA-AB"), ("N.Y", "US-NY"), ("Sask.", "CA-SK"),
])
def test_province_and_state_abbreviations(name: str, code: str) -> None:
    found = resolved(f"Flooding hit {name} on Monday.", [name])[name]
    assert found.place is not None and found.place.region_code == code


@pytest.mark.parametrize(("name", "country"), [
    ("US", "US"), ("French", "FR"), ("German", "DE"), ("Lebanese", "LB"), ("Czech", "CZ"), ("Mexican", "MX"),
    ("Spanish", "ES"), ("Canadian", "CA"), ("Belgian", "BE"),
])
def test_country_names_codes_and_demonyms(name: str, country: str) -> None:
    """"US" alone is not the French village of Us; "Spanish" and "Canadian" are the countries, not the towns
    of that name (Ontario, Texas), when nothing in the article points at the town."""
    found = resolved(f"The {name} delegation arrived on Monday.", [name])[name]
    assert found.place is not None and found.place.feature_class == "country"
    assert found.place.country_code == country


def test_a_town_named_like_a_demonym_wins_with_its_qualifier() -> None:
    found = resolved("The fair in Canadian, Texas, drew a crowd.", ["Canadian"])["Canadian"]
    assert found.place is not None and found.place.feature_class == "city" and found.place.region_code == "US-TX"


def test_continents_are_places_with_no_country() -> None:
    found = resolved("Exports to Asia and Europe rose, while Africa lagged.", ["Asia", "Europe", "Africa"])
    assert {name: r.place.geonames_id for name, r in found.items() if r.place} == {
        "Asia": 6255147, "Europe": 6255148, "Africa": 6255146}
    assert found["Asia"].place is not None and found["Asia"].place.feature_class == "continent"
    assert found["Asia"].place.country_code == ""


@pytest.mark.parametrize(("text", "name", "geonames_id"), [
    ("Talks in Kiev stalled as Ukraine's winter set in.", "Kiev", 703448),
    ("Snow fell on Quebec City overnight.", "Quebec City", 6325494),
    ("The old port of Jbeil reopened, Lebanon's tourism office said.", "Jbeil", 273203),
    ("Czechs voted on Saturday.", "Czechs", 3077311),
])
def test_other_names_fill_gaps(text: str, name: str, geonames_id: int) -> None:
    """GeoNames's other names of towns ("Kiev" for Kyiv), "Quebec City" for Québec, plural demonyms."""
    found = resolved(text, [name])[name]
    assert found.place is not None and found.place.geonames_id == geonames_id, found


def test_an_other_name_never_rivals_a_place_of_that_name() -> None:
    """Bombay, New Zealand keeps its name to itself: Mumbai's old name is only indexed where no place has it,
    so "Bombay" in a New Zealand story is the town there."""
    found = resolved("Bombay and Pukekohe, south of Auckland, lost power.", ["Bombay", "Pukekohe", "Auckland"])
    assert found["Bombay"].place is not None and found["Bombay"].place.country_code == "NZ"


def test_a_facility_named_after_a_city_is_in_that_city() -> None:
    """An airport or gallery is no gazetteer entry, but one named after a big city stands in it; one named after
    a person ("Pearson International Airport") gets no point rather than the town of Pearson, Georgia."""
    names = ["Vancouver Art Gallery", "Pearson International Airport"]
    found = resolved("Crowds queued at the Vancouver Art Gallery after landing at Pearson International Airport.",
                     names)
    gallery = found["Vancouver Art Gallery"].place
    assert gallery is not None and gallery.geonames_id == 6173331
    assert found["Pearson International Airport"].place is None


def test_a_compass_part_of_a_big_city_is_the_city_but_not_of_a_small_town() -> None:
    found = resolved("Seven men were convicted over a street fight in North London.", ["North London"])
    place = found["North London"].place
    assert place is not None and place.geonames_id == 2643743
    # A compass word before a town's name is more often another place than a part of the town (Shawnee, Kansas,
    # 65,000 people, is too small to be read into "North Shawnee").
    assert resolved("Storms crossed North Shawnee on Friday.", ["North Shawnee"])["North Shawnee"].place is None


def test_a_compass_part_of_a_city_takes_no_id_of_the_city_but_a_compass_named_place_keeps_its_own() -> None:
    text = "Shoppers crowded West Edmonton on Saturday, far from North Carolina."
    entities = [
        Entity(id="newsflow:place:west-edmonton", name="West Edmonton", type="place", mention_count=1, salience=0.5,
               mentions=[Mention(text="West Edmonton", start=19, end=32)]),
        Entity(id="newsflow:place:north-carolina", name="North Carolina", type="place", mention_count=1,
               salience=0.5, mentions=[Mention(text="North Carolina", start=56, end=70)]),
    ]
    located, _ = locate(text, entities)
    part, state = located
    assert part.geo is not None and part.geo.geonames_id == 5946768 and part.wikidata_id is None
    assert state.geo is not None and state.wikidata_id is not None
