"""A small learned second opinion for the IPTC tagger: which of six news desks an article belongs to.

A naive Bayes model over the words of the headline and body (each word counted once per article), trained by
scripts/train_topic_desks.py on labelled news (README: which data, its licence) and shipped as word counts
per desk in worker/enrich/data/topic_desks_<language>.json. It knows only the six desks it was trained on
(business, entertainment, health, politics, sport, technology, each mapped to its IPTC level-1 topic), so
it never decides alone: classify adds its belief, scaled to the article's strongest cue evidence, to those
six fields (DESK_WEIGHT), and it names the fallback topic of an item no cue matched.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from worker.enrich.topics.lexicon import fold, tokenise

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
#: How much of the strongest field's cue evidence the model's full belief in one desk is worth, per language;
#: chosen on half a of the development sets (README quality table), checked on half b.
DESK_WEIGHT = {"en": 0.35, "fr": 1.5}
_SMOOTHING = 1.0


@dataclass(frozen=True, slots=True)
class DeskModel:
    codes: tuple[str, ...]
    #: word -> log P(word present | desk) for each desk, in `codes` order.
    log_present: dict[str, tuple[float, ...]]
    log_prior: tuple[float, ...]

    def posterior(self, title: str | None, text: str, language: str) -> dict[str, float] | None:
        """P(desk | words) per IPTC code, or None when not one word of the text is in the vocabulary."""
        words = {fold(w, language) for w in tokenise(f"{title or ''}\n{text}", language)}
        known = [self.log_present[w] for w in words if w in self.log_present]
        if not known:
            return None
        scores = list(self.log_prior)
        for row in known:
            scores = [s + v for s, v in zip(scores, row, strict=True)]
        top = max(scores)
        odds = [math.exp(s - top) for s in scores]
        total = sum(odds)
        return {code: o / total for code, o in zip(self.codes, odds, strict=True)}


def model_file(language: str) -> Path:
    return DATA_DIR / f"topic_desks_{language}.json"


@cache
def desk_model(language: str) -> DeskModel | None:
    """The shipped model of a language (loaded on first use), or None for a language without one."""
    path = model_file(language)
    if language not in DESK_WEIGHT or not path.exists():
        return None
    return load(path)


def load(path: Path) -> DeskModel:
    """A model file written by scripts/train_topic_desks.py."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    codes = tuple(payload["codes"])
    articles = payload["articles"]
    # Multinomial naive Bayes over word presence: a desk's word total is its count of (article, word) pairs.
    totals = [sum(row[i] for row in payload["words"].values()) for i in range(len(codes))]
    size = len(payload["words"])
    log_present = {
        word: tuple(math.log((n + _SMOOTHING) / (totals[i] + _SMOOTHING * size)) for i, n in enumerate(row))
        for word, row in payload["words"].items()
    }
    all_articles = sum(articles)
    return DeskModel(codes, log_present, tuple(math.log(n / all_articles) for n in articles))
