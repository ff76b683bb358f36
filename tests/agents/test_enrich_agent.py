"""The enrich agent in memory (faust test_context): no broker, the real pipeline, sends captured."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.agents.test_ops import Request, Web
from worker.stream import app as worker_app
from worker.stream import views
from worker.stream.connection import tally_topic_name
from worker.stream.mention_tallies import partition_of

SEED = Path(__file__).parents[2] / "seeds" / "000_33586b52e2178833.txt"
LYON = "The mayor of Lyon, Claire Dumont, opened the new tram line on Friday."
TALLIES = tally_topic_name(worker_app.settings)


class Captured:
    """Stands in for topic.send: records (topic, key, value) and returns a done future."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes | None, dict[str, Any]]] = []
        self.placed: list[tuple[str, bytes, int | None, float | None]] = []  # (topic, raw value, partition, timestamp)

    def for_topic(self, name: str):
        async def send(
            *, key: bytes | None = None, value: bytes, partition: int | None = None, timestamp: float | None = None,
            **_: Any,
        ) -> asyncio.Future[None]:
            self.sent.append((name, key, json.loads(value)))
            self.placed.append((name, value, partition, timestamp))
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            future.set_result(None)
            return future

        return send

    def on(self, name: str) -> list[dict[str, Any]]:
        return [value for topic, _, value in self.sent if topic == name]

    def articles(self) -> list[tuple[bytes | None, dict[str, Any]]]:
        """The enriched articles as they leave the enrich agent, with their keys: inside the features records
        (for the clustering agent to publish with their story ids), or sent to articles.enriched directly."""
        features_topic = worker_app.features_topic.get_topic_name()
        out = []
        for topic, key, value in self.sent:
            if topic == features_topic and value.get("enriched") is not None:
                out.append((key, json.loads(value["enriched"])))
            elif topic == worker_app.settings.topic_enriched:
                out.append((key, value))
        return out

    def enriched(self) -> list[dict[str, Any]]:
        return [article for _, article in self.articles()]


#: The capture of the running test, for drain() to watch.
CURRENT: list[Captured] = []


@pytest.fixture()
async def captured(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Captured]:
    # pytest-asyncio 1.x has no event_loop fixture: hand faust the running loop.
    worker_app.app.loop = asyncio.get_running_loop()
    worker_app.app.finalize()
    worker_app.app.conf.store = "memory://"
    worker_app.app.flow_control.resume()
    capture = Captured()
    CURRENT[:] = [capture]
    # The duplicate table's changelog needs a running producer; in memory a dict does the same job.
    monkeypatch.setattr(worker_app, "seen", {})

    async def no_producer_metadata() -> None:
        return None

    monkeypatch.setattr(worker_app, "track_seen_changelog", no_producer_metadata)
    for attribute in ("enriched_topic", "mentions_topic", "deadletter_topic", "features_topic", "tallies_topic"):
        topic = getattr(worker_app, attribute)
        monkeypatch.setattr(topic, "send", capture.for_topic(topic.get_topic_name()))
    yield capture


async def drain(agent: Any, values: list[bytes], timeout: float = 60.0) -> None:
    """Put the values, then wait until each has its article or dead letter (a busy machine may be slow)."""
    for value in values:
        await agent.put(value)
    capture = CURRENT[0]
    deadline = asyncio.get_running_loop().time() + timeout
    while len(capture.articles()) + len(capture.on(worker_app.settings.topic_deadletter)) < len(values):
        assert asyncio.get_running_loop().time() < deadline, f"outputs for {len(values)} inputs not seen in {timeout}s"
        await asyncio.sleep(0.05)


async def test_seed_becomes_enriched_record_and_mentions(captured: Captured) -> None:
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, [SEED.read_bytes()])
    (article,) = captured.enriched()
    assert article["schema_version"] == "1.0"
    assert {"Xi Jinping", "Antony Blinken"} <= {e["name"] for e in article["entities"]}
    mentions = captured.on(worker_app.settings.topic_mentions)
    assert {m["entity_id"] for m in mentions} == {e["id"] for e in article["entities"]}
    assert all(m["article_id"] == article["id"] for m in mentions)


async def test_enriched_record_is_keyed_by_article_id(captured: Captured) -> None:
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, [json.dumps({"id": "story-7", "body": "Paris hosted the summit on Friday."}).encode()])
    ((key, value),) = captured.articles()
    assert key == b"story-7" and value["id"] == "story-7" and value["story_id"] is None  # the clustering sets it
    # It travels to the clustering agent in its features record, keyed by article id like the enriched record.
    (features,) = captured.on(worker_app.features_topic.get_topic_name())
    assert features["article_id"] == "story-7" and captured.on(worker_app.settings.topic_enriched) == []


async def test_bad_input_goes_to_dead_letter_and_good_input_still_flows(captured: Captured) -> None:
    good = json.dumps({"id": "ok-1", "body": "The minister visited Lagos on Monday."}).encode()
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(
            agent, [b"{broken json", good, b"caf\xe9 not utf8", b"<html><body><script>x()</script></body></html>"]
        )
    dead = captured.on(worker_app.settings.topic_deadletter)
    assert sorted(d["reason"] for d in dead) == ["invalid_utf8", "no_text", "not_json"]
    assert all(d["detail"] and d["original_b64"] for d in dead)
    assert [a["id"] for a in captured.enriched()] == ["ok-1"]


