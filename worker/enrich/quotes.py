"""Direct quotations and their speakers, from quote marks, speech verbs and the entities around them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from worker.models import Quote

_QUOTE = re.compile(r"[\"“]([^\"“”\n]{2,2000}?)[\"”]")
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|added|adds|stated|states|asked|asks|explained|insisted|warned|noted|wrote"
    r"|declared|argued|claimed|replied|commented|remarked|announced|according to|continued|urged)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# Other languages: their quotation marks as well as straight and curly ones (« », „ “, » «), their
# reporting verbs (past and present, both genders where the verb has them) and subject pronouns.
_MARKS = re.compile(
    r"[\"“]([^\"“”\n]{2,2000}?)[\"”]|«([^«»\n]{2,2000}?)»|„([^„“”\"\n]{2,2000}?)[“”\"]|»([^»«\n]{2,2000}?)«"
)
_VERBS = {
    "es": "dijo|dice|afirmó|afirma|declaró|declara|señaló|señala|explicó|explica|añadió|agregó|aseguró|asegura"
    "|indicó|advirtió|manifestó|sostuvo|subrayó|comentó|precisó|insistió|escribió|según",
    "fr": "a déclaré|déclare|a dit|dit|a affirmé|affirme|a expliqué|explique|a ajouté|ajoute|a souligné"
    "|souligne|a indiqué|indique|a estimé|estime|a assuré|assure|a averti|a précisé|précise|a insisté"
    "|a lancé|a écrit|selon",
    "de": "sagte|sagt|erklärte|erklärt|betonte|betont|fügte|meinte|warnte|sprach|schrieb|kündigte"
    "|teilte|versicherte|so|laut|zufolge",
    "nl": "zei|zegt|verklaarde|stelde|benadrukte|voegde|aldus|volgens|schreef|waarschuwde|liet weten"
    "|zegde|meldde",
    "pl": "powiedział|powiedziała|powiedzieli|mówi|stwierdził|stwierdziła|dodał|dodała|podkreślił"
    "|podkreśliła|oświadczył|oświadczyła|zaznaczył|zaznaczyła|napisał|napisała|ostrzegł|ostrzegła|według",
    "ru": "сказал|сказала|сказали|заявил|заявила|заявили|отметил|отметила|добавил|добавила|подчеркнул"
    "|подчеркнула|сообщил|сообщила|пояснил|пояснила|говорит|написал|написала|по словам",
}
_PRONOUNS = {
    "es": "él|ella", "fr": "il|elle", "de": "er|sie", "nl": "hij|zij|ze", "pl": "on|ona", "ru": "он|она",
}


@dataclass(frozen=True)
class Cues:
    """What marks a quotation, a reporting verb and a speaking pronoun in one language."""

    quote: re.Pattern[str]
    speech: re.Pattern[str]
    pronoun: re.Pattern[str]


ENGLISH = Cues(_QUOTE, _SPEECH, _PRONOUN)
CUES = {
    code: Cues(_MARKS, re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
               re.compile(rf"\b(?:{_PRONOUNS[code]})\b", re.IGNORECASE))
    for code, verbs in _VERBS.items()
}
_MIN_WORDS = 3  # shorter quoted strings are scare quotes or titles ("candid"), not quotations
_WINDOW = 160


@dataclass(frozen=True)
class Speaker:
    """A mention that can speak: an entity id, its name, and where the mention is."""

    entity_id: str
    name: str
    start: int
    end: int
    is_person: bool


def find_quotes(
    text: str, sentences: Sequence[tuple[int, int]], speakers: Sequence[Speaker], language: str | None = None
) -> list[Quote]:
    """Every quotation of a few words or more, with the speaker the surrounding clause names.

    The speaker is, in order: a person (else organisation) named after the quote next to a speech verb
    ('"...," Blinken told reporters'); one named before it in the same sentence ('Xi said: "..."'); or,
    when the clause has only "he"/"she", the last person named before the quote.
    """
    cues = CUES.get(language or "en", ENGLISH)
    spans = [(m.start(), m.end()) for m in cues.quote.finditer(text)]
    outside = [s for s in sorted(speakers, key=lambda s: s.start) if not _inside(s.start, spans)]
    quotes = []
    for start, end in spans:
        raw = text[start + 1 : end - 1]
        inner = raw.strip()
        if len(inner.split()) < _MIN_WORDS:
            continue
        sentence_start, sentence_end = _sentence_of(start, end, sentences, len(text))
        speaker = _attribute(text, start, end, sentence_start, sentence_end, outside, spans, cues)
        # French sets its guillemets off with spaces (« Nous ... »): the offsets are the words'.
        inner_start = start + 1 + (len(raw) - len(raw.lstrip())) if cues is not ENGLISH else start + 1
        quotes.append(
            Quote(
                text=inner,
                start=inner_start,
                end=inner_start + len(inner) if cues is not ENGLISH else end - 1,
                speaker=speaker.name if speaker else None,
                speaker_entity_id=speaker.entity_id if speaker else None,
            )
        )
    return quotes


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _sentence_of(
    start: int, end: int, sentences: Sequence[tuple[int, int]], length: int
) -> tuple[int, int]:
    """The stretch of sentences the quote sits in (a quote can span several)."""
    first = next((s for s, e in sentences if s <= start < e), max(0, start - _WINDOW))
    last = next((e for s, e in sentences if s < end <= e), min(length, end + _WINDOW))
    return first, max(last, end)


def _attribute(
    text: str,
    start: int,
    end: int,
    sentence_start: int,
    sentence_end: int,
    speakers: Sequence[Speaker],
    spans: Sequence[tuple[int, int]],
    cues: Cues = ENGLISH,
) -> Speaker | None:
    after_end = min(sentence_end, end + _WINDOW)
    next_quote = next((s for s, _ in spans if s >= end), after_end)
    after_end = min(after_end, next_quote)
    after = text[end:after_end]
    before_start = max(sentence_start, start - _WINDOW)
    before = text[before_start:start]

    for window, lo, hi, pick_last in ((after, end, after_end, False), (before, before_start, start, True)):
        if not cues.speech.search(window) and not window.rstrip().endswith(":"):
            continue
        in_window = [s for s in speakers if lo <= s.start < hi]
        people = [s for s in in_window if s.is_person] or in_window
        if people:
            return people[-1] if pick_last else people[0]
        if cues.pronoun.search(window):
            earlier = [s for s in speakers if s.is_person and s.end <= start]
            if earlier:
                return earlier[-1]
    return None
