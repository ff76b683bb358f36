"""Story clustering alone: articles per second with 10k, 100k and 200k open articles in the window.

    .venv/bin/python -m bench.stories
    .venv/bin/python -m bench.stories --open 100000 --articles 5000 --rounds 3 --json stories.json

Feeds pre-enriched articles (StoryFeatures records, as the enrich agents send them) to the clustering
stage's pure code, one thread, no broker. The articles are synthetic and deterministic: events with their
own people, places and words and the day most of their reports name, reported 1-4 times each, over
Zipf-distributed background words and entities.
Each article arrives one second after the last and the quiet period is the window size in seconds, so the
window holds the requested number of open articles once filled; then timed rounds run on top of it (old
stories closing as new ones open). Prints articles/s (median of rounds), the median and p99 latency per
article, the open stories and articles, and the growth of the process's resident memory while filling the
window (the clusterer's state and indexes) next to the process's total at the end. A round's articles
are generated before its clock starts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.measure import machine, median, percentile
from worker.models import StoryEntity, StoryFeatures
from worker.stories.cluster import Clusterer, Params

START = datetime(2026, 1, 1, tzinfo=UTC)
TYPES = ("person", "organisation", "place")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__.split("\n")[0])
    parser.add_argument("--open", dest="sizes", type=int, action="append",
                        help="open articles in the window; repeatable (10000, 100000, 200000)")
    parser.add_argument("--articles", type=int, default=5000, help="timed articles per round (5000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (3)")
    parser.add_argument("--seed", type=int, default=4242, help="generator seed (4242)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


def articles(seed: int) -> Iterator[StoryFeatures]:
    """An endless deterministic stream: each event gets 1-4 articles, spread over the next few minutes."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    words = [f"w{i}" for i in range(60_000)]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(words))))
    n, event = 0, 0
    pending: list[tuple[int, StoryFeatures]] = []
    while True:
        event += 1
        own_words = [f"e{event}x{k}" for k in range(8)]
        own_entities = [(f"newsflow:{TYPES[k % 3]}:e{event}-{k}", TYPES[k % 3]) for k in range(rng.randint(2, 5))]
        day = START.date() - timedelta(days=rng.randrange(7))  # the day its reports name, within the week
        for copy in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            background = rng.choices(words, cum_weights=cumulative, k=25)
            terms: dict[str, int] = {}
            for word in rng.sample(own_words, 6) + background:
                terms[word] = terms.get(word, 0) + 1
            shared = [(f"Q{int(rng.paretovariate(1.1)) % 50_000}", "place") for _ in range(3)]
            entities = [StoryEntity.model_construct(id=i, name=i, type=t, salience=0.2, count=1)
                        for i, t in own_entities + shared]
            due = n + copy * rng.randint(1, 120)
            days = [day] if rng.random() < 0.7 else []  # (most reports name their event's day)
            pending.append((due, _features(f"a{event}-{copy}", entities, dict(list(terms.items())[:30]), days)))
        pending.sort(key=lambda item: item[0])
        while pending and pending[0][0] <= n:
            _, article = pending.pop(0)
            moment = START + timedelta(seconds=n)
            yield article.model_copy(update={"published_at": moment, "processed_at": moment})
            n += 1


def _features(article_id: str, entities: list[StoryEntity], terms: dict[str, int], days: list[date]) -> StoryFeatures:
    return StoryFeatures.model_construct(
        schema_version="1.0", article_id=article_id, title=None, source="bench", published_at=START,
        processed_at=START, entities=entities, topics=["medtop:16000000"], terms=terms, dates=days,
    )


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * 4096 / 1e6


def run_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    stream = articles(args.seed)
    # One quiet period for every story, so the window holds about `size` articles (the cost per article at a
    # given number of open articles is what is measured; how many a deployment keeps open is its settings' choice).
    clusterer = Clusterer(Params(quiet_period=float(size), followed_quiet_period=None))
    clusterer.assign(next(stream))  # the generator's tables are allocated before memory is read
    before = rss_mb()
    started = time.perf_counter()
    for _ in range(size):
        clusterer.expire()
        clusterer.assign(next(stream))
    fill = size / (time.perf_counter() - started)
    state_mb = rss_mb() - before
    rates, cpu_rates, latencies = [], [], []
    for _ in range(args.rounds):
        batch = list(itertools.islice(stream, args.articles))
        round_started, cpu_started = time.perf_counter(), time.process_time()
        for article in batch:
            t = time.perf_counter()
            clusterer.expire()
            clusterer.assign(article)
            latencies.append((time.perf_counter() - t) * 1000)
        rates.append(args.articles / (time.perf_counter() - round_started))
        cpu_rates.append(args.articles / (time.process_time() - cpu_started))
    open_articles = sum(story.count for story in clusterer.stories.values())
    return {"open_articles_target": size, "open_articles": open_articles, "open_stories": len(clusterer.stories),
            "articles_per_s": round(median(rates), 1), "rounds": [round(r, 1) for r in rates],
            "articles_per_cpu_s": round(median(cpu_rates), 1),
            "latency_ms_p50": round(percentile(latencies, 50), 3),
            "latency_ms_p99": round(percentile(latencies, 99), 3),
            "fill_articles_per_s": round(fill, 1), "memory_mb": round(state_mb, 1),
            "process_rss_mb": round(rss_mb(), 1)}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _arguments(argv)
    sizes = args.sizes or [10_000, 100_000, 200_000]
    print(machine())
    results = []
    for size in sizes:
        figures = run_size(size, args)
        results.append(figures)
        print(f"{figures['open_articles']:>7} open articles ({figures['open_stories']} stories): "
              f"{figures['articles_per_s']:>8.1f} articles/s (rounds {figures['rounds']}; "
              f"{figures['articles_per_cpu_s']:.1f} per CPU second), "
              f"p50 {figures['latency_ms_p50']} ms, p99 {figures['latency_ms_p99']} ms, "
              f"state {figures['memory_mb']} MB (process {figures['process_rss_mb']} MB)", flush=True)
    report = {"benchmark": "stories", "machine": machine(), "results": results}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
