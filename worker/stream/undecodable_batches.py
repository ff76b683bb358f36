"""A record batch aiokafka cannot decode crashes the worker for good; this module skips it and reports it.

Upstream behaviour (aiokafka 0.14, `aiokafka/consumer/fetcher.py`): a fetch response's bytes become
`MemoryRecords`, and `PartitionRecords._unpack_records` decodes them batch by batch only when the consumer
asks for records. Any error there (a codec whose library is missing, `UnsupportedCodecError: Libraries for
snappy compression codec not found`; an unknown codec; a bad CRC, `CorruptRecordException`; a decoder bug)
is raised out of `getmany()`, and faust treats it as fatal: `We experienced a crash!`, exit. The consumer's
position has not moved, so a restarted worker fetches the same batch and crashes again: the partition is
stuck and the worker crash-loops. Kafka's own Java consumer also raises and leaves skipping to the caller.

The fix wraps the two names the fetcher builds its records from, so aiokafka's own loop (positions,
aborted transactions, control batches) runs unchanged:

- `MemoryRecords` keeps the fetched bytes, so a failed batch's raw bytes can be handed on;
- each batch it returns is wrapped: if decoding it raises, the wrapper reports the batch to `SKIPPED`
  (topic, partition, offsets, codec, error, bytes) and ends its iteration; a bad CRC is reported the same
  way instead of raised. aiokafka then moves the partition's position past the batch, exactly as it does
  for a batch of aborted records, and goes on with the next one;
- `PartitionRecords` tells the records which topic-partition they belong to.

The worker (worker/stream/app.py) turns each report into a dead letter (`undecodable_batch`, the batch bytes in
`original_b64`), counts it, lists it in /ready, and tells faust the batch's offsets are a gap to commit over
(`cross_gap`: faust's own gap check, `if gap > 1 and r_offset`, misses a skip after offset 0 or at the
start of a run, and then never commits the partition past the batch).
Measured with snappy batches and cramjam hidden (tests/integration/test_codecs.py): before, the worker
exits on the first batch, unserved messages of the same fetch included; after, it dead-letters the batch,
enriches the messages around it and commits to the end (without `cross_gap`: stuck at offset 1 of 5).
Cost on good batches: about 1 µs a record (2.9 -> 4.0 µs through `PartitionRecords`; RELIABILITY.md).
"""

from __future__ import annotations

import asyncio
import struct
import threading
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import structlog
from aiokafka.consumer import fetcher
from aiokafka.errors import CorruptRecordException
from faust.types import TP, AppT

from worker.pipeline import Outcome, UndecodableBatch, undecodable
from worker.settings import Settings
from worker.stream import metrics
from worker.stream.publishing import Outputs, deliver_patiently, log_outcomes, records_of

log = structlog.get_logger("newsflow.worker")

CODECS = {0: "uncompressed", 1: "gzip", 2: "snappy", 3: "lz4", 4: "zstd"}
_LOG_OVERHEAD = 12  # base offset (int64) + length (int32): every message format starts with these


