#!/usr/bin/env python
"""Fit the story clusterer's evidence weights (worker/stories/evidence.py: WEIGHTS) on labelled articles.

Input: a JSON-lines stream of articles in publication order with a gold `story` field (the development set's
half A, written by the README's "Stories" snippet; never the half used to check, nor any held-out set):

    .venv/bin/python scripts/train_story_weights.py half-a.jsonl --features half-a.features.jsonl

Each article goes through the worker's own normalise, enrich and feature code, then through the clusterer in
arrival order, as in `newsflow eval stories`. Before each article is assigned, every candidate story the
clusterer would score gives one training pair: its signals (`worker.stories.evidence.SIGNALS`) and whether
most of the story's articles report the article's event. An L2-regularised logistic regression on those pairs
gives the weights, printed as the WEIGHTS line to paste. The pairs depend on the stories the clusterer made,
so `--rounds 2` collects again with the weights just fitted (the shipped weights: see README).
`--features` keeps the articles' features in a file (written the first time, read after), to skip the NLP.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.evaluation.stories import featurise, read_lines  # noqa: E402
from worker.models import StoryFeatures  # noqa: E402
from worker.stories.cluster import Clusterer, Params  # noqa: E402
from worker.stories.evidence import SIGNALS  # noqa: E402
from worker.stories.features import event_time  # noqa: E402


def features(data: Path, cache: Path | None) -> list[StoryFeatures]:
    if cache is not None and cache.exists():
        return [StoryFeatures.model_validate_json(line) for line in cache.open(encoding="utf-8")]
    from worker.pipeline import Pipeline  # the NLP models load only when needed
    from worker.settings import get_settings

    found = list(featurise(read_lines(data), Pipeline(get_settings())))
    if cache is not None:
        cache.write_text("".join(f.model_dump_json() + "\n" for f in found), encoding="utf-8")
    return found


def pairs(stream: list[StoryFeatures], gold: dict[str, str], params: Params) -> tuple[np.ndarray, np.ndarray]:
    """(signals, same event) for every candidate story of every article, the clusterer run as the worker runs it."""
    clusterer = Clusterer(params)
    rows, labels = [], []
    for article in stream:
        clusterer.expire()
        at, weights = event_time(article), clusterer._article_weights(article)  # noqa: SLF001 - the same vectors
        for story in clusterer._candidates(clusterer._blocking_keys(weights)[1]):  # noqa: SLF001
            found = clusterer.evidence(weights, story, at)
            if found is None:
                continue
            majority = Counter(gold[a] for a in story.article_ids).most_common(1)[0][0]
            rows.append(found.values(params.time_scale))
            labels.append(float(majority == gold[article.article_id]))
        clusterer.assign(article)
    return np.array(rows), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method; the intercept (last) is penalised like the rest (lightly)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ beta)))
        gradient = xb.T @ (p - y) + l2 * beta
        hessian = (xb.T * (p * (1 - p))) @ xb + l2 * np.eye(len(beta))
        beta -= np.linalg.solve(hessian, gradient)
    return beta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="JSON lines with id, title, body, published_at, url, story")
    parser.add_argument("--features", type=Path, help="cache of the articles' features (written if missing)")
    parser.add_argument("--rounds", type=int, default=1, help="collect and fit this many times")
    args = parser.parse_args()
    gold = {str(row["id"]): str(row["story"]) for row in read_lines(args.data)}
    stream = features(args.data, args.features)
    # Pairs from stories that all close after the short quiet period: weights fitted on pairs weeks apart (the
    # followed stories' window) took long gaps too readily on the other half (README "Stories").
    params = Params(followed_quiet_period=None)
    for _ in range(args.rounds):
        x, y = pairs(stream, gold, params)
        beta = fit(x, y)
        params = Params(followed_quiet_period=None, weights=tuple(round(float(b), 3) for b in beta))
        print(f"{len(y)} pairs, {int(y.sum())} of one event; signals {', '.join(SIGNALS)}, intercept")
        print(f"WEIGHTS = {params.weights}")


if __name__ == "__main__":
    main()
