"""The trending table rebuilt from the tally topic when its partitions are assigned: no changelog of its own.

The table's counts are a function of the tally topic alone (each tally adds its counts to the windows of its
timestamp, trending_counts.py), so the worker that gets a partition reads that partition's tallies from the start
(the topic keeps a day and an hour of them: every window the table still holds) instead of a changelog the agent
wrote besides: about 9 records an article fewer written, and as many fewer read by recovery (BENCHMARKS.md, issue
15). The table keeps faust's windowed store and expiry; faust declares its changelog topic, and nothing writes it.

Offsets: the replay reads each partition up to its end at that moment (committed records only, so an aborted
exactly-once transaction's tallies are not counted); the agent then skips the tallies below that offset, which
the replay counted (the group's committed offset may be behind them). So a restart counts every tally once, where
the changelog counted a crash's uncommitted tail twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    """Which tally partitions the table holds, and up to which offset their tallies are in it."""

    def __init__(self, settings: Settings, topic: str) -> None:
        self.settings = settings
        self.topic = topic
        self.replayed_to: dict[int, int] = {}

    def fresh(self, events: Sequence[EventT]) -> list[Tally]:
        """The batch's tallies the table does not hold yet (none of a partition before its replay: the agent in a
        test context, with no assignment, counts everything)."""
        return [(e.message.partition, e.message.timestamp, e.value) for e in events
                if e.message.offset >= self.replayed_to.get(e.message.partition, 0)]

    async def on_assignment(self, assigned: Iterable[int], table: Any) -> None:
        """Forget the partitions gone, replay the ones new to this worker (a partition kept is left as it is)."""
        now = set(assigned)
        for partition in sorted(set(self.replayed_to) - now):
            forget(table, partition, self.settings.partitions)
            del self.replayed_to[partition]
        new = sorted(now - set(self.replayed_to))
        if new:
            for partition in new:
                forget(table, partition, self.settings.partitions)  # a leftover of an earlier assignment
            self.replayed_to.update(await self.replay(new, table))

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


def forget(table: Any, partition: int, partitions: int) -> None:
    """Drop the windows of the entities whose tallies go to `partition` (the enrich agent's partitioner)."""
    for key in [k for k in table.data if partition_of(k[0], partitions) == partition]:
        del table.data[key]
