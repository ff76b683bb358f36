"""The model's entity labels to Newsflow types; CoNLL's catch-all MISC split by its surface."""

from __future__ import annotations

import re

from worker.models import EntityType

#: spaCy / OntoNotes labels to Newsflow types; numbers, dates and money are not entities here.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "NORP": "group",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "LANGUAGE": "other",
    "MISC": "other",
}
# CoNLL's MISC holds nationalities and other groups, events and everything else: the surface decides.
_DEMONYM_ENDING = re.compile(r"(?:ese|ian|ean|ish|an|i)$")
_DEMONYMS = frozenset(
    "arab afghan basque british briton brit catholic christian croat czech dane danish dutch english filipino "
    "finn flemish french gaelic greek hindu hispanic inuit irish islamic jew jewish kurd kurdish latino maori "
    "muslim moslem nazi nordic pole protestant scot scots serb sikh buddhist shi'ite shiite slav slovak sunni "
    "swede swiss thai turk walloon welsh zulu "
    # political groups
    "conservative democrat republican tory tories liberal socialist communist nationalist unionist".split()
)
# Words that end like demonyms but are not ("Ramadan", "Koran", "Woman").
_NOT_DEMONYMS = frozenset(
    "ramadan koran quran taliban wimbledon sudan japan oman iran afghanistan woman human veteran".split()
)
_EVENT = re.compile(
    r"\b(?:Cup|Championships?|Olympics|Olympic Games|Games|Open|Grand Prix|Tour|War|Festival|Summit|Conference"
    r"|Marathon|Masters|Trophy|Rally|Derby|Expo|World Series|Election|League|Grand Slam|Finals?|Bowl|Classic)\b",
    re.IGNORECASE,
)

def is_demonym(surface: str) -> bool:
    """A nationality, people or religious group: "Chinese", "West Indian", "Serbs", "Muslim", "Anglo-Irish"."""
    words = surface.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    last = words[-1].split("-")[-1].casefold().removesuffix("'s")
    for form in (last, last.removesuffix("s")):
        if form in _DEMONYMS:
            return True
        if len(form) >= 5 and form not in _NOT_DEMONYMS and _DEMONYM_ENDING.search(form):
            return True
    return False


def label_type(label: str, surface: str) -> EntityType | None:
    """The Newsflow type for a model label; MISC splits into group (demonyms), event and other."""
    if label != "MISC":
        return LABEL_TYPES.get(label)
    if is_demonym(surface):
        return "group"
    return "event" if _EVENT.search(surface) else "other"
