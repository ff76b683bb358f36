"""Faust's stream events as the pure pipeline sees them: Kafka-free messages and their source positions."""

from __future__ import annotations

from collections.abc import Sequence

from faust.types import EventT

from worker.models import SourcePosition
from worker.pipeline import Message


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
