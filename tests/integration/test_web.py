"""A running worker on the real broker, seen as an operator sees it: /health, /ready, /metrics, trending, logs."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from tests.integration.conftest import REPO, Run, WorkerProcess
from tests.support.articles import as_messages, generate
from tests.support.observability import SYNTHETIC, missing_from, referenced_metrics
from worker.cli.produce import Report, expand, read
from worker.models import DeadLetterReason

BAD = [b"{ not json", b"[1, 2", b'{"title": "a headline and nothing else"}']  # not_json x2, empty_body x1
PARTITIONS = 4
REASONS = get_args(DeadLetterReason)


@dataclass
class Served:
    run: Run
    worker: WorkerProcess
    url: str
    articles: int
    sent: int


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own worker on 127.0.0.1
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get_json(url: str) -> tuple[int, Any]:
    status, body = get(url)
    return status, json.loads(body)


def wait_until(what: str, check: Any, timeout: float, worker: WorkerProcess) -> Any:
    """Poll `check` until it returns something truthy; fail with the worker's log tail if it never does."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if worker.proc.poll() is not None:
            raise AssertionError(f"worker exited with {worker.proc.returncode}:\n{worker.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout}s\n{worker.log()[-2000:]}")
        time.sleep(0.3)


SAMPLE = re.compile(r"^(?P<name>[a-zA-Z_:][\w:]*)(?:\{(?P<labels>.*)\})? (?P<value>\S+)$")


def metric(text: str, name: str, **labels: str) -> float:
    """One sample from the Prometheus text format (0 when absent)."""
    for line in text.splitlines():
        sample = SAMPLE.match(line)
        if sample and sample["name"] == name:
            if dict(re.findall(r'(\w+)="([^"]*)"', sample["labels"] or "")) == labels:
                return float(sample["value"])
    return 0.0


def scrape(served: Served) -> str:
    status, body = get(f"{served.url}/metrics")
    assert status == 200
    return body.decode()


