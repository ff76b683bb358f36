"""The benchmark modules import, their corpus is deterministic, and the measured proposals change no output."""

import importlib
import json
import re

import pytest

from bench.corpus import generate
from bench.measure import percentile

_WORD = re.compile(r"\w+")


@pytest.mark.parametrize(
    ("module", "entry"),
    [("bench.pipeline", "main"), ("bench.e2e", "main"), ("bench.scale", "main"), ("bench.tuning", "worker_main"),
     ("bench.soak", "main"), ("bench.near_duplicates", "main"), ("bench.stories", "main"),
     ("bench.profile_summary", "main"), ("bench.languages", "main"), ("bench.trending_batches", "main"),
     ("bench.trending_replay", "main"), ("bench.produce_calls", "main"),
     ("bench.merge_scaling", "main"), ("bench.places_resolve", "main"), ("bench.archive_memory", "main"),
     ("bench.gazetteer_load", "main")],
)
def test_benchmark_modules_import(module: str, entry: str) -> None:
    assert callable(getattr(importlib.import_module(module), entry))


def test_corpus_is_deterministic() -> None:
    assert generate(30, seed=11) == generate(30, seed=11)
    assert generate(30, seed=11) != generate(30, seed=12)
    assert generate(10, seed=11) == generate(30, seed=11)[:10]  # a longer run starts with the same articles


def test_corpus_articles_are_news_length_and_mixed_formats() -> None:
    items = generate(60, seed=3)
    assert {item.fmt for item in items} == {"json", "text", "html"}
    bodies = [json.loads(i.value)["body"] for i in items if i.fmt == "json"]
    assert all(300 <= len(_WORD.findall(body)) <= 1100 for body in bodies)
    assert len({i.id for i in items}) == len(items)


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99 and percentile([7.0], 99) == 7.0


def test_the_stories_benchmark_stream_is_deterministic_and_fills_its_window() -> None:
    from itertools import islice

    from bench.stories import articles

    assert [a.article_id for a in islice(articles(3), 50)] == [a.article_id for a in islice(articles(3), 50)]
    stamps = [a.processed_at for a in islice(articles(3), 50)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 50  # one article a second


def test_profile_summary_sorts_samples_by_thread_and_innermost_category(tmp_path) -> None:
    from bench.profile_summary import summarise

    nlp = ("thread (1): asyncio_0;Thread.run (threading.py:982);_worker (concurrent/futures/thread.py:83);"
           "Pipeline.process (worker/pipeline.py:141);Model.predict (thinc/model.py:334) 7")
    loop = ("thread (2): MainThread;BaseEventLoop.run_forever (asyncio/base_events.py:607);"
            "publish (worker/stream/publishing.py:87);records_of (worker/stream/publishing.py:55);"
            "BaseModel.model_dump_json (pydantic/main.py:477) 3")
    sensor = ("thread (2): MainThread;BaseEventLoop.run_forever (asyncio/base_events.py:607);"
              "TopicSensor.on_send_completed (worker/stream/metrics.py:80) 2")
    profile = tmp_path / "profile.txt"
    profile.write_text("\n".join([nlp, loop, sensor]) + "\n")
    total, threads, categories = summarise(profile)
    assert total == 12 and threads == {"NLP thread": 7, "event loop thread": 5}
    assert categories == {("event loop thread", "serialisation (pydantic dump/validate, json)"): 3,
                          ("event loop thread", "metrics (sensors, prometheus)"): 2}


def test_trending_batches_count_one_record_per_distinct_entity_of_a_batch() -> None:
    from bench.trending_batches import records_per_article

    articles = [["Q1", "Q2"], ["Q1", "Q3"], ["Q1"], ["Q4", "Q1"]]
    assert records_per_article(articles, 1, 1) == 7 / 4  # one per mention
    assert records_per_article(articles, 2, 1) == (3 + 2) / 4  # {Q1 Q2 Q3}, {Q1 Q4}
    assert records_per_article(articles, 4, 2) == 4 * 2 / 4


def test_records_per_article_drop_the_run_prefix_and_empty_topics() -> None:
    from bench.e2e import _records_per_article

    counts = {"bench-1.raw": 10, "bench-1.mentions": 105, "bench-1-seen-changelog": 20, "bench-1.deadletter": 0}
    assert _records_per_article(counts, "bench-1", 10) == {"raw": 1.0, "mentions": 10.5, "seen-changelog": 2.0}
