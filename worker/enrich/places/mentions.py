"""What the words around a place mention say about it: a country's possessive before it, a preposition of place."""

from __future__ import annotations

import re

from worker.enrich.places.gazetteer import Gazetteer
from worker.models import Entity

_OWNER = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s\s+$")
_TOWN_BEFORE = re.compile(r"\b(?:[Ii]n|[Ff]rom|[Nn]ear)\s+$")
_CALLED_A_TOWN = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage)\s+of\s+$")


def owner_abroad(text: str, start: int, country: str | None, gazetteer: Gazetteer) -> bool:
    """The mention follows another country's possessive: "France's Suez" is a French firm, not Egypt's city."""
    owner = _OWNER.search(text, max(0, start - 30), start)
    rows = gazetteer.lookup(owner.group(1)) if owner else []
    return any(gazetteer.kind(r) == "country" for r in rows) and all(
        gazetteer.country_code(r) != country for r in rows)


def named_as_a_town(entity: Entity, text: str) -> bool:
    """Every mention is capitalised and follows "in", "from" or "near": "a meeting in Hinckley", "from Croydon".
    Towns outside Natural Earth's list are often less known than the firms, banks and studios named after them
    ("the Halifax said", "gaming group Wembley", "the Pinewood studios"), so they link only where the article
    names them as a place."""
    return all(m.text[:1].isupper() and _TOWN_BEFORE.search(text, max(0, m.start - 8), m.start)
               for m in entity.mentions)


def called_a_town(text: str, start: int) -> bool:
    """"the city of Turkey", "the town of Georgia": the article says the place is a town, not the country or state of
    the name."""
    return _CALLED_A_TOWN.search(text, max(0, start - 12), start) is not None
