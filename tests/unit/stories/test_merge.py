"""Merging: an article that two open stories would each take shows they report one event; they become one."""

from __future__ import annotations

from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, article, primed
from worker.stories.cluster import Clusterer, Params
from worker.stories.state import StoryState

#: One event seen from a side the first reports did not name: no word or entity in common with QUAKE.
RESIGN = ("Minister Rodrigo Fuentes resigns over emergency response", ["Rodrigo Fuentes"],
          "Rodrigo Fuentes stepped down as minister after criticism of the emergency response, his office said.")
#: Names both sides: each of the two stories would take it.
BOTH = ("Valparaiso earthquake: minister Rodrigo Fuentes resigns over emergency response",
        ["Valparaiso", "Chile", "Rodrigo Fuentes"],
        "Rodrigo Fuentes resigned after criticism of the emergency response to the earthquake that shook "
        "Valparaiso, damaging buildings and cutting roads.")


def two_sides(params: Params | None = None) -> Clusterer:
    clusterer = primed(params)
    assert clusterer.assign(article("q1", *QUAKE, source="a")).created
    assert clusterer.assign(article("f1", *RESIGN, hours=1, source="b")).created  # apart: nothing in common
    return clusterer


def test_an_article_both_stories_would_take_merges_them_and_joins_the_result() -> None:
    clusterer = two_sides()
    bridge = clusterer.assign(article("m1", *BOTH, hours=2, source="c"))
    # Equal sizes: the older story survives; the article and the other story's articles are in it, once each.
    assert bridge.story.id == "story:q1" and [s.id for s in bridge.merged] == ["story:f1"]
    assert bridge.story.article_ids == ["q1", "f1", "m1"] and bridge.story.sources == {"a": 1, "b": 1, "c": 1}
    assert "Rodrigo Fuentes" in [row[0] for row in bridge.story.entities.values()]
    assert "story:f1" not in clusterer.stories
    assert all("story:f1" not in posting for posting in clusterer.postings.values())
    # The merged story's articles belong to the survivor: delivered again, they are not assigned twice.
    again = clusterer.assign(article("f1", *RESIGN, hours=1, source="b"))
    assert again.repeated and again.story.id == "story:q1"
    # And a later report of either side finds the merged story through the keys the other story brought.
    assert clusterer.assign(article("f2", *RESIGN, hours=3, source="d")).story.id == "story:q1"
    assert clusterer.assign(article("q2", *QUAKE_2, hours=3, source="d")).story.id == "story:q1"


def test_the_bigger_story_survives_a_merge() -> None:
    clusterer = two_sides()
    clusterer.assign(article("f2", *RESIGN, hours=1.5, source="d"))  # the resignation story now has two
    bridge = clusterer.assign(article("m1", *BOTH, hours=2, source="c"))
    assert bridge.story.id == "story:f1" and [s.id for s in bridge.merged] == ["story:q1"]
    assert bridge.story.article_ids == ["f1", "f2", "q1", "m1"]
    assert bridge.story.first_seen == min(s.first_seen for s in (bridge.story, bridge.merged[0]))


def test_a_runner_up_well_below_the_best_is_not_a_second_home_and_merges_nothing() -> None:
    # Mostly the earthquake, naming the minister in passing: it would join either story (both score above the
    # join threshold) but fits one far better, so it does not show that the two report one event.
    passing = article("m2", QUAKE_2[0], ["Valparaiso", "Chile", "Rodrigo Fuentes"], QUAKE_2[2], hours=2)
    clusterer = two_sides()
    bridge = clusterer.assign(passing)
    assert bridge.story.id == "story:q1" and bridge.merged == () and "story:f1" in clusterer.stories
    assert two_sides(Params(merge_margin=100.0)).assign(passing).merged != ()  # the share is what stopped it


def test_without_merging_the_article_joins_one_story_and_both_stay_open() -> None:
    clusterer = two_sides(Params(merge=False))
    bridge = clusterer.assign(article("m1", *BOTH, hours=2, source="c"))
    assert bridge.merged == () and {"story:q1", "story:f1"} <= set(clusterer.stories)


def test_a_merged_story_restores_from_its_saved_state() -> None:
    clusterer = two_sides()
    clusterer.assign(article("m1", *BOTH, hours=2, source="c"))
    saved = [StoryState.from_json(story.to_json()) for story in clusterer.stories.values()]
    restored = Clusterer.restored(Params(), saved)
    assert restored.assign(article("f1", *RESIGN, hours=1, source="b")).story.id == "story:q1"
    assert restored.assign(article("f2", *RESIGN, hours=3, source="d")).story.id == "story:q1"
