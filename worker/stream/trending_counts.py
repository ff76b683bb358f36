"""The trending agent's batch: add up a batch of mention tallies, then write each touched hour once.

The enrich agent sends, per batch, one `MentionTally` record to each partition of the tally topic that has entities
in the batch (mention_tallies.py): its counted mentions per entity. Here a batch of tallies is added up first, and
each (entity, hour) it touched gets one new value, kept under the partition the tally came from (the table stays
co-partitioned with the tally topic, whose partitions hold the entities the mention events' partitions hold, so the
worker that owns an entity's partition does all its counting). The table has no changelog: a worker that gets a
partition replays its tallies (trending_replay.py), the same function of the same records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import structlog
from pydantic import ValidationError

from worker.models import MentionTally
from worker.stream.trending import bump

log = structlog.get_logger("newsflow.worker")

#: (partition, (entity id, window range)): a window a batch touched, and the partition its tallies came from.
Slot = tuple[int, tuple[str, tuple[float, float]]]
#: A tally record: its partition, its timestamp (seconds) and its value.
Tally = tuple[int, float, bytes]


def tally(records: Iterable[Tally], table: Any) -> dict[Slot, dict[str, Any]]:
    """The new value of every window of `table` (a faust Table with a window: the worker's hourly one) that the
    tallies touch.

    A tally's mentions land in the windows of its Kafka timestamp (the one its batch's mention events carry), like
    faust's `WindowWrapper` with the default `relative_to_stream`; foreign records are skipped and logged.
    """
    changed: dict[Slot, dict[str, Any]] = {}
    for partition, timestamp, value in records:
        try:
            batch = MentionTally.model_validate_json(value)
        except ValidationError as exc:  # a foreign producer on our topic: skip it, do not stop counting
            log.warning("mention_tally_skipped", error=str(exc).splitlines()[0])
            continue
        ranges = table.window.ranges(timestamp)
        for entity in batch.entities:
            for window_range in ranges:
                key = (entity.entity_id, window_range)
                slot: Slot = (partition, key)
                current = changed.get(slot)
                changed[slot] = bump(table.data.get(key, {}) if current is None else current, entity, timestamp)
    return changed


def write(table: Any, changed: dict[Slot, dict[str, Any]]) -> None:
    """Store each new value, with the window's expiry under the partition its tallies came from (what faust's
    `Table.on_key_set` does for one key, without the changelog record and with the partition given)."""
    for (partition, key), value in changed.items():
        table.data[key] = value
        table._maybe_set_key_ttl(key, partition)  # noqa: SLF001 - faust's expiry bookkeeping for windowed keys
