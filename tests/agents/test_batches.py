"""worker/stream/batches.py's take_events and events.hold_until_published, on a faust agent in memory."""

from __future__ import annotations

import asyncio
from typing import Any

import faust
import pytest

from worker.stream.batches import take_events
from worker.stream.events import hold_until_published

# test_context never connects: the broker address is only parsed.
app = faust.App("test-batches", broker="kafka://127.0.0.1:1", store="memory://")
topic = app.topic("test-batches-in", key_type=bytes, value_type=bytes)

#: What the agents saw, for the tests to read: batches of values, and each batch's events.
SEEN: list[list[bytes]] = []
EVENTS: list[list[Any]] = []
ACKED_IN_BODY: list[bool] = []
HELD: list[Any] = []
WAITS: list[float | None] = []


@app.agent(topic)
async def batching(stream: faust.StreamT[bytes]) -> None:
    original = stream.wait_for_stopped

    async def counted(*args: Any, timeout: float | None = None) -> bool:
        WAITS.append(timeout)
        return await original(*args, timeout=timeout)

    stream.wait_for_stopped = counted  # type: ignore[method-assign]
    async for events in take_events(stream, 3, within=0.05):
        SEEN.append([event.value for event in events])
        EVENTS.append(events)
        ACKED_IN_BODY.append(any(event.message.acked for event in events))


@app.agent(app.topic("test-batches-held", key_type=bytes, value_type=bytes))
async def holding(stream: faust.StreamT[bytes]) -> None:
    async for events in take_events(stream, 2, within=0.05):
        for event in events:  # the reference faust's conductor takes for a message from Kafka (put() does not)
            event.message.incref()
        hold_until_published(events)
        HELD.extend(events)


@pytest.fixture(autouse=True)
async def _app_on_this_loop() -> None:
    app.loop = asyncio.get_running_loop()
    app.finalize()
    app.flow_control.resume()
    for record in (SEEN, EVENTS, ACKED_IN_BODY, HELD, WAITS):
        record.clear()


async def until(condition: Any, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_batches_are_at_most_max_and_the_rest_comes_after_the_timeout() -> None:
    async with batching.test_context() as agent:
        for n in range(5):
            await agent.put(str(n).encode())
        await until(lambda: sum(len(batch) for batch in SEEN) == 5)
    assert [len(batch) for batch in SEEN] == [3, 2]
    assert [value for batch in SEEN for value in batch] == [b"0", b"1", b"2", b"3", b"4"]


async def test_events_are_acked_after_the_loop_body_not_before() -> None:
    async with batching.test_context() as agent:
        for n in range(4):
            await agent.put(str(n).encode())
        await until(lambda: len(SEEN) == 2)
        await until(lambda: all(event.message.acked for event in EVENTS[0]))
    assert ACKED_IN_BODY == [False, False]


async def test_an_idle_stream_is_waited_for_without_a_timer() -> None:
    """faust's own take_events wakes every `within` seconds when nothing comes (20 times in this test)."""
    async with batching.test_context() as agent:
        await agent.put(b"first")
        await until(lambda: len(SEEN) == 1)
        await asyncio.sleep(1.0)  # idle: 20 periods of `within`
        timed = [timeout for timeout in WAITS if timeout is not None]
    assert len(timed) <= 2, WAITS  # one for the batch that came; none while idle
    assert None in WAITS  # the idle wait has no timeout


async def test_held_events_are_committed_only_after_their_own_ack() -> None:
    async with holding.test_context() as agent:
        await agent.put(b"a")
        await agent.put(b"b")
        await agent.put(b"c")
        await until(lambda: len(HELD) == 3)
        await asyncio.sleep(0.2)  # the loop has moved past the first batch: take_events acked it
        assert not any(event.message.acked for event in HELD[:2])
        assert [event.message.refcount for event in HELD[:2]] == [1, 1]
        for event in HELD[:2]:
            event.ack()  # the publisher's ack (stream.ack does this, and tells the sensors)
        assert all(event.message.acked for event in HELD[:2])
