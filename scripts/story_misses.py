#!/usr/bin/env python
"""Why the later reports of an event joined none of its earlier ones: each such article's reason, counted.

Input: a JSON-lines stream of articles in publication order with a gold `story` field (a development half, written
by the README's "Stories" snippet) and its features file (`train_story_weights.py --features` writes it):

    .venv/bin/python scripts/story_misses.py half-a.jsonl --features half-a.features.jsonl

The stream is replayed through the clusterer as `newsflow eval stories` runs it. Before each article is assigned,
the stories holding its event's earlier articles are looked up and scored as the clusterer scores its candidates;
if the article then joins none of them, it counts under the reason of the nearest one (`REASONS`, nearest first):
a better-scored story took it, the story would take it but candidate blocking did not find it, it fell below the
threshold, the shared rare keys are none of the story's core or not rare on the article's desk, no shared key is
rare outside the story, nothing is shared, the story closed (archived: the follow-up rule did not re-open it), or
it closed and was never archived (it named nobody). `pairs` counts the event's earlier articles it was kept from.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.evaluation.stories import read_lines  # noqa: E402
from worker.models import StoryFeatures  # noqa: E402
from worker.stories.cluster import Clusterer, Params  # noqa: E402
from worker.stories.dates import with_dates  # noqa: E402
from worker.stories.desks import DeskView  # noqa: E402
from worker.stories.evidence import probability  # noqa: E402
from worker.stories.features import event_time  # noqa: E402
from worker.stories.state import StoryState, Vectors  # noqa: E402

REASONS = ("taken by another", "missed by blocking", "below the threshold", "not rare on its desk",
           "not of its core", "no rare key", "nothing shared", "closed, archived", "closed, not archived")


def misses(stream: Iterable[StoryFeatures], gold: Mapping[str, str], params: Params) -> list[tuple[str, str, int]]:
    """(article id, reason, earlier articles of its event) for each article that joined none of them."""
    clusterer, story_of = Clusterer(params), dict[str, str]()  # article id -> its story (merges followed)
    members: dict[str, list[str]] = {}  # gold event -> its articles so far
    found = []
    for article in stream:
        clusterer.expire()
        before = members.setdefault(gold[article.article_id], [])
        targets = {story_of[a] for a in before}
        reason = _nearest(clusterer, article, targets) if targets else None
        assignment = clusterer.assign(article)
        for absorbed in assignment.merged:
            for other, story in story_of.items():
                if story == absorbed.id:
                    story_of[other] = assignment.story.id
        story_of[article.article_id] = assignment.story.id
        joined = {assignment.story.id, *(absorbed.id for absorbed in assignment.merged)}
        if reason is not None and not joined & targets:
            found.append((article.article_id, reason, len(before)))
        before.append(article.article_id)
    return found


def _nearest(clusterer: Clusterer, article: StoryFeatures, targets: set[str]) -> str:
    """The reason the nearest of the `targets` (story ids) would not take the article (see `REASONS`)."""
    weights, at, p = clusterer._article_weights(article), event_time(article), clusterer.params  # noqa: SLF001
    candidates = {s.id for s in clusterer._candidates(clusterer._blocking_keys(weights)[1])}  # noqa: SLF001
    desk = clusterer.desks.view(article, p.specific)
    reasons, days = [], {day.isoformat() for day in article.dates}
    for story_id in targets:
        story = clusterer.stories.get(story_id)
        if story is None:
            reasons.append("closed, archived" if story_id in clusterer.archive.entries else "closed, not archived")
        else:
            reasons.append(_open_reason(clusterer, weights, story, at, desk, story_id in candidates, days))
    return min(reasons, key=REASONS.index)


def _open_reason(clusterer: Clusterer, weights: Vectors, story: StoryState, at: float, desk: DeskView,
                 candidate: bool, days: set[str]) -> str:
    p = clusterer.params
    evidence = clusterer.evidence(weights, story, at, desk)
    if evidence is None:
        return "nothing shared"
    if evidence.rarest < p.specific:
        return "no rare key"
    if not evidence.core:  # (without the desk, the same keys: only the desk's rarity can change the answer)
        anywhere = clusterer.evidence(weights, story, at)
        return "not rare on its desk" if anywhere is not None and anywhere.core else "not of its core"
    found = probability(evidence.values(p.time_scale), p.weights)
    if with_dates(found, days, story.dates, p.dates_agree, p.dates_disagree) < p.threshold:
        return "below the threshold"
    return "taken by another" if candidate else "missed by blocking"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="JSON lines with a gold `story` field, in publication order")
    parser.add_argument("--features", type=Path, required=True, help="its features (train_story_weights.py)")
    args = parser.parse_args()
    gold = {str(row["id"]): str(row["story"]) for row in read_lines(args.data)}
    with args.features.open(encoding="utf-8") as handle:
        stream = [StoryFeatures.model_validate_json(line) for line in handle]
    found = misses(stream, gold, Params())
    articles, pairs = Counter(r for _, r, _ in found), Counter[str]()
    for _, reason, earlier in found:
        pairs[reason] += earlier
    print(f"{len(found)} articles joined none of their event's earlier articles ({sum(pairs.values())} pairs)")
    for reason in REASONS:
        print(f"  {reason}: {articles[reason]} articles, {pairs[reason]} pairs")


if __name__ == "__main__":
    main()
