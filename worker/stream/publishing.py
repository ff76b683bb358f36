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
from functools import partial
from typing import NamedTuple

import structlog

from worker.errors import BadInput
from worker.models import EnrichedArticle, MentionTally, SourcePosition
from worker.pipeline import Enriched, Outcome, Rejected, dead_letter
from worker.stories.features import story_input
from worker.stream.dead_letters import letter_record, or_dead_letter
from worker.stream.dedupe import forget_unpublished, mark_duplicates
from worker.stream.delivery import Record, Sendable, deliver, retry_delay
from worker.stream.exactly_once import Fenced, Output, PartitionTransactions
from worker.stream.mention_tallies import tallies

log = structlog.get_logger("newsflow.worker")

#: Bytes a produce request adds to a record's key and value, with room to spare (aiokafka's estimate for one
#: record alone in a batch: a 61-byte batch header and at most ~30 bytes of record header, no headers sent).
RECORD_OVERHEAD = 512


@dataclass(frozen=True)
class Outputs:
    """The topics a batch publishes to (faust topics in the worker, stand-ins in tests)."""

    enriched: Sendable
    mentions: Sendable
    deadletter: Sendable
    # The clustering stage's input (one partition). When set, every enriched article goes there, in a record
    # with its features, and the clustering agent publishes it to `enriched` with its story id.
    features: Sendable | None = None
    # The trending agent's input: per batch, the counted mentions of each of its `tally_partitions` partitions.
    tallies: Sendable | None = None
    tally_partitions: int = 1
    # The most key and value bytes a record may have: the producer refuses a larger one, and no retry changes
    # that, so no record over it may be made (`records_of`). The app sets it from the producer's request limit.
    max_record_bytes: int = 1_000_000 - RECORD_OVERHEAD
    # Bytes of the input kept in a dead letter (NEWSFLOW_DEADLETTER_MAX_ORIGINAL_BYTES).
    deadletter_keep_bytes: int = 262_144


@dataclass(frozen=True)
class Consumed:
    """An input event as the stream handed it over: its position, and the consumer-group generation it was read in."""

    position: SourcePosition
    generation: int | None


class Published(NamedTuple):
    """What a batch publishes, and its outcomes as published (as the records are sent: `records_of`)."""

    records: list[Record]
    outcomes: list[Outcome]


def records_of(outcomes: Sequence[Outcome], outputs: Outputs, *, at: float | None = None) -> Published:
    """The records a batch publishes: each article keyed by its id (through the clustering stage when there is
    one), each mention by its entity id, and the tallies of the mentions. The mentions and their tallies carry
    one timestamp, `at` (default now), so the trending windows a tally's counts land in are those of its
    mention events' timestamps.

    No record exceeds `outputs.max_record_bytes`: an article whose enriched record would (a text of thousands of
    names) becomes a dead letter instead, and the outcomes returned say so; a tally is split in as many records
    as it takes. An article a topic refuses a record of as they are sent becomes its dead letter in the outcomes
    then (`dead_letters.or_dead_letter`).
    """
    at = time.time() if at is None else at
    records: list[Record] = []
    published: list[Outcome] = []
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            sent = article_records(outcome.article, outputs)
            if sent is not None:
                sent += [Record(outputs.mentions, m.entity_id.encode(), m.model_dump_json().encode(), timestamp=at)
                         for m in outcome.mentions]
                records += or_dead_letter(sent, outputs.deadletter, outcome.source, outputs.deadletter_keep_bytes,
                                          partial(published.__setitem__, len(published)))
                published.append(outcome)
                continue
            outcome = too_large(outcome, outputs)
        records.append(letter_record(outputs.deadletter, outcome.dead_letter))
        published.append(outcome)
    if outputs.tallies is not None:
        mentions = [m for outcome in published if isinstance(outcome, Enriched) for m in outcome.mentions]
        records += [record for partition, tally in tallies(mentions, outputs.tally_partitions).items()
                    for record in tally_records(outputs.tallies, partition, tally, outputs.max_record_bytes, at)]
    return Published(records, published)


