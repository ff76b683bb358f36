"""Place entities of an article to located places: `geo` on each entity and the article's `locations`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from worker.enrich.entities import is_cut_name
from worker.enrich.knowledge import city_qids, slug, territory_qids
from worker.enrich.link_checks import brands_as_named, local_names_at_home
from worker.enrich.places.facilities import names_a_facility
from worker.enrich.places.gazetteer import Gazetteer, Place, fold
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.mentions import named_as_a_town, owner_abroad
from worker.enrich.places.names import names_a_part
from worker.enrich.places.resolve import PlaceName, Resolution, resolve
from worker.enrich.places.within import IN_CONTAINER
from worker.models import Entity, Geo, Location

#: A city takes a Wikidata id only from this population: smaller towns named in news are often surnames.
MIN_LINKED_CITY = 15_000
#: ... and only when the resolver is at least this sure (its own `geo` needs 0.25): a wrong town is a wrong id.
MIN_LINKED_CITY_SCORE = 0.5
#: ... or this sure when a bigger place bears the same name (Manchester, New Hampshire, against England's).
MIN_NAMESAKE_SCORE = 0.9
#: ... or only this sure for a city of BIG_CITY people or more that no bigger place shares its name with: its
#: score is low where the region named after it takes a share ("Dublin", "Lisbon"), and that region means it.
MIN_BIG_CITY_SCORE = 0.3
BIG_CITY = 500_000
#: A region named like a city of this size in its country ("New York") is too often the city to take its id.
REGION_CITY = 100_000

#: At most this many places in an article's `locations`.
MAX_LOCATIONS = 3
#: A place joins `locations` when its salience is at least this share of the most salient located place.
LOCATION_SHARE = 0.5


# "20 kilometres east of Aberdeen", "north-west of Leeds": only a place is a compass direction away.
_COMPASS_OF = re.compile(
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+$", re.IGNORECASE
)


def _as_place(text: str, entity: Entity) -> Entity:
    """An organisation every mention of which is a compass direction away from something is a place."""
    if entity.type != "organisation" or entity.wikidata_id or not all(
        _COMPASS_OF.search(text, max(0, m.start - 20), m.start) for m in entity.mentions
    ):
        return entity
    return entity.model_copy(update={"type": "place", "id": f"newsflow:place:{slug(entity.name)}"})


def to_geo(place: Place, score: float) -> Geo:
    same = {name: getattr(place, name) for name in ("geonames_id", "name", "latitude", "longitude", "feature_class",
                                                    "region_code")}
    return Geo(**same, country_code=place.country_code or None, population=place.population or None, score=score)


def locate(
    text: str,
    entities: Sequence[Entity],
    *,
    source_country: str | None = None,
    gazetteer: Gazetteer | None = None,
    link_cities: bool = True,
) -> tuple[list[Entity], list[Location]]:
    """Entities with `geo` set on the places the article settles, and the article's main locations."""
    entities = [_as_place(text, e) for e in entities]
    places = [e for e in entities if e.type == "place"]
    names = [
        PlaceName(
            tuple(dict.fromkeys((e.name, *(m.text for m in e.mentions)))),
            tuple((m.start, m.end) for m in e.mentions),
        )
        for e in places
    ]
    resolved: dict[str, Resolution] = dict(
        zip((e.id for e in places), resolve(text, names, source_country=source_country, gazetteer=gazetteer),
            strict=True)
    )
    located = []
    for entity in entities:
        found = resolved.get(entity.id)
        if found is not None and found.place is not None:
            entity = _agreeing(entity.model_copy(update={"geo": to_geo(found.place, found.score)}))
        located.append(entity)
    located = [_unlinked_in_facility(text, e) for e in located]
    located = _linked(located, gazetteer or load_gazetteer(), text, link_cities=link_cities)
    return brands_as_named(text, local_names_at_home(located, source_country)), main_locations(located)


# The capitalised words a mention runs on into: "(Princess of) Wales Theatre", "Wales Millennium Centre".
_RUN_ON = re.compile(r"(?: [A-Z][\w'’-]*)+")
# A work's year in brackets after its title: "Humphrey Bogart in Casablanca (1944)".
_YEAR_AFTER = re.compile(r" \((?:1[89]|20)\d\d\)")


def _word_of_a_name(text: str, start: int, end: int) -> bool:
    """The mention is a word of a longer name: it runs on into a facility's name ("Princess of Wales Theatre"),
    or a year in brackets follows it, a work's title ("Humphrey Bogart in Casablanca (1944)")."""
    run = _RUN_ON.match(text, end)
    return bool(run and names_a_facility(run.group()) or _YEAR_AFTER.match(text, end))


def _unlinked_in_facility(text: str, entity: Entity) -> Entity:
    """A place every mention of which is a word of a longer name (`_word_of_a_name`) is not that place: its id
    (from the knowledge base) and `geo` are dropped, and `_linked` gives it none."""
    if entity.type != "place" or not entity.mentions or not all(
        _word_of_a_name(text, m.start, m.end) for m in entity.mentions
    ):
        return entity
    return entity.model_copy(update={"id": f"newsflow:place:{slug(entity.name)}", "wikidata_id": None,
                                     "country_code": None, "geo": None})


