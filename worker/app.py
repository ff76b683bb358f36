"""The Faust app: topics, the enrich agent and the health view. Thin: the work is in pipeline.py."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, cast

import faust
import structlog
from faust.types import TP, EventT

from worker import metrics
from worker.dedupe import mark_duplicates
from worker.delivery import Record, deliver
from worker.kafka import aiokafka_options, faust_credentials
from worker.models import SourcePosition
from worker.ops import install as install_ops
from worker.pipeline import Enriched, Message, Outcome, Pipeline, Rejected, dead_letter
from worker.rebalance import hold_flow_until_streams_resume
from worker.settings import get_settings
from worker.transactions import (
    Fenced,
    Output,
    kafka_transactions,
    read_committed_consumers,
    track_in_producer_metadata,
)

log = structlog.get_logger("newsflow.worker")
settings = get_settings()
exactly_once = settings.processing_guarantee == "exactly_once"

app = faust.App(
    settings.app_id,
    broker=settings.broker,
    broker_credentials=faust_credentials(settings),
    # Records are pydantic models serialised by us; faust moves bytes.
    key_serializer="raw",
    value_serializer="raw",
    topic_partitions=settings.partitions,
    topic_replication_factor=settings.replication_factor,
    topic_allow_declare=True,
    consumer_auto_offset_reset="earliest",
    # Our exactly-once mode runs its own transactions (worker/transactions.py says why); faust stays at-least-once.
    processing_guarantee="at_least_once",
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=settings.heartbeat_interval,
    broker_rebalance_timeout=settings.rebalance_timeout,
    broker_commit_interval=settings.commit_interval,
    producer_acks=-1,
    web_host=settings.web_host,
    web_bind=settings.web_host,
    web_port=settings.web_port,
    store="memory://",
)

# Under exactly-once the input offsets are committed by our own transactions (worker/transactions.py), so
# faust must not commit them: acks=False leaves the raw topic out of faust's offset bookkeeping.
raw_topic = app.topic(
    settings.topic_raw, key_type=bytes, value_type=bytes, partitions=settings.partitions, acks=not exactly_once
)
enriched_topic = app.topic(settings.topic_enriched, key_type=bytes, value_type=bytes, partitions=settings.partitions)
mentions_topic = app.topic(settings.topic_mentions, key_type=bytes, value_type=bytes, partitions=settings.partitions)
deadletter_topic = app.topic(
    settings.topic_deadletter, key_type=bytes, value_type=bytes, partitions=settings.partitions
)

# First sightings of article ids and content hashes. Global: every worker reads every partition of its
# changelog, so a repeat is caught whichever partition it arrives on (a repeat arriving within
# milliseconds on another worker can still slip through: the changelog is shared, not locked).
seen = app.GlobalTable(f"{settings.app_id}-seen", key_type=str, value_type=str, use_partitioner=True)

pipeline = Pipeline(settings)
batch_lock = asyncio.Lock()
# Exactly-once: a transactional producer per input partition, claimed when the partition is assigned.
transactions = kafka_transactions(app, settings, aiokafka_options(settings))
if exactly_once:
    read_committed_consumers()
    # (mode's type stubs do not accept async handlers, which its Signal.send awaits: hence the ignores)

    @app.on_partitions_revoked.connect  # type: ignore[arg-type]
    async def release_partitions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        async with batch_lock:  # the batch being published finishes first
            await transactions.release(app.consumer_generation_id)

    @app.on_partitions_assigned.connect  # type: ignore[arg-type]
    async def claim_partitions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        (assigned,) = args
        async with batch_lock:
            partitions = {tp.partition for tp in assigned if tp.topic == settings.topic_raw}
            await transactions.claim_all(partitions, app.consumer_generation_id)

    @app.on_before_shutdown.connect  # type: ignore[arg-type]
    async def close_transactions(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        async with batch_lock:
            await transactions.close()

# Trending-entity tables and their agent, the metrics sensor, and the /ready, /metrics, /entities/trending views.
ops = install_ops(app, settings, mentions_topic)
# Without this, a message fetched while recovery ends can be dropped unseen (see worker/rebalance.py).
hold_flow_until_streams_resume(app)


def message_of(event: EventT) -> Message:
    """Faust's event to the pipeline's Kafka-free message."""
    raw = event.message
    headers = dict(raw.headers or {})  # a list of (name, value) pairs from aiokafka, or already a mapping
    content_type = headers.get("content-type")
    return Message(
        value=raw.value,
        key=raw.key,
        position=SourcePosition(topic=raw.topic, partition=raw.partition, offset=raw.offset),
        content_type=content_type.decode("utf-8", "replace") if isinstance(content_type, bytes) else content_type,
    )


def records_of(outcomes: Sequence[Outcome]) -> list[Record]:
    """The records a batch publishes: each article keyed by its id, each mention by its entity id."""
    records: list[Record] = []
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            article = outcome.article
            records.append(Record(enriched_topic, article.id.encode(), article.model_dump_json().encode()))
            records += [
                Record(mentions_topic, m.entity_id.encode(), m.model_dump_json().encode()) for m in outcome.mentions
            ]
        else:
            record = outcome.dead_letter
            position = record.source_position
            key = position.model_dump_json().encode() if position else None
            records.append(Record(deadletter_topic, key, record.model_dump_json().encode()))
    return records


async def publish(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """At-least-once: flag repeats, send every record and wait until the broker has them (then the caller acks)."""
    outcomes = mark_duplicates(outcomes, seen)
    await deliver(records_of(outcomes), attempts=settings.publish_attempts, backoff=settings.publish_backoff)
    return outcomes


async def read_again(partition: int, offset: int) -> None:
    """Seek the input partition back: the stream delivers it again from `offset`."""
    await app.consumer.seek(TP(settings.topic_raw, partition), offset)


async def publish_in_transactions(events: Sequence[EventT], outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Exactly-once: per input partition, one transaction with the records and the partition's next offset.

    Events read before the last rebalance are left alone (faust delivers them again from the committed
    offset); events below the committed offset are done already; at a gap in the offsets the partition is
    read again from the first missing one.
    """
    current = app.consumer_generation_id
    by_partition: dict[int, list[tuple[int, Outcome]]] = {}
    stale = 0
    for event, outcome in zip(events, outcomes, strict=True):
        message = event.message
        read_in = current if message.generation_id is None else message.generation_id
        if transactions.is_stale(read_in, current):
            stale += 1
            continue
        by_partition.setdefault(message.partition, []).append((message.offset, outcome))
    if stale:
        log.info("stale_events_left_for_redelivery", events=stale, generation=current)

    published: list[Outcome] = []
    for partition, pairs in sorted(by_partition.items()):
        try:
            await transactions.claim(partition, current)
        except Fenced as exc:
            log.warning("batch_dropped_partition_fenced", partition=partition, events=len(pairs), error=str(exc))
            continue
        run, seek_to = await transactions.runnable(partition, [offset for offset, _ in pairs])
        todo = [(offset, outcome) for offset, outcome in pairs if offset in set(run)]
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
        outputs = [Output(cast(faust.TopicT, r.topic).get_topic_name(), r.key, r.value) for r in records_of(marked)]
        try:
            await transactions.commit(partition, outputs, max(offset for offset, _ in todo) + 1)
        except Fenced as exc:
            log.warning("batch_dropped_partition_fenced", partition=partition, events=len(todo), error=str(exc))
            continue
        published += marked
    return published