@pytest.fixture(scope="module")
def served(broker: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One worker for the whole module, fed the seeds, generated articles and a few bad messages."""
    run = Run(broker, partitions=PARTITIONS)
    asyncio.run(run.create_topics())
    env = run.env()
    worker = WorkerProcess(env, tmp_path_factory.mktemp("web") / "worker.log")
    url = f"http://127.0.0.1:{env['NEWSFLOW_WEB_PORT']}"
    try:
        wait_until("/ready answers 200", lambda: _status(f"{url}/ready") == 200, 120, worker)
        report = Report()
        seeds = [m.value for path in expand([str(REPO / "seeds")]) for m in read(path, report)]
        good = seeds + as_messages(generate(20, prefix=run.name))
        asyncio.run(run.send(good + BAD))
        served = Served(run, worker, url, articles=len(good), sent=len(good) + len(BAD))

        def all_processed() -> bool:
            text = scrape(served)
            dead = sum(metric(text, "newsflow_dead_letters_total", reason=r) for r in REASONS)
            # Enriched articles reach their topic one hop later, through the clustering agent (story_id).
            published = metric(text, "newsflow_messages_out_total", topic=run.topics["enriched"])
            enriched = metric(text, "newsflow_articles_enriched_total")
            return enriched + dead >= served.sent and published >= served.articles

        wait_until("every message enriched and published, or dead-lettered", all_processed, 120, worker)
        yield served
    finally:
        worker.stop(signal.SIGTERM)


def _status(url: str) -> int | None:
    try:
        return get(url)[0]
    except OSError:  # not listening yet
        return None


def test_health_says_the_process_is_up(served: Served) -> None:
    assert get_json(f"{served.url}/health") == (200, {"status": "ok"})


def test_ready_lists_the_assigned_partitions(served: Served) -> None:
    status, body = get_json(f"{served.url}/ready")
    assert status == 200 and body["ready"] is True and body["reasons"] == []
    assert body["partitions"] == {
        served.run.topics["raw"]: list(range(PARTITIONS)),
        f"{served.run.name}-mention-tallies": list(range(PARTITIONS)),  # the trending agent's input
    }


def test_metrics_count_messages_articles_and_dead_letters(served: Served) -> None:
    text = scrape(served)
    topics = served.run.topics
    assert metric(text, "newsflow_messages_in_total", topic=topics["raw"]) >= served.sent
    assert metric(text, "newsflow_articles_enriched_total") >= served.articles
    assert metric(text, "newsflow_messages_out_total", topic=topics["enriched"]) >= served.articles
    assert metric(text, "newsflow_dead_letters_total", reason="not_json") == 2
    assert metric(text, "newsflow_dead_letters_total", reason="empty_body") == 1
    assert metric(text, "newsflow_dead_letters_total", reason="too_large") == 0
    assert metric(text, "newsflow_messages_out_total", topic=topics["deadletter"]) == 3
    # One latency observation per enriched article, and real (non-zero) time spent.
    assert metric(text, "newsflow_enrichment_seconds_count") == metric(text, "newsflow_articles_enriched_total")
    assert metric(text, "newsflow_enrichment_seconds_sum") > 0
    assert metric(text, "newsflow_stage_seconds_count", stage="ner") > 0


def test_metrics_serve_every_series_the_dashboard_and_the_alert_rules_name(served: Served) -> None:
    status, _ = get(f"{served.url}/ready")  # /ready sets newsflow_ready
    text = scrape(served)
    assert status == 200 and metric(text, "newsflow_ready") == 1
    assert missing_from(text) == set()
    # with samples now, not only declared: this worker has enriched articles (and no send has failed)
    series = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and not line.startswith("#")}
    assert referenced_metrics() - SYNTHETIC - {"newsflow_send_errors_total"} <= series


def test_metrics_show_consumer_lag_per_partition_draining_to_zero(served: Served) -> None:
    raw = served.run.topics["raw"]

    def lags() -> dict[str, float] | None:
        text = scrape(served)
        found = {p: metric(text, "newsflow_consumer_lag", topic=raw, partition=str(p)) for p in range(PARTITIONS)}
        present = all(f'newsflow_consumer_lag{{partition="{p}",topic="{raw}"}}' in text for p in range(PARTITIONS))
        return found if present and not any(found.values()) else None

    assert wait_until("lag 0 on every raw partition", lags, 30, served.worker) == dict.fromkeys(range(PARTITIONS), 0)


async def mentions_with_timestamps(run: Run, expect: int) -> list[tuple[float, dict[str, Any]]]:
    return [(ts, value) for ts, _, value in await records_of_topic(run, run.topics["mentions"], expect)]


async def records_of_topic(run: Run, topic: str, expect: int) -> list[tuple[float, int, dict[str, Any]]]:
    """Every record of `topic` so far: (Kafka timestamp in seconds, partition, value as JSON)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=run.broker, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        end = await consumer.end_offsets(tps)
        found: list[tuple[float, int, dict[str, Any]]] = []
        while [tp for tp in tps if await consumer.position(tp) < end[tp]]:
            for messages in (await consumer.getmany(timeout_ms=1000)).values():
                found += [(m.timestamp / 1000, m.partition, json.loads(m.value)) for m in messages]
        assert len(found) >= expect
        return found
    finally:
        await consumer.stop()


def test_tallies_hold_the_mention_events_counts_in_their_partitions(served: Served) -> None:
    """The trending agent's input, as the broker holds it: every first-revision mention event is counted once, in
    a tally of the partition and timestamp the broker's partitioner gave the event (so the trending table stays
    where it was: co-partitioned with entities.mentions)."""
    out = int(metric(scrape(served), "newsflow_messages_out_total", topic=served.run.topics["mentions"]))
    events = asyncio.run(records_of_topic(served.run, served.run.topics["mentions"], out))
    tallies = asyncio.run(records_of_topic(served.run, f"{served.run.name}-mention-tallies", 1))
    expected = Counter((partition, ts, m["entity_id"]) for ts, partition, m in events if m["article_revision"] == 1)
    tallied: Counter[tuple[int, float, str]] = Counter()
    for ts, partition, tally in tallies:
        for entity in tally["entities"]:
            tallied[(partition, ts, entity["entity_id"])] += entity["count"]
    assert tallied == expected and len(expected) > 1


def test_trending_counts_every_mention_of_the_window(served: Served) -> None:
    text = scrape(served)
    mentions = asyncio.run(
        mentions_with_timestamps(served.run, int(metric(text, "newsflow_messages_out_total",
                                                        topic=served.run.topics["mentions"])))
    )
    at = mentions[0][0]
    hour = at // 3600 * 3600
    expected = Counter(m["entity_id"] for ts, m in mentions if hour <= ts < hour + 3600)
    types = {m["entity_id"]: m["type"] for _, m in mentions}

    def view() -> dict[str, Any] | None:
        status, body = get_json(f"{served.url}/entities/trending?window=1h&limit=1000&at={at}")
        assert status == 200
        return body if {e["entity_id"]: e["count"] for e in body["entities"]} == expected else None

    body = wait_until("the 1h table holds every mention", view, 30, served.worker)
    counts = [(-e["count"], e["name"]) for e in body["entities"]]
    assert counts == sorted(counts)
    assert body["partitions"] == list(range(PARTITIONS))

    status, people = get_json(f"{served.url}/entities/trending?window=1h&type=person&limit=3&at={at}")
    persons = Counter({k: v for k, v in expected.items() if types[k] == "person"})
    assert status == 200 and len(people["entities"]) == min(3, len(persons))
    assert all(e["type"] == "person" for e in people["entities"])
    assert [e["count"] for e in people["entities"]] == sorted(persons.values(), reverse=True)[:3]

    five = at // 300 * 300
    _, recent = get_json(f"{served.url}/entities/trending?window=5m&limit=1000&at={at}")
    assert {e["entity_id"]: e["count"] for e in recent["entities"]} == Counter(
        m["entity_id"] for ts, m in mentions if five <= ts < five + 300
    )
    assert get_json(f"{served.url}/entities/trending?window=2h")[0] == 400


def test_newsflow_trending_command_asks_the_worker(served: Served) -> None:
    _, view = get_json(f"{served.url}/entities/trending?window=1h&limit=5")
    at = view["window_start"]
    command = [sys.executable, "-m", "worker.cli", "trending", "--url", served.url, "--limit", "5", "--at", at]
    as_json = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)  # noqa: S603
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["entities"] == view["entities"]
    table = subprocess.run([*command, "--pretty"], capture_output=True, text=True, timeout=60, cwd=REPO)  # noqa: S603
    lines = table.stdout.splitlines()
    assert lines[0].startswith("trending entities, 1h window") and len(lines) == 2 + len(view["entities"])
    assert view["entities"][0]["name"] in lines[2]


