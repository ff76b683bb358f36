"""Every workaround of faust's internals, in one place, each with the reason it is needed:

- `hold_flow_until_streams_resume`: a gap in faust's end-of-recovery sequence that silently loses input
  messages (faust #596), explained below;
- `fetch_only_active_partitions` and `rewind_uncommitted_partitions`: a fetch that drains partitions faust
  has paused, and a seek to committed offsets that cannot undo it for a partition never committed, which
  together lost every later message of such a partition (explained below);
- `read_committed_consumers`: faust reads committed records only in its own exactly-once mode, which this
  worker does not use (worker/stream/exactly_once.py says why);
- `shorter_fetch_waits`: faust's fixed 1.5 s fetch wait, which held articles back on their way through the
  clustering agent (explained at the function);
- `topic_specs`: the worker's topics and the tables' changelogs as faust would create them, so the worker creates
  them before any of its clients asks for them (faust asks first, and aiokafka logs an error);
- `track_in_producer_metadata`: a `use_partitioner` table needs its changelog in the producer's metadata
  before its first write;
- `leave_uncommitted`: `stream.take_events` acks every event of a batch when the agent's loop exits, even
  on an exception, so a batch interrupted before the broker had its records would be committed unpublished.

`agent_errors.py` replaces faust's handling of an agent's uncaught exception (its own module: it is a policy,
not only a workaround). Three more pieces lean on faust's internals and live beside their only callers:
`batches.take_events`, faust's own batching generator without its idle timer (it needs the stream's private
processor hooks); `trending_counts.write`, a windowed-table write with the partition given rather than read
from the current event (it calls the table's private `_maybe_set_key_ttl`, so expired hours are still dropped);
and `send_errors.read_send_errors`, which marks faust's own copy of a failed send's error as read.

The end-of-recovery gap.

After a rebalance faust ends table recovery (`Recovery.on_recovery_completed`, or `_resume_streams` when
no table needs it) with:

    1. resume the stream partitions (raw articles, mentions) in the consumer,
    2. seek them to the committed offsets (the consumer's read offsets are reset to match),
    3. `app.flow_control.resume()`, which also *empties every stream's input queue*,
    4. `consumer.resume_flow()`.

Step 3 is meant to drop only what was fetched before the seek (the seek fetches it again). That holds when
the consumer's flow is still stopped at step 1, as after a plain rebalance. But table recovery resumes the
flow earlier, to read the changelogs (the worker's tables always need it: `seen` is a GlobalTable, read as a
standby, and the trending tables have changelogs to restore). The fetcher is then live between steps 1
and 3: a record fetched *after* the seek is handed to the agent's queue, step 3 throws it away, and the
consumer's read offset is already past it. Nothing fetches it again, nothing acks it (so its offset and
every later one in that partition stay uncommitted), and nothing is logged: the worker simply never sees
that message. The same window also duplicates: a record handed over *before* the seek completes can be
taken and processed by the agent before step 3, and the seek then fetches it again.
Upstream: https://github.com/faust-streaming/faust/issues/596 (open).

The fix puts back the precondition: when faust signals that the rebalance is complete (`on_rebalance_complete`,
sent by both paths before step 1), stop the consumer's flow. Nothing then reaches a stream queue until
faust's own `resume_flow()` in step 4, which comes after the seek and after the queues were emptied, so
the fetcher restarts from the committed offsets and hands each record over once.

Paused partitions drained, and a seek that cannot undo it.

faust fetches with `Fetcher.fetched_records(active_partitions)` (aiokafka 0.14, consumer/fetcher.py), passing
its *live* set of active partitions, and aiokafka reads that argument as `if partitions and tp not in
partitions: skip`, so an *empty* set means "every assigned partition". Recovery empties the set while a
fetch waits (up to 1 s) for records: at "Done reading from changelog topics" it pauses the active changelog
partitions, and the standby ones are resumed only later. If any fetch response arrives in that window, the
waiting call drains the records buffered for every partition, paused input partitions included, and moves
their positions to the end; faust's `getmany` then drops the records of partitions that are not active.
faust counts on step 2 above to undo such things, but aiokafka's `seek_to_committed` seeks only
partitions with a committed offset above 0: one that was never committed (a worker killed before its
first commit of that partition) keeps the drained position, and everything fetched in the window is lost
with nothing logged. Seen in the stories SIGKILL test (RELIABILITY.md): the replacing worker read two input
partitions to the end and never the other two, which the killed worker (SIGKILLed a moment after its first
batches) had not committed yet; with a first worker that commits nothing, 3 of 8 runs lost articles.
The fixes: the fetch gets a view of the live set that is never "empty, so all"
(`fetch_only_active_partitions`), and the seek to committed offsets puts a stream partition without a
committed offset where the consumer's reset policy would (`rewind_uncommitted_partitions`: the beginning,
with this worker's `auto_offset_reset="earliest"`), as a new owner would start it; what the dead owner
processed but never committed is then read again, as for any uncommitted offsets (at least once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, cast

from faust.types import AppT, EventT, TopicT
from mode.types.signals import BaseSignalT
from mode.utils.times import want_seconds

from worker.stream.connection import TopicSpec


def hold_flow_until_streams_resume(app: AppT) -> None:
    """Stop the consumer's flow at the end of recovery; faust resumes it once the queues are safe to fill."""

    async def stop_flow(sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any) -> None:
        # Same call faust makes when partitions are revoked; faust's resume_flow() at the end of recovery
        # (or of the next rebalance, if this one is superseded) starts it again.
        app.consumer.stop_flow()

    app.on_rebalance_complete.connect(stop_flow)


