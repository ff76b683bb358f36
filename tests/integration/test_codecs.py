"""Compressed record batches on the real broker: every codec Kafka has is enriched, and a batch the client
cannot decode is dead-lettered with its position while the worker goes on."""

from __future__ import annotations

import asyncio
import base64
import signal
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.record.default_records import DefaultRecordBatch

from tests.integration.conftest import Run, WorkerProcess, module_on_path
from tests.integration.test_web import get, get_json, wait_until
from tests.support.articles import as_messages, generate

CODECS = ("gzip", "snappy", "lz4", "zstd")


async def send_batch(run: Run, values: list[bytes], *, partition: int, compression: str | None) -> None:
    """`values` as one record batch, compressed with `compression`, on one partition of the raw topic."""
    producer = AIOKafkaProducer(bootstrap_servers=run.broker, compression_type=compression, enable_idempotence=True)
    await producer.start()
    try:
        batch = producer.create_batch()
        for value in values:
            assert batch.append(key=None, value=value, timestamp=None) is not None
        batch.close()
        await (await producer.send_batch(batch, run.topics["raw"], partition=partition))
    finally:
        await producer.stop()


async def committed_offset(run: Run, partition: int, *, until: int, timeout: float) -> int | None:
    """The worker group's committed offset of a raw partition, once it reaches `until` (or when time is up)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    try:
        tp = TopicPartition(run.topics["raw"], partition)
        deadline = time.monotonic() + timeout
        while True:
            found = (await admin.list_consumer_group_offsets(run.name, partitions=[tp])).get(tp)
            offset = found.offset if found is not None else None
            if offset == until or time.monotonic() > deadline:
                return offset
            await asyncio.sleep(0.5)
    finally:
        await admin.close()


def hide_cramjam(tmp_path: Path) -> str:
    """A PYTHONPATH entry whose `cramjam` cannot be imported: aiokafka then lacks snappy, lz4 and zstd."""
    return module_on_path(tmp_path, "cramjam", 'raise ImportError("cramjam hidden by the test")\n')


async def test_one_article_per_codec_is_enriched(created, start_worker) -> None:
    """gzip, snappy, lz4 and zstd batches (as Java and librdkafka producers send them) are all enriched."""
    run = created
    articles = generate(len(CODECS), seed=10, prefix=run.name)
    worker: WorkerProcess = start_worker(run.env())
    worker.wait_ready()
    for partition, (codec, value) in enumerate(zip(CODECS, as_messages(articles), strict=True)):
        await send_batch(run, [value], partition=partition, compression=codec)

    enriched = await run.read("enriched", expect=len(articles), timeout=120)
    assert worker.proc.poll() is None, worker.log()[-3000:]
    assert {r["id"] for r in enriched} == {a["id"] for a in articles}
    assert await run.read("deadletter", expect=0, timeout=3) == []
    assert worker.stop(signal.SIGTERM) == 0


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_a_batch_the_worker_cannot_decode_is_dead_lettered_and_the_partition_goes_on(
    created, start_worker, tmp_path, guarantee
) -> None:
    """A worker without snappy (cramjam hidden): the snappy batch becomes one dead letter with its position
    and bytes, the messages before and after it on the same partition are enriched, the group's offset
    moves past it, and the worker lives."""
    run = created
    articles = generate(5, seed=11, prefix=run.name)
    before, inside, after = as_messages(articles[:1]), as_messages(articles[1:3]), as_messages(articles[3:])
    partition = 2
    env = run.env(PYTHONPATH=hide_cramjam(tmp_path), NEWSFLOW_PROCESSING_GUARANTEE=guarantee)
    worker: WorkerProcess = start_worker(env)
    worker.wait_ready()
    await send_batch(run, before, partition=partition, compression=None)  # offset 0
    await send_batch(run, inside, partition=partition, compression="snappy")  # offsets 1, 2
    await send_batch(run, after, partition=partition, compression="gzip")  # offsets 3, 4: gzip needs no cramjam

    committed_only = guarantee == "exactly_once"
    enriched = await run.read("enriched", expect=3, timeout=120, committed_only=committed_only)
    dead = await run.read("deadletter", expect=1, timeout=60, committed_only=committed_only)
    assert worker.proc.poll() is None, worker.log()[-3000:]
    assert sorted(r["source_position"]["offset"] for r in enriched) == [0, 3, 4]
    assert {r["id"] for r in enriched} == {a["id"] for a in articles[:1] + articles[3:]}
    (letter,) = dead
    assert letter["reason"] == "undecodable_batch"
    assert letter["source_position"] == {"topic": run.topics["raw"], "partition": partition, "offset": 1}
    assert "offsets 1..2" in letter["detail"] and "snappy" in letter["detail"]
    assert "UnsupportedCodecError" in letter["detail"]
    # The bytes are the batch as Kafka stores it: a client with the codec gets the two articles back.
    assert not letter["original_truncated"]
    batch = DefaultRecordBatch(base64.b64decode(letter["original_b64"]))
    assert [record.value for record in batch] == inside

    url = f"http://127.0.0.1:{env['NEWSFLOW_WEB_PORT']}"
    status, ready = wait_until("/ready lists the batch", lambda: (r := get_json(f"{url}/ready"))[1].get(
        "skipped_batches") and r, 30, worker)
    assert status == 200 and ready["ready"], ready
    assert ready["skipped_batches"] == [{
        "topic": run.topics["raw"], "partition": partition, "first_offset": 1, "last_offset": 2, "codec": "snappy",
        "error": "UnsupportedCodecError: Libraries for snappy compression codec not found",
    }]
    _, body = get(f"{url}/metrics")
    metrics = body.decode()
    raw = run.topics["raw"]
    assert f'newsflow_undecodable_batches_total{{partition="{partition}",topic="{raw}"}} 1.0' in metrics
    assert f'newsflow_undecodable_batches_total{{partition="0",topic="{raw}"}} 0.0' in metrics
    assert 'newsflow_dead_letters_total{reason="undecodable_batch"} 1.0' in metrics
    # Not stuck: the group's committed offset moves past the batch to the end of the partition.
    assert await committed_offset(run, partition, until=5, timeout=60) == 5
    assert worker.stop(signal.SIGTERM) == 0
    print(f"\nRELIABILITY undecodable batch ({guarantee}): {len(enriched)} enriched around it, offset committed "
          f"past it, dead letter: {letter['detail'][:100]}")

