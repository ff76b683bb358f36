"""Ids a name from the derived tables must not take: a person behind a brand's name, another country's public
body, a firm a country's possessive owns that shares a foreign city's name."""

import pytest

from worker.enrich.knowledge import brand_ids, load, local_countries
from worker.enrich.link_checks import brands_as_named, local_names_at_home
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.locate import _linked
from worker.enrich.places.names import _demonym_rows
from worker.models import Entity, Geo, Mention


def _named(name: str, qid: str, text: str, surface: str | None = None, country: str | None = None) -> Entity:
    surface = surface or name
    start = text.index(surface)
    return Entity(id=qid, name=name, type="organisation", wikidata_id=qid, country_code=country, mention_count=1,
                  salience=0.5, mentions=[Mention(text=surface, start=start, end=start + len(surface))])


@pytest.mark.parametrize(("text", "surface", "linked"), [
    ("Despite glitches during Mr Gate's speech, he announced partnerships.", "Mr Gate", False),
    ("Despite glitches during Mr Gate's speech, he announced partnerships.", "Gate", False),
    ("Gate said its sales rose.", "Gate", True),
])
def test_a_brand_after_a_personal_title_is_a_person(text: str, surface: str, linked: bool) -> None:
    assert "Q93517084" in brand_ids()
    gate = _named("Gate", "Q93517084", text, surface)
    assert (brands_as_named(text, [gate])[0].wikidata_id == "Q93517084") is linked


def _london() -> Entity:
    geo = Geo(geonames_id=2643743, name="London", latitude=51.5, longitude=-0.1, feature_class="city",
              country_code="GB", score=0.9, population=8_961_989)
    return Entity(id="Q84", name="London", type="place", wikidata_id="Q84", mention_count=1, salience=0.5,
                  mentions=[Mention(text="London", start=0, end=6)], geo=geo)


def test_a_public_body_of_one_country_keeps_its_id_only_at_home() -> None:
    """name-suggestion-index's "Department of Trade and Industry" is the Philippines'; British news means the UK's."""
    assert local_countries()["Q3545667"] == "PH"
    text = "London: MPs asked the Department of Trade and Industry to act."
    dti = _named("Department of Trade and Industry", "Q3545667", text, country="PH")
    assert local_names_at_home([dti, _london()])[0].wikidata_id is None
    assert local_names_at_home([dti], source_country="PH")[0].wikidata_id == "Q3545667"


def test_a_named_public_body_is_not_held_to_its_country() -> None:
    """A name that is not made of ordinary words ("Scottish Government") is that body anywhere."""
    assert "Q32521" not in local_countries()


def _suez(text: str) -> Entity:
    start = text.index("Suez")
    geo = Geo(geonames_id=359796, name="Suez", latitude=29.97, longitude=32.53, feature_class="city",
              country_code="EG", score=0.8, population=699_541)
    return Entity(id="newsflow:place:suez", name="Suez", type="place", mention_count=1, salience=0.5,
                  mentions=[Mention(text="Suez", start=start, end=start + 4)], geo=geo)


@pytest.mark.parametrize(("text", "qid"), [
    ("The water firm is controlled by France's Suez, the utility.", None),
    ("Ships queued at Egypt's Suez on Monday.", "Q134514"),
    ("Ships queued at Suez on Monday.", "Q134514"),
])
def test_a_city_after_another_countrys_possessive_is_not_that_city(text: str, qid: str | None) -> None:
    assert _linked([_suez(text)], load_gazetteer(), text)[0].wikidata_id == qid


@pytest.mark.parametrize(("word", "country"), [("Kazakh", "KZ"), ("Uzbeks", "UZ"), ("Afghan", "AF")])
def test_a_demonym_of_a_stan_country_names_the_country(word: str, country: str) -> None:
    """"Kazakh citizens" are Kazakhstan's, not a town's whose alternate name is Kazakh (which took a city id)."""
    gazetteer = load_gazetteer()
    rows = _demonym_rows(gazetteer, word)
    assert [(gazetteer.kind(r), gazetteer.country_code(r)) for r in rows] == [("country", country)]


def test_a_derived_name_whose_words_join_into_an_ordinary_word_is_dropped() -> None:
    """name-suggestion-index's "Life Time" is a gym chain; the folded lookup would find it in "Lifetime", the TV
    channel. "Gazprom Neft" joins into no ordinary word and stays findable as "Gazpromneft"."""
    kb = load()
    assert kb.lookup("Lifetime") is None and kb.lookup("Life Time") is None
    found = kb.lookup("Gazpromneft")
    assert found is not None and found.wikidata_id == "Q1461799"


@pytest.mark.parametrize(("text", "qid"), [
    ("The greenback closed at $1.35 in New York on Friday.", "Q60"),
    ("The greenback hit $1.35 in thin New York trade.", None),  # without "in": the state in local news
    ("Citadel pulled the show from stations in New York and Pennsylvania.", None),
    ("It was done in New York and Washington.", "Q60"),  # Washington is named like a big city too
])
def test_a_region_named_like_its_big_city_is_the_city_after_in_unless_listed_with_a_region(
    text: str, qid: str | None
) -> None:
    start = text.index("New York")
    geo = Geo(geonames_id=5128638, name="New York", latitude=43, longitude=-75, feature_class="region",
              country_code="US", region_code="US-NY", score=0.99, population=19_274_244)
    state = Entity(id="newsflow:place:new-york", name="New York", type="place", mention_count=1, salience=0.5,
                   mentions=[Mention(text="New York", start=start, end=start + 8)], geo=geo)
    assert _linked([state], load_gazetteer(), text)[0].wikidata_id == qid


def _person(name: str, text: str) -> Entity:
    start = text.index(name)
    return Entity(id=f"newsflow:person:{name.lower()}", name=name, type="person", mention_count=1, salience=0.5,
                  mentions=[Mention(text=name, start=start, end=start + len(name))])


@pytest.mark.parametrize(("text", "brand", "qid", "person", "linked"), [
    ("He was nominated for such films as Raging Bull and Goodfellas.", "Raging Bull", "Q129256219", None, False),
    ("He appeared in the cult TV show Twin Peaks.", "Twin Peaks", "Q7858255", None, False),
    ("He came to the UK for Top of the Pops in 1978.", "Pops", "Q119104181", None, False),
    ("The Director of the Pops chain said sales rose.", "Pops", "Q119104181", None, True),
    ("He conducted Vincenzo Bellini's Norma in Vienna.", "Norma", "Q450180", "Vincenzo Bellini", False),
    ("Chris Evans left the show. The gregarious Evans said so.", "Evans", "Q5415877", "Chris Evans", False),
    ("Evans, the clothing chain, cut prices.", "Evans", "Q5415877", None, True),
])
def test_a_brand_named_as_a_work_or_a_person_is_neither(
    text: str, brand: str, qid: str, person: str | None, linked: bool
) -> None:
    assert qid in brand_ids()
    start = text.rindex(brand)
    found = Entity(id=qid, name=brand, type="organisation", wikidata_id=qid, mention_count=1, salience=0.5,
                   mentions=[Mention(text=brand, start=start, end=start + len(brand))])
    entities = [found] + ([_person(person, text)] if person else [])
    assert (brands_as_named(text, entities)[0].wikidata_id == qid) is linked
