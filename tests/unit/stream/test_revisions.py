"""Two versions of one article: each keeps its own entities, the second is revision 2, not a duplicate."""

from __future__ import annotations

import json

import pytest

from tests.support.outcomes import FIRST, SECOND, outcome
from tests.support.pipelines import default_pipeline
from worker.pipeline import Enriched, Message, Outcome, Pipeline
from worker.stream.dedupe import mark_duplicates
from worker.stream.trending import counted


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


def test_two_versions_of_one_id_in_one_batch_keep_their_own_entities(pipeline: Pipeline) -> None:
    """Entities are found in each message's own text (the batch's docs were once keyed by article id)."""
    messages = [Message(json.dumps({"id": "same", "body": body}).encode()) for body in (FIRST, SECOND)]
    outcomes = pipeline.process(messages)
    assert [type(o) for o in outcomes] == [Enriched, Enriched]
    for outcome_ in outcomes:
        assert isinstance(outcome_, Enriched)
        article = outcome_.article
        for entity in article.entities:
            for mention in entity.mentions:
                assert article.text[mention.start:mention.end] == mention.text, (article.text, mention)
        assert {"Keir Starmer", "Emmanuel Macron"} <= {e.name for e in article.entities}


def summary(outcomes: list[Outcome]) -> list[tuple[str, int, str | None, str | None, int]]:
    return [(o.article.id, o.article.revision, o.article.duplicate_of, o.article.duplicate_reason, len(o.mentions))
            for o in outcomes if isinstance(o, Enriched)]


def test_new_content_under_a_known_id_is_the_next_revision_not_a_duplicate() -> None:
    seen: dict[str, str] = {}
    first = mark_duplicates([outcome("a", FIRST, 1)], seen)
    second = mark_duplicates([outcome("a", SECOND, 2)], seen)
    third = mark_duplicates([outcome("a", FIRST, 3)], seen)  # back to the first text: a revision too
    assert summary(first + second + third) == [("a", 1, None, None, 1), ("a", 2, None, None, 1),
                                              ("a", 3, None, None, 1)]
    assert [m.article_revision for o in first + second + third if isinstance(o, Enriched) for m in o.mentions] == [
        1, 2, 3
    ]


def test_identical_content_is_still_a_duplicate_without_mentions() -> None:
    seen: dict[str, str] = {}
    outcomes = mark_duplicates(
        [outcome("a", FIRST, 1), outcome("a", SECOND, 2), outcome("a", SECOND, 3), outcome("b", FIRST, 4)], seen
    )
    assert summary(outcomes) == [("a", 1, None, None, 1), ("a", 2, None, None, 1), ("a", 2, "a", "same_id", 0),
                                 ("b", 1, "a", "same_content", 0)]


def test_a_redelivered_message_gets_the_revision_it_got_the_first_time() -> None:
    """A crash before the commit: the same messages come again, and are neither repeats nor new revisions."""
    seen: dict[str, str] = {}
    before = mark_duplicates([outcome("a", FIRST, 1), outcome("a", SECOND, 2), outcome("a", FIRST, 3)], seen)
    again = mark_duplicates([outcome("a", FIRST, 1), outcome("a", SECOND, 2), outcome("a", FIRST, 3)], seen)
    assert summary(again) == summary(before)


def test_trending_counts_an_article_once_whatever_its_revisions() -> None:
    seen: dict[str, str] = {}
    outcomes = mark_duplicates([outcome("a", FIRST, 1), outcome("a", SECOND, 2)], seen)
    assert [counted(m) for o in outcomes if isinstance(o, Enriched) for m in o.mentions] == [True, False]
