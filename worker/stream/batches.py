"""Batches of stream events, like faust's `Stream.take_events`, but with no timer while there is nothing to take.

faust's `take_events(max_, within)` wakes every `within` seconds whether or not an event came: with the worker's
10 ms batch timeout, the enrich and the clustering agents woke 200 times a second between them, about 26 ms of
CPU a second on an idle worker (BENCHMARKS.md, "Where the Kafka side's CPU went"). This is the same generator
with one change: while the buffer is empty it waits for the first event without a timeout; from the first
event it waits at most `within` for the batch to fill. Everything else follows faust's version (faust-streaming
0.15, `faust/streams.py`): a processor on the stream fills the buffer, the stream is drained passively, a full
buffer holds the processor until the batch is taken, and a batch's events are acked when the loop that took
them asks for the next batch (or ends).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, cast

from faust.types import EventT, StreamT
from mode.utils.aiter import aiter


def take_events(stream: StreamT[Any], max_: int, within: float) -> AsyncIterator[list[EventT]]:
    """Up to `max_` events at a time, as soon as `max_` are there or `within` seconds after the first."""
    batches = _take_events(stream, max_, within)
    # As faust does for its own: the stream closes the generator when it stops (its `finally` then runs).
    cast(Any, stream)._active_agens.add(batches)
    return batches


async def _take_events(stream: StreamT[Any], max_: int, within: float) -> AsyncGenerator[list[EventT], None]:
    buffer: list[EventT] = []
    added = asyncio.Event()
    full = asyncio.Event()
    consumed = asyncio.Event()
    consuming: asyncio.Future[None] | None = None
    faust_stream: Any = stream  # the private parts below are faust's own take_events'

    async def add_to_buffer(value: Any) -> Any:
        nonlocal consuming
        if consuming is not None:  # the batch is being handed over: wait, so it is not changed under us
            try:
                await consuming
            finally:
                consuming = None
        event = faust_stream.current_event
        if event is None:
            raise RuntimeError("take_events found no current event")
        buffer.append(event)
        added.set()
        if len(buffer) >= max_:
            full.set()
            consumed.clear()
            await faust_stream.wait(consumed)  # at most max_ events a batch
        return value

    enable_acks = faust_stream.enable_acks
    faust_stream.enable_acks = False  # acked below, after the loop body had them
    faust_stream.add_processor(add_to_buffer)
    faust_stream._enable_passive(aiter(faust_stream.channel))
    try:
        while not faust_stream.should_stop:
            if not buffer:
                added.clear()
                if await faust_stream.wait_for_stopped(added):  # no timeout: nothing would be flushed
                    break
            if not full.is_set():
                await faust_stream.wait_for_stopped(full, timeout=within)
            if not buffer:
                continue
            consuming = asyncio.get_running_loop().create_future()
            events = list(buffer)
            try:
                yield events
            finally:
                buffer.clear()
                for event in events:
                    await faust_stream.ack(event)
                if not consuming.done():
                    consuming.set_result(None)
                full.clear()
                consumed.set()
    finally:
        faust_stream.enable_acks = enable_acks
        faust_stream._processors.remove(add_to_buffer)
