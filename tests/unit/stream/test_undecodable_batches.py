"""Record batches the client cannot decode: skipped in aiokafka's own fetcher loop, reported with their
position and bytes, and turned into one dead letter each."""

from __future__ import annotations

import base64
import json
import struct
import uuid
from types import SimpleNamespace

import aiokafka.codec
import pytest
from aiokafka.consumer import fetcher
from aiokafka.errors import MessageSizeTooLargeError, UnsupportedCodecError
from aiokafka.record.default_records import DefaultRecordBatch, DefaultRecordBatchBuilder, _DefaultRecordBatchBuilderPy
from aiokafka.structs import TopicPartition

from worker.pipeline import UndecodableBatch, undecodable
from worker.stream import metrics, undecodable_batches
from worker.stream.undecodable_batches import SKIPPED, SkippedBatches, skip_undecodable_batches
from worker.stream.views import verdict

NONE, GZIP, SNAPPY = 0, 1, 2


def batch(values: list[bytes], base_offset: int, codec: int = NONE) -> bytes:
    """One v2 record batch as the broker stores it, starting at `base_offset`."""
    builder = DefaultRecordBatchBuilder(
        magic=2, compression_type=codec, is_transactional=0, producer_id=-1, producer_epoch=-1, base_sequence=-1,
        batch_size=1 << 20,
    )
    for delta, value in enumerate(values):
        builder.append(delta, timestamp=1_700_000_000_000, key=None, value=value, headers=[])
    data = bytearray(builder.build())
    struct.pack_into(">q", data, 0, base_offset)  # the base offset is outside the CRC; the broker sets it
    return bytes(data)


def unpack(tp: TopicPartition, fetched: bytes) -> tuple[list[int], int]:
    """The offsets aiokafka's fetcher delivers from one fetch response, and where it will fetch next."""
    records = fetcher.PartitionRecords(
        tp, fetcher.MemoryRecords(fetched), None, 0, None, None, True, fetcher.READ_UNCOMMITTED
    )
    offsets = [record.offset for record in records]
    return offsets, records.next_fetch_offset