class SkippedBatches:
    """Batches the fetcher skipped, waiting to be dead-lettered; filled from faust's consumer thread."""

    def __init__(self, *, remember: int = 10_000, recent: int = 10) -> None:
        self._lock = threading.Lock()
        self._pending: deque[UndecodableBatch] = deque()
        self._seen: OrderedDict[tuple[str, int, int], int] = OrderedDict()  # -> the batch's next offset
        self._remember = remember
        self.recent: deque[UndecodableBatch] = deque(maxlen=recent)
        self.on_new: Callable[[], object] | None = None

    def add(self, batch: UndecodableBatch) -> None:
        """Report a batch; one fetched again (after a seek or rebalance) is not reported twice."""
        key = (batch.topic, batch.partition, batch.first_offset)
        with self._lock:
            if key in self._seen:
                return
            self._seen[key] = batch.next_offset
            if len(self._seen) > self._remember:
                self._seen.popitem(last=False)
            self._pending.append(batch)
        log.error("record_batch_undecodable", topic=batch.topic, partition=batch.partition,
                  first_offset=batch.first_offset, last_offset=batch.next_offset - 1, codec=batch.codec,
                  error=batch.error)
        if self.on_new is not None:
            try:
                self.on_new()
            except RuntimeError:  # the worker's loop is closed (shutting down): the next start fetches it again
                log.warning("record_batch_report_dropped_at_shutdown", topic=batch.topic, partition=batch.partition)

    def take(self) -> list[UndecodableBatch]:
        """Every batch reported and not yet taken, oldest first."""
        with self._lock:
            batches = list(self._pending)
            self._pending.clear()
        return batches

    def reported_in(self, topic: str, partition: int, first: int, last: int) -> list[tuple[int, int]]:
        """The offset spans (first, last) of the batches reported that overlap `first`..`last` of the partition."""
        with self._lock:
            return sorted((f, n - 1) for (t, p, f), n in self._seen.items()
                          if t == topic and p == partition and f <= last and n - 1 >= first)

    def put_back(self, batches: list[UndecodableBatch]) -> None:
        """Batches whose dead letters could not be published: taken again next time, first."""
        with self._lock:
            self._pending.extendleft(reversed(batches))

    def done(self, batches: list[UndecodableBatch]) -> None:
        self.recent.extend(batches)

    def summary(self) -> list[dict[str, Any]]:
        """The last batches dead-lettered, for /ready."""
        return [
            {"topic": b.topic, "partition": b.partition, "first_offset": b.first_offset,
             "last_offset": b.next_offset - 1, "codec": b.codec, "error": b.error[:200]}
            for b in self.recent
        ]


SKIPPED = SkippedBatches()
_MemoryRecords = fetcher.MemoryRecords


class _Batch:
    """One record batch from the fetcher; an error while decoding it ends it instead of the consumer."""

    def __init__(self, batch: Any, records: _Records, start: int, end: int) -> None:
        self._batch = batch
        self._records = records
        self._span = (start, end)
        self._iterator: Iterator[Any] | None = None
        self._failed = False
        self._last: int | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._batch, name)

    @property
    def next_offset(self) -> int:
        # A corrupt header must not send the position backwards (the batch would be fetched for ever).
        return max(int(self._batch.next_offset), int(self._batch.base_offset) + 1)

    def validate_crc(self) -> bool:
        try:
            valid = bool(self._batch.validate_crc())
        except Exception as exc:
            self._fail(exc)
            return True
        if not valid:
            self._fail(CorruptRecordException("invalid CRC"))
        return True

    def __iter__(self) -> _Batch:
        return self

    def __next__(self) -> Any:
        if self._failed:
            raise StopIteration
        try:
            if self._iterator is None:
                self._iterator = iter(self._batch)  # compressed batches are decompressed here
            record = next(self._iterator)
        except StopIteration:
            raise
        except Exception as exc:
            self._fail(exc)
            raise StopIteration from None
        self._last = int(record.offset)
        return record

    def _fail(self, exc: Exception) -> None:
        self._failed = True
        base = int(self._batch.base_offset)
        start, end = self._span
        raw = self._records.data[start:end]
        if len(raw) < 8 or struct.unpack_from(">q", raw)[0] != base:
            raw = b""  # our copy of the bytes is out of step with aiokafka's: send no bytes rather than wrong ones
        SKIPPED.add(UndecodableBatch(
            topic=self._records.tp.topic if self._records.tp else "?",
            partition=self._records.tp.partition if self._records.tp else -1,
            first_offset=base if self._last is None else self._last + 1,
            next_offset=self.next_offset,
            codec=CODECS.get(int(getattr(self._batch, "compression_type", -1)), "unknown codec"),
            error=_describe(exc),
            raw=bytes(raw),
        ))


def _describe(exc: Exception) -> str:
    """One line naming the error; aiokafka's errors already start with their class name."""
    text, name = str(exc).splitlines()[0] if str(exc) else "", type(exc).__name__
    return text if text.startswith(name) else f"{name}: {text}"