def _agreeing(entity: Entity) -> Entity:
    """A knowledge-base link in another country than the resolved place is the namesake: it is dropped.

    The knowledge base links a name out of context ("Georgia" is the country, "Savannah" the Ghanaian
    region); the resolver has read the article (Atlanta, Savannah: the US state). Keeping both would give
    one entity a country's id and country code and a US state's point, so the place the text settles wins,
    and `_linked` then gives it the id of that place where one is known.
    """
    geo = entity.geo
    linked_country = (entity.country_code or "")[:2].upper()
    if geo is None or not geo.country_code or not linked_country or linked_country == geo.country_code.upper():
        return entity
    # The knowledge base's name goes with its id: "Norfolk Island" read in "Norfolk, Nebraska" is "Norfolk".
    name = max((m.text for m in entity.mentions), key=len, default=entity.name)
    return entity.model_copy(update={
        "id": f"newsflow:place:{slug(name)}", "name": name, "wikidata_id": None, "country_code": None,
    })


def _biggest_of_its_name(geo: Geo, gazetteer: Gazetteer) -> bool:
    rows = gazetteer.index.get(fold(geo.name), [])
    rows = [rows] if isinstance(rows, int) else rows
    return all(gazetteer.population[row] <= (geo.population or 0) for row in rows if gazetteer.kinds[row] == 3)


def _big_city_named(name: str, geo: Geo, gazetteer: Gazetteer) -> int | None:
    """The row of a city of REGION_CITY people or more in the region's country that bears its name
    ("Washington", D.C.; "New York City"), or None."""
    for key in (fold(name), fold(f"{name} City")):
        rows = gazetteer.index.get(key, [])
        for row in [rows] if isinstance(rows, int) else rows:
            if (gazetteer.kinds[row] == 3 and gazetteer.population[row] >= REGION_CITY
                    and gazetteer.country_code(row) == geo.country_code):
                return row
    return None


# A city mention followed by a capitalised word is the start of a longer name: "Tampa Bay Buccaneers";
# any place mention followed by a hyphenated capitalised word too: "Roc-A-Fella" (not "London-based").
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
_HYPHENATED = re.compile(r"-[A-Z]")
# "in Cardiff", "in Athens": in a sport article a city after "in" is where something happens, not a club
# ("beat Cardiff", "Cardiff's win" are the club).
_IN_BEFORE = re.compile(r"\b[Ii]n\s+$")
_POSSESSIVE = re.compile(r"['’]s?\b")
_STATE_AFTER = re.compile(r"\s+[Ss]tate\b")
# Offices and words of a region, not of its city: "New York attorney general", "Buenos Aires province".
_REGION_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[Ss]tate|[Gg]overnor|[Aa]ttorney[- ][Gg]eneral|[Ll]egislature|[Ss]enate|[Aa]ssembly"
    r"|[Cc]omptroller|[Pp]rovinc(?:e|ial)|[Cc]ounty|[Dd]istrict|[Gg]overnorate|[Rr]egion(?:al)?)\b"
)
_LISTED_AFTER = re.compile(r"(?:,|\s+and|\s+or)\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_LISTED_BEFORE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:,|\s+and|\s+or)\s+$")
_REGION_BEFORE = re.compile(r"\b(?:[Uu]pstate|[Ss]tate of|[Pp]rovince of|[Gg]overnor of|[Gg]overnorate of)\s+$")
# A bare two-letter code is a postal abbreviation the news mostly uses for something else: "LA" is Los
# Angeles (or Antonio "LA" Reid) far more often than Louisiana. The resolver may keep its `geo`; no id.
_POSTAL_CODE = re.compile(r"[A-Z]{2}")


@cache
def _territories() -> dict[str, str]:
    return territory_qids()


@cache
def _cities() -> dict[int, str]:
    return city_qids()


@cache
def _towns() -> dict[int, str]:
    return city_qids("towns.json")


def _linked(entities: list[Entity], gazetteer: Gazetteer, text: str = "", *, link_cities: bool = True) -> list[Entity]:
    """A located place without an id takes the Wikidata id of its GeoNames entry: a country or first-level
    region by ISO code (rigour), a city by GeoNames id (Natural Earth).

    The resolver has read the context ("Georgia" the state or the country); an id another entity of the
    article already carries is left alone, so ids stay unique within an article. Precision first: no id for
    a town under MIN_LINKED_CITY people ("Bishop" in a team sheet), a region that shares its name with a big
    city in its country ("New York", "New York City"; "Washington", D.C.), a place a mention of which
    follows a capitalised word of the same name, such as an initial ("C Paterson"), or runs on into a
    hyphenated one ("Roc-A-Fella"), or a city a mention of which runs on into a capitalised word ("Tampa
    Bay Buccaneers"), a region named only by a two-letter code ("LA"), or a facility the resolver put in its
    city ("Leicester Square" is not Leicester). Without `link_cities` (sport), a city
    still links where every mention follows "in".
    """
    taken = {e.id for e in entities}
    located = Counter(e.geo.country_code for e in entities if e.geo is not None)
    linked = []
    for entity in entities:
        city = _as_city(entity, gazetteer, text)
        qid = _qid(city, gazetteer, text, link_cities, located)
        entity = city if qid else entity
        if qid and qid not in taken and entity.geo is not None:
            taken.add(qid)
            code = entity.geo.region_code if entity.geo.feature_class == "region" else entity.geo.country_code
            entity = entity.model_copy(
                update={"id": qid, "wikidata_id": qid, "country_code": entity.country_code or code})
        linked.append(entity)
    return linked


