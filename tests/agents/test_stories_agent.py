"""The clustering agent and /stories in memory (faust test_context): features in, Story records out."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.agents.test_ops import Request, Web
from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, SUMMIT, article
from tests.unit.stories.test_merge import BOTH, RESIGN
from tests.unit.stream.test_story_features_sent import enriched
from worker.stream import app as worker_app
from worker.stream import story_agent, views
from worker.stream.stories import StoryStage


@pytest.fixture()
async def out(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[dict[str, list[dict[str, Any]]]]:
    """What the agent sends, by topic: "stories" (Story records) and "enriched" (articles), each with its key."""
    worker_app.app.loop = asyncio.get_running_loop()
    worker_app.app.finalize()
    worker_app.app.flow_control.resume()
    topics: dict[str, list[dict[str, Any]]] = {"stories": [], "enriched": []}

    def sender(name: str) -> Any:
        async def send(*, key: bytes | None = None, value: bytes, **_: Any) -> asyncio.Future[None]:
            topics[name].append({"_key": key, **json.loads(value)})
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            future.set_result(None)
            return future
        return send

    async def no_metadata(app: Any, topic: str) -> None:
        return None

    async def flushed() -> None:
        return None

    monkeypatch.setattr(worker_app.stories_topic, "send", sender("stories"))
    monkeypatch.setattr(worker_app.enriched_topic, "send", sender("enriched"))
    monkeypatch.setattr(worker_app.app.producer, "flush", flushed)
    monkeypatch.setattr(story_agent, "track_in_producer_metadata", no_metadata)
    # A plain dict stands in for the table (its changelog needs a running producer).
    stage = StoryStage({}, worker_app.story_stage.params)
    for module in (worker_app, story_agent, views):
        monkeypatch.setattr(module, "story_stage", stage)
    yield topics


@pytest.fixture()
async def sent(out: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return out["stories"]


async def test_articles_become_stories_keyed_by_story_id(sent: list[dict[str, Any]]) -> None:
    async with story_agent.cluster_stories.test_context() as agent:
        for features in [article("q1", *QUAKE, source="a"), article("s1", *SUMMIT, hours=1),
                         article("q2", *QUAKE_2, hours=2, source="b"), article("q2", *QUAKE_2, hours=2)]:
            await agent.put(features.model_dump_json().encode(), key=features.article_id.encode())
        await agent.put(b'{"not": "features"}', key=b"x")  # skipped, not fatal
    assert [(r["_key"], r["change"], r["changed_by"]) for r in sent] == [
        (b"story:q1", "created", ["q1"]), (b"story:s1", "created", ["s1"]), (b"story:q1", "grew", ["q2"]),
        (b"story:q1", "grew", ["q2"]),
    ]  # the repeat of q2 changed nothing: its story's state is published again
    assert sent[-1]["article_count"] == 2 and sent[-1]["sources"] == ["a", "b"]
    assert set(json.loads(worker_app.story_stage.table["story:q1"])["article_ids"]) == {"q1", "q2"}

    status, body = await views.stories(Web(), Request({"window": "24h"}))
    assert status == 200 and [s["id"] for s in body["stories"]] == ["story:q1", "story:s1"]
    status, body = await views.stories(Web(), Request({"window": "soon"}))
    assert status == 400 and "window must be" in body["error"]


async def test_a_merge_publishes_the_merged_story_closed_with_a_pointer_and_the_survivor_with_its_articles(
    sent: list[dict[str, Any]]
) -> None:
    async with story_agent.cluster_stories.test_context() as agent:
        for features in [article("q1", *QUAKE, source="a"), article("f1", *RESIGN, hours=1, source="b"),
                         article("m1", *BOTH, hours=2, source="c")]:
            await agent.put(features.model_dump_json().encode(), key=features.article_id.encode())
    assert [(r["_key"], r["change"], r["changed_by"], r["closed"], r["merged_into"]) for r in sent] == [
        (b"story:q1", "created", ["q1"], False, None), (b"story:f1", "created", ["f1"], False, None),
        (b"story:f1", "merged", [], True, "story:q1"), (b"story:q1", "grew", ["m1", "f1"], False, None),
    ]
    assert sent[-1]["article_ids"] == ["q1", "f1", "m1"]
    assert set(worker_app.story_stage.table) == {"story:q1"}  # the merged story's state is gone from the table


async def test_each_enriched_article_comes_out_with_the_story_id_of_the_story_record_that_took_it(
    out: dict[str, list[dict[str, Any]]]
) -> None:
    async with story_agent.cluster_stories.test_context() as agent:
        for features in [article("q1", *QUAKE, source="a"), article("s1", *SUMMIT, hours=1),
                         article("q2", *QUAKE_2, hours=2, source="b"), article("q2", *QUAKE_2, hours=2)]:
            body = enriched(features.article_id).article.model_copy(update={"title": features.title})
            value = features.model_copy(update={"enriched": body.model_dump_json()}).model_dump_json().encode()
            await agent.put(value, key=features.article_id.encode())
    took = {article_id: record["id"] for record in out["stories"] for article_id in record["changed_by"]}
    assert [(a["_key"], a["id"], a["story_id"]) for a in out["enriched"]] == [
        (b"q1", "q1", "story:q1"), (b"s1", "s1", "story:s1"), (b"q2", "q2", "story:q1"), (b"q2", "q2", "story:q1"),
    ]  # in arrival order, keyed by article id; the redelivered q2 gets its story again
    assert all(a["story_id"] == took[a["id"]] for a in out["enriched"])
    # Apart from story_id the record is the one the enrich agent wrote.
    assert {k: v for k, v in out["enriched"][0].items() if k not in ("_key", "story_id")} == json.loads(
        enriched("q1").article.model_copy(update={"title": QUAKE[0]}).model_dump_json(exclude={"story_id"}))
