"""Vector helpers of the clusterer, and the headline that stands in for a short article's text.

A short article (a paywall's teaser, a video page, a tweet) has a body of a few words: its word vector is its
headline and little else, and its cosine with a story's sums, which hold every word of its long reports, stays
low even when the headline names the same event as the story's. When no story takes such an article, the
clusterer scores its candidates again, found by all its words (few as they are) instead of its rarest, with
the `words` signal at least the best IDF-weighted cosine of its headline with the story's latest ones (reports
of one event word their headlines differently, and a teaser echoes one of them); the other signals (names,
rarity, time) are unchanged, so a headline alike in common words alone still takes nothing, and an article a
story takes is never re-scored. "Short" needs no threshold of its own: the title and lead gave fewer distinct
content words than an article keeps (`worker.stories.terms.MAX_TERMS`), that is, the text ran out first; or the
lead repeats none of the headline's words, so the text is a page's furniture, not the article. Measured in
docs/stories.md.

An article whose text names no place (a paywall's or a registration page's text, a video page, a teaser: the
tagger found none) has lost the names its headline carries, since names are tagged in the text alone: its
headline words stand in for them (`headline_names`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from worker.models import StoryFeatures
from worker.stories.terms import MAX_TERMS, headline, words

Story = TypeVar("Story")
#: Headline words from which a lead that repeats none of them is taken for the page's text, not the article's.
ECHOED = 3


def is_short(article: StoryFeatures) -> bool:
    """Whether the article's title and lead ran out before giving `MAX_TERMS` distinct content words, or its lead
    repeats none of its headline's words (of three or more): then the text is not the article's but the page's (a
    registration form, a list of other stories), and the headline is all there is of it."""
    if len(article.terms) < MAX_TERMS:
        return True
    head = set(words(headline(article.title or "")))
    # A headline word counts twice in the terms (`content_terms`): more means the lead has it too.
    return len(head) >= ECHOED and not any(article.terms.get(word, 0) > 2 for word in head)


def headline_names(article: StoryFeatures, names: dict[str, float], df: Mapping[str, int],
                   rare_below: float) -> dict[str, float]:
    """`names` (an article's name keys and weights) with, if the article names no place, its headline's words that
    are rare in the stream (in at most `rare_below` of its documents, `df`) as name keys (`$word`, weight 1): what
    the headline names ("Carbondale police investigate fatal shooting") still meets the other reports' names, and
    the name vector, not the words of a page's furniture, carries it."""
    if any(entity.type == "place" for entity in article.entities):
        return names
    found = dict(names)
    for word in set(words(headline(article.title or ""))):
        if df.get(word, 0) <= rare_below:
            found.setdefault(f"${word}", 1.0)
    return found


def headline_vector(title: str | None, idf: Callable[[str], float]) -> dict[str, float]:
    """The headline's distinct content words, each weighed by its IDF, of length 1 (empty without a title)."""
    return unit({word: idf(word) for word in set(words(headline(title or "")))})


def headlines_cosine(vector: dict[str, float], titles: Iterable[str | None], idf: Callable[[str], float]) -> float:
    """The best cosine of a headline's `vector` with any of the `titles`' headline vectors (0 for none)."""
    return max((cosine(vector, headline_vector(title, idf)) for title in titles), default=0.0)


def cosine(unit_a: dict[str, float], unit_b: dict[str, float]) -> float:
    """The cosine of two vectors of length 1 (or empty)."""
    if len(unit_b) < len(unit_a):
        unit_a, unit_b = unit_b, unit_a
    return sum(w * unit_b.get(key, 0.0) for key, w in unit_a.items())


def length(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values())) or 1.0


def unit(vector: dict[str, float]) -> dict[str, float]:
    size = length(vector)
    return {key: w / size for key, w in vector.items()}


def best_two(scored: Iterable[tuple[Story, float]]) -> tuple[Story | None, float, Story | None, float]:
    """The best-scored item and its score, then the runner-up and its (None and 0 for none above 0)."""
    best: Story | None = None
    runner_up: Story | None = None
    best_score = runner_score = 0.0
    for item, score in scored:
        if score > best_score:
            runner_up, runner_score, best, best_score = best, best_score, item, score
        elif score > runner_score:
            runner_up, runner_score = item, score
    return best, best_score, runner_up, runner_score
