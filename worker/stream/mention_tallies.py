"""The enrich agent's half of trending: a batch's counted mentions, added up per partition of the tally topic.

The trending agent used to read every `entities.mentions` record back (10.8 an article on the benchmark's corpus,
17 on real news) to add one to a count. Now the enrich agent, which has the mentions in hand, sends per batch one
`MentionTally` record to each partition of an internal topic that has entities in the batch, and the trending
agent reads those (BENCHMARKS.md, issue 15). An entity goes to the partition the producer's default partitioner
gives its id (murmur2, as for its mention events), so all counts of an entity still land in one partition, the
one of the trending table's changelog they were always written to: the table stays co-partitioned with its input
and the worker that owns a partition does all of its entities' counting (README, "Trending entities").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from aiokafka.partitioner import DefaultPartitioner

from worker.models import EntityMention, EntityType, MentionTally, TalliedEntity
from worker.stream.trending import counted

_partitioner = DefaultPartitioner()


@lru_cache(maxsize=1 << 16)
def partition_of(entity_id: str, partitions: int) -> int:
    """The partition a record keyed by `entity_id` goes to among `partitions`, as the producer picks it (cached:
    murmur2 is pure Python, and the same entities come back in article after article)."""
    every = list(range(partitions))
    return int(_partitioner(entity_id.encode(), every, every))


def tallies(mentions: Iterable[EntityMention], partitions: int) -> dict[int, MentionTally]:
    """Counted mentions (first revisions) per entity, grouped by partition; an entity keeps its latest name and
    type, as the trending table's value does."""
    by_partition: dict[int, dict[str, tuple[str, EntityType, int]]] = {}
    for mention in mentions:
        if not counted(mention):
            continue
        entities = by_partition.setdefault(partition_of(mention.entity_id, partitions), {})
        before = entities.get(mention.entity_id)
        entities[mention.entity_id] = (mention.name, mention.type, 1 if before is None else before[2] + 1)
    return {
        partition: MentionTally(entities=[
            TalliedEntity(entity_id=entity_id, name=name, type=kind, count=count)
            for entity_id, (name, kind, count) in entities.items()
        ])
        for partition, entities in sorted(by_partition.items())
    }
