"""Trending changelog records per article when the trending agent counts k articles' mentions at once.

    .venv/bin/python -m bench.trending_batches --corpus ../shared/eval/bbc --articles 400
    .venv/bin/python -m bench.trending_batches                      # the generated corpus bench.e2e sends

The worker's pipeline enriches the articles (here, in this process); their mention events are then counted the
way the trending agent counts a batch (worker/stream/trending_counts.py): one changelog record per distinct
entity of the batch (one hourly table since issue 15; before, two tables and one record per mention in each),
for batches of k consecutive articles (k = articles a second times NEWSFLOW_TRENDING_BATCH_TIMEOUT). Hours are
left out (a batch straddling the turn of an hour writes a few more).
The articles are shuffled (seeded): a feed mixes sections, a corpus read in folder order groups them. How much
batching saves depends on how often entities repeat within k articles, so the generated corpus (a small cast of
names) overstates it against real news: the reason for --corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import load
from bench.measure import one_blas_thread

BATCHES = (1, 2, 5, 10, 20, 50)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.trending_batches", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of .txt/.html/.json articles (default: generated)")
    parser.add_argument("--articles", type=int, default=400, help="articles to enrich (400)")
    parser.add_argument("--seed", type=int, default=4242, help="corpus and shuffle seed (4242)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


def records_per_article(entities: Sequence[list[str]], batch: int, tables: int) -> float:
    """Changelog records per article: per batch of `batch` articles, one per table and distinct entity."""
    writes = sum(len({e for article in entities[i : i + batch] for e in article}) * tables
                 for i in range(0, len(entities), batch))
    return writes / max(len(entities), 1)


def main(argv: Sequence[str] | None = None) -> dict[int, float]:
    args = _arguments(argv)
    one_blas_thread()
    from worker.pipeline import Enriched, Message, Pipeline
    from worker.settings import Settings

    items = load(args.corpus, 0 if args.corpus else args.articles, args.seed)  # a folder: all of it, then a sample
    random.Random(args.seed).shuffle(items)  # noqa: S311 - a shuffle, not a secret
    items = items[: args.articles]
    pipeline = Pipeline(Settings())
    pipeline.warm_up()
    entities = []
    for start in range(0, len(items), 16):
        batch = [Message(item.value, content_type=item.content_type) for item in items[start : start + 16]]
        entities += [[m.entity_id for m in o.mentions] for o in pipeline.process(batch) if isinstance(o, Enriched)]
    mentions = sum(map(len, entities)) / max(len(entities), 1)
    print(f"{len(entities)} articles enriched of {len(items)} ({args.corpus or 'generated corpus'}), "
          f"{mentions:.1f} mention events an article")
    result = {}
    for k in BATCHES:
        result[k] = records_per_article(entities, k, 1)
        print(f"  batches of {k:3d} articles: {result[k]:5.1f} trending changelog records an article "
              f"(one per mention: {mentions:.1f}; two tables, one per mention each: {2 * mentions:.1f})")
    if args.json:
        args.json.write_text(json.dumps({"articles": len(entities), "mentions_per_article": mentions,
                                         "records_per_article_by_batch": result}, indent=1))
    return result


if __name__ == "__main__":
    main()
