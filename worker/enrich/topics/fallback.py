"""The last resort of the IPTC tagger: a level-1 topic for a news item no cue phrase matched.

Every real news item gets a topic (a low score says how little it rests on). First choice: the desk model
of the language (desks.py), which alone picks the right desk for about 3 short items in 4. Without one, or
when it knows none of the words, the vocabulary of IPTC's own names and definitions (English): a word used
in the definitions of one field's topics only ("vehicle", "plant", "illness") points to that field, a word
shared by many fields hardly at all; alone it picks the desk for about 4 short items in 10, against under 2
in 10 for any one fixed topic. Last, the prior.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import cache

from worker.enrich.topics import iptc
from worker.enrich.topics.desks import desk_model
from worker.enrich.topics.lexicon import stem, tokenise

#: When not one word of the item is in the definitions (or it is not English): politics and government,
#: the commonest desk of general news.
PRIOR = "medtop:11000000"
#: The score of a fallback topic: below every score the cues give (classify's MIN_SCORE is 0.1), so a
#: consumer can tell a guess from a finding.
SCORE = 0.01
_LEVEL_ONE = 17
# Words of the definitions' own phrasing that say nothing about a field.
_STOPWORDS = frozenset(
    """
    a an the and or of in on at to for by with from as is are be been being was were that this these those
    it its their his her they them which who whom what when where how all any other such into about over
    under than not no but also may can including include includes related activities activity matters
    matter issues issue forms form types type use used using given general people person persons such
    something someone one two each both more most within without between among through
    """.split()
)


@cache
def _definition_words() -> dict[str, dict[str, float]]:
    """word -> {level-1 code: weight}: a word's share of uses in each field, times how few fields use it."""
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for topic in iptc.taxonomy().values():
        root = iptc.top_level(topic.code)
        text = " ".join(filter(None, (topic.name, topic.name_us, topic.definition)))
        for token in tokenise(text):
            word = stem(token.lower())
            if len(word) < 3 or word.isdigit() or word in _STOPWORDS:
                continue
            uses[word][root] += 1
    table: dict[str, dict[str, float]] = {}
    for word, per_root in uses.items():
        total = sum(per_root.values())
        rarity = math.log((_LEVEL_ONE + 1) / len(per_root))
        table[word] = {root: count / total * rarity for root, count in per_root.items()}
    return table


def definition_scores(title: str | None, text: str) -> dict[str, float]:
    """Weak evidence per level-1 code from the words of an English text that IPTC's definitions use."""
    table = _definition_words()
    scores: dict[str, float] = defaultdict(float)
    for token in tokenise(f"{title or ''}\n{text}"):
        for root, weight in table.get(stem(token.lower()), {}).items():
            scores[root] += weight
    return dict(scores)


def fallback_topic(title: str | None, text: str, language: str) -> str:
    """The level-1 code a news item with no cue match gets: the desk model's, the definitions', or the prior."""
    desks = desk_model(language)
    belief = desks.posterior(title, text, language) if desks else None
    if belief:
        return max(belief, key=lambda code: (belief[code], code))
    scores = definition_scores(title, text) if language == "en" else {}
    if not scores:
        return PRIOR
    return max(scores, key=lambda code: (scores[code], code))
