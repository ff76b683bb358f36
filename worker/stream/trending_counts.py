"""The trending agent's batch: count a batch of mention events, then write each touched hour once.

faust's windowed-table API writes one changelog record per `table[key] = value`, one per mention (there were two
tables, 5m and 1h, so 21 records an article in BENCHMARKS.md's count: more than every other record of an article
together; the hour's value now holds its 5-minute counts too). Here a batch's mentions are added up first, and
each (entity, hour) they touched gets one new value and one changelog record, sent to the partition the
mentions came from (as faust's own write would: the table stays
co-partitioned with `entities.mentions`, so the worker that owns an entity's partition still does all its
counting). The writes happen before the batch's events are acked, as they did per event, so a crash before the
ack counts the batch again on redelivery, as before (at-least-once).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from faust.types import EventT
from pydantic import ValidationError

from worker.models import MentionCount
from worker.stream.trending import bump, counted

log = structlog.get_logger("newsflow.worker")

#: (partition, (entity id, window range)): a window a batch touched, and the partition its mentions came from.
Slot = tuple[int, tuple[str, tuple[float, float]]]


def tally(events: Sequence[EventT], table: Any) -> dict[Slot, dict[str, Any]]:
    """The new value of every window of `table` (a faust Table with a window: the worker's hourly one) that the
    batch's mentions touch.

    Each mention lands in the windows of its Kafka timestamp, like faust's `WindowWrapper` with the default
    `relative_to_stream`; foreign records are skipped and logged, mentions of later revisions not counted.
    """
    changed: dict[Slot, dict[str, Any]] = {}
    for event in events:
        try:
            mention = MentionCount.model_validate_json(event.value)
        except ValidationError as exc:  # a foreign producer on our topic: skip it, do not stop counting
            log.warning("mention_skipped", error=str(exc).splitlines()[0])
            continue
        if not counted(mention):
            continue
        partition, timestamp = event.message.partition, event.message.timestamp
        for window_range in table.window.ranges(timestamp):
            key = (mention.entity_id, window_range)
            slot: Slot = (partition, key)
            current = changed.get(slot)
            changed[slot] = bump(table.data.get(key, {}) if current is None else current, mention, timestamp)
    return changed


def write(table: Any, changed: dict[Slot, dict[str, Any]]) -> None:
    """Store each new value and send it to the table's changelog, in the partition its mentions came from.

    What faust's `Table.on_key_set` does for one key, with the partition given instead of read from the current
    event (a batch has events of several partitions): the store, the changelog record, the window's expiry.
    """
    for (partition, key), value in changed.items():
        table.data[key] = value
        table.send_changelog(partition, key, value)
        table._maybe_set_key_ttl(key, partition)  # noqa: SLF001 - faust's expiry bookkeeping for windowed keys
