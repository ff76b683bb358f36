"""Linking through the derived tables (data/linking/): strict names, same type only, curated entries win."""

import pytest

from worker.enrich.entities import Span, build_entities, merge_mentions
from worker.enrich.knowledge import KnowledgeBase, KnownEntity, load, party_countries, territory_qids
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.locate import _linked as _link_with
from worker.enrich.places.locate import parties_at_home
from worker.models import Entity, Geo, Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def _kb(*entries: KnownEntity) -> KnowledgeBase:
    kb = KnowledgeBase()
    for entry in entries:
        kb.add(entry)
    return kb


def test_bundled_tables_link_parties_and_companies(kb: KnowledgeBase) -> None:
    snp, tesco = kb.lookup("Scottish National Party"), kb.lookup("Tesco")
    assert snp is not None and snp.wikidata_id == "Q10658" and snp.derived
    assert tesco is not None and tesco.wikidata_id == "Q487494" and tesco.type == "organisation"


def test_curated_entry_wins_over_derived(kb: KnowledgeBase) -> None:
    """The curated G20 (the forum) keeps its id; the derived tables never name it."""
    hit = kb.lookup("G20")
    assert hit is not None and not hit.derived and hit.type == "organisation"


def test_derived_one_word_names_match_case_exactly() -> None:
    kb = _kb(KnownEntity("Next plc", "organisation", "Q246655", lookup_only=("Next",), derived=True))
    assert kb.lookup("Next") is not None
    assert kb.lookup("NEXT") is None and kb.lookup("next") is None
    assert kb.lookup("NEXT PLC") is not None  # several words fold as usual


def test_derived_entries_never_become_ruler_phrases(kb: KnowledgeBase) -> None:
    assert not any(entry.derived for _, entry in kb.ruler_phrases())


@pytest.mark.parametrize("label", ["PER", "LOC"])
def test_derived_organisation_links_only_an_organisation(label: str) -> None:
    kb = _kb(KnownEntity("Next plc", "organisation", "Q246655", lookup_only=("Next",), derived=True))
    text = "Next said sales rose."
    groups = merge_mentions(text, [Span(0, 4, label)], kb)
    assert [g.known for g in groups] == [None]
    linked = merge_mentions(text, [Span(0, 4, "ORG")], kb)
    assert build_entities(text, linked)[0].wikidata_id == "Q246655"


def _linked(entities: list[Entity]) -> list[Entity]:
    return _link_with(entities, load_gazetteer())


def _place(
    name: str, feature: str, country: str, region: str | None, qid: str | None = None, geonames_id: int = 1,
    population: int = 3_000_000,
) -> Entity:
    geo = Geo(geonames_id=geonames_id, name=name, latitude=0, longitude=0, feature_class=feature,  # type: ignore[arg-type]
              country_code=country, region_code=region, score=0.9, population=population)
    return Entity(id=qid or f"newsflow:place:{name.lower()}", name=name, type="place", wikidata_id=qid,
                  mention_count=1, salience=0.5, mentions=[Mention(text=name, start=0, end=len(name))], geo=geo)


def test_located_country_and_region_take_their_territory_id() -> None:
    linked = _linked([_place("Georgia", "region", "US", "US-GA"), _place("Wales", "region", "GB", "GB-WLS")])
    assert [e.wikidata_id for e in linked] == [territory_qids()["US-GA"], "Q25"]
    assert all(e.id == e.wikidata_id for e in linked)


def test_located_city_takes_its_natural_earth_id() -> None:
    [madrid] = _linked([_place("Madrid", "city", "ES", "ES-MD", geonames_id=3117735)])
    assert madrid.wikidata_id == "Q2807" and madrid.id == "Q2807"


def test_small_town_and_region_named_like_its_big_city_get_no_id() -> None:
    """"Bishop" in a team sheet resolves to a town of 3,000; "New York" the state is usually the city."""
    town = _place("Bishop", "city", "US", "US-CA", geonames_id=5328808, population=3806)
    state = _place("New York", "region", "US", "US-NY")
    washington = _place("Washington", "region", "US", "US-WA")  # Washington, D.C. is a city of the same country
    assert _linked([town, state, washington]) == [town, state, washington]


def test_unknown_cities_and_already_linked_places_are_left_alone() -> None:
    city, known = _place("Nowhere", "city", "GB", "GB-ENG"), _place("France", "country", "FR", None, "Q142")
    assert _linked([city, known]) == [city, known]


def test_an_id_is_used_once_per_article() -> None:
    first, second = _linked([_place("France", "country", "FR", None), _place("Frankreich", "country", "FR", None)])
    assert first.wikidata_id == "Q142" and second.wikidata_id is None


def test_weak_alias_inside_a_longer_name_is_not_linked(kb: KnowledgeBase) -> None:
    """The model cut "Liberal Democrats" to "Democrats": not the US Democratic Party."""
    text = "The Liberal Democrats say they suspect the move. Democrats in Congress disagreed."
    spans = spans_at(text, ("Democrats", "MISC"), ("Democrats", "ORG"))
    groups = merge_mentions(text, spans[:1], kb)
    assert [g.known for g in groups] == [None]
    assert merge_mentions(text, spans[1:], kb)[0].known is not None