class _Records:
    """aiokafka's MemoryRecords, plus the fetched bytes and where each batch lies in them."""

    def __init__(self, data: bytes) -> None:
        self._records = _MemoryRecords(data)
        self.data = data
        self.tp: Any = None
        self._position = 0

    def size_in_bytes(self) -> int:
        return int(self._records.size_in_bytes())

    def has_next(self) -> bool:
        return bool(self._records.has_next())

    def next_batch(self) -> _Batch | None:
        batch = self._records.next_batch()
        if batch is None:
            return None
        start = self._position
        (length,) = struct.unpack_from(">i", self.data, start + 8)
        self._position = end = start + _LOG_OVERHEAD + length
        return _Batch(batch, self, start, end)


class _PartitionRecordsOf(fetcher.PartitionRecords):
    """aiokafka's PartitionRecords; tells the records their topic-partition, for the report."""

    def __init__(self, tp: Any, records: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(records, _Records):
            records.tp = tp
        super().__init__(tp, records, *args, **kwargs)


def skip_undecodable_batches() -> None:
    """Install the wrappers in aiokafka's fetcher (idempotent); reports go to `SKIPPED`."""
    fetcher.MemoryRecords = _Records
    fetcher.PartitionRecords = _PartitionRecordsOf


async def add_gap(app: AppT, tp: TP, first: int, last: int) -> None:
    """Let faust commit over offsets `first`..`last` once a later message is acked (as it does for a gap it sees)."""
    if app.topics.acks_enabled_for(tp.topic):
        consumer: Any = app.consumer
        # faust has no public call for this; it is what its own reading loop does at a gap.
        await consumer._add_gap(tp, first, last)


async def cross_gap(app: AppT, batch: UndecodableBatch) -> None:
    """Let faust commit over the batch's offsets (`add_gap`)."""
    await add_gap(app, TP(batch.topic, batch.partition), batch.first_offset, batch.next_offset - 1)


async def dead_letter_skipped(app: AppT, outputs: Outputs, settings: Settings) -> None:
    """Publish a dead letter for each batch the fetcher skipped, then let faust commit over its offsets.

    Outside any transaction, also under exactly-once: the dead letter is acknowledged before the partition's
    offset can move past the batch, and a restart before that publishes it again (at-least-once). Sent as a
    batch's records are (`deliver_patiently`): an error that outlasts the retries, or one no retry helps (a dead
    letter over its topic's `max.message.bytes` even with none of its input), is logged and the send tried
    again until the broker takes it.
    Raised, it would stop the worker (`agent_errors`: this runs first in each batch's publish), and the restarted
    worker would skip the same batch and fail the same way: a crash loop. (Before that module it ended the enrich
    agent, and the agent faust restarted received nothing more: every later message lost, the worker alive.)
    """
    batches = SKIPPED.take()
    if not batches:
        return
    keep = settings.deadletter_max_original_bytes
    outcomes: list[Outcome] = [undecodable(batch, keep_bytes=keep) for batch in batches]
    try:
        await deliver_patiently(records_of(outcomes, outputs).records, attempts=settings.publish_attempts,
                                backoff=settings.publish_backoff)
    except BaseException:
        SKIPPED.put_back(batches)
        raise
    for batch in batches:
        await cross_gap(app, batch)
    SKIPPED.done(batches)
    log_outcomes(outcomes)
    metrics.observe(outcomes)


async def watch_skipped(lock: asyncio.Lock, publish: Callable[[], Awaitable[None]], *, pause: float) -> None:
    """Run `publish` (under `lock`) whenever the fetcher reports a skipped batch; retry after `pause` on failure."""
    loop = asyncio.get_running_loop()
    wake = asyncio.Event()
    SKIPPED.on_new = lambda: loop.call_soon_threadsafe(wake.set)
    wake.set()  # anything reported before the watch started
    while True:
        await wake.wait()
        wake.clear()
        try:
            async with lock:
                await publish()
        except Exception:
            log.exception("skipped_batch_dead_letter_failed")
            await asyncio.sleep(pause)
            wake.set()
