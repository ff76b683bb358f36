"""The Faust app: topics, the enrich agent and the health view. Thin: the work is in pipeline.py."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any

import faust
import structlog
from faust.types import EventT

from worker.kafka import faust_credentials
from worker.models import SourcePosition
from worker.pipeline import Enriched, Message, Outcome, Pipeline, Rejected, dead_letter
from worker.settings import get_settings

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

pipeline = Pipeline(settings)


def message_of(event: EventT) -> Message:
    """Faust's event to the pipeline's Kafka-free message."""
    raw = event.message
    headers = dict(raw.headers or {}) if not isinstance(raw.headers, dict) else raw.headers
    content_type = headers.get("content-type")
    return Message(
        value=raw.value,
        key=raw.key,
        position=SourcePosition(topic=raw.topic, partition=raw.partition, offset=raw.offset),
        content_type=content_type.decode("utf-8", "replace") if isinstance(content_type, bytes) else content_type,
    )


async def publish(outcomes: Sequence[Outcome]) -> None:
    """Send every record and wait until the broker has them, before the batch's offsets are committed."""
    pending: list[Awaitable[Any]] = []
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            article = outcome.article
            pending.append(await enriched_topic.send(key=article.id.encode(), value=article.model_dump_json().encode()))
            for mention in outcome.mentions:
                pending.append(
                    await mentions_topic.send(key=mention.entity_id.encode(), value=mention.model_dump_json().encode())
                )
        else:
            record = outcome.dead_letter
            key = record.source_position.model_dump_json().encode() if record.source_position else None
            pending.append(await deadletter_topic.send(key=key, value=record.model_dump_json().encode()))
    await asyncio.gather(*pending)


async def process(messages: Sequence[Message]) -> list[Outcome]:
    """Run the pipeline off the event loop, so heartbeats and the web server stay responsive."""
    try:
        return await asyncio.to_thread(pipeline.process, messages)
    except Exception as exc:  # a bug outside the per-article guard: dead-letter the batch, keep consuming
        log.exception("batch_failed", size=len(messages))
        return [Rejected(dead_letter(exc, m, max_bytes=settings.max_message_bytes)) for m in messages]


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
    batches = stream.take_events(settings.batch_size, within=settings.batch_timeout)  # type: ignore[attr-defined]
    async for events in batches:
        outcomes = await process([message_of(event) for event in events])
        await publish(outcomes)
        log_outcomes(outcomes)


@app.task
async def warm_up() -> None:
    """Load the model and knowledge base before the first batch arrives."""
    await asyncio.to_thread(pipeline.warm_up)
    log.info("worker_ready", topics=[settings.topic_raw, settings.topic_enriched, settings.topic_mentions])


@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    """The process is up and serving."""
    return web.json({"status": "ok"})
