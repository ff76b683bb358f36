"""How strongly an article and an open story point to one event: a few measured signals, one calibrated score.

Each signal is general (how similar the words and names are, how rare the shared ones are outside the story,
how far apart in time, how big the story is already); no one of them decides alone. A logistic model weighs
them into the probability that the article reports the story's event. Its weights were fitted by
`scripts/train_story_weights.py` on labelled pairs from one half of the development set (README "Stories");
the clusterer takes the best story when that probability reaches its threshold.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

#: The signals, in the order of `Evidence.values` and of the weights.
SIGNALS = (
    "words",  # cosine of the article's TF-IDF word vector with the story's summed word vectors
    "names",  # cosine of the article's IDF name vector with the story's summed name vectors
    "recency",  # exp(-gap / time scale): 1 when the article falls within the story's span
    "log_gap_days",  # log(1 + gap in days): a slower fall than recency, for follow-ups weeks later
    "rare_names",  # shared names that are rare outside the story (at most 4)
    "rare_words",  # shared words that are rare outside the story (at most 4)
    "rarest",  # the rarest shared word or name, its IDF outside the story as a share of a word seen once
    "log_size",  # log(1 + articles in the story): a big story's sums match many articles a little
)
#: Shared rare keys counted at most this many times (beyond, more of them says little more).
RARE_CAP = 4

#: Fitted on half A of the development set (scripts/train_story_weights.py; README "Stories"): one weight per
#: signal, then the intercept.
WEIGHTS = (10.503, 5.479, -2.345, -2.009, 0.555, 0.281, 6.22, -1.477, -5.688)


@dataclass(frozen=True)
class Evidence:
    """The signals of one article against one story (see `SIGNALS`)."""

    words: float
    names: float
    gap: float  # seconds between the article and the story's span
    rare_names: int
    rare_words: int
    rarest: float
    size: int
    # How far the stream's document frequencies can tell a rare key from a common one, 0..1 (`confidence`):
    # the rarity signals are scaled by it.
    confidence: float = 1.0
    # Whether a shared rare key is of the story's core (`worker.stories.core`): not a signal, a condition.
    core: bool = True

    def values(self, time_scale: float) -> list[float]:
        sure = self.confidence
        return [
            self.words, self.names, math.exp(-self.gap / time_scale), math.log1p(self.gap / 86400.0),
            sure * min(self.rare_names, RARE_CAP), sure * min(self.rare_words, RARE_CAP), sure * self.rarest,
            math.log1p(self.size),
        ]


def rare_below(documents: int, specific: float) -> float:
    """How many of `documents` may hold a key (besides a story's own) for it to count as rare: its IDF then is at
    least `specific` of a key seen once's (`Params.specific`; stream-wide, or on a desk: `worker.stories.desks`)."""
    once = math.log((documents + 1) / 2) + 1.0
    return (documents + 1) * math.exp(1.0 - specific * once) - 1.0


def confidence(documents: int, enough: int) -> float:
    """How much rarity says after `documents` articles: in a stream of ten every word but the commonest is
    "rare" (seen once), in one of thousands it is not; log(1 + documents) / log(1 + enough), at most 1."""
    return min(1.0, math.log1p(documents) / math.log1p(enough))


def probability(values: list[float], weights: tuple[float, ...]) -> float:
    """The logistic model: the probability that the article reports the story's event."""
    z = weights[-1] + sum(w * x for w, x in zip(weights, values, strict=False))
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@functools.cache
def rarity_raises(weights: tuple[float, ...]) -> bool:
    """Whether more rarity never lowers the probability (then the optimistic evidence is an upper bound)."""
    return all(weights[SIGNALS.index(name)] >= 0 for name in ("rare_names", "rare_words", "rarest"))


def log_odds(p: float) -> float:
    """log(p / (1 - p)), kept finite at 0 and 1."""
    p = min(max(p, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))
