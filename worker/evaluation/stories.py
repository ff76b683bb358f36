"""Story clustering on a JSON-lines stream of articles: the worker's own normalise, enrich and clustering code.

Input lines hold `id`, `title`, `body`, `published_at` and `url`; only those are read for clustering (a gold
`story` field is read by the scorer alone). Articles are clustered in file order, each when it arrives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from worker.models import StoryFeatures
from worker.pipeline import Enriched, Message, Pipeline
from worker.stories.cluster import Clusterer, Params
from worker.stories.features import features_of

#: The fields clustering may see.
INPUT_FIELDS = ("id", "title", "body", "published_at", "url")
BATCH = 32


@dataclass(frozen=True)
class ClusterScore:
    """B-cubed and pairwise precision, recall and F1 over `n` articles."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    n: int


def read_lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def featurise(rows: Sequence[Mapping[str, Any]], pipeline: Pipeline) -> Iterator[StoryFeatures]:
    """Each article through the worker's pipeline (in batches, as the agent does), reduced to its features."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        messages = [Message(json.dumps({k: row.get(k) for k in INPUT_FIELDS}).encode()) for row in batch]
        outcomes = pipeline.process(messages)
        for outcome in outcomes:
            if isinstance(outcome, Enriched):
                # A replay: each article arrives when it was published (the clock stories close by).
                features = features_of(outcome.article)
                yield features.model_copy(update={"processed_at": features.published_at or features.processed_at})


def cluster(features: Iterable[StoryFeatures], params: Params | None = None) -> dict[str, str]:
    """Article id -> story id at the end of the stream: each article as it was assigned on arrival, and the articles
    of a story merged into another under the surviving id (as a consumer of the `merged` records sees them)."""
    clusterer = Clusterer(params or Params())
    assigned = {}
    for article in features:
        clusterer.expire()
        assignment = clusterer.assign(article)
        for absorbed in assignment.merged:
            assigned.update(dict.fromkeys(absorbed.article_ids, assignment.story.id))
        assigned[article.article_id] = assignment.story.id
    return assigned


def score(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusterScore:
    """B-cubed (per article: share of its predicted cluster in its gold cluster, and the reverse; averaged) and
    pairwise (over all pairs of articles put together) precision, recall and F1, over the gold articles.
    An article without a prediction counts as alone."""
    tallies = _tallies(gold, predicted)
    precision, recall = _bcubed(gold, tallies, list(gold))
    _, gold_sizes, pred_sizes, both = tallies

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    together, gold_pairs, pred_pairs = pairs(both.values()), pairs(gold_sizes.values()), pairs(pred_sizes.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    return ClusterScore(precision, recall, _f1(precision, recall), pair_p, pair_r, _f1(pair_p, pair_r), len(gold))


def bcubed_among(gold: Mapping[str, str], predicted: Mapping[str, str], among: Iterable[str]) -> tuple[float, ...]:
    """B-cubed precision, recall and F1 averaged over the articles `among` only, each article's shares taken over
    its whole predicted and gold stories: one half's articles scored inside a stream that holds both (a wrong join
    across the halves counts against the article)."""
    precision, recall = _bcubed(gold, _tallies(gold, predicted), list(among))
    return precision, recall, _f1(precision, recall)


#: Each gold article's predicted story (alone without one), the gold and predicted stories' sizes, and the articles
#: each (gold, predicted) pair of stories shares.
_Tallies = tuple[dict[str, str], Counter[str], Counter[str], Counter[tuple[str, str]]]


def _tallies(gold: Mapping[str, str], predicted: Mapping[str, str]) -> _Tallies:
    pred = {i: predicted.get(i, f"alone:{i}") for i in gold}
    return pred, Counter(gold.values()), Counter(pred.values()), Counter((gold[i], pred[i]) for i in gold)


def _bcubed(gold: Mapping[str, str], tallies: _Tallies, ids: list[str]) -> tuple[float, float]:
    """B-cubed precision and recall averaged over the articles `ids`."""
    pred, gold_sizes, pred_sizes, both = tallies
    precision = sum(both[(gold[i], pred[i])] / pred_sizes[pred[i]] for i in ids) / len(ids)
    recall = sum(both[(gold[i], pred[i])] / gold_sizes[gold[i]] for i in ids) / len(ids)
    return precision, recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(data: Path, out: Path, pipeline: Pipeline, params: Params | None = None) -> ClusterScore | None:
    """Cluster the file's articles, write {"id", "story_id"} lines to `out`, and score if lines carry `story`."""
    rows = read_lines(data)
    assigned = cluster(featurise(rows, pipeline), params)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            story_id = assigned.get(str(row.get("id")))
            handle.write(json.dumps({"id": row.get("id"), "story_id": story_id}) + "\n")
    gold = {str(row["id"]): str(row["story"]) for row in rows if row.get("story") is not None}
    return score(gold, assigned) if gold and len(gold) == len(rows) else None
