"""What a batch publishes for stories: one features record per first sighting, keyed by article id, none for repeats."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from worker.models import EnrichedArticle, Entity
from worker.pipeline import Enriched
from worker.stream.publishing import Outputs, records_of

NOW = datetime(2026, 4, 12, 9, 0, tzinfo=UTC)


def enriched(article_id: str, duplicate_of: str | None = None) -> Enriched:
    entity = Entity(id="Q298", name="Chile", type="place", wikidata_id="Q298", country_code="CL", mention_count=2,
                    salience=0.5, mentions=[])
    article = EnrichedArticle(
        id=article_id, title="Earthquake shakes Valparaiso", url=None, source="wire", published_at=NOW,
        language="en", language_status="supported", text="A strong earthquake shook Valparaiso in Chile.",
        paragraphs=[], photo_credits=[], word_count=7, content_hash="0" * 64, near_duplicate_key="0" * 16,
        input_format="json", entities=[entity], topics=[], quotes=[], tone=None, duplicate_of=duplicate_of,
        duplicate_reason="same_content" if duplicate_of else None, processed_at=NOW, timings_ms={},
    )
    return Enriched(article, [])


def test_each_first_sighting_sends_its_features_and_a_repeat_sends_none() -> None:
    outputs = Outputs("enriched", "mentions", "deadletter", "features")  # type: ignore[arg-type]
    records = records_of([enriched("a1"), enriched("a2", duplicate_of="a1")], outputs)
    features = [r for r in records if r.topic == "features"]
    assert [r.key for r in features] == [b"a1"]
    sent = json.loads(features[0].value)
    assert sent["article_id"] == "a1" and sent["entities"][0]["id"] == "Q298" and "text" not in sent
    assert sent["terms"]["valparaiso"] == 3  # twice from the title, once from the text


def test_without_a_features_topic_nothing_extra_is_sent() -> None:
    outputs = Outputs("enriched", "mentions", "deadletter")  # type: ignore[arg-type]
    assert [r.topic for r in records_of([enriched("a1")], outputs)] == ["enriched"]
