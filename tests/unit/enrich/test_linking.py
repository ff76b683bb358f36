"""Linking through the derived tables (data/linking/): strict names, same type only, curated entries win."""

import pytest

from worker.enrich.entities import Span, build_entities, is_cut_name, merge_mentions
from worker.enrich.knowledge import KnowledgeBase, KnownEntity, brand_ids, load, local_countries, territory_qids
from worker.enrich.link_checks import brands_as_named, called_otherwise, local_names_at_home
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.locate import _linked as _link_with
from worker.enrich.places.locate import locate
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
    assert local_countries()["Q2838019"] == "CR"
    abroad = local_names_at_home([unity, london])[0]
    assert abroad.wikidata_id is None and abroad.country_code is None
    assert abroad.id == "newsflow:organisation:unity-coalition"
    at_home = _place("San José", "city", "CR", None, geonames_id=2)
    assert local_names_at_home([unity, at_home])[0].wikidata_id == "Q2838019"
    assert local_names_at_home([unity], source_country="cr")[0].wikidata_id == "Q2838019"


def test_curated_parties_and_companies_are_not_held_to_a_country() -> None:
    """The Conservative Party is in Party Facts too, but its curated entry was checked by hand."""
    conservatives = _organisation("Conservative Party", "Q9626", "GB")
    boeing = _organisation("Boeing", "Q66", "US")  # a company from the derived tables, not a party
    assert "Q9626" not in local_countries()
    paris = _place("Paris", "city", "FR", None, "Q90")
    assert [e.wikidata_id for e in local_names_at_home([conservatives, boeing, paris])] == ["Q9626", "Q66", "Q90"]


def test_a_regional_operator_keeps_its_one_word_id_only_in_an_article_set_in_its_country() -> None:
    """name-suggestion-index's "Veritas" runs recycling in Veneto; the new British party of that name is not it."""
    veritas = _organisation("Veritas", "Q25409223", "IT")
    assert local_countries()["Q25409223"] == "IT"
    london = _place("London", "city", "GB", "GB-ENG", "Q84")
    assert local_names_at_home([veritas, london])[0].wikidata_id is None
    venice = _place("Venice", "city", "IT", None, geonames_id=3)
    assert local_names_at_home([veritas, venice])[0].wikidata_id == "Q25409223"


def test_worldwide_and_national_brands_are_not_held_to_a_country() -> None:
    """Only one-word names of operators found in parts of one country are regional; Tesco is not."""
    assert "Q487494" not in local_countries() and "Q487494" in brand_ids()


@pytest.mark.parametrize(("text", "called"), [
    ("Mr Kilroy-Silk announced his new party, Veritas, the Latin for truth.", True),
    ("He is setting up a new political party called Veritas - Latin for truth.", True),
    ("He was made deputy party leader of Veritas.", True),
    ("Supporters of the Veritas party met in London.", True),
    ("Veritas said its recycling plants in Venice were full.", False),
    ("The party leader of Veritasians spoke.", False),
])
def test_what_the_article_calls_a_name(text: str, called: bool) -> None:
    start = text.index("Veritas")
    veritas = Entity(id="Q25409223", name="Veritas", type="organisation", wikidata_id="Q25409223", mention_count=1,
                     salience=1.0, mentions=[Mention(text="Veritas", start=start, end=start + 7)])
    assert called_otherwise(text, veritas) is called
    assert (brands_as_named(text, [veritas])[0].wikidata_id is None) is called


def test_a_brand_id_stays_on_a_name_the_article_calls_a_party_when_it_is_no_brand() -> None:
    """Only name-suggestion-index ids are checked: a curated or Party Facts party is a party."""
    text = "The party, Labour, won."
    labour = Entity(id="Q9630", name="Labour", type="organisation", wikidata_id="Q9630", mention_count=1,
                    salience=1.0, mentions=[Mention(text="Labour", start=11, end=17)])
    assert "Q9630" not in brand_ids()
    assert brands_as_named(text, [labour])[0].wikidata_id == "Q9630"


def _at(entity: Entity, text: str) -> Entity:
    """The entity with its one mention where its name stands in the text."""
    start = text.index(entity.name)
    mention = Mention(text=entity.name, start=start, end=start + len(entity.name))
    return entity.model_copy(update={"mentions": [mention]})


