"""Faust's stream events as the pure pipeline sees them: Kafka-free messages and their source positions."""

from __future__ import annotations

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
