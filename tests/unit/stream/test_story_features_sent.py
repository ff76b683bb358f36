"""What a batch publishes for stories: each enriched article inside a features record, keyed by article id."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from worker.models import EnrichedArticle, Entity
from worker.pipeline import Enriched
from worker.stream import publishing
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


def test_each_article_goes_to_the_clustering_stage_inside_its_features_record_and_not_to_enriched() -> None:
    outputs = Outputs("enriched", "mentions", "deadletter", "features")  # type: ignore[arg-type]
    first, repeat = enriched("a1"), enriched("a2", duplicate_of="a1")
    records = records_of([first, repeat], outputs).records
    assert [(r.topic, r.key) for r in records] == [("features", b"a1"), ("features", b"a2")]
    sent = json.loads(records[0].value)
    assert sent["article_id"] == "a1" and sent["entities"][0]["id"] == "Q298" and sent["duplicate_of"] is None
    assert sent["terms"]["valparaiso"] == 3  # twice from the title, once from the text
    # The enriched record as the enrich agent serialised it (story_id null), for the clustering agent to publish.
    assert sent["enriched"] == first.article.model_dump_json()
    # A repeat is not clustered (no features), but its record goes the same way: it gets its original's story.
    again = json.loads(records[1].value)
    assert again["duplicate_of"] == "a1" and again["terms"] == {} and again["entities"] == []
    assert again["enriched"] == repeat.article.model_dump_json()


def test_without_a_features_topic_the_article_goes_to_enriched() -> None:
    outputs = Outputs("enriched", "mentions", "deadletter")  # type: ignore[arg-type]
    records = records_of([enriched("a1")], outputs).records
    assert [r.topic for r in records] == ["enriched"]
    assert json.loads(records[0].value)["story_id"] is None


def test_an_article_too_large_to_travel_with_its_features_goes_to_enriched_and_its_features_alone_to_clustering(
) -> None:
    small = len(records_of([enriched("a1")], Outputs("e", "m", "d", "f")).records[0].value)  # type: ignore[arg-type]
    outputs = Outputs("enriched", "mentions", "deadletter", "features",  # type: ignore[arg-type]
                      max_record_bytes=small + len(b"a1") - 1)
    records = records_of([enriched("a1")], outputs).records
    assert [r.topic for r in records] == ["enriched", "features"]
    assert json.loads(records[0].value)["id"] == "a1"
    features = json.loads(records[1].value)
    assert features["enriched"] is None and features["terms"]["valparaiso"] == 3  # still clustered


def test_features_that_fail_do_not_cost_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ValueError("a bug in the features code")

    monkeypatch.setattr(publishing, "story_input", broken)
    outputs = Outputs("enriched", "mentions", "deadletter", "features")  # type: ignore[arg-type]
    records = records_of([enriched("a1")], outputs).records
    assert [(r.topic, r.key) for r in records] == [("enriched", b"a1")]
