"""The enriched article's record with its story id: the patched bytes equal what pydantic would write."""

from __future__ import annotations

import json

import pytest

from tests.unit.stream.test_story_features_sent import enriched
from worker.models import EnrichedArticle
from worker.stories import article as article_module
from worker.stories.article import with_story_id


def record(title: str = "Earthquake shakes Valparaiso") -> EnrichedArticle:
    return enriched("a1").article.model_copy(update={"title": title})


@pytest.mark.parametrize("story_id", ["story:a1", 'story:"quoted" \\ back', "story:Valparaíso-地震"])
def test_the_patch_writes_what_pydantic_writes_with_the_story_id_set(story_id: str) -> None:
    article = record('Terremoto en "Valparaíso": 地震')
    patched = with_story_id(article.model_dump_json().encode(), story_id)
    assert patched == article.model_copy(update={"story_id": story_id}).model_dump_json().encode()
    assert EnrichedArticle.model_validate_json(patched).story_id == story_id


def test_story_id_is_the_last_field_so_the_fast_patch_applies() -> None:
    # If a field is ever added after story_id the patch falls back to parsing (tested below), so this only
    # guards the cost: the fast path is what the worker is expected to take.
    assert list(EnrichedArticle.model_fields)[-1] == "story_id" and article_module._PATCHABLE


def test_no_story_leaves_the_record_as_it_was() -> None:
    raw = record().model_dump_json().encode()
    assert with_story_id(raw, None) is raw


def test_a_record_that_does_not_end_with_a_null_story_id_is_parsed_and_written_again() -> None:
    data = json.loads(record().model_dump_json())
    reordered = json.dumps({"story_id": None, **{k: v for k, v in data.items() if k != "story_id"}}).encode()
    patched = json.loads(with_story_id(reordered, "story:b2"))
    assert patched == {**data, "story_id": "story:b2"}


def test_a_title_ending_like_the_tail_does_not_fool_the_patch() -> None:
    article = record('x","story_id":null}')
    patched = with_story_id(article.model_dump_json().encode(), "story:a1")
    parsed = EnrichedArticle.model_validate_json(patched)
    assert parsed.title == 'x","story_id":null}' and parsed.story_id == "story:a1"
