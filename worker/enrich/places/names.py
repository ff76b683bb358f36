"""What a place name in an article can refer to: gazetteer rows by name, abbreviation, demonym or bare town."""

from __future__ import annotations

import re
from collections.abc import Sequence

from worker.enrich.places.context import REGION_ABBREVIATIONS
from worker.enrich.places.gazetteer import LOCAL_KINDS, Gazetteer

_LEADING_THE = re.compile(r"^(?:the|The)\s+")


# Adjective and people forms to the place: "Russian(s)" -> Russia, "Iraqi" -> Iraq, "Egyptian" -> Egypt,
# "Canadian" -> Canada, "Dagestani" -> Dagestan, "Chinese" -> China, "Palestinian" -> Palestine, "Czech" ->
# Czechia, "German" -> Germany, "Lebanese" -> Lebanon, "Mexican" -> Mexico, "Belgian" -> Belgium, "European" ->
# Europe, "South African" -> South Africa. Kept only when the result is a country, a first-level region or a
# continent.
_DEMONYM_ENDINGS = (
    ("ians", "ia"), ("ian", "ia"), ("ians", "a"), ("ian", "a"), ("ians", ""), ("ian", ""), ("ans", "a"),
    ("an", "a"), ("ans", ""), ("an", ""), ("is", ""), ("i", ""), ("ese", "a"), ("ese", ""), ("ns", ""), ("n", ""),
    ("ians", "e"), ("ian", "e"), ("", "ia"), ("ans", "any"), ("an", "any"), ("ese", "on"), ("ese", "o"), ("ans", "o"),
    ("an", "o"), ("ians", "ium"), ("ian", "ium"), ("ian", "i"),
    # "Kazakh", "Uzbek", "Afghan": the countries named "land of the ..." in Persian.
    ("", "stan"), ("", "istan"),
)
# The forms no ending rule reaches (English usage, not any corpus's list).
_IRREGULAR_DEMONYMS = {
    "french": "France", "dutch": "Netherlands", "british": "United Kingdom", "briton": "United Kingdom",
    "britons": "United Kingdom", "english": "England", "welsh": "Wales", "scottish": "Scotland", "scots": "Scotland",
    "irish": "Ireland", "swiss": "Switzerland", "spanish": "Spain", "spaniard": "Spain", "spaniards": "Spain",
    "danish": "Denmark", "dane": "Denmark", "danes": "Denmark", "swedish": "Sweden", "swede": "Sweden",
    "swedes": "Sweden", "finnish": "Finland", "finn": "Finland", "finns": "Finland", "polish": "Poland",
    "pole": "Poland", "poles": "Poland", "turkish": "Turkey", "turk": "Turkey", "turks": "Turkey",
    "greek": "Greece", "greeks": "Greece", "thai": "Thailand", "filipino": "Philippines", "filipinos": "Philippines",
    "norwegian": "Norway", "norwegians": "Norway", "peruvian": "Peru", "peruvians": "Peru", "afghan": "Afghanistan",
    "afghans": "Afghanistan", "portuguese": "Portugal", "saudi": "Saudi Arabia", "saudis": "Saudi Arabia",
    "emirati": "United Arab Emirates", "emiratis": "United Arab Emirates", "icelandic": "Iceland",
    "kiwi": "New Zealand", "new zealander": "New Zealand", "new zealanders": "New Zealand", "flemish": "Flanders",
    "cypriot": "Cyprus", "cypriots": "Cyprus", "malagasy": "Madagascar", "israelis": "Israel",
}


def _demonym_rows(gaz: Gazetteer, name: str) -> list[int]:
    word = name.strip()
    if not word[:1].isupper():
        return []
    irregular = _IRREGULAR_DEMONYMS.get(word.casefold())
    # "Czechs", "Kurds": the plural of a form the endings know ("Czech" -> Czechia).
    words = (word, word[:-1]) if word.endswith("s") else (word,)
    forms = [irregular] if irregular else [
        stem[: len(stem) - len(ending)] + replacement
        for stem in words
        for ending, replacement in _DEMONYM_ENDINGS
        if stem.endswith(ending) and len(stem) - len(ending) >= 3
    ]
    for form in forms:
        rows = [r for r in gaz.lookup(form) if gaz.kind(r) in ("country", "region", "continent")]
        if rows:
            return rows
    return []