def _as_city(entity: Entity, gazetteer: Gazetteer, text: str) -> Entity:
    """A region named like its big city, every mention of which follows "in", is the city: shares are priced
    "in New York", talks held "in Washington"; "the New York attorney general" stays the region, unlinked, and
    so does a region listed with another ("stations in New York and Pennsylvania"). Without "in" the region
    stays: "New York" is the state in local news that names its towns, "Kansas" is not Kansas City."""
    geo = entity.geo
    if geo is None or geo.feature_class != "region" or entity.wikidata_id is not None:
        return entity
    city = _big_city_named(entity.name, geo, gazetteer)
    if city is None or not _named_as_a_venue(entity, text):
        return entity
    if any(_REGION_AFTER.match(text, m.end) or _REGION_BEFORE.search(text, max(0, m.start - 20),
                                                                                     m.start) for m in entity.mentions):
        return entity
    if any(_listed_with_a_region(text, m.start, m.end, geo, gazetteer) for m in entity.mentions):
        return entity  # "stations in New York and Pennsylvania": states listed together
    return entity.model_copy(update={"geo": to_geo(gazetteer.place(city), geo.score)})


def _listed_with_a_region(text: str, start: int, end: int, geo: Geo, gazetteer: Gazetteer) -> bool:
    """The mention is listed next to a region of its country that no big city is named like."""
    for near in (_LISTED_AFTER.match(text, end), _LISTED_BEFORE.search(text, max(0, start - 30), start)):
        name = near.group(1) if near else ""
        if name and any(gazetteer.kind(r) == "region" and gazetteer.country_code(r) == geo.country_code
                        for r in gazetteer.lookup(name)) and _big_city_named(name, geo, gazetteer) is None:
            return True
    return False


def _qid(
    entity: Entity, gazetteer: Gazetteer, text: str, link_cities: bool, located: Counter[str | None]
) -> str | None:
    geo = entity.geo
    # A place located only by its container ("Cairo's Abbasiya neighbourhood") is not the container.
    # Nor is a compass part of a city ("West Edmonton") the city.
    if geo is None or geo.score <= IN_CONTAINER or entity.wikidata_id is not None \
            or names_a_facility(entity.name) or names_a_part(gazetteer, entity.name) or any(
        is_cut_name(text, m.start, titles=False) or _HYPHENATED.match(text, m.end)
        or owner_abroad(text, m.start, geo.country_code, gazetteer) for m in entity.mentions
    ):
        return None
    if geo.feature_class == "country" and geo.country_code:
        return _territories().get(geo.country_code.upper())
    if geo.feature_class == "region" and geo.region_code and _big_city_named(entity.name, geo, gazetteer) is None \
            and not all(_POSTAL_CODE.fullmatch(m.text) for m in entity.mentions):
        return _territories().get(geo.region_code.upper())
    sure = MIN_LINKED_CITY_SCORE if _biggest_of_its_name(geo, gazetteer) else MIN_NAMESAKE_SCORE
    sure = MIN_BIG_CITY_SCORE if sure == MIN_LINKED_CITY_SCORE and (geo.population or 0) >= BIG_CITY else sure
    if geo.feature_class == "city" and (link_cities or _named_as_a_venue(entity, text)) \
            and (geo.population or 0) >= MIN_LINKED_CITY and geo.score >= sure \
            and not any(_NAME_GOES_ON.match(text, m.end) for m in entity.mentions):
        qid = _cities().get(geo.geonames_id)
        # A less known town needs the article's word for it and another place of its country in the article.
        town = named_as_a_town(entity, text) and located[geo.country_code] > 1
        return qid or (_towns().get(geo.geonames_id) if town else None)
    return None


def _named_as_a_venue(entity: Entity, text: str) -> bool:
    """Every mention follows "in" and none is a possessive or goes on with "state": "the final in Cardiff", not
    "in Cardiff's win" or "in Washington state"."""
    return all(_IN_BEFORE.search(text, max(0, m.start - 4), m.start) and not _POSSESSIVE.match(text, m.end)
               and not _STATE_AFTER.match(text, m.end) for m in entity.mentions)


def main_locations(entities: Sequence[Entity]) -> list[Location]:
    """The located places the story is about: the most salient, and those near it in salience."""
    ranked = sorted((e for e in entities if e.geo is not None), key=lambda e: -e.salience)
    if not ranked:
        return []
    floor = ranked[0].salience * LOCATION_SHARE
    return [
        Location(entity_id=e.id, name=e.name, salience=e.salience, geo=e.geo)
        for e in ranked[:MAX_LOCATIONS]
        if e.geo is not None and e.salience >= floor
    ]
