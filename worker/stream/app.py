"""The Faust app: its topics, tables and agents (the clustering agent in story_agent.py). Thin: the work is in
worker/pipeline.py, publishing in publishing.py, exactly-once bookkeeping in exactly_once.py, the web views in
views.py."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Sequence
from typing import Any

import faust
import structlog
from faust.types import TP

from worker.pipeline import Message, Outcome, Pipeline, Rejected, dead_letter
from worker.settings import get_settings
from worker.stories.params import params_from
from worker.stream import metrics
from worker.stream.agent_errors import stop_if_it_fails, stop_on_agent_errors
from worker.stream.batches import take_events
from worker.stream.connection import aiokafka_options, faust_credentials, features_topic_name, tally_topic_name
from worker.stream.dedupe import derive_contents_when_read, forget_old
from worker.stream.events import hold_until_published, in_nlp_thread, message_of, position_of
from worker.stream.exactly_once_clients import kafka_transactions, own_partitions_per_generation
from worker.stream.faust_fixes import (
    leave_uncommitted,
    lose_nothing_when_recovery_ends,
    read_committed_consumers,
    shorter_fetch_waits,
    track_in_producer_metadata,
)
from worker.stream.publishing import RECORD_OVERHEAD, Consumed, Outputs, log_outcomes, publish, publish_in_transactions
from worker.stream.send_errors import read_send_errors
from worker.stream.skipped_offsets import cross_skipped_offsets
from worker.stream.stories import StoryStage
from worker.stream.trending import HOUR, KEPT
from worker.stream.trending_counts import tally, write
from worker.stream.trending_replay import TallyReplay
from worker.stream.undecodable_batches import dead_letter_skipped, skip_undecodable_batches, watch_skipped

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
    # Our exactly-once mode runs its own transactions (exactly_once.py says why); faust stays at-least-once.
    processing_guarantee="at_least_once",
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=settings.heartbeat_interval,
    broker_rebalance_timeout=settings.rebalance_timeout,
    broker_commit_interval=settings.commit_interval,
    producer_acks=-1,
    producer_linger=settings.producer_linger,  # seconds in faust, linger_ms for aiokafka
    web_host=settings.web_host,
    web_bind=settings.web_host,
    web_port=settings.web_port,
    store="memory://",
    # faust makes it even for memory tables: not in the working directory; per user, as /tmp is shared
    datadir=os.path.join(tempfile.gettempdir(), f"{{conf.id}}-data-{os.getuid()}"),
)

# Under exactly-once the input offsets are committed by our own transactions (exactly_once.py), so
# faust must not commit them: acks=False leaves the raw topic out of faust's offset bookkeeping.
raw_topic = app.topic(
    settings.topic_raw, key_type=bytes, value_type=bytes, partitions=settings.partitions, acks=not exactly_once
)
enriched_topic = app.topic(settings.topic_enriched, key_type=bytes, value_type=bytes, partitions=settings.partitions)
mentions_topic = app.topic(settings.topic_mentions, key_type=bytes, value_type=bytes, partitions=settings.partitions)
deadletter_topic = app.topic(
    settings.topic_deadletter, key_type=bytes, value_type=bytes, partitions=settings.partitions
)
# Stories: every enrich worker sends a compact features record per article to one partition, so one
# clustering agent sees every article and compares it with every open story (README, "Stories").
features_topic = app.topic(features_topic_name(settings), key_type=bytes, value_type=bytes, partitions=1,
                           internal=True, acks=not exactly_once)
stories_topic = app.topic(settings.topic_stories, key_type=bytes, value_type=bytes, partitions=settings.partitions,
                          compacting=True)
# Trending: per batch, each partition's counted mentions, so the trending agent reads a record per batch and
# partition instead of every mention event (mention_tallies.py); as many partitions as the trending table.
# Kept a day and an hour: every window the trending table holds is replayed from it (trending_replay.py).
tallies_topic = app.topic(tally_topic_name(settings), key_type=bytes, value_type=bytes, partitions=settings.partitions,
                          internal=True, retention=KEPT + HOUR)
#: Created by `newsflow worker` before it starts, as faust would declare them (faust_fixes.topic_specs).
topics = [raw_topic, enriched_topic, mentions_topic, deadletter_topic, features_topic, stories_topic, tallies_topic]
outputs = Outputs(enriched_topic, mentions_topic, deadletter_topic, features_topic, tallies=tallies_topic,
                  tally_partitions=settings.partitions,
                  max_record_bytes=app.conf.producer_max_request_size - RECORD_OVERHEAD,
                  deadletter_keep_bytes=settings.deadletter_max_original_bytes)

# Sightings of article ids (latest revision) and content hashes (first article). Global: every worker reads
# every partition of its changelog, so a repeat is caught whichever partition it arrives on (a repeat arriving
# within milliseconds on another worker can still slip through: the changelog is shared, not locked).
# Faust prefixes the app id: the changelog is "<app id>-seen-changelog". Bounded: `forget_old_sightings`
# tombstones what the window and size bound drop, and these settings let Kafka compact them away soon.
seen = app.GlobalTable(
    "seen",
    key_type=str,
    value_type=str,
    use_partitioner=True,
    extra_topic_configs={
        "cleanup.policy": "compact,delete",  # delete: whole segments older than the window go, even unswept
        "retention.ms": str(int(settings.dedupe_window * 1000)),
        # Compaction never touches the open segment: roll it every minute, so a restart replays at most a
        # minute of writes and tombstones beyond the live keys (RELIABILITY.md has the arithmetic).
        "segment.ms": str(int(min(60.0, settings.dedupe_window / 10) * 1000)),
        "min.cleanable.dirty.ratio": "0.2",
        "delete.retention.ms": str(int(min(600.0, settings.dedupe_window / 10) * 1000)),
    },
    help="Sightings of article ids and content hashes, for repeats and revisions (dedupe.py).",
)

# One changelog record an article: content keys are derived from the id keys' sightings as the changelog is read.
derive_contents_when_read(seen)

pipeline = Pipeline(settings)
batch_lock = asyncio.Lock()
# Exactly-once: a transactional producer per input partition, claimed when the partition is assigned.
transactions = kafka_transactions(app, settings, aiokafka_options(settings))
# Articles reach articles.enriched through the features topic: no 1.5 s fetch waits on the way (faust_fixes.py).
shorter_fetch_waits()
read_committed_consumers()  # both modes: records of a transaction their producer aborted are not input
if exactly_once:
    own_partitions_per_generation(app, transactions, batch_lock, settings.topic_raw)

# Messages in and out per topic, and consumer lag at scrape time (served by views.py's /metrics).
metrics.install(app, [settings.topic_raw, tally_topic_name(settings)], partitions=settings.partitions)
# Without these, messages fetched while table recovery ends can be dropped unseen (see faust_fixes.py).
lose_nothing_when_recovery_ends(app)
# Undecodable batches are dead-lettered, not fatal; offsets without a record (markers) are committed over.
skip_undecodable_batches()
cross_skipped_offsets(app)
# An agent's uncaught exception stops the worker, not an in-place restart that can leave it idle.
stop_on_agent_errors(app)
# A send's error is read from the producer's future: faust's own copy of it is marked read (send_errors.py).
read_send_errors()


async def read_again(partition: int, offset: int) -> None:
    """Seek the input partition back: the stream delivers it again from `offset`."""
    await app.consumer.seek(TP(settings.topic_raw, partition), offset)


async def process(messages: Sequence[Message]) -> list[Outcome]:
    """Run the pipeline off the event loop, so heartbeats and the web server stay responsive."""
    try:
        return await in_nlp_thread(pipeline.process, messages)
    except Exception as exc:  # a bug outside the per-article guard: dead-letter the batch, keep consuming
        log.exception("batch_failed", size=len(messages))
        keep = settings.deadletter_max_original_bytes
        return [Rejected(dead_letter(exc, m, keep_bytes=keep)) for m in messages]


@app.agent(raw_topic, name="enrich-articles")
async def enrich_articles(stream: faust.StreamT[bytes]) -> None:
    """Batches of raw messages in; enriched articles, entity mentions and dead letters out. Batch n is published
    (a task on the event loop, in order) while batch n+1 is in the model, so the NLP does not wait for acks."""
    await track_seen_changelog()
    batches = take_events(stream, settings.batch_size, within=settings.batch_timeout)
    publishing: asyncio.Task[None] | None = None
    try:
        async for events in batches:
            hold_until_published(events)  # take_events acks them when the loop moves on: not the last ack
            outcomes = await process([message_of(event) for event in events])
            if publishing is not None:
                await publishing
            publishing = asyncio.create_task(publish_batch(stream, events, outcomes))
            stop_if_it_fails(enrich_articles, publishing)  # at once, not when the next batch comes
        if publishing is not None:
            await publishing
    finally:
        if publishing is not None and not publishing.done():
            publishing.cancel()  # its events stay unacked: the next owner reads them again


async def publish_batch(stream: faust.StreamT[bytes], events: Sequence[Any], outcomes: list[Outcome]) -> None:
    """Publish one batch's outcomes, then ack its events (at-least-once), or commit them with the records."""
    async with batch_lock:
        # A batch skipped before these events is dead-lettered before they are acked or committed.
        await dead_letter_skipped_batches()
        # Duplicate marks, records and (under exactly-once) offsets go together: no commit falls between.
        if exactly_once:
            try:
                outcomes = await publish_in_transactions(
                    [Consumed(position_of(e), e.message.generation_id) for e in events],
                    outcomes, outputs=outputs, seen=seen, transactions=transactions,
                    generation=app.consumer_generation_id, read_again=read_again,
                )
            except Exception as exc:
                # Later events of the partition must not be committed past these: stop, and let the
                # restarted worker take over from the committed offsets.
                log.exception("transaction_failed", size=len(events))
                await app.crash(exc)
                return
        else:
            try:
                outcomes = await publish(
                    outcomes, outputs, seen, attempts=settings.publish_attempts, backoff=settings.publish_backoff
                )
            except BaseException:  # cancelled (the agent stopped): this batch must not be committed
                leave_uncommitted(events)
                raise
        for event in events:
            await stream.ack(event)
    log_outcomes(outcomes)
    metrics.observe(outcomes)


