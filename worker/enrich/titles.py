"""Corrections of the model's labels from the words around a mention: a title before a name, a listed country.

The models of the other languages read some names with the words next to them: "bondskanselier Olaf Scholz"
came out as an organisation, "Канцлер Германии Олаф Шольц" (the title, the country and the name) as one,
and «Alemania y España» gave Alemania to organisations. These rules run on the model's spans before the
knowledge base resolves them (entities.merge_mentions), in every language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from worker.enrich.knowledge import INFLECTED_LANGUAGES, KnowledgeBase

S = TypeVar("S", bound=Any)  # entities.Span (a dataclass with start, end and label)

# Words that stand before a person's name as their office, in the enriched languages. Words for the head of
# something ("szef", "глава", "voorzitter") are left out: an organisation follows them as often as a name. A
# president may be a company's ("президент Rockstar Games"): those words cut a title off a name (below) but
# never make an organisation after them a person.
_PRESIDENTS = "presidente|presidenta|president|présidente?|\\w*präsident|\\w*präsidentin|prezydent|президент"
_TITLE_WORDS = (
    # Spanish, French
    "canciller|ministro|ministra|rey|reina|papa|alcalde|alcaldesa|vicepresidente|vicepresidenta|expresidente"
    "|expresidenta|senador|senadora|gobernador|gobernadora|príncipe|princesa|chancelier|chancelière|ministre|roi"
    "|reine|pape|maire|sénateur|sénatrice"
    # Dutch, German (German titles are capitalised nouns, often compounds: "Außenminister", "Bundeskanzler")
    "|bondskanselier|kanselier|premier|minister-president|minister|koning|koningin|burgemeester"
    "|staatssecretaris|paus|prins|prinses|oud-premier|ex-premier"
    "|\\w*kanzler|\\w*kanzlerin|\\w*minister|\\w*ministerin|bürgermeister|bürgermeisterin|papst|könig|königin"
    # Polish, Russian, as stems: the endings below make their cases ("kanclerzem", "канцлера")
    "|kanclerz|król|królow|papież|burmistrz|marszał(?:ek|k)"
    "|канцлер|премьер|премьер-министр|министр|король|королев|мэр|губернатор|сенатор"
)
_ENDINGS = "(?:a|e|em|owi|ie|u|y|ą|ом|а|у|е|ы|ем|я|ю|ой|ий|ого|ому|ым)?"
_TITLE = re.compile(rf"(?:{_TITLE_WORDS}|{_PRESIDENTS}){_ENDINGS}", re.IGNORECASE)
_TITLE_OF_A_PERSON = re.compile(rf"(?:{_TITLE_WORDS}){_ENDINGS}", re.IGNORECASE)
# One word of a personal name: a capital and then small letters ("Olaf", "Шольц", "O'Neill", "Kramp-Karrenbauer").
_NAME_WORD = re.compile(r"[A-ZÀ-ÞĀ-ŽА-ЯЁ][a-zß-ÿā-žа-яё'’]+(?:-[A-ZÀ-ÞĀ-ŽА-ЯЁ][a-zß-ÿā-žа-яё'’]+)?")
_PERSONAL_NAME = re.compile(rf"{_NAME_WORD.pattern}(?: {_NAME_WORD.pattern}){{0,2}}")
_WORD = re.compile(r"\S+")
# Between two names of one list: "Alemania y España", "Deutschland und Polen", "Niemcy i Polska".
_COORDINATION = re.compile(r"(?:,| (?:y|e|and|und|en|et|i|oraz|и|или|o|or|oder|ou|lub)) ")


def _is_place(word: str, kb: KnowledgeBase, language: str | None, *, declined: bool = True) -> bool:
    known = kb.lookup(word, declined=declined and language in INFLECTED_LANGUAGES)
    return known is not None and known.type == "place"


def _name_after_title(text: str, span: S, kb: KnowledgeBase, language: str | None) -> S | None:
    """"Канцлер Германии Олаф Шольц", "bondskanselier Olaf Scholz": the name without the title (and the
    title's country), as a person; None if the span does not start with a title."""
    words = list(_WORD.finditer(text, span.start, span.end))
    if len(words) < 3 or not _TITLE.fullmatch(words[0].group()):
        return None
    first = 1
    if len(words) > 3 and _is_place(words[1].group(), kb, language):
        first = 2  # the title's country: "Канцлер Германии Олаф Шольц", "президент Франции Эммануэль Макрон"
    rest = text[words[first].start() : span.end]
    # A capitalised title outside German, where nouns are not capitalised, may be a name's own word
    # ("Presidente Hayes", "Premier League"): only a title with its country is cut there.
    capitalised = words[0].group()[0].isupper() and language != "de"
    if not _PERSONAL_NAME.fullmatch(rest) or " " not in rest or (capitalised and first == 1):
        return None
    known = kb.lookup(rest, declined=language in INFLECTED_LANGUAGES)
    if (known is not None and known.type != "person") or any(_is_place(w, kb, language) for w in rest.split()):
        return None  # "prezydenta Republiki Francji" names an office of a country, not a person
    return replace(span, start=words[first].start(), label="PER")


def _after_title(text: str, span: S, kb: KnowledgeBase) -> bool:
    """An organisation that is a personal name right after a title: "bondskanselier Olaf Scholz"."""
    before = text[max(0, span.start - 40) : span.start]
    if not before.endswith(" "):
        return False
    words = before.split()
    surface = text[span.start : span.end]
    return (
        bool(words) and _TITLE_OF_A_PERSON.fullmatch(words[-1]) is not None
        and _PERSONAL_NAME.fullmatch(surface) is not None and " " in surface and kb.lookup(surface) is None
    )


def _coordinated_place(text: str, spans: Sequence[S], index: int, kb: KnowledgeBase, language: str | None) -> bool:
    """A known place the model read as an organisation, listed with a place it read as one: "Alemania y España"."""
    span = spans[index]
    # Exact names only: a declined form found by its stem ("сборных ... Ирландии") reads a case the model saw.
    if not _is_place(text[span.start : span.end], kb, language, declined=False):
        return False
    for other in (spans[index - 1] if index else None, spans[index + 1] if index + 1 < len(spans) else None):
        if other is None or other.label not in ("LOC", "GPE"):
            continue
        gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
        if _COORDINATION.fullmatch(gap) and _is_place(text[other.start : other.end], kb, language, declined=False):
            return True
    return False


def corrected(text: str, spans: Sequence[S], kb: KnowledgeBase, language: str | None = None) -> list[S]:
    """The model's spans with titles cut off names, names after titles made people, listed places places."""
    out = []
    for index, span in enumerate(spans):
        if span.label in ("PER", "PERSON", "ORG") and (named := _name_after_title(text, span, kb, language)):
            span = named
        elif span.label == "ORG" and _after_title(text, span, kb):
            span = replace(span, label="PER")
        elif span.label == "ORG" and _coordinated_place(text, spans, index, kb, language):
            span = replace(span, label="LOC")
        out.append(span)
    return out
