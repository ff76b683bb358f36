"""The Story record and the /stories query: top entities and places, window parsing, ranking."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, SUMMIT, article, primed
from worker.stories.record import story_record
from worker.stream.stories_view import parse_stories_query, top_stories


def test_the_story_record_lists_places_sources_and_latest_articles() -> None:
    clusterer = primed()
    clusterer.assign(article("q1", *QUAKE, source="a"))
    story = clusterer.assign(article("q2", *QUAKE_2, hours=1, source="b")).story
    record = story_record(story, "grew", ["q2"])
    assert record.article_count == 2 and record.sources == ["a", "b"] and record.article_ids == ["q1", "q2"]
    assert [p.name for p in record.places] == ["Chile", "Valparaiso"] and record.places[0].count == 2
    assert record.first_seen < record.last_seen and record.change == "grew" and not record.closed
    assert record.event_date is None  # neither report names a day


def test_the_story_record_says_on_which_day_most_of_its_reports_say_it_happened() -> None:
    clusterer = primed()
    shook_on, searched_on = date(2026, 4, 12), date(2026, 4, 13)
    clusterer.assign(article("q1", *QUAKE).model_copy(update={"dates": [shook_on]}))
    clusterer.assign(article("q2", *QUAKE_2, hours=20).model_copy(update={"dates": [searched_on, shook_on]}))
    story = clusterer.assign(article("q3", *QUAKE_2, hours=26).model_copy(update={"dates": [searched_on]})).story
    assert story.count == 3 and story_record(story, "grew", ["q3"]).event_date == shook_on  # 2 each: the earlier


def test_top_stories_ranks_by_size_within_the_window_before_the_newest_article() -> None:
    clusterer = primed()
    clusterer.assign(article("q1", *QUAKE))
    clusterer.assign(article("q2", *QUAKE_2, hours=1))
    clusterer.assign(article("s1", *SUMMIT, hours=30))
    stories = list(clusterer.stories.values())
    day = top_stories(stories, clusterer.clock, parse_stories_query({"window": "24h"}))
    assert [s["id"] for s in day["stories"]] == ["story:s1"]
    week = top_stories(stories, clusterer.clock, parse_stories_query({"window": "2d", "limit": "2"}))
    assert [s["id"] for s in week["stories"]] == ["story:q1", "story:s1"]


@pytest.mark.parametrize(("query", "message"), [({"window": "1w"}, "window must be"), ({"window": "0h"}, "window"),
                                                ({"limit": "x"}, "whole number"), ({"limit": "0"}, "between")])
def test_a_bad_stories_query_says_what_is_wrong(query: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_stories_query(query)