class ActivePartitions:
    """faust's live set of active partitions as aiokafka's `fetched_records` reads it: membership follows the set
    (a partition resumed while the fetch waits is drained), but an empty set means none, not every partition."""

    __slots__ = ("live",)

    def __init__(self, live: Container[Any]) -> None:
        self.live = live

    def __bool__(self) -> bool:
        return True  # aiokafka skips its partition filter for a false `partitions`

    def __contains__(self, tp: object) -> bool:
        return tp in self.live


def fetch_only_active_partitions() -> None:
    """Make faust's fetches drain only the partitions it has active, even when it has none (module docstring)."""
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    original = AIOKafkaConsumerThread._fetch_records
    if getattr(original, "only_active", False):
        return

    async def fetch_records(self: Any, consumer: Any, active_partitions: Any, *args: Any, **kwargs: Any) -> Any:
        if active_partitions is not None:  # None: a client-only app, which wants every partition
            active_partitions = ActivePartitions(active_partitions)
        return await original(self, consumer, active_partitions, *args, **kwargs)

    fetch_records.only_active = True  # type: ignore[attr-defined]
    AIOKafkaConsumerThread._fetch_records = fetch_records  # type: ignore[method-assign]


async def seek_to_committed_or_reset(
    consumer: Any, *, skip_topics: Container[str], reset: str
) -> Mapping[Any, int | None]:
    """aiokafka's `seek_to_committed`, plus a seek for each partition it leaves where it is: offset 0 when that
    is the committed offset, else (never committed) where the reset policy says; `skip_topics` are left alone.
    Returns what aiokafka returns (None for a partition never committed), which faust keeps as its offsets."""
    committed: Mapping[Any, int | None] = await consumer.seek_to_committed()
    left = [tp for tp, offset in committed.items() if not offset and tp.topic not in skip_topics]
    for tp in left:
        if committed[tp] == 0:
            consumer.seek(tp, 0)
    never = [tp for tp in left if committed[tp] is None]
    # Looked up and set at once, not `seek_to_beginning`: that leaves the position unset until the fetcher
    # resolves it, and faust's livelock check reads every position (aiokafka asserts it is set).
    if never and reset == "earliest":
        starts = await consumer.beginning_offsets(never)
    elif never and reset == "latest":
        starts = await consumer.end_offsets(never)
    else:
        starts = {}
    for tp, offset in starts.items():
        consumer.seek(tp, offset)
    return committed


def rewind_uncommitted_partitions() -> None:
    """Make faust's seek to committed offsets move every input partition, committed or not (module docstring).

    Changelog partitions are left to table recovery, which seeks them itself (faust commits none of them).
    """
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    if getattr(AIOKafkaConsumerThread.seek_to_committed, "rewinds", False):
        return

    async def seek_to_committed(self: Any) -> Mapping[Any, int | None]:
        changelogs = frozenset(self.app.tables.changelog_topics)
        reset = str(self.app.conf.consumer_auto_offset_reset)
        return cast(
            Mapping[Any, int | None],
            await self.call_thread(seek_to_committed_or_reset, self._ensure_consumer(), skip_topics=changelogs,
                                   reset=reset),
        )

    seek_to_committed.rewinds = True  # type: ignore[attr-defined]
    AIOKafkaConsumerThread.seek_to_committed = seek_to_committed  # type: ignore[method-assign,assignment]


def read_committed_consumers() -> None:
    """Make faust's worker consumers read committed records only.

    faust reads `read_committed` only in its own exactly-once mode, which this worker does not use (see the
    module's docstring); without it the trending agent would count mentions from aborted transactions and
    the duplicate table would load aborted sightings.
    """
    _set_on_worker_consumers("_isolation_level", "read_committed", "make it read committed records only")


#: How long a fetch may wait at the broker for data (faust hard-codes 1.5 s).
FETCH_MAX_WAIT_MS = 100


def shorter_fetch_waits() -> None:
    """Let a fetch wait at most FETCH_MAX_WAIT_MS at the broker, not faust's fixed 1.5 s.

    aiokafka keeps one fetch in flight per broker, for the partitions that have nothing buffered when it is
    sent. A partition whose records were still buffered then (the features partition, while the clustering
    agent was taking its last batch) waits for that fetch to come back: at once if data comes for one of
    its partitions, after the full wait if none does (input idle between articles). The articles reach
    `articles.enriched` through that partition, so the wait was their latency's tail: p90 1.3 s, p99 1.5 s
    from enrich to clustering in one bench.e2e run (BENCHMARKS.md). A shorter wait costs an empty fetch
    every 0.1 s on an idle worker.
    """
    _set_on_worker_consumers("_fetch_max_wait_ms", FETCH_MAX_WAIT_MS, "shorten its fetch wait")


