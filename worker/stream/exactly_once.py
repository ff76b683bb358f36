"""Exactly-once: each input partition's outputs and its next offset committed in one Kafka transaction.

Why our own transactions and not faust's `processing_guarantee="exactly_once"`: faust ties a transaction
to a partition *number* shared by every topic of a group, sends records for topics the worker only writes
to outside any transaction, and fails on shutdown committing into an ended transaction; the duplicates and
stuck transactions this gave are in RELIABILITY.md. So faust runs at-least-once (its consumers switched to
read_committed, `read_committed_consumers`), faust does not commit the input topic's offsets at all, and
the worker owns one transactional producer per input partition, its `transactional.id` naming it:

- *Fencing.* Before a worker publishes for a partition in a consumer-group generation it initialises that
  partition's transactional id ("claims" it). The broker then aborts whatever a previous owner left open (a
  killed worker) or finishes its commit, and refuses that owner's later commits. Only after the claim is
  the committed offset read, so it is final: events below it are done and are skipped.
- *Generations.* A batch read in an earlier generation than the current one is dropped unpublished: after
  a rebalance faust seeks every assigned partition back to its committed offset, so its events come again,
  in order. Within one generation a partition's events are processed in order with none dropped, so a
  commit never skips past an offset that was not processed.
- *Rebalances.* On revocation the in-flight publish is waited for (the caller's lock), every producer is
  closed (aborting an open transaction) and the generation is marked closed: no late claim can fence the
  partition's next owner.
- A commit refused because another worker claimed the partition (a zombie: this worker missed its session)
  drops the batch and does not claim that partition again in the same generation.

Kafka-facing calls go through factories (exactly_once_clients.py, on aiokafka): unit tests drive this with fakes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import structlog
from aiokafka import TopicPartition
from aiokafka import errors as kafka_errors

from worker.stream.delivery import TOGETHER_FIX, TOO_LARGE, is_transient, raised_from, retry_delay, smaller

log = structlog.get_logger("newsflow.transactions")


class TransactionalProducer(Protocol):
    """The part of aiokafka's AIOKafkaProducer (with a transactional_id) used here."""

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def begin_transaction(self) -> None: ...
    async def commit_transaction(self) -> None: ...
    async def abort_transaction(self) -> None: ...
    async def send(
        self, topic: str, value: bytes | None = None, key: bytes | None = None, partition: int | None = None,
        timestamp_ms: int | None = None,
    ) -> Any: ...
    async def send_offsets_to_transaction(self, offsets: dict[TopicPartition, int], group_id: str) -> None: ...


#: transactional_id -> an unstarted producer
ProducerFactory = Callable[[str], TransactionalProducer]
#: (input partition, offset) -> the offset of the first record at or after it (None: none yet)
FirstRecordFrom = Callable[[int, int], Awaitable[int | None]]
#: input partition -> where its unfinished work starts: the group's committed offset, or the partition's
#: first offset when nothing is committed yet (the worker reads from the earliest offset then)
StartOffset = Callable[[int], Awaitable[int]]


@dataclass(frozen=True)
class Output:
    """One record to publish inside a partition's transaction."""

    topic: str
    key: bytes | None
    value: bytes
    partition: int | None = None
    timestamp: float | None = None  # Unix seconds; None: the producer's clock
    # For a topic that refuses its size (delivery.Record.smaller: strictly smaller records, ending in None).
    smaller: Callable[[], list[Output] | None] | None = field(default=None, compare=False, repr=False)


class Fenced(Exception):  # noqa: N818 - a state, not a bug
    """Another worker has claimed the partition: this worker must not publish for it in this generation."""


#: Errors meaning another producer now owns the transactional id.
FENCED_ERRORS: tuple[type[BaseException], ...] = (kafka_errors.ProducerFenced, kafka_errors.InvalidProducerEpoch)


#: Errors after which the transaction is retried on a new producer: the transient ones, and a producer whose
#: idempotence state broke (sequence numbers out of step after a failed batch, its id expired).
PRODUCER_STATE_ERRORS: tuple[type[BaseException], ...] = (
    kafka_errors.OutOfOrderSequenceNumber, kafka_errors.UnknownProducerId, kafka_errors.InvalidProducerIdMapping,
    kafka_errors.ConcurrentTransactions,
)


