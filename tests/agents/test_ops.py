"""The trending agent and the operating views in memory (faust test_context): no broker."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from worker.settings import Settings
from worker.stream import app as worker_app
from worker.stream import views

T = datetime(2026, 4, 12, 11, 45, tzinfo=UTC).timestamp()


def tally(*entities: tuple[str, str, str, int]) -> bytes:
    """A MentionTally record as the enrich agent sends it: (entity id, name, type, count) per entity."""
    return json.dumps({"entities": [{"entity_id": entity_id, "name": name, "type": kind, "count": count}
                                    for entity_id, name, kind, count in entities]}).encode()


XI, PARIS = ("Q1", "Xi Jinping", "person"), ("Q2", "Paris", "place")


class Web:
    """Stands in for faust's web object: responses become (status, body)."""

    def json(self, value: Any, *, status: int = 200, **_: Any) -> tuple[int, Any]:
        return status, value

    def bytes(self, value: bytes, *, headers: dict[str, str], **_: Any) -> tuple[int, Any]:
        return 200, (value, headers)


class Request:
    def __init__(self, query: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> None:
        self.query = query or {}
        self.headers = headers or {}


@pytest.fixture()
async def app(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    # pytest-asyncio 1.x has no event_loop fixture: hand faust the running loop.
    worker_app.app.loop = asyncio.get_running_loop()
    worker_app.app.finalize()
    worker_app.app.flow_control.resume()
    worker_app.trending_table.table.data.clear()  # each test counts from zero
    # The trending agent counts a batch of tallies at a time; tests wait for a batch (`counted_by`) instead.
    monkeypatch.setattr(worker_app, "settings", worker_app.settings.model_copy(update={"trending_batch_timeout": 0.02}))
    yield worker_app.app


@pytest.fixture()
def changelog(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, Any, Any]]:
    """The trending table's changelog records, as (partition, key, value), instead of sending them."""
    sent: list[tuple[int | None, Any, Any]] = []

    def record(partition: int | None, key: Any, value: Any, *_: Any) -> None:
        sent.append((partition, key, value))

    monkeypatch.setattr(worker_app.trending_table.table, "send_changelog", record)
    return sent


async def counted_by(agent: Any) -> None:
    """Until the agent's batch (the trending batch timeout after its first tally) has been counted."""
    await asyncio.sleep(0.1)


async def test_tallies_are_counted_per_window_and_ranked(app: Any) -> None:
    async with worker_app.count_mentions.test_context() as agent:
        await agent.put(tally((*XI, 1), (*PARIS, 1)), key=b"0", timestamp=T)
        await agent.put(tally((*XI, 1)), key=b"0", timestamp=T)
        await agent.put(tally((*XI, 1)), key=b"0", timestamp=T + 600)  # next 5m window
        await counted_by(agent)

    status, hour = await views.trending(Web(), Request({"window": "1h", "at": str(T)}))
    assert status == 200
    assert [(e["entity_id"], e["name"], e["type"], e["count"]) for e in hour["entities"]] == [
        ("Q1", "Xi Jinping", "person", 3), ("Q2", "Paris", "place", 1)
    ]
    assert hour["window_start"] == "2026-04-12T11:00:00Z" and hour["window_end"] == "2026-04-12T12:00:00Z"

    _, five = await views.trending(Web(), Request({"window": "5m", "at": str(T)}))
    assert [(e["entity_id"], e["count"]) for e in five["entities"]] == [("Q1", 2), ("Q2", 1)]
    _, later = await views.trending(Web(), Request({"window": "5m", "at": str(T + 600)}))
    assert [(e["entity_id"], e["count"]) for e in later["entities"]] == [("Q1", 1)]
    _, places = await views.trending(Web(), Request({"type": "place", "at": str(T)}))
    assert [e["entity_id"] for e in places["entities"]] == ["Q2"]


async def test_a_foreign_record_on_the_tally_topic_is_skipped(app: Any) -> None:
    async with worker_app.count_mentions.test_context() as agent:
        await agent.put(b'{"not": "a tally"}', key=b"x", timestamp=T)
        await agent.put(tally((*PARIS, 1)), key=b"0", timestamp=T)
        await counted_by(agent)
    _, view = await views.trending(Web(), Request({"at": str(T)}))
    assert [(e["entity_id"], e["count"]) for e in view["entities"]] == [("Q2", 1)]


async def test_a_batch_keeps_each_touched_hour_under_its_tallies_partition_and_writes_no_changelog(
    app: Any, changelog: list[tuple[int | None, Any, Any]]
) -> None:
    """Three tallies of Q1 and one of Q2 in one batch: one value per entity and hour, not per tally nor per window,
    expiring under the partition the tallies came from (the table stays co-partitioned with the tally topic); no
    changelog record: a worker that gets the partition replays its tallies (trending_replay.py)."""
    async with worker_app.count_mentions.test_context() as agent:
        for entity, partition, at, count in [(XI, 2, T, 1), (PARIS, 0, T, 1), (XI, 2, T, 1), (XI, 2, T + 300, 2)]:
            await agent.put(tally((*entity, count)), key=str(partition).encode(), partition=partition, timestamp=at)
        await counted_by(agent)
    assert changelog == []
    hourly = worker_app.trending_table.table
    hour = hourly.window.ranges(T)[0]
    assert sorted((key[0], value["count"], value["5m"][9:]) for key, value in hourly.data.items()) == [
        ("Q1", 4, [2, 2, 0]), ("Q2", 1, [1, 0, 0])  # 11:45 twice, 11:50 two at once
    ]
    expiring = hourly._partition_timestamp_keys  # noqa: SLF001 - faust's expiry bookkeeping
    assert ("Q1", hour) in expiring[(2, hour[1])] and ("Q2", hour) in expiring[(0, hour[1])]
    _, view = await views.trending(Web(), Request({"window": "5m", "at": str(T)}))
    assert [(e["entity_id"], e["count"]) for e in view["entities"]] == [("Q1", 2), ("Q2", 1)]


async def test_counts_go_on_from_the_tables_value_across_batches(app: Any) -> None:
    hourly = worker_app.trending_table.table
    counts = []
    async with worker_app.count_mentions.test_context() as agent:
        for _ in range(2):  # two batches
            await agent.put(tally((*XI, 1)), key=b"1", partition=1, timestamp=T)
            await counted_by(agent)
            counts.append(hourly.data[("Q1", hourly.window.ranges(T)[0])]["count"])
    assert counts == [1, 2]


async def test_tallies_the_replay_counted_are_skipped(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partition replayed up to offset 1 (the group's committed offset behind it): its tally at offset 0 is in the
    table already and is not counted again; the next one is."""
    monkeypatch.setattr(worker_app.tally_replay, "replayed_to", {3: 1})
    async with worker_app.count_mentions.test_context() as agent:
        await agent.put(tally((*XI, 5)), key=b"3", partition=3, timestamp=T)  # offset 0
        await agent.put(tally((*XI, 1)), key=b"3", partition=3, timestamp=T)  # offset 1
        await counted_by(agent)
    _, view = await views.trending(Web(), Request({"at": str(T)}))
    assert [(e["entity_id"], e["count"]) for e in view["entities"]] == [("Q1", 1)]


async def test_trending_refuses_a_bad_query_with_400(app: Any) -> None:
    status, body = await views.trending(Web(), Request({"window": "1d"}))
    assert status == 400 and "window must be one of" in body["error"]


async def test_ready_is_503_with_reasons_when_nothing_is_assigned(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    async def unreachable(settings: Any, timeout: float = 3.0) -> str:
        return "KafkaConnectionError: refused"

    monkeypatch.setattr(views, "broker_problem", unreachable)
    status, body = await views.ready(Web(), Request())
    assert status == 503 and body["ready"] is False
    assert any(r.startswith("no partitions assigned") for r in body["reasons"])
    assert "broker unreachable: KafkaConnectionError: refused" in body["reasons"]
    assert views.metrics.READY._value.get() == 0  # noqa: SLF001 - what the scrape shows


async def test_ready_sets_the_ready_gauge_that_alerts_read(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    async def reachable(settings: Any, timeout: float = 3.0) -> None:
        return None

    monkeypatch.setattr(views, "broker_problem", reachable)
    monkeypatch.setattr(views, "assigned_partitions", lambda app, topics: {topics[0]: [0, 1]})
    status, _ = await views.ready(Web(), Request())
    _, (body, _) = await views.prometheus(Web(), Request())
    assert status == 200 and b"\nnewsflow_ready 1.0\n" in body


async def test_metrics_view_serves_the_prometheus_text_format(app: Any) -> None:
    status, (body, headers) = await views.prometheus(Web(), Request())
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert b"# TYPE newsflow_messages_in_total counter" in body
    assert b"# TYPE newsflow_enrichment_seconds histogram" in body


def test_the_app_under_test_has_the_codes_settings() -> None:
    """worker.app was imported without a developer's `.env` or exported NEWSFLOW_* variables."""
    assert worker_app.settings.model_dump() == Settings.model_construct().model_dump()  # the defaults
