"""Every real place in seeds/ is located where it is; made-up and unplaceable names get no point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pipelines import default_pipeline
from worker.enrich.places.context import distance_km
from worker.models import EnrichedArticle, Entity, EntityMention
from worker.pipeline import Enriched, Message

SEEDS = Path(__file__).parents[3] / "seeds"

# name: (GeoNames id, GeoNames latitude, longitude, tolerance in km). Countries and continents carry GeoNames's
# own point; subdivisions get the point of the places inside them, so their tolerance is wider than a city's.
LOCATED = {
    "Beijing": (1816670, 39.9075, 116.39723, 10),
    "Bali": (1650535, -8.5, 115.0, 100),
    "Indonesia": (1643084, -5.0, 120.0, 10),
    "Taiwan": (1668284, 24.0, 121.0, 150),
    "Xinjiang": (1529047, 42.0, 86.0, 300),
    "Tibet": (1279685, 32.0, 90.0, 300),
    "Hong Kong": (1819730, 22.25, 114.1667, 30),
    "China": (1814991, 35.0, 105.0, 10),
    "United States": (6252001, 39.76, -98.5, 10),
    "Frankfurt": (2925533, 50.11552, 8.68417, 10),
    "Germany": (2921044, 51.5, 10.5, 10),
    "Italy": (3175395, 42.83333, 12.83333, 10),
    "Gothenburg": (2711537, 57.70716, 11.96679, 10),
    "Berlin": (2950159, 52.52437, 13.41053, 10),
    "Aberdeen": (2657832, 57.14369, -2.09814, 10),
    "Edinburgh": (2650225, 55.95206, -3.19648, 10),
    "Wembley": (2634549, 51.55242, -0.29686, 10),
    "Europe": (6255148, 48.69096, 9.14062, 10),
    # The Spanish wire article (enriched since Spanish has a model).
    "Sevilla": (2510911, 37.38283, -5.97317, 10),
    "Córdoba": (2519240, 37.89155, -4.77275, 10),
    "Andalucía": (2593109, 37.42294, -4.64762, 300),
}
# Known wrong (none now). Andalucía was: the resolver preferred the Colombian town (18,000 people) to Spain's
# region of that name. With the Spanish model retrained on CoNLL-2002 + WikiANN it resolves to the region (the
# model also reads "valle del Guadalquivir" in that article as a place now).
WRONG: set[str] = set()
# Made up in the seeds, or no place a gazetteer of towns and areas can point at: none gets a point. ("Wood
# Mackenzie", a firm the NER once read as a place, is an organisation now: tests/unit/test_golden_seeds_entities.py.)
UNLOCATED = {"Harbour Park", "North Sea", "North East", "valle del Guadalquivir"}


def _messages() -> list[Message]:
    messages = []
    for path in sorted(SEEDS.iterdir()):
        if path.suffix == ".jsonl":
            messages += [Message(line.encode()) for line in path.read_text().splitlines() if line.strip()]
        else:
            messages.append(Message(path.read_bytes(), content_type="text/html" if path.suffix == ".html" else None))
    return messages


@pytest.fixture(scope="module")
def outcomes() -> list[Enriched]:
    results = default_pipeline().process(_messages())
    assert all(isinstance(r, Enriched) for r in results)
    return [r for r in results if isinstance(r, Enriched)]


@pytest.fixture(scope="module")
def places(outcomes: list[Enriched]) -> dict[str, Entity]:
    return {e.name: e for o in outcomes for e in o.article.entities if e.type == "place"}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason="resolver picks a namesake town", strict=True)) if n in WRONG else n
    for n in sorted(LOCATED)
])
def test_real_place_is_where_it_is(places: dict[str, Entity], name: str) -> None:
    geonames_id, lat, lon, tolerance = LOCATED[name]
    entity = places[name]
    assert entity.geo is not None, name
    assert entity.geo.geonames_id == geonames_id, entity.geo
    assert distance_km(lat, lon, entity.geo.latitude, entity.geo.longitude) <= tolerance, entity.geo


@pytest.mark.parametrize("name", sorted(UNLOCATED))
def test_made_up_or_unplaceable_gets_no_point(places: dict[str, Entity], name: str) -> None:
    assert name in places and places[name].geo is None


def test_every_place_is_checked(places: dict[str, Entity]) -> None:
    """A new place entity in the seeds must be added to one of the two lists above."""
    assert set(places) <= set(LOCATED) | UNLOCATED


def test_codes_and_feature_classes(places: dict[str, Entity]) -> None:
    geo = {name: e.geo for name, e in places.items() if e.geo is not None}
    assert geo["Xinjiang"].region_code == "CN-XJ" and geo["Xinjiang"].feature_class == "region"
    assert geo["Aberdeen"].country_code == "GB" and geo["Aberdeen"].region_code == "GB-SCT"
    assert geo["Indonesia"].feature_class == "country" and geo["Indonesia"].region_code is None
    assert geo["Frankfurt"].feature_class == "city" and (geo["Frankfurt"].population or 0) > 500_000


def _article(outcomes: list[Enriched], word: str) -> EnrichedArticle:
    return next(o.article for o in outcomes if word in (o.article.title or "") or o.article.text.startswith(word))


def test_locations_put_each_story_on_the_map(outcomes: list[Enriched]) -> None:
    assert _article(outcomes, "Offshore wind").locations[0].name == "Aberdeen"
    assert _article(outcomes, "Chinese President").locations[0].name in {"United States", "China"}
    for outcome in outcomes:
        saliences = [loc.salience for loc in outcome.article.locations]
        assert saliences == sorted(saliences, reverse=True)


def test_mention_events_carry_the_geo(outcomes: list[Enriched]) -> None:
    events: list[EntityMention] = [m for o in outcomes for m in o.mentions if m.name == "Gothenburg"]
    assert events and events[0].geo is not None and events[0].geo.geonames_id == 2711537


def test_old_records_without_geo_still_validate(outcomes: list[Enriched]) -> None:
    """Additive change: a record written before geo existed reads back with no geo and no locations."""
    record = outcomes[0].article.model_dump(mode="json")
    record.pop("locations")
    for entity in record["entities"]:
        entity.pop("geo")
    old = EnrichedArticle.model_validate(record)
    assert old.locations == [] and all(e.geo is None for e in old.entities)
