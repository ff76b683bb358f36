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
    text: str, sentences: Sequence[tuple[int, int]], speakers: Sequence[Speaker]
) -> list[Quote]:
    """Every quotation of a few words or more, with the speaker the surrounding clause names.

    The speaker is, in order: a person (else organisation) named after the quote next to a speech verb
    ('"...," Blinken told reporters'); one named before it in the same sentence ('Xi said: "..."'); or,
    when the clause has only "he"/"she", the last person named before the quote.
    """
    spans = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    outside = [s for s in sorted(speakers, key=lambda s: s.start) if not _inside(s.start, spans)]
    quotes = []
    for start, end in spans:
        inner = text[start + 1 : end - 1].strip()
        if len(inner.split()) < _MIN_WORDS:
            continue
        sentence_start, sentence_end = _sentence_of(start, end, sentences, len(text))
        speaker = _attribute(text, start, end, sentence_start, sentence_end, outside, spans)
        quotes.append(
            Quote(
                text=inner,
                start=start + 1,
                end=end - 1,
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
) -> Speaker | None:
    after_end = min(sentence_end, end + _WINDOW)
    next_quote = next((s for s, _ in spans if s >= end), after_end)
    after_end = min(after_end, next_quote)
    after = text[end:after_end]
    before_start = max(sentence_start, start - _WINDOW)
    before = text[before_start:start]

    for window, lo, hi, pick_last in ((after, end, after_end, False), (before, before_start, start, True)):
        if not _SPEECH.search(window) and not window.rstrip().endswith(":"):
            continue
        in_window = [s for s in speakers if lo <= s.start < hi]
        people = [s for s in in_window if s.is_person] or in_window
        if people:
            return people[-1] if pick_last else people[0]
        if _PRONOUN.search(window):
            earlier = [s for s in speakers if s.is_person and s.end <= start]
            if earlier:
                return earlier[-1]
    return None