@pytest.mark.parametrize(("text", "linked"), [
    ("The final will be played in Madrid on Sunday.", True),
    ("Real beat Madrid in the derby.", False),
    ("It came in Madrid's 2-0 win.", False),
])
def test_in_sport_a_city_after_in_is_the_place(text: str, linked: bool) -> None:
    """No city ids in sport ("Leicester" is mostly the club), except where every mention follows "in"."""
    city = _at(_place("Madrid", "city", "ES", "ES-MD", geonames_id=3117735, population=3_255_944), text)
    found = _link_with([city], load_gazetteer(), text, link_cities=False)[0]
    assert (found.wikidata_id == "Q2807") is linked and (found.wikidata_id is None) is not linked


@pytest.mark.parametrize(("text", "qid"), [
    ("US crude closed up $2.80 at $51.15 in New York on Tuesday.", "Q60"),
    ("The New York attorney general said so.", None),
    ("He lived in New York state for years.", None),
])
def test_a_region_named_like_its_big_city_is_the_city_after_in(text: str, qid: str | None) -> None:
    state = _at(_place("New York", "region", "US", "US-NY", geonames_id=5128638, population=19_274_244), text)
    found = _link_with([state], load_gazetteer(), text)[0]
    assert found.wikidata_id == qid
    assert found.geo is not None and found.geo.feature_class == ("city" if qid else "region")


@pytest.mark.parametrize(("text", "surface", "cut"), [
    ("State-owned Rosneft bought the unit.", "Rosneft", False),
    ("Shares in Ireland-based Elan fell.", "Elan", False),
    ("The Liberal Democrats said no.", "Democrats", True),
    ("Other US carriers went bust.", "US", False),
    ("He said so. Across Wales, pickets were held.", "Wales", False),
    ("Universities Scotland said so.", "Scotland", True),
    ("a film, Other Worlds, won.", "Worlds", True),
    ("the money to bid for Yugansk. US bankruptcy judge Letitia Clark", "US", False),
    ("C. Paterson scored.", "Paterson", True),
    ("the U.S. Congress voted.", "Congress", True),
])
def test_words_that_only_carry_a_capital_do_not_start_a_name(text: str, surface: str, cut: bool) -> None:
    assert is_cut_name(text, text.index(surface)) is cut


def test_the_continents_carry_their_ids(kb: KnowledgeBase) -> None:
    """The seven continents of GeoNames's list, Oceania left out (Wikidata has two items for it)."""
    found = {name: (hit.wikidata_id if (hit := kb.lookup(name)) else None)
             for name in ("Africa", "Asia", "Europe", "North America", "South America", "Antarctica")}
    assert found == {"Africa": "Q15", "Asia": "Q48", "Europe": "Q46", "North America": "Q49",
                     "South America": "Q18", "Antarctica": "Q51"}


def test_a_region_named_only_by_a_two_letter_code_takes_no_id() -> None:
    """ "one in London and one in LA": the resolver's Louisiana is Los Angeles in the news."""
    text = "I'm going to open one in London and one in LA."
    louisiana = _at(_place("LA", "region", "US", "US-LA", geonames_id=4331987), text)
    assert _link_with([louisiana], load_gazetteer(), text)[0].wikidata_id is None
    spelled = _at(_place("Louisiana", "region", "US", "US-LA", geonames_id=4331987), "Storms hit Louisiana.")
    assert _link_with([spelled], load_gazetteer(), "Storms hit Louisiana.")[0].wikidata_id == "Q1588"


def test_an_acronym_the_article_defines_is_the_name_before_its_bracket(kb: KnowledgeBase) -> None:
    """ "Greek Athletics Federation (Segas)": capitals in brackets after a name are its acronym, whatever the
    model called the acronym's other mentions."""
    text = "The Greek Athletics Federation (SEGAS) met. SEGAS officials said so."
    full, first, second = text.index("Greek"), text.index("SEGAS"), text.index("SEGAS off")
    spans = [Span(full, full + 26, "ORG"), Span(first, first + 5, "ORG"), Span(second, second + 5, "LOC")]
    groups = merge_mentions(text, spans, kb)
    assert [(g.type, len(g.mentions)) for g in groups] == [("organisation", 3)]
    undefined = "The Greek Athletics Federation met. SEGAS officials said so."
    start = undefined.index("SEGAS")
    assert len(merge_mentions(undefined, [Span(4, 30, "ORG"), Span(start, start + 5, "ORG")], kb)) == 2


def test_a_party_acronym_of_four_letters_links_and_is_held_to_its_country(kb: KnowledgeBase) -> None:
    """Party Facts' short names: "UKIP" links (only at home); three letters are too often something else."""
    ukip = kb.lookup("UKIP")
    assert ukip is not None and ukip.wikidata_id == "Q10647" and local_countries()["Q10647"] == "GB"
    assert kb.lookup("MEP") is None  # a Portuguese party's acronym, and every Member of the European Parliament


