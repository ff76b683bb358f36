"""The archive's second way back: a follow-up naming the event's day and sharing its rare keys re-opens its story."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from tests.unit.stories.test_archive import SHOOTING, article, background, replay
from worker.stories.archive import ARCHIVED_DAYS, DAY_READS, Archive, Signature, most_named, packed
from worker.stories.cluster import Clusterer, Params

#: The day the shooting's reports name (it is published on 2026-02-19).
SHOT_ON = date(2026, 2, 18)
DATED = SHOOTING.model_copy(update={"dates": [SHOT_ON]})
#: Months later: one of the event's people (two name keys, not the three of the people rule), its place, its day.
VIGIL = article("vigil", "Vigil marks Harbor Street bar shooting", ["Maria Lindqvist"],
                "Maria Lindqvist joined a vigil at the Harbor Street bar where two were shot on February 18.", days=170)


#: Documents holding each key: "common" and "$common" are held by many, the rest by none besides the story's.
DF = {"common": 50, "$common": 50}


def signature(index: int, day: str = "2026-02-18") -> Signature:
    return Signature(f"story:{index}", 0.0, 0.0, float(index), float(index), 2, frozenset({"$okafor", "$common"}),
                     None, "", packed(["harbor", "street", "common"]), days=(day,))


def test_a_follow_up_naming_the_event_s_day_and_place_reopens_its_story() -> None:
    stream = [*background(0), DATED, *background(100, 20)]
    assert replay(Clusterer(Params()), [*stream, VIGIL.model_copy(update={"dates": [SHOT_ON]})])["vigil"] == \
        "story:event"
    # Without the day, or with another, the people rule alone decides: one person is not enough.
    assert replay(Clusterer(Params()), [*stream, VIGIL])["vigil"] == "story:vigil"
    other_day = VIGIL.model_copy(update={"dates": [date(2026, 3, 18)]})
    assert replay(Clusterer(Params()), [*stream, other_day])["vigil"] == "story:vigil"


def test_the_day_needs_two_rare_keys_one_of_them_a_word() -> None:
    archive = Archive(period=1e9, capacity=10)
    archive.put(signature(1))
    day = ["2026-02-18"]
    assert archive.match_day(day, {"harbor": 1, "street": 1}, set(), DF, 1.0, 2) == signature(1)
    assert archive.match_day(day, {"harbor": 1}, {"$okafor"}, DF, 1.0, 2) == signature(1)  # a word and a person
    assert archive.match_day(day, {"harbor": 1}, set(), DF, 1.0, 2) is None
    assert archive.match_day(day, {"harbor": 1}, set(), DF, 1.0, 1) == signature(1)
    assert archive.match_day(day, {"bridge": 1}, {"$okafor", "$lindqvist"}, DF, 1.0, 2) is None  # people, no word
    assert archive.match_day(day, {"harbor": 1, "common": 1}, {"$common"}, DF, 1.0, 2) is None  # not rare
    assert archive.match_day(["2026-02-19"], {"harbor": 1, "street": 1}, set(), DF, 1.0, 2) is None


def test_the_latest_story_of_a_day_is_taken_and_only_the_day_s_latest_are_read() -> None:
    archive = Archive(period=1e9, capacity=3 * DAY_READS)
    archive.put(signature(0))
    archive.put(signature(1))
    archive.put(signature(2, "2026-02-17"))
    words = {"harbor": 1, "street": 1}
    assert archive.match_day(["2026-02-17", "2026-02-18"], words, set(), DF, 1.0, 2) == signature(2, "2026-02-17")
    assert archive.match_day(["2026-02-18"], words, set(), DF, 1.0, 2) == signature(1)
    # A busy day: the latest DAY_READS stories naming it are read, the older ones are out of reach.
    archive.take("story:1")
    for index in range(3, DAY_READS + 2):
        archive.put(replace(signature(index), terms=packed(["bridge"])))
    assert archive.match_day(["2026-02-18"], words, set(), DF, 1.0, 2) == signature(0)
    archive.put(replace(signature(DAY_READS + 2), terms=packed(["bridge"])))
    assert archive.match_day(["2026-02-18"], words, set(), DF, 1.0, 2) is None


def test_the_day_postings_follow_the_archive() -> None:
    archive = Archive(period=5.0, capacity=2)
    for index in range(3):
        archive.put(signature(index, f"2026-02-1{index}"))
    assert archive.day_postings == {"2026-02-11": {"story:1": None}, "2026-02-12": {"story:2": None}}
    archive.take("story:1")
    archive.expire(100.0)
    assert archive.day_postings == {} and archive.entries == {}


def test_a_signature_keeps_its_days_through_the_table_and_one_saved_before_has_none() -> None:
    clusterer = Clusterer(Params())
    replay(clusterer, [*background(0), DATED, *background(100, 20)])
    kept = clusterer.archive.entries["story:event"]
    assert kept.days == ("2026-02-18",)
    assert Signature.from_json(json.loads(json.dumps(kept.to_json()))) == kept
    saved = {name: value for name, value in kept.to_json().items() if name != "days"}
    assert Signature.from_json(saved).days == ()


def test_a_signature_keeps_its_story_s_most_named_days_the_latest_on_a_tie() -> None:
    days = {f"2026-01-{day:02d}": 1 for day in range(1, 20)} | {"2025-12-31": 5}
    kept = most_named(days)
    assert len(kept) == ARCHIVED_DAYS and kept[0] == "2025-12-31"
    assert set(kept[1:]) == {f"2026-01-{day:02d}" for day in range(19 - ARCHIVED_DAYS + 2, 20)}
