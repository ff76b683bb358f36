"""Candidate blocking's index: keys to open stories, the best candidates by the weight of the keys they share."""

from __future__ import annotations

from worker.stories.postings import Postings


def test_a_key_no_story_holds_has_no_entry() -> None:
    postings = Postings()
    postings.add("s1", ["quake", "$valparaiso"])
    postings.add("s2", ["quake"])
    postings.remove("s1", ["quake", "$valparaiso", "never-added"])
    assert postings == {"quake": {"s2"}}


def test_a_merge_moves_the_absorbed_story_s_keys_to_the_survivor() -> None:
    postings = Postings()
    postings.add("big", ["quake"])
    postings.add("small", ["quake", "rescuers"])
    postings.move(["quake", "rescuers"], "small", "big")
    assert postings == {"quake": {"big"}, "rescuers": {"big"}}


def test_the_best_candidates_share_the_weightiest_keys_and_common_keys_are_skipped() -> None:
    postings = Postings()
    for index in range(5):
        postings.add(f"s{index}", ["city"])  # in five stories: too common to block on (at most four)
    postings.add("s1", ["rare-a"])
    postings.add("s2", ["rare-b"])
    postings.add("s3", ["rare-a", "rare-b"])
    weight = {"city": 1.0, "rare-a": 3.0, "rare-b": 2.0}.__getitem__
    assert postings.best(["city", "rare-a", "rare-b"], weight, most_stories=4, limit=10) == ["s3", "s1", "s2"]
    assert postings.best(["city", "rare-a", "rare-b"], weight, most_stories=5, limit=2) == ["s3", "s1"]  # the best
    assert postings.best(["city"], weight, most_stories=5, limit=10) == ["s4", "s3", "s2", "s1", "s0"]  # ties: by id
