"""A mention's surface and surroundings: hyphenated words, names joined by hyphens, the words around it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from spacy.lang.en.stop_words import STOP_WORDS

from worker.enrich.knowledge import KnowledgeBase
from worker.models import EntityType, Mention

S = TypeVar("S", bound=Any)  # entities.Span (a dataclass with start, end and label)

# The model reads a hyphenated word as one token, as CoNLL-2003 writes it, so a name can come with an ordinary
# word attached: "pro-Russian", "Boston-based", "Ukrainian-held", "German-born". The name is the mention.
_LOWER_PREFIX = re.compile(r"^[a-z]+-(?=[A-Z])")
_LOWER_SUFFIX = re.compile(r"(?<=[a-z.])-(?:[a-z]+ed|born|held|made|run|style)$")
# "The Scottish Government", "the Mexican Army": a people's adjective before a capitalised institution names it.
_INSTITUTION = re.compile(
    r" (?:Government|Parliament|Assembly|Senate|Cabinet|Army|Navy|Air Force|Police|Executive|Treasury)\b"
)
# "Analysts at Wood Mackenzie", "economists at ING": where such professionals work is their employer.
_EMPLOYER_BEFORE = re.compile(
    r"\b(?:analysts?|economists?|strategists?|researchers?|scientists?|traders?|dealers?|brokers?|consultants?"
    r"|lawyers?|executives?|engineers?) (?:at|with) $",
    re.IGNORECASE,
)
# Two names joined by a hyphen ("US-China talks") are two mentions when the knowledge base knows each part.
_JOINED_NAMES = re.compile(r"^[A-Z][\w.]*(?:-[A-Z][\w.]*)+$")


def without_attached_words(start: int, surface: str) -> tuple[int, str]:
    """The name in "pro-Russian" or "Boston-based", with its start offset moved along."""
    if prefix := _LOWER_PREFIX.match(surface):
        start, surface = start + prefix.end(), surface[prefix.end() :]
    if suffix := _LOWER_SUFFIX.search(surface):
        surface = surface[: suffix.start()]
    return start, surface


def joined_parts(mention: Mention, kb: KnowledgeBase) -> list[Mention]:
    """Split "US-China" into "US" and "China" when each is a known name and the whole is not ("Guinea-Bissau")."""
    if not _JOINED_NAMES.match(mention.text) or kb.lookup(mention.text) is not None:
        return [mention]
    parts, start = [], mention.start
    for word in mention.text.split("-"):
        parts.append(Mention(text=word, start=start, end=start + len(word)))
        start += len(word) + 1
    return parts if all(kb.lookup(part.text) is not None for part in parts) else [mention]


def in_context(text: str, mention: Mention, kind: EntityType) -> tuple[Mention, EntityType]:
    """What the words around a mention say of its type: an institution's name, an employer."""
    if kind == "group" and (head := _INSTITUTION.match(text, mention.end)):
        return Mention(text=text[mention.start : head.end()], start=mention.start, end=head.end()), "organisation"
    if kind == "place" and _EMPLOYER_BEFORE.search(text, max(0, mention.start - 30), mention.start):
        return mention, "organisation"
    return mention, kind


# Between two pieces of one organisation's name: function words and capitalised words the model left out.
_NAME_GAP = re.compile(r" (?:and|of|for)(?: (?:and|of|for|in|on|the)| [A-Z][a-z][\w'’-]*)+ ")
_GAP_WORD = re.compile(r" [A-Z][a-z]")


def pieces_joined(text: str, spans: Sequence[S]) -> list[S]:
    """An organisation's long name the model read in pieces is one mention: "Organization for Security" and
    "Europe" around "and Co-operation in". The gap starts with a joining word and holds a capitalised word no
    entity took; the second piece is not a person ("... Council President Tono Eitel")."""
    joined: list[S] = []
    for span in spans:
        previous = joined[-1] if joined else None
        gap = text[previous.end : span.start] if previous else ""
        if (
            previous is not None and previous.label in ("ORG", "ORGANIZATION")
            and span.label not in ("PER", "PERSON") and _NAME_GAP.fullmatch(gap) and _GAP_WORD.search(gap)
        ):
            joined[-1] = replace(previous, end=span.end)
        else:
            joined.append(span)
    return joined


_SENTENCE_START = re.compile(r"(?:^|[.!?\n][\"”’']?\s*|\n)$")


def only_capitalised(text: str, word: str, start: int) -> bool:
    """A capitalised word before a name that is no part of it: a hyphenated adjective ("State-owned Rosneft",
    "Ireland-based Elan"), a sentence's first word that is an English stop word in spaCy's list, so only
    carries the sentence's capital ("Other US carriers", "Across Wales"; inside a sentence it may start a
    title), or the last word of the sentence before ("... for Yugansk. US judge": a full stop at its end and
    none inside, so not an initial, "C.", or a dotted abbreviation, "U.S.")."""
    folded = word.casefold()
    return (word.rsplit("-", 1)[-1].islower()
            or folded in STOP_WORDS and _SENTENCE_START.search(text, max(0, start - 3), start) is not None
            or word.endswith(".") and len(word) > 2 and "." not in word[:-1])


# "the UK Independence Party (UKIP)": capitals in brackets right after a name define them as its acronym.
_DEFINED = re.compile(r"\s?\(([A-Z][A-Z&]{1,7})\)")


def defined_acronyms(text: str) -> dict[str, int]:
    """Acronyms the article defines, to the offset where the name before their bracket ends (the first one)."""
    found: dict[str, int] = {}
    for match in _DEFINED.finditer(text):
        found.setdefault(match.group(1), match.start())
    return found


_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|across|of|into|throughout|around|outside|inside)\s+$")


def after_preposition(text: str, start: int) -> bool:
    """A preposition stands right before the offset: "in Europe", "across Wales" name places, not people."""
    return _PREPOSITION_BEFORE.search(text, max(0, start - 12), start) is not None
