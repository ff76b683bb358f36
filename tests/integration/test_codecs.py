"""Compressed record batches on the real broker: every codec Kafka has is enriched, and a batch the client
cannot decode is dead-lettered with its position while the worker goes on."""

from __future__ import annotations

import signal
from pathlib import Path

from aiokafka import AIOKafkaProducer

from tests.integration.conftest import Run, WorkerProcess
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


def hide_cramjam(tmp_path: Path) -> str:
    """A PYTHONPATH entry whose `cramjam` cannot be imported: aiokafka then lacks snappy, lz4 and zstd."""
    folder = tmp_path / "no-cramjam"
    folder.mkdir()
    (folder / "cramjam.py").write_text('raise ImportError("cramjam hidden by the test")\n')
    return str(folder)


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
