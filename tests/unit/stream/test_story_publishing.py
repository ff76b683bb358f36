"""What the clustering agent publishes (worker/stream/story_publishing.py): Story records and each enriched article
with the id of the story that took it; under exactly-once, in one transaction with the features offset."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import structlog.testing

from tests.support.fake_kafka import Broker, manager
from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, SUMMIT, article
from tests.unit.stream.test_story_features_sent import enriched
from worker.models import StoryFeatures
from worker.stories.cluster import Params
from worker.stream.delivery import Record
from worker.stream.stories import StoryStage
from worker.stream.story_publishing import Features, publish_stories_in_transaction, story_records


class Topic:
    def __init__(self, name: str) -> None:
        self.name = name

    def get_topic_name(self) -> str:
        return self.name

    async def send(self, **_: Any) -> Any:
        raise AssertionError("not sent in these tests")


STORIES, ENRICHED, DEADLETTER = Topic("stories"), Topic("enriched"), Topic("deadletter")
OUTPUTS = (STORIES, ENRICHED, DEADLETTER, 4096)  # story_records' topics and the bytes a dead letter keeps


def sent(features: StoryFeatures, offset: int = 0, generation: int | None = None) -> Features:
    """A features record as the enrich agent sends it: the article's enriched record inside, story_id null."""
    body = enriched(features.article_id, features.duplicate_of).article.model_copy(update={"title": features.title})
    value = features.model_copy(update={"enriched": body.model_dump_json()}).model_dump_json().encode()
    return Features(features.article_id.encode(), value, offset, generation)


def published(records: list[Record]) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    """The Story records, and article id -> story_id of the enriched records."""
    stories = [json.loads(r.value) for r in records if r.topic is STORIES]
    articles = {}
    for r in records:
        if r.topic is ENRICHED:
            body = json.loads(r.value)
            assert r.key == body["id"].encode()  # keyed by article id, as the enrich agent keys it
            articles[body["id"]] = body["story_id"]
    return stories, articles


def stage() -> StoryStage:
    return StoryStage({}, Params())


def test_each_article_comes_out_with_the_id_of_the_story_record_that_took_it() -> None:
    batch = [sent(article("q1", *QUAKE, source="a")), sent(article("s1", *SUMMIT, hours=1), 1),
             sent(article("q2", *QUAKE_2, hours=2, source="b"), 2)]
    stories, articles = published(story_records(stage(), batch, *OUTPUTS))
    took = {a: s["id"] for s in stories for a in s["changed_by"]}
    assert articles == took == {"q1": "story:q1", "s1": "story:s1", "q2": "story:q1"}


def test_a_redelivered_article_gets_the_same_story_again_and_a_repeat_its_originals() -> None:
    placing = stage()
    first = story_records(placing, [sent(article("q1", *QUAKE)), sent(article("q2", *QUAKE_2, hours=2), 1)],
                          *OUTPUTS)
    repeat = article("r1", *QUAKE_2, hours=3).model_copy(update={"duplicate_of": "q2", "terms": {}, "entities": []})
    again = story_records(placing, [sent(article("q2", *QUAKE_2, hours=2), 1), sent(repeat, 2)], *OUTPUTS)
    assert published(first)[1] == {"q1": "story:q1", "q2": "story:q1"}
    stories, articles = published(again)
    assert articles == {"q2": "story:q1", "r1": "story:q1"}
    assert [s["changed_by"] for s in stories] == [["q2"]]  # the redelivery republishes its story; the repeat nothing
    assert json.loads(placing.table["story:q1"])["article_ids"] == ["q1", "q2"]  # neither counted twice


def test_an_article_the_clustering_cannot_take_still_goes_out_without_a_story(monkeypatch: pytest.MonkeyPatch) -> None:
    placing = stage()

    def broken(features: StoryFeatures) -> Any:
        raise RuntimeError("a clustering bug")

    monkeypatch.setattr(placing, "place", broken)
    stories, articles = published(story_records(placing, [sent(article("q1", *QUAKE))], *OUTPUTS))
    assert stories == [] and articles == {"q1": None}


def test_a_record_this_version_cannot_read_is_not_clustered_but_its_article_goes_out() -> None:
    good = json.loads(sent(article("q1", *QUAKE)).value)
    newer = json.dumps({**good, "a_field_from_a_newer_worker": 1}).encode()
    records = story_records(stage(), [Features(b"q1", newer, 0), Features(b"x", b"not json", 1)], *OUTPUTS)
    assert published(records) == ([], {"q1": None})


def test_without_an_enriched_record_inside_only_story_records_go_out() -> None:
    # What a worker of the previous version sent (it published the article itself).
    bare = article("q1", *QUAKE)
    records = story_records(stage(), [Features(b"q1", bare.model_dump_json().encode(), 0)], *OUTPUTS)
    assert [r.topic for r in records] == [STORIES]


