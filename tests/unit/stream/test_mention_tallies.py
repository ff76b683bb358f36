"""The enrich agent's tallies for the trending agent: counted mentions per entity, grouped by partition."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aiokafka.partitioner import murmur2

from worker.models import EnrichedArticle, EntityMention
from worker.pipeline import Enriched
from worker.stream.mention_tallies import partition_of, tallies
from worker.stream.publishing import Outputs, records_of

NOW = datetime(2026, 4, 12, 9, 0, tzinfo=UTC)


ARTICLE = EnrichedArticle(
    id="a1", title="t", url=None, source="wire", published_at=NOW, language="en", language_status="supported",
    text="x", paragraphs=[], photo_credits=[], word_count=1, content_hash="0" * 64, near_duplicate_key="0" * 16,
    input_format="json", entities=[], topics=[], quotes=[], tone=None, duplicate_of=None, duplicate_reason=None,
    processed_at=NOW, timings_ms={},
)


def mention(entity_id: str, name: str = "Xi Jinping", kind: str = "person", revision: int = 1) -> EntityMention:
    return EntityMention(
        entity_id=entity_id, name=name, type=kind, wikidata_id=None, country_code=None, article_id="a1",  # type: ignore[arg-type]
        article_revision=revision, article_title=None, url=None, source=None, published_at=None, mention_count=1,
        salience=0.5, mentions=[], topics=[], processed_at=NOW,
    )


def test_an_entity_goes_to_the_partition_kafkas_default_partitioner_gives_its_key() -> None:
    """murmur2 as the Java client computes it (positive part, modulo the partitions): the mention events' partition."""
    for entity_id in ["Q15031", "Q90", "newsflow:person:ana-garcia", "Ø"]:
        expected = (murmur2(entity_id.encode()) & 0x7FFFFFFF) % 4
        assert partition_of(entity_id, 4) == expected
    assert {partition_of(f"Q{i}", 4) for i in range(50)} == {0, 1, 2, 3}


def test_tallies_add_up_first_revisions_per_entity_keeping_the_latest_name() -> None:
    mentions = [mention("Q1"), mention("Q2", "Paris", "place"), mention("Q1", name="Xi"),
                mention("Q1", revision=2), mention("Q3", "ACME", "organisation", revision=2)]
    found = tallies(mentions, 4)
    entities = {e.entity_id: (partition, e.name, e.type, e.count) for partition, t in found.items() for e in t.entities}
    assert entities == {"Q1": (partition_of("Q1", 4), "Xi", "person", 2),
                        "Q2": (partition_of("Q2", 4), "Paris", "place", 1)}  # Q3: only a later revision
    assert all(t.entities for t in found.values())  # no empty tally is sent


def test_a_batch_sends_one_tally_per_partition_with_the_timestamp_of_its_mention_events() -> None:
    ids = [f"Q{i}" for i in range(12)]
    outputs = Outputs("enriched", "mentions", "deadletter", tallies="tallies", tally_partitions=4)  # type: ignore[arg-type]
    records = records_of([Enriched(ARTICLE, [mention(i) for i in ids]), Enriched(ARTICLE, [mention("Q0")])], outputs,
                         at=1000.5).records
    sent = [r for r in records if r.topic == "tallies"]
    assert sorted(r.partition for r in sent) == sorted({partition_of(i, 4) for i in ids})
    assert {r.timestamp for r in records if r.topic in ("mentions", "tallies")} == {1000.5}
    counts = {e["entity_id"]: e["count"] for r in sent for e in json.loads(r.value)["entities"]}
    assert counts == {i: 2 if i == "Q0" else 1 for i in ids}
    assert all(partition_of(e["entity_id"], 4) == r.partition for r in sent for e in json.loads(r.value)["entities"])


def test_a_tally_too_large_for_one_record_is_split_and_every_piece_fits() -> None:
    """A batch naming thousands of entities: its tally goes in as many records as it takes, counts intact."""
    ids = [f"Q{i}" for i in range(400)]
    outputs = Outputs("enriched", "mentions", "deadletter", tallies="tallies",  # type: ignore[arg-type]
                      max_record_bytes=2_000)
    records = records_of([Enriched(ARTICLE, [mention(i) for i in ids])], outputs).records
    sent = [r for r in records if r.topic == "tallies"]
    assert len(sent) > 4 and all(len(r.value) + len(r.key or b"") <= 2_000 for r in sent)
    counts = [(e["entity_id"], r.partition) for r in sent for e in json.loads(r.value)["entities"]]
    assert sorted(counts) == sorted((i, partition_of(i, 1)) for i in ids)


def test_a_tally_its_topic_refuses_for_size_is_sent_in_two_down_to_one_entity() -> None:
    """A tallies topic whose `max.message.bytes` is under a tally (no retry mends it; it held the partition, or
    stopped the worker under exactly-once): each refused record is replaced by two, until one entity is left."""
    ids = [f"Q{i}" for i in range(5)]
    outputs = Outputs("enriched", "mentions", "deadletter", tallies="tallies")  # type: ignore[arg-type]
    [whole] = [r for r in records_of([Enriched(ARTICLE, [mention(i) for i in ids])], outputs).records
               if r.topic == "tallies"]
    pieces, singles = [whole], []
    while pieces:
        record = pieces.pop()
        if record.smaller is None:
            singles.append(record)
            continue
        halves = record.smaller() or []
        assert len(halves) == 2 and all(len(half.value) < len(record.value) for half in halves)
        assert all((half.key, half.partition, half.timestamp) == (record.key, record.partition, record.timestamp)
                   for half in halves)
        pieces += halves
    assert sorted(e["entity_id"] for r in singles for e in json.loads(r.value)["entities"]) == sorted(ids)
    assert all(len(json.loads(r.value)["entities"]) == 1 for r in singles)