async def dead_letter_skipped_batches() -> None:
    """Dead-letter the record batches the fetcher could not decode; call with batch_lock held."""
    await dead_letter_skipped(app, outputs, settings)


@app.task
async def watch_skipped_batches() -> None:
    """Dead-letter a skipped batch at once, even when no later message of its partition comes to the agent."""
    await watch_skipped(batch_lock, dead_letter_skipped_batches, pause=settings.publish_backoff)


async def track_seen_changelog() -> None:
    """Put the duplicate table's changelog in the producer's metadata before use (creating it, with its settings,
    if `newsflow worker` has not); the agent tests, whose table is a dict, put their own in."""
    await track_in_producer_metadata(app, seen.changelog_topic)


@app.timer(interval=min(60.0, settings.dedupe_window / 10))
async def forget_old_sightings() -> None:
    """Drop sightings beyond the window and size bound (`dedupe.forget_old`)."""
    started, leader = time.monotonic(), app.is_leader()
    chosen, forgotten = await forget_old(seen, batch_lock, window=settings.dedupe_window,
                                         max_keys=2 * settings.dedupe_max_articles, leader=leader)
    if chosen:
        log.info("sightings_forgotten", keys=forgotten, kept=len(seen.data), leader=leader,
                 seconds=round(time.monotonic() - started, 3))


