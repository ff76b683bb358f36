"""The aiokafka behaviours behind two of worker/stream/faust_fixes.py's workarounds, on the real broker and client.

Each test shows the upstream behaviour first (so it fails, and says so, if aiokafka changes it), then the fix.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from worker.stream.faust_fixes import ActivePartitions, seek_to_committed_or_reset

PER_PARTITION = 3


@pytest.fixture()
async def two_partitions(broker: str) -> AsyncIterator[tuple[TopicPartition, TopicPartition]]:
    """A new topic of two partitions holding PER_PARTITION records each."""
    topic = f"it-fixes-{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=broker)
    await producer.start()
    try:
        for partition in (0, 1):
            for n in range(PER_PARTITION):
                await producer.send_and_wait(topic, f"{partition}-{n}".encode(), partition=partition)
    finally:
        await producer.stop()
    yield TopicPartition(topic, 0), TopicPartition(topic, 1)


async def consumer_for(broker: str, *tps: TopicPartition) -> AIOKafkaConsumer:
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, group_id=f"it-fixes-{uuid.uuid4().hex[:10]}",
                                enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    consumer.assign(list(tps))
    return consumer


async def buffered(consumer: AIOKafkaConsumer, *tps: TopicPartition, timeout: float = 20.0) -> None:
    """Wait until the fetcher holds records for every partition in `tps` (fetched, not yet handed over)."""
    deadline = time.monotonic() + timeout
    while not all(tp in consumer._fetcher._records for tp in tps):  # noqa: SLF001 - the behaviour under test
        assert time.monotonic() < deadline, "the fetcher buffered nothing"
        await asyncio.sleep(0.05)


async def test_an_empty_set_of_active_partitions_drains_none(broker: str, two_partitions) -> None:
    p0, p1 = two_partitions
    consumer = await consumer_for(broker, p0, p1)
    try:
        fetcher = consumer._fetcher  # noqa: SLF001 - faust calls it this way (AIOKafkaConsumerThread._fetch_records)
        await buffered(consumer, p0, p1)
        # Upstream: an empty set of partitions is read as "every partition", so paused ones are drained too.
        drained = await fetcher.fetched_records(set(), timeout=0)
        assert set(drained) == {p0, p1}, "aiokafka no longer drains everything for an empty set: review the fix"
        for tp in (p0, p1):
            consumer.seek(tp, 0)
        await buffered(consumer, p0, p1)
        # The fix: the same (empty) live set drains nothing, and leaves the positions where they were.
        live: set[TopicPartition] = set()
        assert await fetcher.fetched_records(ActivePartitions(live), timeout=0) == {}
        assert [await consumer.position(tp) for tp in (p0, p1)] == [0, 0]
        # It follows the live set: a partition resumed while the fetch waits is drained, the other is not.
        live.add(p1)
        drained = await fetcher.fetched_records(ActivePartitions(live), timeout=0)
        assert set(drained) == {p1} and len(drained[p1]) == PER_PARTITION
        assert [await consumer.position(tp) for tp in (p0, p1)] == [0, PER_PARTITION]
    finally:
        await consumer.stop()


async def read_to_end(consumer: AIOKafkaConsumer, *tps: TopicPartition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while [await consumer.position(tp) for tp in tps] != [PER_PARTITION] * len(tps):
        assert time.monotonic() < deadline, "could not read the partitions to the end"
        await consumer.getmany(*tps, timeout_ms=200)


async def test_a_partition_never_committed_is_rewound_where_the_reset_policy_says(broker: str, two_partitions) -> None:
    p0, p1 = two_partitions
    consumer = await consumer_for(broker, p0, p1)
    try:
        await consumer.commit({p0: 2})  # p1: never committed, like a partition its killed owner never got to
        await read_to_end(consumer, p0, p1)
        # Upstream: seek_to_committed moves p0 back to its commit and leaves p1 where the fetcher got to.
        assert await consumer.seek_to_committed() == {p0: 2, p1: None}
        assert [await consumer.position(tp) for tp in (p0, p1)] == [2, PER_PARTITION], (
            "aiokafka now moves a partition without a committed offset: review the fix"
        )
        # Topics left to someone else (faust's table recovery, for changelogs) are not touched.
        assert await seek_to_committed_or_reset(consumer, skip_topics={p1.topic}, reset="earliest") == {p0: 2, p1: None}
        assert await consumer.position(p1) == PER_PARTITION
        # The fix: p1 goes where a new owner would start it (the reset policy: the beginning), p0 to its commit.
        await read_to_end(consumer, p0, p1)
        # All along, p1 has a position: faust's livelock check reads positions directly, and aiokafka asserts
        # they are set (`seek_to_beginning` unsets it until the fetcher has looked the offset up: a crash).
        assignment = consumer._subscription.subscription.assignment  # noqa: SLF001
        unset: list[bool] = []
        seeking = asyncio.ensure_future(seek_to_committed_or_reset(consumer, skip_topics=set(), reset="earliest"))
        while not seeking.done():
            unset.append(not assignment.state_value(p1).has_valid_position)
            await asyncio.sleep(0)
        assert await seeking == {p0: 2, p1: None} and not any(unset)
        assert [await consumer.position(tp) for tp in (p0, p1)] == [2, 0]
    finally:
        await consumer.stop()