def retriable(exc: BaseException) -> bool:  # (or raised from such an error: `delivery.raised_from`)
    return any(is_transient(error) or isinstance(error, PRODUCER_STATE_ERRORS) for error in raised_from(exc))


ABORT_TIMEOUT_S = 10.0


@dataclass
class _Claim:
    producer: TransactionalProducer
    generation: int
    next_offset: int
    in_transaction: bool = False


class PartitionTransactions:
    """One transactional producer per input partition, claimed per consumer-group generation."""

    def __init__(
        self,
        *,
        group_id: str,
        input_topic: str,
        new_producer: ProducerFactory,
        start_offset: StartOffset,
        first_record_from: FirstRecordFrom,
        attempts: int = 8,
        backoff: float = 0.2,
        close_clients: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.group_id, self.input_topic = group_id, input_topic
        self._new_producer, self._start_offset = new_producer, start_offset
        self._first_record_from = first_record_from
        if attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {attempts}")  # commit() would commit nothing
        self.attempts, self.backoff = attempts, backoff
        self._close_clients = close_clients
        self._claims: dict[int, _Claim] = {}
        self._fenced: dict[int, int] = {}  # partition -> generation in which another worker claimed it
        self.closed_generation = -1  # revoked: batches read in this generation or before are stale

    def transactional_id(self, partition: int) -> str:
        return f"{self.group_id}-{self.input_topic}-{partition}"

    def is_stale(self, read_in: int, current: int) -> bool:
        """A batch read in generation `read_in` may not be published when the group is now at `current`."""
        return read_in != current or read_in <= self.closed_generation

    async def claim(self, partition: int, generation: int) -> int:
        """Own `partition` for `generation`; return its committed offset (the first event not yet done)."""
        claim = self._claims.get(partition)
        if claim is not None and claim.generation == generation:
            return claim.next_offset
        if self._fenced.get(partition) == generation:
            raise Fenced(f"partition {partition} was claimed by another worker in generation {generation}")
        if claim is not None:
            await self._close(partition)
        producer = self._new_producer(self.transactional_id(partition))
        await producer.start()  # InitProducerId: fences earlier owners, ends what they left open
        try:
            next_offset = await self._start_offset(partition)  # read only now: it can no longer move
        except BaseException:
            await producer.stop()
            raise
        self._claims[partition] = _Claim(producer, generation, next_offset)
        log.info("partition_claimed", partition=partition, generation=generation, starts_at=next_offset)
        return next_offset

    async def claim_all(self, partitions: Iterable[int], generation: int) -> None:
        """Claim freshly assigned partitions at once, so a dead owner's open transaction is aborted now
        rather than when the partition's next message arrives (it holds back read_committed consumers)."""
        for partition in sorted(partitions):
            try:
                await self.claim(partition, generation)
            except Exception as exc:  # noqa: BLE001 - retried lazily by the first batch for the partition
                log.warning("partition_claim_failed", partition=partition, error=repr(exc))

    async def runnable(self, partition: int, offsets: Sequence[int]) -> tuple[list[int], int | None]:
        """Which of `offsets` (read from `partition`) to publish now, and where to read again from, if anywhere.

        Only the run that continues from the committed offset is published: a commit moves the offset past
        everything below it, so a record the stream never delivered (faust can drop messages around a
        rebalance) would be lost. Offsets already committed are left out. At a gap the broker is asked for
        the first record from the expected offset: if there is one inside the gap, the caller must read the
        partition again from there; if not (transaction markers, compaction), the gap is crossed.
        """
        claim = self._claims[partition]
        expected = claim.next_offset
        run: list[int] = []
        for offset in sorted(set(offsets)):
            if offset < expected:
                continue
            if offset != expected:
                first = await self._first_record_from(partition, expected)
                if first is not None and first < offset:
                    return run, expected
            run.append(offset)
            expected = offset + 1
        return run, None

    async def commit(self, partition: int, outputs: Sequence[Output], next_offset: int) -> None:
        """Publish `outputs` and move the partition's committed offset to `next_offset`, atomically.

        A failed attempt aborts what it can and *replaces the producer* (a producer that failed mid-transaction
        can be left with broken sequence numbers: OutOfOrderSequenceNumber on the next try). The new claim
        reads the committed offset again, which tells whether the failed attempt committed after all (its
        response was lost), or another worker moved it (then this worker no longer owns the partition).
        Raises Fenced when another worker has claimed the partition, or the last error once the attempts run
        out or on an error that retrying cannot fix.
        """
        claim = self._claims[partition]
        before, generation = claim.next_offset, claim.generation
        attempt, refused, alone = 0, list[Output](), False
        while True:
            try:
                if partition not in self._claims:
                    committed = await self.claim(partition, generation)
                    if committed == next_offset:
                        return  # the failed attempt had committed
                    if committed != before:
                        self._fenced[partition] = generation
                        await self._close(partition)
                        raise Fenced(f"partition {partition}: committed offset moved from {before} to {committed}")
                claim = self._claims[partition]
                await self._transaction(claim, partition, outputs, next_offset, refused, alone)
                claim.next_offset = next_offset
                return
            except Fenced:
                raise
            except FENCED_ERRORS as exc:
                self._fenced[partition] = generation
                await self._close(partition)
                raise Fenced(f"partition {partition}: {exc!r}") from exc
            except Exception as exc:
                await self._close(partition)
                if isinstance(exc, TOO_LARGE) and not alone and len(refused) > 1:
                    alone = True  # refused as one batch, maybe: from now on each output alone (delivery.deliver)
                    log.warning("records_refused_together", records=len(refused), fix=TOGETHER_FIX,
                                topics=sorted({o.topic for o in refused}))
                    continue
                if isinstance(exc, TOO_LARGE) and (less := smaller(outputs, refused)) is not None:
                    outputs = less  # smaller forms (delivery.Record.smaller): not an attempt, they run out
                    continue
                attempt += 1
                if not retriable(exc) or attempt == self.attempts:
                    raise
                delay = retry_delay(self.backoff, attempt - 1)
                log.warning("transaction_retry", partition=partition, attempt=attempt, delay_s=delay,
                            error=repr(exc))
                await asyncio.sleep(delay)

    async def _transaction(self, claim: _Claim, partition: int, outputs: Sequence[Output], next_offset: int,
                           refused: list[Output], alone: bool) -> None:
        """One attempt; `refused` is set to the outputs the broker refused for their size (TOO_LARGE). `alone`:
        each output waits for the broker's answer before the next is sent (a batch of its own)."""
        producer = claim.producer
        refused.clear()
        await producer.begin_transaction()
        claim.in_transaction = True
        sent = []
        for o in outputs:
            try:
                sent.append(await producer.send(o.topic, o.value, key=o.key, partition=o.partition,
                                                timestamp_ms=None if o.timestamp is None else int(o.timestamp * 1000)))
                if alone:
                    await sent[-1]
            except TOO_LARGE:
                refused.append(o)
                raise
        results = await asyncio.gather(*sent, return_exceptions=True)
        failed = [(o, r) for o, r in zip(outputs, results, strict=True) if isinstance(r, BaseException)]
        refused += [o for o, r in failed if isinstance(r, TOO_LARGE)]
        if failed:  # a refusal first: the commit loop answers it with smaller forms
            raise next((r for _, r in failed if isinstance(r, TOO_LARGE)), failed[0][1])
        await producer.send_offsets_to_transaction(
            {TopicPartition(self.input_topic, partition): next_offset}, self.group_id
        )
        await producer.commit_transaction()
        claim.in_transaction = False

    async def _close(self, partition: int) -> None:
        claim = self._claims.pop(partition, None)
        if claim is None:
            return
        try:
            if claim.in_transaction:
                # Bounded: with the broker away this could wait long; the next claim aborts it anyway.
                await asyncio.wait_for(claim.producer.abort_transaction(), timeout=ABORT_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - the broker ends it on the next claim or on its timeout
            log.info("transaction_abort_on_close_failed", partition=partition, error=repr(exc))
        finally:
            await claim.producer.stop()

    async def release(self, generation: int) -> None:
        """Rebalance or shutdown: close every producer; batches read in `generation` or earlier are stale."""
        self.closed_generation = max(self.closed_generation, generation)
        for partition in list(self._claims):
            await self._close(partition)

    async def close(self) -> None:
        """Shutdown: abort what is open, stop every producer and the clients behind the factories."""
        await self.release(max([self.closed_generation, *(c.generation for c in self._claims.values())]))
        if self._close_clients is not None:
            await self._close_clients()
