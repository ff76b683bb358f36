"""Tone from the VADER lexicon: per sentence, for the document, and for each entity."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from worker.models import Tone


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes ~50 ms; do it once per process.
    return SentimentIntensityAnalyzer()


def sentence_polarities(text: str, sentences: Sequence[tuple[int, int]]) -> list[dict[str, float]]:
    """VADER scores (pos, neg, neu, compound) for each sentence span of `text`."""
    analyzer = _analyzer()
    return [analyzer.polarity_scores(text[start:end]) for start, end in sentences]


def document_tone(scores: Sequence[dict[str, float]], weights: Sequence[int]) -> Tone | None:
    """Length-weighted mean of sentence scores; None for an article with no sentences."""
    total = sum(weights)
    if not scores or total == 0:
        return None

    def mean(key: str) -> float:
        return sum(s[key] * w for s, w in zip(scores, weights, strict=True)) / total

    return Tone(
        positive=round(mean("pos"), 4),
        negative=round(mean("neg"), 4),
        neutral=round(mean("neu"), 4),
        polarity=round(max(-1.0, min(1.0, mean("compound"))), 4),
    )


def entity_tone(
    sentences: Sequence[tuple[int, int]], scores: Sequence[dict[str, float]], starts: Sequence[int]
) -> float | None:
    """Mean compound polarity of the sentences that hold an entity's mentions (each sentence once)."""
    # Sentences are sorted and disjoint: a binary search finds each mention's sentence.
    firsts = [s for s, _ in sentences]
    hit: set[int] = set()
    for start in starts:
        index = bisect_right(firsts, start) - 1
        if index >= 0 and start < sentences[index][1]:
            hit.add(index)
    if not hit:
        return None
    return round(sum(scores[i]["compound"] for i in hit) / len(hit), 4)