def test_an_enriched_article_its_topic_refuses_for_size_becomes_a_dead_letter_of_that_record() -> None:
    features = json.loads(sent(article("q1", *QUAKE)).value)
    position = {"topic": "articles.raw", "partition": 2, "offset": 41}
    features["enriched"] = json.dumps({**json.loads(features["enriched"]), "source_position": position})
    batch = [Features(b"q1", json.dumps(features).encode(), 0)]
    [record] = [r for r in story_records(stage(), batch, *OUTPUTS) if r.topic is ENRICHED]
    assert record.smaller is not None
    [letter] = record.smaller() or []
    assert letter.topic is DEADLETTER
    dead = json.loads(letter.value)
    body = json.loads(record.value)
    assert dead["reason"] == "too_large" and dead["detail"].startswith("topic enriched refused the article's record")
    # The refused record, up to the bytes a dead letter keeps, and the position of the article's own input.
    assert base64.b64decode(dead["original_b64"]) == record.value[:4096] and dead["original_size"] == len(record.value)
    assert dead["source_position"] == body["source_position"] == position


def test_a_story_record_its_topic_refuses_for_size_is_sent_with_half_of_each_list_down_to_one() -> None:
    placing = stage()
    batch = [sent(article(f"q{n}", *(QUAKE if n % 2 else QUAKE_2), hours=n, source=f"s{n}"), n) for n in range(6)]
    record = [r for r in story_records(placing, batch, *OUTPUTS) if r.topic is STORIES][-1]
    whole = json.loads(record.value)
    assert len(whole["article_ids"]) == 6 and len(whole["sources"]) == 6  # one story of six reports
    forms = [whole]
    while record.smaller is not None and (less := record.smaller()) is not None:
        [shorter] = less
        assert len(shorter.value) < len(record.value) and shorter.key == b"story:q0"
        record = shorter
        forms.append(json.loads(record.value))
    last = forms[-1]
    assert len(forms) > 2 and last["article_ids"] == ["q5"]  # the latest kept
    assert all(len(last[name]) <= 1 for name in ("entities", "places", "sources", "topics"))
    assert {k: v for k, v in last.items() if not isinstance(v, list)} == {
        k: v for k, v in whole.items() if not isinstance(v, list)}
    assert last["changed_by"] == whole["changed_by"]


async def test_exactly_once_commits_the_records_with_the_next_features_offset_and_skips_what_is_done() -> None:
    broker = Broker()
    transactions = manager(broker, input_topic="features")
    placing = stage()
    reads: list[int] = []

    async def flush() -> None:
        broker.calls.append("flush")

    async def read_again(offset: int) -> None:
        reads.append(offset)

    def publish(batch: list[Features], generation: int = 1) -> Any:
        return publish_stories_in_transaction(
            batch, records_of=lambda b: story_records(placing, b, *OUTPUTS), flush=flush,
            transactions=transactions, generation=generation, read_again=read_again)

    q1, q2 = sent(article("q1", *QUAKE), 0, 1), sent(article("q2", *QUAKE_2, hours=2), 1, 1)
    assert await publish([q1, q2]) == 2
    assert broker.committed == {0: 2} and broker.calls[-1] == "flush"  # the changelog before the transaction
    assert sorted((t, k) for t, k, _ in broker.records) == [
        ("enriched", b"q1"), ("enriched", b"q2"), ("stories", b"story:q1"), ("stories", b"story:q1")]
    assert {json.loads(v)["story_id"] for t, _, v in broker.records if t == "enriched"} == {"story:q1"}
    # Delivered again (below the committed offset): done, nothing published twice.
    assert await publish([q1, q2]) == 0 and len(broker.records) == 4
    # Read in an earlier generation: left for the redelivery.
    assert await publish([sent(article("s1", *SUMMIT, hours=1), 2, 1)], generation=2) == 0
    assert len(broker.records) == 4 and broker.committed == {0: 2}
    # A gap: offset 2 exists but was not delivered; read again from it instead of committing past it.
    broker.input[0] = [0, 1, 2, 3]
    assert await publish([sent(article("s1", *SUMMIT, hours=1), 3, 2)], generation=2) == 0
    assert reads == [2] and broker.committed == {0: 2}


def test_an_article_the_clustering_agent_dead_letters_for_size_is_logged_as_dead_lettered() -> None:
    """The enrich agent's outcomes log such an article (`article_dead_lettered`); the clustering agent's letter
    went to the topic without a log line."""
    [record] = [r for r in story_records(stage(), [sent(article("q1", *QUAKE))], *OUTPUTS) if r.topic is ENRICHED]
    with structlog.testing.capture_logs() as logs:
        [letter] = record.smaller() if record.smaller else []
    assert letter.topic is DEADLETTER
    assert [(e["event"], e["reason"]) for e in logs if e["event"] == "article_dead_lettered"] == [
        ("article_dead_lettered", "too_large")]


def test_an_article_the_clustering_agent_dead_letters_gives_its_sighting_back() -> None:
    """As the enrich agent's publish does (dedupe.forget_unpublished): its input sent again is not a repeat."""
    forgotten: list[tuple[str, int, Any]] = []
    value = json.loads(sent(article("q1", *QUAKE)).value)
    position = {"topic": "articles.raw", "partition": 1, "offset": 5}
    value["enriched"] = json.dumps({**json.loads(value["enriched"]), "source_position": position, "revision": 2})
    batch = [Features(b"q1", json.dumps(value).encode(), 0)]
    [record] = [r for r in story_records(stage(), batch, *OUTPUTS, lambda *a: forgotten.append(a))
                if r.topic is ENRICHED]
    assert forgotten == []  # nothing taken back before a letter goes
    assert record.smaller is not None and record.smaller()
    assert [(i, rev, p.model_dump() if p else None) for i, rev, p in forgotten] == [("q1", 2, position)]
