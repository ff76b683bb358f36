"""What a batch publishes, and the two ways it is published. No faust here: the app hands in its topics.

- at-least-once: flag repeats, send every record and wait for the broker; the agent then acks the events
  and faust commits their offsets;
- exactly-once: per input partition, one transaction with the partition's records and its next offset
  (worker/stream/exactly_once.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from worker.models import SourcePosition
from worker.pipeline import Enriched, Outcome
from worker.stories.features import features_of
from worker.stream.dedupe import mark_duplicates
from worker.stream.delivery import Record, Sendable, deliver, retry_delay
from worker.stream.exactly_once import Fenced, Output, PartitionTransactions
from worker.stream.mention_tallies import tallies

log = structlog.get_logger("newsflow.worker")


@dataclass(frozen=True)
class Outputs:
    """The topics a batch publishes to (faust topics in the worker, stand-ins in tests)."""

    enriched: Sendable
    mentions: Sendable
    deadletter: Sendable
    # The clustering stage's input (one partition): one compact record per first sighting of an article.
    features: Sendable | None = None
    # The trending agent's input: per batch, the counted mentions of each of its `tally_partitions` partitions.
    tallies: Sendable | None = None
    tally_partitions: int = 1


@dataclass(frozen=True)
class Consumed:
    """An input event as the stream handed it over: its position, and the consumer-group generation it was read in."""

    position: SourcePosition
    generation: int | None


def records_of(outcomes: Sequence[Outcome], outputs: Outputs, *, at: float | None = None) -> list[Record]:
    """The records a batch publishes: each article keyed by its id, each mention by its entity id, and the tallies
    of the mentions. The mentions and their tallies carry one timestamp, `at` (default now), so the trending
    windows a tally's counts land in are those of its mention events' timestamps."""
    at = time.time() if at is None else at
    records: list[Record] = []
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            article = outcome.article
            records.append(Record(outputs.enriched, article.id.encode(), article.model_dump_json().encode()))
            records += [
                Record(outputs.mentions, m.entity_id.encode(), m.model_dump_json().encode(), timestamp=at)
                for m in outcome.mentions
            ]
            if outputs.features is not None and article.duplicate_of is None:
                features = features_of(article).model_dump_json().encode()
                records.append(Record(outputs.features, article.id.encode(), features))
        else:
            record = outcome.dead_letter
            position = record.source_position
            key = position.model_dump_json().encode() if position else None
            records.append(Record(outputs.deadletter, key, record.model_dump_json().encode()))
    if outputs.tallies is not None:
        mentions = [m for outcome in outcomes if isinstance(outcome, Enriched) for m in outcome.mentions]
        records += [
            Record(outputs.tallies, str(partition).encode(), tally.model_dump_json().encode(), partition=partition,
                   timestamp=at)
            for partition, tally in tallies(mentions, outputs.tally_partitions).items()
        ]
    return records


async def publish(
    outcomes: Sequence[Outcome],
    outputs: Outputs,
    seen: MutableMapping[str, str],
    *,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> list[Outcome]:
    """At-least-once: flag repeats, send every record and wait until the broker has them (then the caller acks).

    Returns only when every record is acknowledged. When deliver() gives up (an error that is not retriable,
    or transient trouble that outlasts its attempts), the error is logged and the records not yet
    acknowledged are sent again after a pause (doubling up to 10 s), for as long as it takes: the batch must
    not leave the agent unpublished, because faust's take_events acks a batch's events when the agent's loop
    moves on, even after an exception, and the agent faust restarts after a crash received nothing more
    (RELIABILITY.md, "Review fixes").
    """
    outcomes = mark_duplicates(outcomes, seen)
    remaining = records_of(outcomes, outputs)
    failures = 0
    while True:
        try:
            await deliver(list(remaining), attempts=attempts, backoff=backoff, remaining=remaining)
            return outcomes
        except Exception as exc:
            delay = retry_delay(backoff, failures)
            failures += 1
            log.error("batch_publish_failed", records=len(remaining), failures=failures, retry_in_s=delay,
                      error=repr(exc))
            await sleep(delay)


async def publish_in_transactions(
    consumed: Sequence[Consumed],
    outcomes: Sequence[Outcome],
    *,
    outputs: Outputs,
    seen: MutableMapping[str, str],
    transactions: PartitionTransactions,
    generation: int,
    read_again: Callable[[int, int], Awaitable[None]],
) -> list[Outcome]:
    """Exactly-once: per input partition, one transaction with the records and the partition's next offset.

    Events read before the last rebalance are left alone (faust delivers them again from the committed
    offset); events below the committed offset are done already; at a gap in the offsets the partition is
    read again (`read_again(partition, offset)`) from the first missing one. Returns what was published.
    """
    by_partition: dict[int, list[tuple[int, Outcome]]] = {}
    stale = 0
    for event, outcome in zip(consumed, outcomes, strict=True):
        read_in = generation if event.generation is None else event.generation
        if transactions.is_stale(read_in, generation):
            stale += 1
            continue
        by_partition.setdefault(event.position.partition, []).append((event.position.offset, outcome))
    if stale:
        log.info("stale_events_left_for_redelivery", events=stale, generation=generation)

    published: list[Outcome] = []
    for partition, pairs in sorted(by_partition.items()):
        try:
            await transactions.claim(partition, generation)
        except Fenced as exc:
            log.warning("batch_dropped_partition_fenced", partition=partition, events=len(pairs), error=str(exc))
            continue
        run, seek_to = await transactions.runnable(partition, [offset for offset, _ in pairs])
        keep = set(run)
        todo = [(offset, outcome) for offset, outcome in pairs if offset in keep]
        if seek_to is not None:
            # An offset the stream never delivered: read the partition again from there (the events after
            # the gap come again too), rather than commit past it.
            log.warning("input_gap_reading_again", partition=partition, missing_from=seek_to,
                        next_delivered=min(o for o, _ in pairs if o >= seek_to))
            await read_again(partition, seek_to)
        elif len(todo) < len(pairs):
            log.info("committed_events_skipped", partition=partition, events=len(pairs) - len(todo))
        if not todo:
            continue
        # Sightings go to the table's changelog outside the transaction: faust's recovery cannot read a
        # changelog with transaction markers in it (it waits for the marker's offset forever). A sighting
        # whose transaction is then aborted does no harm: the redelivered message has the same position,
        # and mark_duplicates does not count a message as a repeat of itself.
        marked = mark_duplicates([outcome for _, outcome in todo], seen)
        records = [
            Output(_topic_name(r.topic), r.key, r.value, r.partition, r.timestamp) for r in records_of(marked, outputs)
        ]
        try:
            await transactions.commit(partition, records, max(offset for offset, _ in todo) + 1)
        except Fenced as exc:
            log.warning("batch_dropped_partition_fenced", partition=partition, events=len(todo), error=str(exc))
            continue
        published += marked
    return published


def _topic_name(topic: Any) -> str:
    return str(topic.get_topic_name())


def log_outcomes(outcomes: Sequence[Outcome]) -> None:
    """One summary line per article."""
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            article = outcome.article
            position = article.source_position
            log.info(
                "article_enriched",
                article_id=article.id,
                partition=position.partition if position else None,
                offset=position.offset if position else None,
                entities=len(article.entities),
                topics=[t.code for t in article.topics[:3]],
                timings_ms=article.timings_ms,
            )
        else:
            record = outcome.dead_letter
            position = record.source_position
            log.warning(
                "article_dead_lettered",
                reason=record.reason,
                detail=record.detail[:200],
                partition=position.partition if position else None,
                offset=position.offset if position else None,
            )
