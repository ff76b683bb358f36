"""The clustering agent (`cluster-stories`): features records in, Story records and enriched articles out.

It runs in every worker; only the one holding the features topic's single partition gets records. The table
and the stage it drives are in app.py (the views read them); what a batch publishes is in story_publishing.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial

import faust
from faust.types import TP

from worker.stream.app import (
    app,
    deadletter_topic,
    enriched_topic,
    exactly_once,
    features_topic,
    log,
    seen,
    settings,
    stories_topic,
    story_stage,
    story_table,
)
from worker.stream.batches import take_events
from worker.stream.connection import aiokafka_options
from worker.stream.dedupe import forget
from worker.stream.delivery import Record
from worker.stream.exactly_once_clients import kafka_transactions, own_partitions_per_generation
from worker.stream.faust_fixes import leave_uncommitted, track_in_producer_metadata
from worker.stream.publishing import deliver_patiently
from worker.stream.story_publishing import Features, publish_stories_in_transaction, story_records

story_lock = asyncio.Lock()
# Exactly-once: the features partition gets its own transactional producer (the clustering agent publishes
# the enriched articles), claimed and released like the raw partitions.
story_transactions = kafka_transactions(app, settings, aiokafka_options(settings), features_topic.get_topic_name())
if exactly_once:
    own_partitions_per_generation(app, story_transactions, story_lock, features_topic.get_topic_name())


@app.agent(features_topic, name="cluster-stories")
async def cluster_stories(stream: faust.StreamT[bytes]) -> None:
    """Each article's features in; it joins a story or starts one; Story records out, keyed by story id, and the
    enriched article with its story id, keyed by article id (story_publishing.py)."""
    await track_in_producer_metadata(app, story_table.changelog_topic)
    async for events in take_events(stream, settings.batch_size * 8, within=settings.batch_timeout):
        batch = [Features(e.key, e.value, e.message.offset, e.message.generation_id) for e in events]
        async with story_lock:
            try:
                if exactly_once:
                    await publish_stories_in_transaction(
                        batch, records_of=story_records_of, flush=app.producer.flush, transactions=story_transactions,
                        generation=app.consumer_generation_id,
                        read_again=lambda offset: app.consumer.seek(TP(features_topic.get_topic_name(), 0), offset))
                else:
                    await deliver_patiently(story_records_of(batch), attempts=settings.publish_attempts,
                                            backoff=settings.publish_backoff, before=app.producer.flush)
            except BaseException as exc:  # cancelled (the worker stopping): the next owner reads the batch again
                leave_uncommitted(events)
                if exactly_once and isinstance(exc, Exception):  # as in the enrich agent: stop, commit nothing past
                    log.exception("story_transaction_failed", size=len(batch))
                    await app.crash(exc)
                    return
                raise


def story_records_of(batch: Sequence[Features]) -> list[Record]:
    """The batch placed by the worker's stage (looked up on each call: the agent tests put their own in)."""
    return story_records(story_stage, batch, stories_topic, enriched_topic, deadletter_topic,
                         settings.deadletter_max_original_bytes, partial(forget, seen))