# "North London", "Central Jakarta", and the city with its suburbs: "Greater Toronto Area", "Greater Manchester".
_PART_OF = re.compile(
    r"^(?:North|South|East|West|Central|Inner|Outer|Downtown|Greater)\s+(?P<city>[A-Z].+?)(?:\s+(?:Area|Region))?$"
)
#: A compass part of a city ("North London") is read as the city from this size.
PART_OF_CITY = 100_000
def names_a_part(gaz: Gazetteer, name: str) -> bool:
    """"North London": read as the city by `readings` (no place has the name), but not the city itself, so it
    takes no Wikidata id; "North Carolina" or "West Virginia" is a place of its own."""
    bare = _LEADING_THE.sub("", name)
    return _PART_OF.match(bare) is not None and not gaz.lookup(bare)


# "Pott Co.", and in a dateline's capitals "PLYMOUTH CO.".
_COUNTY_ABBREVIATION = re.compile(r"\s+(?:Co\.?|Cnty\.?|CO\.|CNTY\.?)$")
_AREA_WORD = re.compile(r"\s+(?:[Dd]istrict|[Pp]rovince|[Gg]overnorate|[Rr]egion|[Pp]refecture|[Oo]blast|[Ss]tate)$")
_DESIGNATION = re.compile(r"\s+(?:City|Township|Twp\.?|Borough|Village|Town)$")


def candidates(gaz: Gazetteer, names: Sequence[str]) -> list[int]:
    """Rows any of the names can refer to: the name, a US state abbreviation ("Tenn."), a demonym."""
    direct, demonyms, counties = readings(gaz, names)
    return direct + demonyms + counties


def readings(gaz: Gazetteer, names: Sequence[str]) -> tuple[list[int], list[int], list[int]]:
    """The rows the names name directly, the countries and regions they name only as a demonym, and the
    counties they name without the word "County" ("Kanawha", "Pott Co.")."""
    rows: dict[int, None] = {}
    for name in names:
        bare = _LEADING_THE.sub("", name)
        code = REGION_ABBREVIATIONS.get(bare.rstrip(".")) if "." in bare or bare.isupper() else None
        if code is not None and code in gaz.by_code and ("." in bare or len(bare) == 2):
            rows[gaz.by_code[code]] = None
            continue
        # Two capitals are a code or an acronym ("EU", "UN"), not the Norman town of Eu: countries and regions only.
        acronym = bare.isupper() and len(bare) <= 2
        for form in (name, bare):
            rows.update(dict.fromkeys(r for r in gaz.lookup(form) if not acronym or gaz.kinds[r] <= 1))
    for name in names:
        # "Karak district", "Buenos Aires province": the region or county of the bare name too ("Karak District" is
        # also a Pakistani county's own name).
        area = _AREA_WORD.search(name)
        if area is not None and area.start() >= 3:
            rows.update(dict.fromkeys(r for r in gaz.lookup(_LEADING_THE.sub("", name[: area.start()]))
                                      if gaz.kind(r) in ("region", "county")))
    if not rows:
        # "Kanawha City", "Hamilton Township", "Madison Twp.": the town under its bare name.
        for name in names:
            bare = _DESIGNATION.sub("", _LEADING_THE.sub("", name))
            if bare != name and len(bare) >= 3:
                rows.update(dict.fromkeys(r for r in gaz.lookup(bare) if gaz.kinds[r] in LOCAL_KINDS))
    if not rows:
        # "North London", "Central Jakarta": a part of a big city is in it (a compass word before a small town's
        # name is more often another place: "South Plains" is no part of Plains, Texas).
        for name in names:
            part = _PART_OF.match(_LEADING_THE.sub("", name))
            if part is not None:
                rows.update(dict.fromkeys(r for r in gaz.lookup(part.group("city"))
                                          if gaz.kind(r) == "city" and gaz.population[r] >= PART_OF_CITY))
    # A demonym is tried even when a town bears it ("Canadian", Texas; "Spanish", Ontario): the country's
    # prior outweighs the town's unless the article points at the town.
    demonyms: dict[int, None] = {}
    if not any(gaz.kind(r) in ("country", "region") for r in rows):
        for name in names:
            demonyms.update(dict.fromkeys(r for r in _demonym_rows(gaz, _LEADING_THE.sub("", name)) if r not in rows))
    counties: dict[int, None] = {}
    for name in names:
        head = _COUNTY_ABBREVIATION.sub("", _LEADING_THE.sub("", name))
        for form in (f"{head} County", f"{head} Parish"):
            counties.update(dict.fromkeys(r for r in gaz.lookup(form) if r not in rows and gaz.kind(r) == "county"))
    return list(rows), list(demonyms), list(counties)
