"""A story thousands of articles long stays a small table value, and the clusterer's indexes follow its bounds."""

from __future__ import annotations

import json

from tests.unit.stories.test_cluster import QUAKE, article, primed
from worker.stories.cluster import Clusterer
from worker.stories.record import story_record
from worker.stories.state import STORY_ARTICLE_IDS, STORY_KEYS, STORY_SOURCES, StoryState

FOLLOW_UPS = 1_300


def long_story() -> tuple[Clusterer, str, list[str]]:
    """One event reported again and again, each report with words of its own (the rare words that become
    blocking keys) and its own source; the ids of the reports the first one's story took, in order."""
    clusterer = primed()
    title, entities, text = QUAKE
    story_id = clusterer.assign(article("q0", title, entities, text, hours=0, source="s0")).story.id
    taken = ["q0"]
    for n in range(1, FOLLOW_UPS):
        own = f"detail{n}a detail{n}b detail{n}c"
        placed = clusterer.assign(article(f"q{n}", title, entities, f"{text} {own}", hours=n / 100, source=f"s{n}"))
        taken += [f"q{n}"] if placed.story.id == story_id else []
    return clusterer, story_id, taken


def test_a_story_of_thousands_of_articles_keeps_its_count_but_bounded_ids_keys_and_sources() -> None:
    clusterer, story_id, taken = long_story()
    story = clusterer.stories[story_id]
    assert len(taken) > STORY_ARTICLE_IDS + 100
    assert story.count == len(taken)  # the count goes on past the ids kept
    assert story.article_ids == taken[-STORY_ARTICLE_IDS:]
    assert len(story.keys) <= STORY_KEYS and len(story.sources) <= STORY_SOURCES
    # Unbounded, this story's value was 75 KB and 3,547 keys at 1,180 articles, growing ~60 bytes an article.
    assert len(json.dumps(story.to_json())) < 30_000
    assert story_record(story, "grew", ["q1"]).article_count == len(taken)


def test_the_indexes_follow_what_the_story_keeps() -> None:
    clusterer, story_id, taken = long_story()
    story = clusterer.stories[story_id]
    indexed = {key for key, posting in clusterer.postings.items() if story_id in posting}
    assert indexed == set(story.keys)
    mapped = {a for a, s in clusterer.article_story.items() if s == story_id}
    assert mapped == set(story.article_ids) and taken[0] not in mapped
    # The names its similarity is computed from (every name is a blocking key) still lead to it.
    assert story.names and set(story.names) <= indexed


def test_a_value_saved_before_the_bounds_counts_its_ids() -> None:
    saved = StoryState(id="story:a", first_seen=0.0, last_seen=0.0, article_ids=["a", "b", "c"]).to_json()
    del saved["articles"]
    assert StoryState.from_json(saved).count == 3


def test_a_merge_adds_up_the_counts_beyond_the_ids_kept() -> None:
    big = StoryState(id="story:a", first_seen=0.0, last_seen=0.0, article_ids=["a2", "a3"], articles=40)
    small = StoryState(id="story:b", first_seen=0.0, last_seen=0.0, article_ids=["b1", "b2"])
    big.absorb(small)
    assert big.count == 42 and big.article_ids == ["a2", "a3", "b1", "b2"]
