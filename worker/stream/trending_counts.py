"""The trending agent's batch: add up a batch of mention tallies, then write each touched hour once.

The enrich agent sends, per batch, one `MentionTally` record to each partition of the tally topic that has entities
in the batch (mention_tallies.py): its counted mentions per entity. faust's windowed-table API would write one
changelog record per `table[key] = value`; here a batch of tallies is added up first, and each (entity, hour) it
touched gets one new value and one changelog record, sent to the partition the tally came from (as faust's own
write would: the table stays co-partitioned with the tally topic, whose partitions hold the entities the mention
events' partitions hold, so the worker that owns an entity's partition still does all its counting). The writes
happen before the batch's events are acked, so a crash before the ack counts the batch again on redelivery
(at-least-once), as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from faust.types import EventT
from pydantic import ValidationError

from worker.models import MentionTally
from worker.stream.trending import bump

log = structlog.get_logger("newsflow.worker")

#: (partition, (entity id, window range)): a window a batch touched, and the partition its tallies came from.
Slot = tuple[int, tuple[str, tuple[float, float]]]


def tally(events: Sequence[EventT], table: Any) -> dict[Slot, dict[str, Any]]:
    """The new value of every window of `table` (a faust Table with a window: the worker's hourly one) that the
    batch's tallies touch.

    A tally's mentions land in the windows of its Kafka timestamp (the one its batch's mention events carry), like
    faust's `WindowWrapper` with the default `relative_to_stream`; foreign records are skipped and logged.
    """
    changed: dict[Slot, dict[str, Any]] = {}
    for event in events:
        try:
            batch = MentionTally.model_validate_json(event.value)
        except ValidationError as exc:  # a foreign producer on our topic: skip it, do not stop counting
            log.warning("mention_tally_skipped", error=str(exc).splitlines()[0])
            continue
        partition, timestamp = event.message.partition, event.message.timestamp
        ranges = table.window.ranges(timestamp)
        for entity in batch.entities:
            for window_range in ranges:
                key = (entity.entity_id, window_range)
                slot: Slot = (partition, key)
                current = changed.get(slot)
                changed[slot] = bump(table.data.get(key, {}) if current is None else current, entity, timestamp)
    return changed


def write(table: Any, changed: dict[Slot, dict[str, Any]]) -> None:
    """Store each new value and send it to the table's changelog, in the partition its tallies came from.

    What faust's `Table.on_key_set` does for one key, with the partition given instead of read from the current
    event (a batch has events of several partitions): the store, the changelog record, the window's expiry.
    """
    for (partition, key), value in changed.items():
        table.data[key] = value
        table.send_changelog(partition, key, value)
        table._maybe_set_key_ttl(key, partition)  # noqa: SLF001 - faust's expiry bookkeeping for windowed keys
