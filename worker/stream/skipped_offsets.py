"""Offsets the fetcher steps over without a record are told to faust as gaps, so it commits past them.

The worker reads `read_committed` (faust_fixes.read_committed_consumers): without it, the records of a
transaction their producer aborted were enriched and published like any other. A transaction leaves offsets
no consumer receives: its commit or abort marker, and (read committed) an aborted transaction's records.
faust finds such a gap only between two messages it delivers, and not after offset 0 or at the start of a
run (`if gap > 1 and r_offset`, faust/transport/consumer.py `_drain_messages`); and at the head of a
partition's acked offsets it never commits past a gap of two or more it was not told of
(`min(acked) - committed_offset > 1` in `_new_offset`). An aborted transaction at the start of a partition,
or right where a restarted worker resumes, is such a gap: the committed offset would stay before it for good
and every restart would read everything after it again.

aiokafka's `PartitionRecords` (one fetch's records of one partition) knows which offsets it stepped over:
those between the fetch's start, the records it yields and where it leaves the position. Each such range is
handed to faust's own gap bookkeeping (`Consumer._add_gap`, what its reading loop calls at a gap it sees),
so the next commit after a later message is acked covers it. A record batch the client could not decode
is left to undecodable_batches.py, which crosses its gap only once its dead letter is published.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import structlog
from aiokafka.consumer import fetcher
from faust.types import TP, AppT

from worker.stream.undecodable_batches import SKIPPED, add_gap

log = structlog.get_logger("newsflow.worker")


def cross_skipped_offsets(app: AppT) -> None:
    """Install the reporting PartitionRecords in aiokafka's fetcher (after undecodable_batches' own)."""
    base = fetcher.PartitionRecords
    if getattr(base, "reports_skipped_offsets", False):
        return

    def skipped(tp: Any, first: int, last: int) -> None:  # called on faust's consumer thread
        if not app.topics.acks_enabled_for(tp.topic):
            return  # a changelog being recovered: compaction leaves gaps everywhere, and nothing commits them
        # Undecodable batches' offsets are crossed once their dead letters are published, not here.
        for start, end in _outside(first, last, SKIPPED.reported_in(tp.topic, tp.partition, first, last)):
            try:
                app.loop.call_soon_threadsafe(_schedule, app, TP(tp.topic, tp.partition), start, end)
            except RuntimeError:  # the loop is closed (shutting down): the next run reads from the commit
                return

    class PartitionRecords(base):  # type: ignore[misc, valid-type]
        reports_skipped_offsets = True

        def __init__(self, tp: Any, records: Any, aborted: Any, fetch_offset: int, *args: Any, **kwargs: Any) -> None:
            super().__init__(tp, records, aborted, fetch_offset, *args, **kwargs)
            unpacked: Iterator[Any] = self._records_iterator  # type: ignore[has-type]
            self._records_iterator = self._reporting(unpacked, fetch_offset)

        def _reporting(self, records: Iterator[Any], expected: int) -> Iterator[Any]:
            for record in records:
                if record.offset > expected:
                    skipped(self._tp, expected, record.offset - 1)
                expected = record.offset + 1
                yield record
            if self.next_fetch_offset > expected:  # markers (or aborted records) after the last record
                skipped(self._tp, expected, self.next_fetch_offset - 1)

    fetcher.PartitionRecords = PartitionRecords


def _outside(first: int, last: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`first`..`last` less the (sorted) spans."""
    ranges = []
    for start, end in spans:
        if start > first:
            ranges.append((first, min(start - 1, last)))
        first = max(first, end + 1)
    return [*ranges, (first, last)] if first <= last else ranges


def _schedule(app: AppT, tp: TP, first: int, last: int) -> None:
    asyncio.ensure_future(add_gap(app, tp, first, last)).add_done_callback(_log_failure)


def _log_failure(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("skipped_offsets_not_crossed", error=repr(task.exception()))
