"""The Faust app: topics, the enrich agent and the health view. Thin: the work is in pipeline.py."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, cast

import faust
import structlog
from faust.types import EventT

from worker import metrics
from worker.dedupe import mark_duplicates
from worker.delivery import Record, deliver
from worker.kafka import faust_credentials
from worker.models import SourcePosition
from worker.ops import install as install_ops
from worker.pipeline import Enriched, Message, Outcome, Pipeline, Rejected, dead_letter
from worker.settings import get_settings
from worker.transactions import StaleBatch, TransactionalTopic, guard_commits, track_in_producer_metadata

log = structlog.get_logger("newsflow.worker")
settings = get_settings()

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
    processing_guarantee=settings.processing_guarantee,
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

raw_topic = app.topic(settings.topic_raw, key_type=bytes, value_type=bytes, partitions=settings.partitions)
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
exactly_once = settings.processing_guarantee == "exactly_once"
# Trending-entity tables and their agent, the metrics sensor, and the /ready, /metrics, /entities/trending views.
ops = install_ops(app, settings, mentions_topic)


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


def records_of(outcomes: Sequence[Outcome], *, pin_partitions: bool = False) -> list[Record]:
    """The records a batch publishes: each article keyed by its id, each mention by its entity id.

    With `pin_partitions` (exactly-once), each record goes to the partition number its input came from:
    faust ties a transaction to one partition number, and only outputs in the same transaction as the
    input's offset commit are atomic with it. Keys still identify records; they no longer pick partitions.
    """
    records: list[Record] = []
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            article = outcome.article
            pin = article.source_position.partition if pin_partitions and article.source_position else None
            records.append(Record(enriched_topic, article.id.encode(), article.model_dump_json().encode(), pin))
            records += [
                Record(mentions_topic, m.entity_id.encode(), m.model_dump_json().encode(), pin)
                for m in outcome.mentions
            ]
        else:
            record = outcome.dead_letter
            position = record.source_position
            pin = position.partition if pin_partitions and position else None
            key = position.model_dump_json().encode() if position else None
            records.append(Record(deadletter_topic, key, record.model_dump_json().encode(), pin))
    return records


async def publish(outcomes: Sequence[Outcome], generation: int = 0) -> None:
    """Send every record and wait until the broker has them, before the batch's offsets are committed."""
    records = records_of(outcomes, pin_partitions=exactly_once)
    if exactly_once:
        records = [
            Record(TransactionalTopic(app, cast(faust.TopicT, r.topic).get_topic_name(), settings.topic_raw,
                                      generation), r.key, r.value, r.partition)
            for r in records
        ]
    await deliver(records, attempts=settings.publish_attempts, backoff=settings.publish_backoff)


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
        generation = app.consumer_generation_id
        outcomes = await process([message_of(event) for event in events])
        async with batch_lock:
            # Duplicate marks, records and acks go together: under exactly-once a commit cannot fall between.
            outcomes = mark_duplicates(outcomes, seen)
            try:
                await publish(outcomes, generation)
            except StaleBatch:
                log.info("batch_dropped_after_rebalance", size=len(events))
                continue
            for event in events:
                await stream.ack(event)
        log_outcomes(outcomes)
        metrics.observe(outcomes)


async def track_seen_changelog() -> None:
    """The duplicate table's changelog must be in the producer's metadata before the first write to it.

    (Under exactly-once the transaction manager resolves partitions from the consumer's metadata, which
    reads the changelog anyway.)
    """
    if not exactly_once:
        await track_in_producer_metadata(app, seen.changelog_topic.get_topic_name())


@app.task
async def warm_up() -> None:
    """Load the model and knowledge base before the first batch arrives."""
    if exactly_once:
        guard_commits(app.consumer, batch_lock)
    await asyncio.to_thread(pipeline.warm_up)
    log.info("worker_ready", topics=[settings.topic_raw, settings.topic_enriched, settings.topic_mentions])


@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    """The process is up and serving."""
    return web.json({"status": "ok"})
