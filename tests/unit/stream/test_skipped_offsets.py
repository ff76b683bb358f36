"""Offsets the fetcher steps over without a record reach faust as gaps (worker/stream/skipped_offsets.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka.consumer import fetcher

from tests.unit.stream.test_undecodable_batches import batch, tp, unpack
from worker.stream import undecodable_batches
from worker.stream.skipped_offsets import _outside, cross_skipped_offsets


class Consumer:
    def __init__(self) -> None:
        self.gaps: list[tuple[Any, int, int]] = []

    async def _add_gap(self, where: Any, first: int, last: int) -> None:
        self.gaps.append((where, first, last))


async def test_offsets_between_records_are_told_to_faust_as_a_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offsets 1-2 hold no record for the consumer (an aborted transaction and its marker, read committed; or
    compacted away): faust does not see a gap right after offset 0, and would never commit past it."""
    # Under this test's app only (worker.app, if imported, installed its own), put back by monkeypatch.
    monkeypatch.setattr(fetcher, "PartitionRecords", undecodable_batches._PartitionRecordsOf)
    consumer = Consumer()
    app = SimpleNamespace(loop=asyncio.get_running_loop(), consumer=consumer,
                          topics=SimpleNamespace(acks_enabled_for=lambda topic: True))
    cross_skipped_offsets(app)  # type: ignore[arg-type]
    where = tp()
    offsets, next_offset = unpack(where, batch([b"a"], 0) + batch([b"b"], 3) + batch([b"c"], 4))
    for _ in range(3):
        await asyncio.sleep(0)  # the reports are scheduled on the app's loop (they come from faust's consumer thread)
    assert (offsets, next_offset) == ([0, 3, 4], 5)
    assert [(g.topic, g.partition, first, last) for g, first, last in consumer.gaps] == [
        (where.topic, where.partition, 1, 2)]


async def test_gaps_in_a_topic_without_acks_are_not_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A changelog being recovered (no acks: nothing commits it) has gaps wherever compaction removed records."""
    monkeypatch.setattr(fetcher, "PartitionRecords", undecodable_batches._PartitionRecordsOf)
    consumer = Consumer()
    app = SimpleNamespace(loop=asyncio.get_running_loop(), consumer=consumer,
                          topics=SimpleNamespace(acks_enabled_for=lambda topic: False))
    cross_skipped_offsets(app)  # type: ignore[arg-type]
    assert unpack(tp(), batch([b"a"], 0) + batch([b"b"], 3)) == ([0, 3], 4)
    for _ in range(3):
        await asyncio.sleep(0)
    assert consumer.gaps == []


async def test_offsets_after_an_undecodable_batch_are_still_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """a@0, a corrupt batch @1, z@4: offsets 2-3 (say an aborted transaction) reach faust as a gap; the corrupt
    batch's own offset does not (it is crossed once its dead letter is published)."""
    monkeypatch.setattr(fetcher, "MemoryRecords", undecodable_batches._Records)
    monkeypatch.setattr(fetcher, "PartitionRecords", undecodable_batches._PartitionRecordsOf)
    consumer = Consumer()
    app = SimpleNamespace(loop=asyncio.get_running_loop(), consumer=consumer,
                          topics=SimpleNamespace(acks_enabled_for=lambda topic: True))
    cross_skipped_offsets(app)  # type: ignore[arg-type]
    corrupt = bytearray(batch([b"hello"], 1))
    corrupt[-2] ^= 0xFF
    offsets, _ = unpack(tp(), batch([b"a"], 0) + bytes(corrupt) + batch([b"z"], 4))
    for _ in range(3):
        await asyncio.sleep(0)
    assert offsets == [0, 4]
    assert [(first, last) for _, first, last in consumer.gaps] == [(2, 3)]


@pytest.mark.parametrize(("spans", "left"), [
    ([], [(0, 9)]), ([(0, 9)], []), ([(3, 4)], [(0, 2), (5, 9)]), ([(-5, 2), (8, 20)], [(3, 7)]),
    ([(2, 2), (3, 3)], [(0, 1), (4, 9)]),
])
def test_a_range_less_the_undecodable_spans(spans: list[tuple[int, int]], left: list[tuple[int, int]]) -> None:
    assert _outside(0, 9, spans) == left
