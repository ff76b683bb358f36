"""The trending table rebuilt from the tally topic when its partitions are assigned: no changelog of its own.

The table's counts are a function of the tally topic alone (each tally adds its counts to the windows of its
timestamp, trending_counts.py), so the worker that gets a partition reads that partition's tallies from the start
(the topic keeps a day and an hour of them: every window the table still holds) instead of a changelog the agent
wrote besides: about 9 records an article fewer written, and as many fewer read by recovery (BENCHMARKS.md, issue
15). The table keeps faust's windowed store and expiry; faust declares its changelog topic, and nothing writes it.

Offsets: the replay reads each partition up to its end at that moment (committed records only, so an aborted
exactly-once transaction's tallies are not counted); the agent then skips the tallies below that offset, which
the replay counted (the group's committed offset may be behind them). So a restart counts every tally once, where
the changelog counted a crash's uncommitted tail twice. The replay runs beside the streams, started from the
table's recover callback after each rebalance: the enrich agent goes on, the trending agent waits for the
partitions of its batch, and the view shows partial counts until the replay ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Container, Iterable, Sequence
from typing import Any

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.types import EventT

from worker.settings import Settings
from worker.stream.connection import aiokafka_options
from worker.stream.mention_tallies import partition_of
from worker.stream.trending_counts import Tally, tally, write

log = structlog.get_logger("newsflow.worker")


class TallyReplay:
    """Which tally partitions the table holds, and up to which offset their tallies are in it.

    A replay runs beside the streams (the enrich agent does not wait for it); only the trending agent waits, for the
    partitions of its batch that are being replayed.
    """

    def __init__(self, settings: Settings, topic: str) -> None:
        self.settings = settings
        self.topic = topic
        self.replayed_to: dict[int, int] = {}
        self.assigned: set[int] | None = None  # None: never assigned (the agent in a test context counts all)
        self._replaying: dict[int, asyncio.Event] = {}
        self._task: asyncio.Task[None] | None = None

    def follow(self, app: Any, table: Any) -> None:
        """Keep `table` in step with the app's assignment: after each rebalance's recovery (faust's recover callback),
        revoked tally partitions are forgotten and new ones replayed beside the streams."""

        async def on_recover() -> None:
            self.on_assignment([tp.partition for tp in app.consumer.assignment() if tp.topic == self.topic], table)

        table.on_recover(on_recover)

    async def fresh(self, events: Sequence[EventT]) -> list[Tally]:
        """The batch's tallies the table does not hold yet, once their partitions' replays are done; none of a
        partition no longer assigned (its new owner's replay counts them)."""
        for partition in sorted({e.message.partition for e in events}):
            while (replaying := self._replaying.get(partition)) is not None:
                await replaying.wait()
        return [(e.message.partition, e.message.timestamp, e.value) for e in events
                if (self.assigned is None or e.message.partition in self.assigned)
                and e.message.offset >= self.replayed_to.get(e.message.partition, 0)]

    def on_assignment(self, assigned: Iterable[int], table: Any) -> None:
        """Forget the partitions gone, start replaying the ones new to this worker (a partition kept is left as it
        is; one whose replay a rebalance interrupted is replayed again)."""
        self.assigned = set(assigned)
        if self._task is not None and not self._task.done():
            self._task.cancel()
        for partition in sorted(set(self.replayed_to) - self.assigned):
            del self.replayed_to[partition]
        # A replay cancelled before its first step never runs its `finally`: wake the agent for the partitions gone.
        for partition in [p for p in self._replaying if p not in self.assigned]:
            self._replaying.pop(partition).set()
        new = sorted(self.assigned - set(self.replayed_to))
        # The windows of partitions gone, and leftovers of an earlier or interrupted replay of the new ones.
        forget(table, set(range(self.settings.partitions)) - self.assigned | set(new), self.settings.partitions)
        started = {}
        for partition in new:
            # A new event: a waiter woken by the interrupted replay's finds this one and waits again.
            started[partition] = self._replaying[partition] = asyncio.Event()
        if new:
            self._task = asyncio.ensure_future(self._replay_until_done(started, table))

    async def _replay_until_done(self, replaying: dict[int, asyncio.Event], table: Any) -> None:
        partitions = sorted(replaying)
        failures = 0
        try:
            while True:
                try:
                    self.replayed_to.update(await self.replay(partitions, table))
                    return
                except Exception as exc:  # the broker's trouble: read them again, from the start
                    failures += 1
                    log.error("trending_replay_failed", partitions=partitions, failures=failures, error=repr(exc))
                    forget(table, set(partitions), self.settings.partitions)
                    await asyncio.sleep(min(10.0, self.settings.publish_backoff * 2**failures))
        finally:  # done, or interrupted by a rebalance: wake the agent, which looks again
            for partition, event in replaying.items():
                if self._replaying.get(partition) is event:
                    del self._replaying[partition]
                event.set()

    async def replay(self, partitions: list[int], table: Any) -> dict[int, int]:
        """Count the partitions' tallies into `table`, from the first retained one to the end offsets of now."""
        consumer = AIOKafkaConsumer(**aiokafka_options(self.settings), enable_auto_commit=False,
                                    isolation_level="read_committed", auto_offset_reset="earliest")
        await consumer.start()
        try:
            tps = [TopicPartition(self.topic, p) for p in partitions]
            consumer.assign(tps)
            ends = await consumer.end_offsets(tps)
            await consumer.seek_to_beginning(*tps)
            pending = {tp for tp in tps if await consumer.position(tp) < ends[tp]}
            records = 0
            while pending:
                fetched = await consumer.getmany(*pending, timeout_ms=1000, max_records=5000)
                batch = [(tp.partition, r.timestamp / 1000, r.value) for tp, rs in fetched.items() for r in rs
                         if r.offset < ends[tp] and r.value is not None]
                write(table, tally(batch, table))
                records += len(batch)
                pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
        finally:
            await consumer.stop()
        log.info("trending_replayed", partitions=partitions, tallies=records, keys=len(table.data))
        return {tp.partition: ends[tp] for tp in tps}


def forget(table: Any, gone: Container[int], partitions: int) -> None:
    """Drop the windows of the entities whose tallies go to a partition in `gone` (the enrich agent's partitioner)."""
    for key in [k for k in table.data if partition_of(k[0], partitions) in gone]:
        del table.data[key]
