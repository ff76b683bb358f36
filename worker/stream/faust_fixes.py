"""Every workaround of faust's internals, in one place, each with the reason it is needed:

- `hold_flow_until_streams_resume`: a gap in faust's end-of-recovery sequence that silently loses input
  messages (faust #596), explained below;
- `read_committed_consumers`: faust reads committed records only in its own exactly-once mode, which this
  worker does not use (worker/stream/exactly_once.py says why);
- `track_in_producer_metadata`: a `use_partitioner` table needs its changelog in the producer's metadata
  before its first write;
- `leave_uncommitted`: `stream.take_events` acks every event of a batch when the agent's loop exits, even
  on an exception, so a batch interrupted before the broker had its records would be committed unpublished.

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
the fetcher restarts from the committed offsets and hands each record over once. The stream
partitions are still paused when the signal arrives, so no input record is in flight to be cut short.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, cast

import faust
from faust.types import AppT, EventT
from mode.types.signals import BaseSignalT


def hold_flow_until_streams_resume(app: AppT) -> None:
    """Stop the consumer's flow at the end of recovery; faust resumes it once the queues are safe to fill."""

    async def stop_flow(sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any) -> None:
        # Same call faust makes when partitions are revoked; faust's resume_flow() at the end of recovery
        # (or of the next rebalance, if this one is superseded) starts it again.
        app.consumer.stop_flow()

    app.on_rebalance_complete.connect(stop_flow)


def read_committed_consumers() -> None:
    """Make faust's worker consumers read committed records only.

    faust reads `read_committed` only in its own exactly-once mode, which this worker does not use (see the
    module's docstring); without it the trending agent would count mentions from aborted transactions and
    the duplicate table would load aborted sightings.
    """
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    original = AIOKafkaConsumerThread._create_worker_consumer
    if getattr(original, "read_committed", False):
        return

    def create(self: Any, transport: Any) -> Any:
        consumer = original(self, transport)
        if not hasattr(consumer, "_isolation_level"):
            raise RuntimeError("aiokafka's consumer changed: cannot make it read committed records only")
        consumer._isolation_level = "read_committed"  # read when the consumer starts, after this
        return consumer

    create.read_committed = True  # type: ignore[attr-defined]
    AIOKafkaConsumerThread._create_worker_consumer = create  # type: ignore[method-assign]


async def track_in_producer_metadata(app: faust.App, topic: str, timeout: float = 60.0) -> None:
    """Keep `topic` in the producer's metadata from now on, and wait until its partitions are known.

    A table with `use_partitioner` picks its changelog partition from the producer's metadata, which
    aiokafka refreshes only for topics it has sent to: a refresh before the first write would drop the
    topic, and that write would fail.
    """
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
    loop exits, and a batch interrupted before the broker had it must be read again by the next owner."""
    for event in events:
        event.message.acked = True  # faust's Message.ack() does nothing for a message already marked acked