@app.task
async def warm_up() -> None:
    """Load the model and knowledge base before the first batch arrives."""
    await in_nlp_thread(pipeline.warm_up)
    log.info("worker_ready", topics=[settings.topic_raw, settings.topic_enriched, settings.topic_mentions])


# Trending entities: one table of hourly windows, keyed by entity id, fed by the tally topic, whose partition of an
# entity is its mention events' partition: a window is kept under the tally's own partition, so table and input stay
# co-partitioned, no repartition. An hour's value carries its 5-minute counts (trending.py), so a mention is one
# write, not two. No changelog is written: a worker that gets a tally partition replays its tallies into the table
# (trending_replay.py); faust declares the table's changelog topic, and it stays empty (README, "Trending entities").
trending_table = app.Table(
    "trending-1h",
    default=dict,
    partitions=settings.partitions,
    # No key_type/value_type: faust then stores JSON, which holds the (entity id, (start, end)) window keys.
    help="Mentions per entity in tumbling 1h windows, with each hour's 5-minute counts (replayed from the tallies).",
).tumbling(HOUR, expires=KEPT)
tally_replay = TallyReplay(settings, tally_topic_name(settings))
tally_replay.follow(app, trending_table.table)  # after each rebalance: revoked partitions forgotten, new ones replayed


@app.agent(tallies_topic, name="count-mentions")
async def count_mentions(stream: faust.StreamT[bytes]) -> None:
    """Each tally adds its entities' counts to their current hour and 5-minute window; a batch's tallies are added
    up first, so an (entity, hour) gets one new value per batch (trending_counts.py). Tallies the replay counted
    already are skipped."""
    async for events in take_events(stream, 1000, within=settings.trending_batch_timeout):
        write(trending_table.table, tally(await tally_replay.fresh(events), trending_table.table))


# Open stories by id, as JSON: one partition like the features topic, so its changelog is co-partitioned.
# use_partitioner: written from a batch (stream.take), outside any one event; one partition, so always 0.
story_table = app.Table("stories", key_type=str, value_type=str, partitions=1, use_partitioner=True,
                        help="Open stories' state, by story id (rebuilt into the clusterer on assignment).")
story_stage = StoryStage(story_table, params_from(settings))


@app.on_partitions_assigned.connect  # type: ignore[arg-type]
async def rebuild_stories(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
    """The features partition may have moved: rebuild the clusterer from the (recovered) table on next use."""
    story_stage.reset()


# The clustering agent and the views register on `app`; imported last: they read the topics, tables and stage above.
from worker.stream import story_agent, views  # noqa: E402, F401
