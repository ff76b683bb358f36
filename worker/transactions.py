"""Exactly-once plumbing and two gaps in faust's Kafka handling, kept out of the thin app module."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import faust


class TransactionalTopic:
    """An output topic written inside the transaction that faust commits with the input partition's offsets.

    faust's own send picks the transaction from the output record's partition and the consumer's metadata,
    which knows nothing of topics the worker only writes to: such records would go out with no transaction.
    """

    def __init__(self, app: faust.App, name: str, input_topic: str, generation: int) -> None:
        self.app, self.name, self.input_topic, self.generation = app, name, input_topic, generation

    async def send(
        self, *, key: bytes | None = None, value: bytes | None = None, partition: int | None = None
    ) -> Any:
        if partition is None:
            raise ValueError("exactly-once records need the input partition")
        if self.app.consumer_generation_id != self.generation:
            # A rebalance restarted the transactions: what this batch sent before it is aborted, and the rest
            # would land in a new transaction while the batch's events are delivered again.
            raise StaleBatch(f"rebalanced during the batch (generation {self.generation})")
        group = self.app.assignor.group_for_topic(self.input_topic)
        transactional_id = f"{self.app.conf.id}-{group}-{partition}"
        producer = self.app.consumer.transactions.producer
        return await producer.send(self.name, key, value, partition, None, None, transactional_id=transactional_id)


class StaleBatch(Exception):  # noqa: N818 - a signal, not a failure
    """The group rebalanced while a batch was being published: its events will be delivered again."""


def guard_commits(consumer: Any, lock: asyncio.Lock) -> None:
    """Make the consumer's commits wait for the batch in hand (the agent holds `lock` while publishing).

    Under exactly-once, faust commits the open transaction (every record sent so far) with the offsets of
    the events acked so far. A commit that fell between a batch's first send and its acks would make that
    batch's records visible without its offsets, and a crash would then repeat them. (Rebalances are not
    held back this way, which could deadlock against faust's own flushing; a batch that sees one is
    dropped instead: see `StaleBatch`.)
    """
    original = consumer.commit

    async def commit(*args: Any, **kwargs: Any) -> bool:
        async with lock:
            return bool(await original(*args, **kwargs))

    consumer.commit = commit


async def track_in_producer_metadata(app: faust.App, topic: str, timeout: float = 60.0) -> None:
    """Keep `topic` in the producer's metadata from now on, and wait until its partitions are known.

    A table with `use_partitioner` picks its changelog partition from the producer's metadata, which
    aiokafka refreshes only for topics it has sent to: a refresh before the first write would drop the
    topic, and that write would fail.
    """
    await app.producer.maybe_start()
    client = cast(Any, app.producer)._ensure_producer().client
    client.add_topic(topic)
    deadline = asyncio.get_running_loop().time() + timeout
    while client.cluster.partitions_for_topic(topic) is None:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no metadata for {topic} after {timeout} s")
        await client.force_metadata_update()
        await asyncio.sleep(0.2)