def _set_on_worker_consumers(attribute: str, value: object, purpose: str) -> None:
    """Set a private attribute on every worker consumer faust creates (aiokafka reads it when the consumer
    starts, after this). One wrapper around faust's factory carries every such setting, so the fixes stack
    and each is installed once; a consumer without the attribute (aiokafka changed) fails loudly."""
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    factory = AIOKafkaConsumerThread._create_worker_consumer
    settings: dict[str, tuple[object, str]] | None = getattr(factory, "consumer_settings", None)
    if settings is None:
        settings = {}

        def create(self: Any, transport: Any) -> Any:
            consumer = factory(self, transport)
            for name, (setting, why) in settings.items():
                if not hasattr(consumer, name):
                    raise RuntimeError(f"aiokafka's consumer changed: cannot {why}")
                setattr(consumer, name, setting)
            return consumer

        create.consumer_settings = settings  # type: ignore[attr-defined]
        AIOKafkaConsumerThread._create_worker_consumer = create  # type: ignore[method-assign]
    settings[attribute] = (value, purpose)


def topic_specs(app: AppT, topics: Iterable[TopicT] = ()) -> list[TopicSpec]:
    """`topics` and every table's changelog topic with the settings faust declares them with (`Topic.declare` and
    the aiokafka transport's `_topic_config`), for `connection.ensure_topics` to create before the worker starts.

    Faust declares a changelog only once the worker runs, and its consumer (subscribing) and the stories agent's
    producer (`track_in_producer_metadata`) then ask for it at once: a broker that has not put the new topic in
    its metadata yet answers "unknown topic", and aiokafka logs an error (it failed a CI run on 2026-12-04). And
    a topic created before faust declares it must get faust's settings: the tallies' 25-hour retention was lost
    so (created with the broker's default, a week, all of it replayed at each start)."""
    specs = []
    for topic in [*topics, *(table.changelog_topic for table in app.tables.values())]:
        flags = [flag for flag, wanted in (("compact", topic.compacting), ("delete", topic.deleting)) if wanted]
        configs = {"cleanup.policy": ",".join(flags)} if flags else {}
        if topic.retention:
            configs["retention.ms"] = str(int(want_seconds(topic.retention) * 1000))
        configs.update({key: str(value) for key, value in (topic.config or {}).items()})
        specs.append(TopicSpec(topic.get_topic_name(), topic.partitions or app.conf.topic_partitions,
                               topic.replicas or app.conf.topic_replication_factor, configs))
    return specs


async def track_in_producer_metadata(app: AppT, changelog: TopicT, timeout: float = 60.0) -> None:
    """Create a table's `changelog` topic if it is missing, keep it in the producer's metadata from now on, and
    wait until its partitions are known.

    A table with `use_partitioner` picks its changelog partition from the producer's metadata, which
    aiokafka refreshes only for topics it has sent to: a refresh before the first write would drop the
    topic, and that write would fail. Declared first: asked for before faust declares it, the broker
    auto-creates it with its own defaults (`cleanup.policy=delete`: the stories' state, archive included,
    was deleted after the retention period, and never compacted), and aiokafka logs an error on the way.
    """
    await changelog.maybe_declare()
    topic = changelog.get_topic_name()
    await app.producer.maybe_start()
    client = cast(Any, app.producer)._ensure_producer().client
    client.add_topic(topic)
    deadline = asyncio.get_running_loop().time() + timeout
    while client.cluster.partitions_for_topic(topic) is None:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no metadata for {topic} after {timeout} s")
        await client.force_metadata_update()
        await asyncio.sleep(0.2)


def leave_uncommitted(events: Sequence[EventT]) -> None:
    """Keep these events' offsets out of faust's commits: take_events acks every event of a batch when the
    loop exits, and a batch interrupted before the broker had it must be read again by the next owner.

    Only while no later offset of the same partition is acked before the worker stops or the partition moves:
    faust's `Consumer._new_offset` commits past one unacked offset at the head of a partition (and past any
    gap at the head of a partition never committed), so a later ack would commit these too. It holds here
    because each agent publishes its batches one after another and stops at the first that fails."""
    for event in events:
        event.message.acked = True  # faust's Message.ack() does nothing for a message already marked acked


def lose_nothing_when_recovery_ends(app: AppT) -> None:
    """All three fixes for messages lost at the end of table recovery (each function says which upstream
    behaviour it works around): together, no fetched input message is dropped and none is skipped."""
    hold_flow_until_streams_resume(app)
    fetch_only_active_partitions()
    rewind_uncommitted_partitions()
