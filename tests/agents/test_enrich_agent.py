"""The enrich agent in memory (faust test_context): no broker, the real pipeline, sends captured."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from worker.stream import app as worker_app

SEED = Path(__file__).parents[2] / "seeds" / "000_33586b52e2178833.txt"


class Captured:
    """Stands in for topic.send: records (topic, key, value) and returns a done future."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes | None, dict[str, Any]]] = []

    def for_topic(self, name: str):
        async def send(*, key: bytes | None = None, value: bytes, **_: Any) -> asyncio.Future[None]:
            self.sent.append((name, key, json.loads(value)))
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
    for attribute in ("enriched_topic", "mentions_topic", "deadletter_topic", "features_topic"):
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