def test_a_facility_placed_in_its_city_takes_no_city_id() -> None:
    """The resolver puts "Leicester Square" in Leicester (a facility named after a city); the id would be wrong."""
    text = "The premiere was in London's Leicester Square."
    square = _at(_place("Leicester Square", "city", "GB", "GB-ENG", geonames_id=2644668, population=368_600), text)
    assert _link_with([square], load_gazetteer(), text)[0].wikidata_id is None
    lives = "He lives in Leicester."
    city = _at(_place("Leicester", "city", "GB", "GB-ENG", geonames_id=2644668, population=368_600), lives)
    assert _link_with([city], load_gazetteer(), lives)[0].wikidata_id == "Q83065"


def test_a_national_body_named_by_a_shared_alias_keeps_its_id_only_at_home() -> None:
    """ "the country's Congress" in an article set in Brazil is Brazil's; "US Congress" is the US one anywhere."""
    text = "A reform of Brazil's bankruptcy laws was approved by the country's Congress."
    start = text.index("Congress")
    congress = Entity(id="Q11268", name="United States Congress", type="organisation", wikidata_id="Q11268",
                      country_code="US", mention_count=1, salience=0.5,
                      mentions=[Mention(text="Congress", start=start, end=start + 8)])
    brazil = _place("Brazil", "country", "BR", None, "Q155")
    assert local_names_at_home([congress, brazil])[0].wikidata_id is None
    assert local_names_at_home([congress])[0].wikidata_id == "Q11268"  # no place: nothing says abroad
    named = congress.model_copy(update={"mentions": [Mention(text="US Congress", start=0, end=11)]})
    assert local_names_at_home([named, brazil])[0].wikidata_id == "Q11268"


@pytest.mark.parametrize(("text", "linked"), [
    ("Jason Scotland played the pass. Bullock, Duff, Scotland (Samuel 63), Kerr.", False),
    ("Jason Scotland played the pass. He left for a club in Scotland.", True),
])
def test_a_country_that_is_the_surname_of_a_person_in_the_article_is_that_person(
    kb: KnowledgeBase, text: str, linked: bool
) -> None:
    start = text.rindex("Scotland")
    groups = merge_mentions(text, [Span(0, 14, "PER"), Span(start, start + 8, "LOC")], kb)
    assert any(g.known is not None and g.known.wikidata_id == "Q22" for g in groups) is linked


def test_a_place_that_runs_on_into_a_facility_name_is_no_place() -> None:
    """ "Toronto's Princess of Wales Theatre": Wales is a word of the theatre's name."""
    text = "It opens at Toronto's Princess of Wales Theatre next year."
    wales = _at(_place("Wales", "region", "GB", "GB-WLS", "Q25"), text)
    found = locate(text, [wales])[0][0]
    assert found.wikidata_id is None and found.geo is None
    plain = "It opens in Wales next year."
    assert locate(plain, [_at(_place("Wales", "region", "GB", "GB-WLS", "Q25"), plain)])[0][0].wikidata_id == "Q25"


def test_a_place_followed_by_a_year_in_brackets_is_a_title() -> None:
    """ "Humphrey Bogart in Casablanca (1944)": the film, not the city."""
    text = "Humphrey Bogart in Casablanca (1944) did not win."
    city = _at(_place("Casablanca", "city", "MA", None, "Q7903", geonames_id=2553604), text)
    assert locate(text, [city])[0][0].wikidata_id is None
    plain = "He flew to Casablanca in 1944."
    assert locate(plain, [_at(_place("Casablanca", "city", "MA", None, "Q7903"), plain)])[0][0].wikidata_id == "Q7903"


def test_a_knowledge_base_name_leaves_with_its_id_when_the_place_is_elsewhere() -> None:
    """ "Norfolk, Nebraska": the knowledge base's Norfolk Island (AU) is dropped, name and all."""
    text = "He lived in Norfolk, Nebraska from the age of eight."
    island = _at(_place("Norfolk", "city", "US", "US-NE", geonames_id=5073965, population=24_000), text)
    island = island.model_copy(update={"name": "Norfolk Island", "wikidata_id": "Q31057", "country_code": "NF"})
    found = locate(text, [island])[0][0]
    assert found.wikidata_id != "Q31057" and found.name == "Norfolk" and found.country_code != "NF"
