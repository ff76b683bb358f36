"""The IPTC Media Topics taxonomy (CC BY 4.0), loaded once from the committed JSON file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "iptc_mediatopics.json"


@dataclass(frozen=True, slots=True)
class IptcTopic:
    """One active Media Topic: `code` is the QCode (medtop:NNNNNNNN), `parent` None at level 1."""

    code: str
    name: str
    level: int
    parent: str | None
    definition: str | None
    wikidata_id: str | None
    #: The en-US name where it differs from the en-GB `name` ("movies" for "cinema").
    name_us: str | None = None


@cache
def _load() -> tuple[str, dict[str, IptcTopic]]:
    payload: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    topics = {
        row["code"]: IptcTopic(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent=row["parent"],
            definition=row.get("definition"),
            wikidata_id=row.get("wikidata_id"),
            name_us=row.get("name_us"),
        )
        for row in payload["topics"]
    }
    return payload["attribution"], topics


def taxonomy() -> dict[str, IptcTopic]:
    """All active topics by code, in the sheet's depth-first order. Callers must not mutate it."""
    return _load()[1]


def get(code: str) -> IptcTopic:
    """The topic for `code`; raises KeyError for an unknown or retired code."""
    return _load()[1][code]


def ancestors(code: str) -> list[str]:
    """Codes of the broader topics of `code`, nearest first, ending at its level-1 topic."""
    return list(_ancestors(code))


@cache
def _ancestors(code: str) -> tuple[str, ...]:
    topics = _load()[1]
    chain: list[str] = []
    parent = topics[code].parent
    while parent is not None:
        chain.append(parent)
        parent = topics[parent].parent
    return tuple(chain)


def top_level(code: str) -> str:
    """The level-1 topic `code` belongs to (itself when it is level 1)."""
    chain = _ancestors(code)
    return chain[-1] if chain else get(code).code


#: The credit line the CC BY 4.0 licence asks for; show it wherever topics are displayed or published.
ATTRIBUTION: str = _load()[0]