async def process(messages: Sequence[Message]) -> list[Outcome]:
    """Run the pipeline off the event loop, so heartbeats and the web server stay responsive."""
    try:
        return await asyncio.to_thread(pipeline.process, messages)
    except Exception as exc:  # a bug outside the per-article guard: dead-letter the batch, keep consuming
        log.exception("batch_failed", size=len(messages))
        keep = settings.deadletter_max_original_bytes
        return [Rejected(dead_letter(exc, m, keep_bytes=keep)) for m in messages]


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


@app.agent(raw_topic, name="enrich-articles")
async def enrich_articles(stream: faust.StreamT[bytes]) -> None:
    """Batches of raw messages in; enriched articles, entity mentions and dead letters out."""
    # take_events (not take) keeps each message's topic/partition/offset for dead letters and logs.
    await track_seen_changelog()
    batches = stream.take_events(settings.batch_size, within=settings.batch_timeout)  # type: ignore[attr-defined]
    async for events in batches:
        outcomes = await process([message_of(event) for event in events])
        async with batch_lock:
            # Duplicate marks, records and (under exactly-once) offsets go together: no commit falls between.
            if exactly_once:
                try:
                    outcomes = await publish_in_transactions(events, outcomes)
                except Exception as exc:
                    # Later events of the partition must not be committed past these: stop, and let the
                    # restarted worker take over from the committed offsets.
                    log.exception("transaction_failed", size=len(events))
                    await app.crash(exc)
                    return
            else:
                outcomes = await publish(outcomes)
            for event in events:
                await stream.ack(event)
        log_outcomes(outcomes)
        metrics.observe(outcomes)


async def track_seen_changelog() -> None:
    """The duplicate table's changelog must be in the producer's metadata before the first write to it."""
    await track_in_producer_metadata(app, seen.changelog_topic.get_topic_name())


@app.task
async def warm_up() -> None:
    """Load the model and knowledge base before the first batch arrives."""
    await asyncio.to_thread(pipeline.warm_up)
    log.info("worker_ready", topics=[settings.topic_raw, settings.topic_enriched, settings.topic_mentions])


@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    """The process is up and serving."""
    return web.json({"status": "ok"})
