"""What one published record costs the event loop, three ways: faust's `topic.send` (the worker's path), aiokafka's
`send` per record, and aiokafka's `create_batch`/`send_batch` per partition.

    NEWSFLOW_BROKER=kafka://127.0.0.1:9092 .venv/bin/python -m bench.produce_calls --records 13 --records 208

Each delivery sends `--records` mention-sized records (keys over 500 entity ids, so they spread over the topic's 4
partitions) and waits for the broker's acknowledgements, like `worker/stream/delivery.py`; the figure is the CPU
of this (single) thread per record, the median of `--rounds` rounds of `--deliveries` deliveries, the ways
alternating within a round and the first round left out as a warm-up. 13 records is one article's share (the
worker at half load publishes batches of one article), 208 a full batch of 16. The topic is left on the broker.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from statistics import median
from typing import Any

import faust
from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import murmur2

from bench.measure import machine
from worker.settings import Settings
from worker.stream.connection import bootstrap_servers

#: About a mention event's size (worker/models/records.py MentionEvent as JSON).
VALUE = b'{"entity_id":"Q1","article_id":"0123456789abcdef","name":"Some Name","type":"person","count":3}' * 3

Records = list[tuple[bytes, bytes]]


def records(delivery: int, count: int) -> Records:
    return [(f"Q{(delivery * 7 + n) % 500}".encode(), VALUE) for n in range(count)]


def partition_batches(producer: AIOKafkaProducer, partitions: int, batch: Records) -> dict[int, list[Any]]:
    """The records in aiokafka batch builders, per partition as its default partitioner would place them."""
    builders: dict[int, list[Any]] = {}
    for key, value in batch:
        partition = (murmur2(key) & 0x7FFFFFFF) % partitions
        filled = builders.setdefault(partition, [producer.create_batch()])
        if filled[-1].append(key=key, value=value, timestamp=None) is None:  # full: start another
            filled.append(producer.create_batch())
            filled[-1].append(key=key, value=value, timestamp=None)
    return builders


async def measure(settings: Settings, counts: Sequence[int], rounds: int, deliveries: int) -> dict[str, Any]:
    servers = bootstrap_servers(settings)
    topic_name = f"bench-produce-{uuid.uuid4().hex[:8]}"
    app = faust.App(f"bench-produce-{uuid.uuid4().hex[:8]}", broker=settings.broker,
                    producer_linger=settings.producer_linger)
    topic = app.topic(topic_name, partitions=4, key_type=bytes, value_type=bytes,
                      key_serializer="raw", value_serializer="raw")
    await app.producer.start()
    producer = AIOKafkaProducer(bootstrap_servers=servers, linger_ms=int(settings.producer_linger * 1000))
    await producer.start()
    try:
        await topic.maybe_declare()
        await producer.client._wait_on_metadata(topic_name)
        partitions = len(producer.client.cluster.partitions_for_topic(topic_name) or ())

        async def faust_sends(batch: Records) -> None:
            await asyncio.gather(*[await topic.send(key=k, value=v) for k, v in batch])

        async def aiokafka_sends(batch: Records) -> None:
            await asyncio.gather(*[await producer.send(topic_name, v, key=k) for k, v in batch])

        async def aiokafka_batches(batch: Records) -> None:
            sent = [await producer.send_batch(builder, topic_name, partition=partition)
                    for partition, builders in partition_batches(producer, partitions, batch).items()
                    for builder in builders]
            await asyncio.gather(*sent)

        ways: dict[str, Callable[[Records], Awaitable[None]]] = {
            "faust topic.send": faust_sends, "aiokafka send": aiokafka_sends, "aiokafka send_batch": aiokafka_batches}
        result: dict[str, Any] = {}
        for count in counts:
            per_record: dict[str, list[float]] = {name: [] for name in ways}
            for _ in range(rounds + 1):
                for name, way in ways.items():
                    started = time.thread_time()
                    for delivery in range(deliveries):
                        await way(records(delivery, count))
                    per_record[name].append((time.thread_time() - started) * 1e6 / (deliveries * count))
            result[str(count)] = {name: {"us_per_record": median(values[1:]), "rounds": values[1:]}
                                  for name, values in per_record.items()}
        return result
    finally:
        await producer.stop()
        await app.producer.stop()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, action="append", help="records a delivery (13 and 208)")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds after one warm-up (5)")
    parser.add_argument("--deliveries", type=int, default=20, help="deliveries a round and way (20)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    counts = args.records or [13, 208]
    figures = asyncio.run(measure(Settings(), counts, args.rounds, args.deliveries))
    print(machine())
    for count, ways in figures.items():
        for name, figure in ways.items():
            spread = f"{min(figure['rounds']):.0f}-{max(figure['rounds']):.0f}"
            print(f"{count:>4} records a delivery, {name:20s} {figure['us_per_record']:6.1f} µs a record "
                  f"(CPU of the loop thread, acknowledgements awaited; rounds {spread})")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "figures": figures}, indent=2))


if __name__ == "__main__":
    main()