def article_records(article: EnrichedArticle, outputs: Outputs) -> list[Record] | None:
    """The article's enriched record inside its features record, for the clustering agent to publish with the
    story id; directly to `enriched` (story id null) when there is no clustering stage, or the features cannot
    be made or would be too large: an article is never held back for its story. None when the enriched record
    itself is too large to publish."""
    key, enriched = article.id.encode(), article.model_dump_json()
    room = outputs.max_record_bytes - len(key)
    value = enriched.encode()
    if len(value) > room:
        return None
    direct = Record(outputs.enriched, key, value)
    if outputs.features is None:
        return [direct]
    try:
        sent = story_input(article, enriched).model_dump_json().encode()
        if len(sent) <= room:
            return [Record(outputs.features, key, sent)]
        log.warning("story_features_too_large", article_id=article.id, bytes=len(sent))
        return [direct, Record(outputs.features, key, story_input(article, None).model_dump_json().encode())]
    except Exception:  # a bug in the features code must not cost the article: it goes out without a story
        log.exception("story_features_failed", article_id=article.id)
        return [direct]


def too_large(outcome: Enriched, outputs: Outputs) -> Rejected:
    """The dead letter for an article whose enriched record the producer would refuse: no retry could send it,
    and a batch that cannot be published would hold its partition forever."""
    article, keep = outcome.article, outputs.deadletter_keep_bytes
    detail = (
        f"the enriched record of article {article.id} would be over the {outputs.max_record_bytes} bytes a record "
        f"may have ({len(article.entities)} entities, {len(article.quotes)} quotes, {len(article.text)} "
        "characters of text; NEWSFLOW_MAX_TEXT_CHARS bounds the text)"
    )
    return Rejected(dead_letter(BadInput("too_large", detail), outcome.source(), keep_bytes=keep))


def tally_records(topic: Sendable, partition: int, tally: MentionTally, max_bytes: int, at: float) -> list[Record]:
    """The tally's record, or the records of as many tallies of its entities as keep each under `max_bytes` (a
    batch of articles naming thousands of entities); a topic that refuses one for its size gets it in two."""
    value = tally.model_dump_json().encode()
    half = len(tally.entities) // 2

    def halves() -> list[Record]:
        return [record for entities in (tally.entities[:half], tally.entities[half:])
                for record in tally_records(topic, partition, MentionTally(entities=entities), max_bytes, at)]

    if len(value) > max_bytes and half:
        return halves()
    return [Record(topic, str(partition).encode(), value, partition=partition, timestamp=at,
                   smaller=halves if half else None)]


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

    Returns only when every record is acknowledged. When deliver() gives up (an error that is not retriable, or
    transient trouble that outlasts its attempts), the error is logged and the records not yet acknowledged are
    sent again after a pause (doubling up to 10 s), for as long as it takes: the batch must not leave the agent
    unpublished, because faust's take_events acks a batch's events when the agent's loop moves on, even after an
    exception, and the agent faust restarts after a crash received nothing more (RELIABILITY.md, "Review fixes").
    """
    records, published = records_of(marked := mark_duplicates(outcomes, seen), outputs)
    await deliver_patiently(records, attempts=attempts, backoff=backoff, sleep=sleep)
    forget_unpublished(seen, marked, published)
    return published


async def deliver_patiently(
    records: Sequence[Record], *, attempts: int, backoff: float,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, before: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Deliver the records, and when deliver() gives up, log it and send the ones not acknowledged yet again
    after a pause (doubling up to 10 s), for as long as it takes (see `publish`). `before` is awaited first (the
    clustering agent flushes its table's changelog there)."""
    if before is not None:
        await before()
    remaining = list(records)
    failures = 0
    while True:
        try:
            await deliver(list(remaining), attempts=attempts, backoff=backoff, remaining=remaining)
            return
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
        records, outs = records_of(marked := mark_duplicates([outcome for _, outcome in todo], seen), outputs)
        try:
            await transactions.commit(partition, [as_output(r) for r in records], max(offset for offset, _ in todo) + 1)
        except Fenced as exc:
            log.warning("batch_dropped_partition_fenced", partition=partition, events=len(todo), error=str(exc))
            continue
        forget_unpublished(seen, marked, outs)
        published += outs
    return published


def as_output(record: Record) -> Output:
    """A record as a transaction's output (the topic by name), with its smaller form's."""
    def smaller() -> list[Output] | None:
        less = record.smaller() if record.smaller else None
        return [as_output(r) for r in less] if less is not None else None

    return Output(str(record.topic.get_topic_name()), record.key, record.value, record.partition, record.timestamp,
                  smaller=smaller if record.smaller else None)


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