async def test_pipeline_crash_on_one_message_dead_letters_only_it(
    captured: Captured, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model error on one article: that one is dead-lettered with the error, the others go through."""
    from worker.enrich import article as enrich_article

    real = enrich_article.classify

    def flaky(title: str | None, text: str, **kw: Any):
        if "EXPLODE" in text:
            raise RuntimeError("simulated model failure")
        return real(title, text, **kw)

    monkeypatch.setattr(enrich_article, "classify", flaky)
    values = [
        json.dumps({"id": "a", "body": "Rain fell on Oslo all day."}).encode(),
        json.dumps({"id": "b", "body": "This one will EXPLODE in the model."}).encode(),
        json.dumps({"id": "c", "body": "Sun shone on Madrid all week."}).encode(),
    ]
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, values)
    assert sorted(a["id"] for a in captured.enriched()) == ["a", "c"]
    (dead,) = captured.on(worker_app.settings.topic_deadletter)
    assert dead["reason"] == "processing_error" and "simulated model failure" in dead["detail"]


async def test_same_article_twice_is_flagged_and_not_counted_twice(captured: Captured) -> None:
    """A repeat (same id, or same content under a new id) is flagged and publishes no mention events."""
    body = "The mayor of Lyon, Claire Dumont, opened the new tram line on Friday."
    values = [
        json.dumps({"id": "t-1", "body": body}).encode(),
        json.dumps({"id": "t-1", "body": body}).encode(),
        json.dumps({"id": "t-2", "body": body}).encode(),
    ]
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, values)
    articles = captured.enriched()
    assert [(a["id"], a["duplicate_of"], a["duplicate_reason"]) for a in articles] == [
        ("t-1", None, None),
        ("t-1", "t-1", "same_id"),
        ("t-2", "t-1", "same_content"),
    ]
    mentions = captured.on(worker_app.settings.topic_mentions)
    assert mentions and {m["article_id"] for m in mentions} == {"t-1"}
    assert len(mentions) == len(articles[0]["entities"])


async def test_transient_send_failure_is_retried_not_dead_lettered(
    captured: Captured, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output topic briefly unavailable: the record is sent again after a backoff, once it works."""
    from aiokafka.errors import KafkaTimeoutError

    topic = worker_app.features_topic  # where the article goes, for the clustering agent to publish
    real_send = topic.send
    failures = {"left": 2}

    async def flaky_send(**kwargs: Any) -> asyncio.Future[None]:
        if failures["left"]:
            failures["left"] -= 1
            raise KafkaTimeoutError("simulated: topic briefly unavailable")
        return await real_send(**kwargs)

    monkeypatch.setattr(topic, "send", flaky_send)
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, [json.dumps({"id": "r-1", "body": "Snow closed roads near Graz."}).encode()])
    assert failures["left"] == 0
    assert [a["id"] for a in captured.enriched()] == ["r-1"]
    assert captured.on(worker_app.settings.topic_deadletter) == []


async def test_each_batch_tallies_its_counted_mentions_by_partition(captured: Captured) -> None:
    """The trending agent's input: per batch and partition, the first revisions' mentions added up per entity, in
    the partition of the entity's mention events, with the mention events' timestamp."""
    values = [SEED.read_bytes(), json.dumps({"id": "r-1", "body": LYON}).encode(),
              json.dumps({"id": "r-1", "body": LYON + " It runs every ten minutes."}).encode()]  # revision 2
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, values)
    mentions = captured.on(worker_app.settings.topic_mentions)
    assert any(m["article_revision"] == 2 for m in mentions)
    tallies = [(value, partition, at) for topic, value, partition, at in captured.placed if topic == TALLIES]
    tallied: Counter[str] = Counter()
    for value, partition, at in tallies:
        for entity in json.loads(value)["entities"]:
            assert partition == partition_of(entity["entity_id"], worker_app.settings.partitions)
            tallied[entity["entity_id"]] += entity["count"]
        assert at is not None
    assert tallied == Counter(m["entity_id"] for m in mentions if m["article_revision"] == 1)
    mention_times = {at for topic, _, _, at in captured.placed if topic == worker_app.settings.topic_mentions}
    assert None not in mention_times and {at for _, _, at in tallies} <= mention_times


async def test_trending_counts_what_the_mention_events_say(captured: Captured, monkeypatch: pytest.MonkeyPatch) -> None:
    """Enrich agent to trending agent in memory: the tallies the enrich agent sent, read by the trending agent,
    give each entity of the window as many counts as it has first-revision mention events in that window."""
    monkeypatch.setattr(worker_app, "settings", worker_app.settings.model_copy(update={"trending_batch_timeout": 0.02}))
    worker_app.trending_table.table.data.clear()
    values = [SEED.read_bytes(), json.dumps({"id": "r-1", "body": LYON}).encode(),
              json.dumps({"id": "r-2", "body": LYON.replace("Friday", "Monday") + " Claire Dumont spoke."}).encode()]
    async with worker_app.enrich_articles.test_context() as agent:
        await drain(agent, values)
    async with worker_app.count_mentions.test_context() as counter:
        for topic, value, partition, at in captured.placed:
            if topic == TALLIES:
                await counter.put(value, key=str(partition).encode(), partition=partition, timestamp=at)
        await asyncio.sleep(0.2)
    events = [(at, json.loads(value)) for topic, value, _, at in captured.placed
              if topic == worker_app.settings.topic_mentions]
    at = events[0][0]
    expected = Counter(m["entity_id"] for ts, m in events
                       if ts // 3600 == at // 3600 and m["article_revision"] == 1)
    _, body = await views.trending(Web(), Request({"window": "1h", "limit": "1000", "at": str(at)}))
    assert {e["entity_id"]: e["count"] for e in body["entities"]} == expected
    assert max(expected.values()) >= 2  # the Lyon mayor in two articles: counts add up across articles
