"""Towns outside Natural Earth's list (data/linking/towns.json, from a Wikidata concordance): they take their id
only where the article names them as a place and locates another place of their country."""

import csv
import gzip
from pathlib import Path
from types import ModuleType

import pytest

from tests.scripts import load_script
from worker.enrich.knowledge import city_qids
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.locate import _linked
from worker.models import Entity, Geo, Mention


def _place(name: str, text: str, country: str, geonames_id: int, population: int, feature: str = "city") -> Entity:
    start = text.index(name)
    geo = Geo(geonames_id=geonames_id, name=name, latitude=0, longitude=0, feature_class=feature,  # type: ignore[arg-type]
              country_code=country, score=0.95, population=population)
    return Entity(id=f"newsflow:place:{name.lower()}", name=name, type="place", mention_count=1, salience=0.5,
                  mentions=[Mention(text=name, start=start, end=start + len(name))], geo=geo)


def _hinckley(text: str) -> Entity:
    return _place("Hinckley", text, "GB", 2646867, 50_712)


def _england(text: str) -> Entity:
    return _place("England", text, "GB", 6269131, 55_000_000, "region")


def test_a_town_outside_natural_earth_has_its_id_in_the_towns_table() -> None:
    assert 2646867 not in city_qids() and city_qids("towns.json")[2646867] == "Q1020362"


@pytest.mark.parametrize(("text", "qid"), [
    ("He spoke at a meeting in Hinckley, in the English Midlands. England was cold.", "Q1020362"),
    ("Voters from Hinckley said so, as did the rest of England.", "Q1020362"),
    ("Hinckley said profits rose across England.", None),  # a firm of that name
    ("The Hinckley branch in England shut.", None),
])
def test_a_town_links_only_where_the_article_names_it_as_a_place(text: str, qid: str | None) -> None:
    found = _linked([_hinckley(text), _england(text)], load_gazetteer(), text)[0]
    assert found.wikidata_id == qid


def test_a_town_needs_another_place_of_its_country_in_the_article() -> None:
    text = "He spoke at a meeting in Hinckley on Friday."
    assert _linked([_hinckley(text)], load_gazetteer(), text)[0].wikidata_id is None


def _build_linking() -> ModuleType:
    return load_script("build_linking")


def test_concordance_keeps_one_to_one_pairs_whose_label_is_the_town(tmp_path: Path) -> None:
    rows = [
        ("Q1", "1", "Hinckley"),  # kept
        ("Q2", "2", "Somewhere Else"),  # the label names another place
        ("Q3", "3", "Ashby"), ("Q4", "3", "Ashby"),  # one GeoNames id, two items
        ("Q5", "5", "Coalville"), ("Q5", "6", "Coalville"),  # one item, two GeoNames ids
        ("Q7", "7", "Loughborough"),  # a Natural Earth city carries the item already
    ]
    path = tmp_path / "concordances.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["place", "geonames_place", "freebase_place", "gnd_place", "viaf_place", "label"])
        for qid, geonames_id, label in rows:
            writer.writerow([f"http://www.wikidata.org/entity/{qid}", f"http://sws.geonames.org/{geonames_id}",
                             "", "", "", label])
    towns = {1: "hinckley", 2: "market bosworth", 3: "ashby", 5: "coalville", 6: "coalville", 7: "loughborough"}
    assert _build_linking().concordance_qids(path, towns, {"Q7"}) == {1: "Q1"}


@pytest.mark.parametrize(("name", "geonames_id", "population", "score", "qid"), [
    ("Dublin", 2964574, 1_024_027, 0.45, "Q1761"),  # the region named after it took a share of the score
    ("Dublin", 2964574, 1_024_027, 0.28, None),
    ("Oxford", 2640729, 162_100, 0.45, None),  # a smaller city needs the usual 0.5
])
def test_a_big_city_needs_less_of_the_resolver(
    name: str, geonames_id: int, population: int, score: float, qid: str | None
) -> None:
    text = f"The band finished the tour in {name} last week."
    city = _place(name, text, "IE" if name == "Dublin" else "GB", geonames_id, population)
    city = city.model_copy(update={"geo": city.geo.model_copy(update={"score": score})})  # type: ignore[union-attr]
    assert _linked([city], load_gazetteer(), text)[0].wikidata_id == qid