@pytest.fixture()
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wrappers installed for this test only (monkeypatch puts aiokafka's own classes back)."""
    monkeypatch.setattr(fetcher, "MemoryRecords", fetcher.MemoryRecords)
    monkeypatch.setattr(fetcher, "PartitionRecords", fetcher.PartitionRecords)
    skip_undecodable_batches()
    SKIPPED.take()


def hide_snappy(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, aiokafka as installed without cramjam (build the snappy batches first)."""
    monkeypatch.setattr(aiokafka.codec, "has_snappy", lambda: False)


def tp() -> TopicPartition:
    return TopicPartition(f"raw-{uuid.uuid4().hex[:8]}", 2)


def test_upstream_a_batch_without_its_codec_raises_out_of_the_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the worker died of: aiokafka raises out of the fetcher, the records before the batch with it."""
    fetched = batch([b"a"], 0) + batch([b"b", b"c"], 1, SNAPPY) + batch([b"d"], 3)
    # aiokafka's own classes, whether or not worker.app has installed the wrappers in this process
    monkeypatch.setattr(fetcher, "MemoryRecords", undecodable_batches._MemoryRecords)
    monkeypatch.setattr(fetcher, "PartitionRecords", undecodable_batches._PartitionRecordsOf.__mro__[1])
    hide_snappy(monkeypatch)
    with pytest.raises(UnsupportedCodecError):
        unpack(tp(), fetched)


def test_a_batch_without_its_codec_is_skipped_and_reported_with_its_bytes(
    installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tp()
    snappy = batch([b"b", b"c"], 1, SNAPPY)
    fetched = batch([b"a"], 0) + snappy + batch([b"d", b"e"], 3, GZIP)
    hide_snappy(monkeypatch)
    offsets, next_fetch = unpack(where, fetched)
    assert offsets == [0, 3, 4] and next_fetch == 5
    (skipped,) = SKIPPED.take()
    assert skipped == UndecodableBatch(
        topic=where.topic, partition=2, first_offset=1, next_offset=3, codec="snappy",
        error="UnsupportedCodecError: Libraries for snappy compression codec not found", raw=snappy,
    )


def test_the_reported_bytes_decode_where_the_codec_is_installed(
    installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched = batch([b"x"], 7) + batch([b"first", b"second"], 8, SNAPPY)
    with monkeypatch.context() as hidden:
        hide_snappy(hidden)
        unpack(tp(), fetched)
    (skipped,) = SKIPPED.take()
    assert [record.value for record in DefaultRecordBatch(skipped.raw)] == [b"first", b"second"]


def test_a_corrupt_batch_is_skipped_not_raised(installed: None) -> None:
    """A bad CRC (a byte changed after the broker took the batch) ends that batch only."""
    corrupt = bytearray(batch([b"hello"], 1))
    corrupt[-2] ^= 0xFF
    offsets, next_fetch = unpack(where := tp(), batch([b"a"], 0) + bytes(corrupt) + batch([b"z"], 2))
    assert offsets == [0, 2] and next_fetch == 3
    (skipped,) = SKIPPED.take()
    assert (skipped.topic, skipped.first_offset, skipped.next_offset) == (where.topic, 1, 2)
    assert skipped.error.startswith("CorruptRecordException") and skipped.raw == bytes(corrupt)


class NotUtf8(str):
    """A header name whose bytes are not UTF-8 (a librdkafka producer sends any bytes; aiokafka's builder only text)."""

    def encode(self, *args: object, **kwargs: object) -> bytes:
        return b"\xff\xfename"


def test_a_header_name_that_is_not_utf8_ends_its_batch_as_undecodable(installed: None) -> None:
    """aiokafka decodes header names as UTF-8 and raises on others: the batch is reported, the fetch goes on."""
    builder = _DefaultRecordBatchBuilderPy(  # the C builder refuses a str subclass
        magic=2, compression_type=NONE, is_transactional=0, producer_id=-1, producer_epoch=-1, base_sequence=-1,
        batch_size=1 << 20,
    )
    builder.append(0, timestamp=1_700_000_000_000, key=None, value=b"b", headers=[(NotUtf8("x"), b"v")])
    odd = bytearray(builder.build())
    struct.pack_into(">q", odd, 0, 1)
    offsets, next_fetch = unpack(where := tp(), batch([b"a"], 0) + bytes(odd) + batch([b"c"], 2))
    assert offsets == [0, 2] and next_fetch == 3
    (skipped,) = SKIPPED.take()
    assert (skipped.topic, skipped.first_offset, skipped.next_offset) == (where.topic, 1, 2)
    assert skipped.error.startswith("UnicodeDecodeError")


def test_good_batches_pass_through_unchanged(installed: None) -> None:
    offsets, next_fetch = unpack(tp(), batch([b"a", b"b"], 0) + batch([b"c"], 2, GZIP) + batch([b"d"], 3, SNAPPY))
    assert offsets == [0, 1, 2, 3] and next_fetch == 4
    assert SKIPPED.take() == []


def skipped_batch(first: int = 10, raw: bytes = b"\x00" * 100) -> UndecodableBatch:
    return UndecodableBatch("articles.raw", 1, first, first + 5, "zstd", "UnsupportedCodecError: no zstd", raw)


def test_a_batch_fetched_again_is_reported_once() -> None:
    skipped = SkippedBatches()
    skipped.add(skipped_batch())
    skipped.add(skipped_batch())
    assert skipped.take() == [skipped_batch()] and skipped.take() == []


def test_batches_that_could_not_be_published_are_taken_again_first() -> None:
    skipped = SkippedBatches()
    skipped.add(skipped_batch(1))
    skipped.add(skipped_batch(2))
    taken = skipped.take()
    skipped.add(skipped_batch(3))
    skipped.put_back(taken)
    assert [b.first_offset for b in skipped.take()] == [1, 2, 3]


async def test_a_dead_letter_the_broker_refuses_is_sent_again_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """A skipped batch's dead letter over the dead-letter topic's limit (MessageSizeTooLarge: not retriable) is sent
    again until the broker takes it; raised, it ended the enrich agent, whose publish of each batch starts here."""
    from tests.unit.stream.test_delivery import FlakyTopic
    from worker.settings import Settings
    from worker.stream.publishing import Outputs

    deadletter = FlakyTopic(failures=3, error=MessageSizeTooLargeError())
    outputs = Outputs(enriched=FlakyTopic(0, ValueError()), mentions=FlakyTopic(0, ValueError()), deadletter=deadletter)
    no_acks = SimpleNamespace(topics=SimpleNamespace(acks_enabled_for=lambda topic: False))
    monkeypatch.setattr(undecodable_batches, "SKIPPED", skipped := SkippedBatches())
    skipped.add(skipped_batch(raw=b"0123"))
    await undecodable_batches.dead_letter_skipped(no_acks, outputs, Settings(publish_backoff=0.01))
    (value,) = deadletter.delivered
    assert json.loads(value)["reason"] == "undecodable_batch" and deadletter.failures == 0
    assert skipped.take() == [] and list(skipped.recent) == [skipped_batch(raw=b"0123")]


def test_the_dead_letter_names_the_position_range_and_keeps_the_bytes() -> None:
    letter = undecodable(skipped_batch(raw=b"0123456789"), keep_bytes=4).dead_letter
    assert letter.reason == "undecodable_batch"
    assert letter.source_position is not None and letter.source_position.model_dump() == {
        "topic": "articles.raw", "partition": 1, "offset": 10}
    assert "offsets 10..14 of articles.raw[1] (zstd)" in letter.detail and "no zstd" in letter.detail
    assert base64.b64decode(letter.original_b64) == b"0123" and letter.original_truncated
    assert letter.original_size == 10 and letter.key_b64 is None


def test_ready_stays_200_and_lists_the_skipped_batches() -> None:
    listed = [{"topic": "raw", "partition": 1, "first_offset": 10, "last_offset": 14}]
    ok, body = verdict({"raw": [1]}, None, rebalancing=False, recovering=False, skipped_batches=listed)
    assert ok and body["skipped_batches"] == listed


def test_each_dead_lettered_batch_is_counted_by_partition() -> None:
    def count() -> float:
        from prometheus_client import REGISTRY

        labels = {"topic": "articles.raw", "partition": "1"}
        return REGISTRY.get_sample_value("newsflow_undecodable_batches_total", labels) or 0.0

    before = count()
    metrics.observe([undecodable(skipped_batch(), keep_bytes=10)])
    assert count() == before + 1
