"""The Kafka clients behind exactly_once.PartitionTransactions: transactional producers and offset look-ups."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import faust
from aiokafka import TopicPartition

from worker.settings import Settings
from worker.stream.exactly_once import PartitionTransactions, TransactionalProducer


def kafka_transactions(
    app: faust.App, settings: Settings, options: dict[str, Any], input_topic: str | None = None
) -> PartitionTransactions:
    """PartitionTransactions on real aiokafka clients: a transactional producer per partition of `input_topic`
    (the raw topic by default), and an admin client that reads the group's committed offsets."""
    topic = input_topic or settings.topic_raw
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
    from aiokafka.admin import AIOKafkaAdminClient

    admin: AIOKafkaAdminClient | None = None
    reader: AIOKafkaConsumer | None = None

    def new_producer(transactional_id: str) -> TransactionalProducer:
        producer = AIOKafkaProducer(**options, transactional_id=transactional_id, enable_idempotence=True,
                                    acks="all")
        return cast(TransactionalProducer, producer)

    async def start_reader() -> AIOKafkaConsumer:
        nonlocal reader
        if reader is None:
            # read_committed like the worker's own consumer: aborted records and markers are not records.
            reader = AIOKafkaConsumer(**options, enable_auto_commit=False, isolation_level="read_committed")
            await reader.start()
        return reader

    async def start_offset(partition: int) -> int:
        nonlocal admin
        tp = TopicPartition(topic, partition)
        if admin is None:
            admin = AIOKafkaAdminClient(**options)
            await admin.start()
        offsets = await admin.list_consumer_group_offsets(app.conf.id, partitions=[tp])
        committed = offsets.get(tp)
        if committed is not None and committed.offset >= 0:
            return int(committed.offset)
        return int((await (await start_reader()).beginning_offsets([tp]))[tp])

    async def first_record_from(partition: int, offset: int) -> int | None:
        tp = TopicPartition(topic, partition)
        consumer = await start_reader()
        consumer.assign([tp])
        consumer.seek(tp, offset)
        fetched = await consumer.getmany(tp, timeout_ms=5000, max_records=1)
        records = fetched.get(tp, [])
        return records[0].offset if records else None

    async def close_clients() -> None:
        if admin is not None:
            await admin.close()
        if reader is not None:
            await reader.stop()

    return PartitionTransactions(
        group_id=app.conf.id,
        input_topic=topic,
        new_producer=new_producer,
        start_offset=start_offset,
        first_record_from=first_record_from,
        attempts=settings.publish_attempts,
        backoff=settings.publish_backoff,
        close_clients=close_clients,
    )


def own_partitions_per_generation(
    app: faust.App, transactions: PartitionTransactions, lock: asyncio.Lock, input_topic: str
) -> None:
    """Claim input partitions when they are assigned, release them when revoked, close all on shutdown; each
    step waits for the batch being published (`lock`)."""
    # (mode's type stubs do not accept async handlers, which its Signal.send awaits: hence the ignores)

    @app.on_partitions_revoked.connect  # type: ignore[arg-type]
    async def release_partitions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        async with lock:  # the batch being published finishes first
            await transactions.release(app.consumer_generation_id)

    @app.on_partitions_assigned.connect  # type: ignore[arg-type]
    async def claim_partitions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        (assigned,) = args
        async with lock:
            partitions = {tp.partition for tp in assigned if tp.topic == input_topic}
            await transactions.claim_all(partitions, app.consumer_generation_id)

    @app.on_before_shutdown.connect  # type: ignore[arg-type]
    async def close_transactions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        async with lock:
            await transactions.close()