def test_example_consumer_prints_every_enriched_article(served: Served) -> None:
    enriched = asyncio.run(served.run.read("enriched", expect=served.articles, timeout=30))
    example = subprocess.Popen(  # noqa: S603 - the example script, with its arguments
        [sys.executable, str(REPO / "examples" / "consume_enriched.py"), served.run.broker,
         served.run.topics["enriched"]],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(example.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while len(lines) < len(enriched) and example.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        example.terminate()
        _, errors = example.communicate(timeout=30)
    assert len(lines) == len(enriched), errors[-2000:]
    seed = next(r for r in enriched if any(e["name"] == "Xi Jinping" for e in r["entities"]))
    assert any(line.startswith(f"{seed['title'] or seed['id']}: ") and "Xi Jinping (person)" in line for line in lines)


def test_worker_log_is_json_with_one_summary_line_per_article(served: Served) -> None:
    records = [json.loads(line) for line in served.worker.log().splitlines() if line.strip()]  # every line is JSON
    loggers = {r.get("logger", "") for r in records}
    assert any(name.startswith("faust.") for name in loggers), loggers  # faust's stdlib logs, same formatter
    summaries = [r for r in records if r.get("event") == "article_enriched"]
    assert len(summaries) == metric(scrape(served), "newsflow_articles_enriched_total")
    for summary in summaries:
        assert summary["article_id"] and summary["partition"] in range(PARTITIONS) and summary["offset"] >= 0
        assert summary["timings_ms"]["ner"] >= 0 and "normalise" in summary["timings_ms"]
    assert len([r for r in records if r.get("event") == "article_dead_lettered"]) == len(BAD)
