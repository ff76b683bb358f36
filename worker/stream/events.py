"""Faust's stream events as the pure pipeline sees them (Kafka-free messages, source positions), and its thread."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from faust.types import EventT

from worker.models import SourcePosition
from worker.pipeline import Message

T = TypeVar("T")

#: One thread for the model. asyncio.to_thread's default executor hands each call to whichever of its idle threads
#: takes it first (aiokafka's DNS lookups use it too), so the batches moved between threads (BENCHMARKS.md, issue 15).
_NLP_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsflow-nlp")


def position_of(event: EventT) -> SourcePosition:
    """Where the stream read this event."""
    raw = event.message
    return SourcePosition(topic=raw.topic, partition=raw.partition, offset=raw.offset)


def message_of(event: EventT) -> Message:
    """Faust's event to the pipeline's Kafka-free message."""
    raw = event.message
    headers = dict(raw.headers or {})  # a list of (name, value) pairs from aiokafka, or already a mapping
    content_type = headers.get("content-type")
    return Message(
        value=raw.value,
        key=raw.key,
        position=position_of(event),
        content_type=content_type.decode("utf-8", "replace") if isinstance(content_type, bytes) else content_type,
    )


def hold_until_published(events: Sequence[EventT]) -> None:
    """One more reference on each event's message, so the ack `take_events` makes when the agent's loop moves on
    is not the last one: the offset is committed only after the publisher's own `stream.ack`.

    faust counts references per message and marks it for commit when the count reaches zero (Message.ack).
    """
    for event in events:
        event.message.incref()


async def in_nlp_thread(function: Callable[..., T], *args: object) -> T:
    """`asyncio.to_thread`, always on the one NLP thread: same context variables, the event loop stays free."""
    call = functools.partial(contextvars.copy_context().run, function, *args)
    return await asyncio.get_running_loop().run_in_executor(_NLP_THREAD, call)
