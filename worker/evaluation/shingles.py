"""Body-text shingle metric of the article-extraction benchmark (4-gram token shingles, per-page averaged)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\w+")
_NGRAM = 4


@dataclass(frozen=True)
class ExtractionScore:
    """Precision and recall averaged over pages, F1 their harmonic mean."""

    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, n: int = _NGRAM) -> Counter[str]:
    """Every run of n consecutive `\\w+` tokens, with multiplicity; a shorter text is one shingle."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(pred: str, truth: str) -> tuple[float, float, float]:
    """Return (tp, fp, fn) for one page, divided by their sum so every page weighs the same."""
    p, t = shingles(pred), shingles(truth)
    tp = float(sum((p & t).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(pairs: Iterable[tuple[str, str]]) -> ExtractionScore:
    """Score (prediction, ground truth) pairs as the benchmark does."""
    precisions: list[float] = []
    recalls: list[float] = []
    pages = 0
    for pred, truth in pairs:
        pages += 1
        tp, fp, fn = page_counts(pred, truth)
        # Pages with nothing predicted (or nothing to find) carry no precision (recall) information.
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return ExtractionScore(precision=precision, recall=recall, f1=f1, pages=pages)