def test_place_after_an_initial_gets_no_id() -> None:
    text = "C Paterson; S Webster"
    city = _place("Paterson", "city", "US", "US-NJ", geonames_id=5102466)
    assert _link_with([city], load_gazetteer(), "Paterson, New Jersey")[0].wikidata_id == "Q138391"
    city = city.model_copy(update={"mentions": [Mention(text="Paterson", start=2, end=10)]})
    assert _link_with([city], load_gazetteer(), text) == [city]


def spans_at(text: str, *items: tuple[str, str]) -> list[Span]:
    spans, cursor = [], 0
    for surface, label in items:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        spans.append(Span(start, cursor, label))
    return spans


def test_city_inside_a_longer_name_gets_no_id() -> None:
    text = "Tampa Bay Buccaneers won."
    city = _place("Tampa", "city", "US", "US-FL", geonames_id=4174757)
    city = city.model_copy(update={"mentions": [Mention(text="Tampa", start=0, end=5)]})
    assert _link_with([city], load_gazetteer(), text) == [city]
    assert _link_with([city], load_gazetteer(), "Tampa, Florida")[0].wikidata_id is not None


def test_place_inside_a_hyphenated_name_gets_no_id() -> None:
    text = "Jay-Z's Roc-A-Fella label."
    start = text.index("Roc")
    country = _place("Roc", "country", "TW", None).model_copy(
        update={"mentions": [Mention(text="Roc", start=start, end=start + 3)]})
    assert _link_with([country], load_gazetteer(), text) == [country]


@pytest.mark.parametrize(
    ("text", "linked"),
    [("films such as The Crucible and The Boxer won.", False), ("The Boxer chain said sales rose.", True),
     ("Sales rose. The Boxer chain said so.", True)],
)
def test_derived_name_after_a_title_the_is_not_linked(text: str, linked: bool) -> None:
    kb = _kb(KnownEntity("Boxer", "organisation", "Q116586275", derived=True))
    start = text.index("Boxer")
    groups = merge_mentions(text, [Span(start, start + 5, "ORG")], kb)
    assert (groups[0].known is not None) is linked


def test_no_city_ids_in_sport_and_namesakes_need_a_sure_resolver() -> None:
    """In sport "Leicester" is mostly the club; Manchester, New Hampshire needs more than England's would."""
    city = _place("Madrid", "city", "ES", "ES-MD", geonames_id=3117735, population=3_255_944)
    assert _link_with([city], load_gazetteer(), "in Madrid", link_cities=False) == [city]
    namesake = _place("Manchester", "city", "US", "US-NH", geonames_id=5089178, population=110_229)
    unsure = namesake.model_copy(update={"geo": namesake.geo.model_copy(update={"score": 0.79})})
    assert _link_with([unsure], load_gazetteer(), "in Manchester") == [unsure]
    assert _link_with([namesake], load_gazetteer(), "in Manchester")[0].wikidata_id == "Q48370"


@pytest.mark.parametrize(("text", "surface"), [("Top TV hit Little Britain has won.", "Britain"),
                                               ("BBC Radio Scotland presenter Vic Galloway said.", "Scotland")])
def test_curated_alias_inside_a_longer_name_is_not_linked(kb: KnowledgeBase, text: str, surface: str) -> None:
    start = text.index(surface)
    groups = merge_mentions(text, [Span(start, start + len(surface), "LOC")], kb)
    assert [g.known for g in groups] == [None]


def _organisation(name: str, qid: str, country: str) -> Entity:
    return Entity(id=qid, name=name, type="organisation", wikidata_id=qid, country_code=country, mention_count=1,
                  salience=0.5, mentions=[Mention(text=name, start=0, end=len(name))])


def test_a_derived_party_keeps_its_id_only_in_an_article_set_in_its_country() -> None:
    """Party Facts' "Unity Coalition" is Costa Rica's: a British article's Unity Coalition is another party."""
    unity = _organisation("Unity Coalition", "Q2838019", "CR")
    london = _place("London", "city", "GB", "GB-ENG", "Q84")
    assert party_countries()["Q2838019"] == "CR"
    abroad = parties_at_home([unity, london])[0]
    assert abroad.wikidata_id is None and abroad.country_code is None
    assert abroad.id == "newsflow:organisation:unity-coalition"
    at_home = _place("San José", "city", "CR", None, geonames_id=2)
    assert parties_at_home([unity, at_home])[0].wikidata_id == "Q2838019"
    assert parties_at_home([unity], source_country="cr")[0].wikidata_id == "Q2838019"


def test_curated_parties_and_companies_are_not_held_to_a_country() -> None:
    """The Conservative Party is in Party Facts too, but its curated entry was checked by hand."""
    conservatives = _organisation("Conservative Party", "Q9626", "GB")
    boeing = _organisation("Boeing", "Q66", "US")  # a company from the derived tables, not a party
    assert "Q9626" not in party_countries()
    paris = _place("Paris", "city", "FR", None, "Q90")
    assert [e.wikidata_id for e in parties_at_home([conservatives, boeing, paris])] == ["Q9626", "Q66", "Q90"]
