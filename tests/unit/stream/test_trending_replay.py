"""The trending table's replay bookkeeping: the agent waits for a partition being replayed, skips what the replay
counted and what another worker now owns, and a replay a rebalance interrupts is done again, not half-kept."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from worker.settings import Settings
from worker.stream.mention_tallies import partition_of
from worker.stream.trending_replay import TallyReplay

PARTITIONS = 4


class Gated(TallyReplay):
    """A replay that waits for `gate`, then puts one key per partition in the table and reports end offset 2."""

    def __init__(self) -> None:
        super().__init__(Settings(partitions=PARTITIONS), "tallies")
        self.gate = asyncio.Event()
        self.started = 0

    async def replay(self, partitions: list[int], table: Any) -> dict[int, int]:
        self.started += 1
        await self.gate.wait()
        for partition in partitions:
            table.data[(entity_in(partition), (0.0, 3599.9))] = {"count": 1}
        return dict.fromkeys(partitions, 2)


def entity_in(partition: int) -> str:
    return next(f"Q{n}" for n in range(1000) if partition_of(f"Q{n}", PARTITIONS) == partition)


def event(partition: int, offset: int) -> Any:
    return SimpleNamespace(message=SimpleNamespace(partition=partition, offset=offset, timestamp=0.0), value=b"{}")


async def test_the_agent_waits_for_the_replay_then_skips_what_it_counted() -> None:
    replay, table = Gated(), SimpleNamespace(data={})
    replay.on_assignment([0, 1], table)
    waiting = asyncio.ensure_future(replay.fresh([event(0, 1), event(0, 2), event(1, 5)]))
    await asyncio.sleep(0.01)
    assert not waiting.done()  # partition 0 is being replayed
    replay.gate.set()
    assert [partition for partition, _, _ in await waiting] == [0, 1]  # (0, 1) was replayed; (0, 2) and (1, 5) not
    assert replay.replayed_to == {0: 2, 1: 2}


async def test_a_revoked_partition_is_forgotten_and_its_late_tallies_left_to_the_new_owner() -> None:
    replay, table = Gated(), SimpleNamespace(data={})
    replay.gate.set()
    replay.on_assignment([0, 1], table)
    await replay.fresh([event(0, 2)])
    replay.on_assignment([1], table)
    assert {key[0] for key in table.data} == {entity_in(1)}
    assert await replay.fresh([event(0, 3), event(1, 3)]) == [(1, 0.0, b"{}")]


async def test_a_replay_a_rebalance_interrupts_is_done_again_and_the_agent_waits_for_it() -> None:
    replay, table = Gated(), SimpleNamespace(data={})
    replay.on_assignment([2], table)
    await asyncio.sleep(0)
    waiting = asyncio.ensure_future(replay.fresh([event(2, 0), event(2, 2)]))
    await asyncio.sleep(0.01)
    replay.on_assignment([2, 3], table)  # a rebalance before the first replay ended: it is cancelled
    await asyncio.sleep(0.01)
    assert not waiting.done() and replay.started == 2  # woken by the cancelled replay, waiting for the new one
    replay.gate.set()
    assert await waiting == [(2, 0.0, b"{}")]  # offset 0 was replayed; 2 is new
    assert sorted(key[0] for key in table.data) == sorted([entity_in(2), entity_in(3)])  # no half-kept copy


async def test_the_agent_without_an_assignment_counts_everything() -> None:
    """The agent in faust's test context: nothing assigned, nothing replayed."""
    assert await Gated().fresh([event(0, 0), event(3, 7)]) == [(0, 0.0, b"{}"), (3, 0.0, b"{}")]


async def test_a_partition_revoked_before_its_replay_ran_holds_no_batch() -> None:
    """Two assignments without a step of the loop between: the first replay is cancelled before it starts (its
    `finally` never runs), and the agent must not wait for the revoked partition's replay forever."""
    replay, table = Gated(), SimpleNamespace(data={})
    replay.on_assignment([0], table)
    replay.on_assignment([1], table)
    replay.gate.set()
    assert await asyncio.wait_for(replay.fresh([event(0, 5), event(1, 5)]), 1) == [(1, 0.0, b"{}")]
