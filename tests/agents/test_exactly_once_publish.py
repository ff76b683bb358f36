"""The exactly-once publish step of the enrich agent, on fake transactional producers (no broker)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from tests.support.fake_kafka import Broker, manager
from worker import app as worker_app
from worker.errors import BadInput
from worker.models import SourcePosition
from worker.pipeline import Message, Outcome, Rejected, dead_letter

RAW = worker_app.settings.topic_raw


def event(partition: int, offset: int, generation: int) -> Any:
    return SimpleNamespace(message=SimpleNamespace(partition=partition, offset=offset, generation_id=generation))


def rejected(partition: int, offset: int) -> Outcome:
    message = Message(b"{", position=SourcePosition(topic=RAW, partition=partition, offset=offset))
    return Rejected(dead_letter(BadInput("not_json", "test"), message, keep_bytes=1024))


#: (partition, offset) of each seek back the agent asked for
SEEKS: list[tuple[int, int]] = []


@pytest.fixture()
def broker(monkeypatch: pytest.MonkeyPatch) -> Broker:
    broker = Broker()
    broker.input = {p: list(range(100)) for p in range(4)}
    monkeypatch.setattr(worker_app, "transactions", manager(broker, input_topic=RAW))
    monkeypatch.setattr(worker_app.app, "consumer_generation_id", 3)
    SEEKS.clear()

    async def read_again(partition: int, offset: int) -> None:
        SEEKS.append((partition, offset))

    monkeypatch.setattr(worker_app, "read_again", read_again)
    return broker


def offsets_published(broker: Broker) -> list[tuple[int, int]]:
    positions = [json.loads(value)["source_position"] for _, _, value in broker.records]
    return [(p["partition"], p["offset"]) for p in positions]


async def test_each_partition_commits_its_records_with_its_next_offset(broker: Broker) -> None:
    broker.committed.update({0: 5, 1: 9})
    events = [event(0, 5, 3), event(1, 9, 3), event(0, 6, 3)]
    outcomes = [rejected(e.message.partition, e.message.offset) for e in events]
    published = await worker_app.publish_in_transactions(events, outcomes)
    assert len(published) == 3
    assert sorted(offsets_published(broker)) == [(0, 5), (0, 6), (1, 9)]
    assert broker.committed == {0: 7, 1: 10}
    assert {topic for topic, _, _ in broker.records} == {worker_app.settings.topic_deadletter}
    assert SEEKS == []


async def test_events_from_before_the_rebalance_are_left_for_redelivery(broker: Broker) -> None:
    broker.committed[0] = 6
    events = [event(0, 5, 2), event(0, 6, 3)]  # 5 was read in generation 2, the group is now at 3
    published = await worker_app.publish_in_transactions(events, [rejected(0, 5), rejected(0, 6)])
    assert len(published) == 1 and offsets_published(broker) == [(0, 6)]


async def test_events_below_the_committed_offset_are_skipped(broker: Broker) -> None:
    broker.committed[0] = 6  # another worker committed 0..5 before this one claimed the partition
    events = [event(0, 4, 3), event(0, 5, 3), event(0, 6, 3)]
    published = await worker_app.publish_in_transactions(events, [rejected(0, o) for o in (4, 5, 6)])
    assert len(published) == 1 and offsets_published(broker) == [(0, 6)]
    assert broker.committed == {0: 7}


async def test_a_fenced_partition_is_dropped_and_the_others_published(broker: Broker) -> None:
    broker.committed.update({0: 1, 1: 1})
    await worker_app.transactions.claim(0, 3)
    broker.epochs["group-" + RAW + "-0"] += 1  # another worker claimed partition 0 meanwhile
    events = [event(0, 1, 3), event(1, 1, 3)]
    published = await worker_app.publish_in_transactions(events, [rejected(0, 1), rejected(1, 1)])
    assert offsets_published(broker) == [(1, 1)] and len(published) == 1
    assert broker.committed == {0: 1, 1: 2}  # partition 0 unchanged


async def test_an_offset_the_stream_skipped_is_read_again_before_anything_past_it(broker: Broker) -> None:
    broker.committed[2] = 10
    events = [event(2, 10, 3), event(2, 13, 3)]  # 11 and 12 never came
    published = await worker_app.publish_in_transactions(events, [rejected(2, 10), rejected(2, 13)])
    assert len(published) == 1 and offsets_published(broker) == [(2, 10)]
    assert broker.committed == {2: 11} and SEEKS == [(2, 11)]
