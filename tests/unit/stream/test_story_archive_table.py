"""The stories stage keeps the archive of closed stories in its table: a restarted worker re-opens a story from
it, and signatures the restore drops (the bound lowered) leave the table."""

from __future__ import annotations

from pydantic_core import from_json, to_json

from tests.unit.stories.test_archive import SENTENCED, SHOOTING, background
from worker.stories.archive import Signature
from worker.stories.cluster import Params
from worker.stories.state import StoryState
from worker.stream.stories import ARCHIVED, StoryStage


def test_the_archive_survives_a_restart_through_the_table_and_leaves_it_when_reopened() -> None:
    table: dict[str, str] = {}
    stage = StoryStage(table, Params())
    for item in [*background(0), SHOOTING, *background(100, 20)]:
        stage.add(item)
    assert ARCHIVED + "story:event" in table and "story:event" not in table
    kept = Signature.from_json(from_json(table[ARCHIVED + "story:event"]))
    assert {"$okafor", "$lindqvist"} <= kept.persons and kept.articles == 1
    restarted = StoryStage(table, Params())  # a new worker: the clusterer is rebuilt from the table
    restarted.add(SENTENCED)
    assert restarted.clusterer.article_story["court"] == "story:event"
    assert ARCHIVED + "story:event" not in table
    assert StoryState.from_json(from_json(table["story:event"])).count == 2


def test_signatures_the_restore_drops_leave_the_table() -> None:
    table = {}
    for index in range(3):
        kept = Signature(f"story:{index}", 1.0, 2.0, 2.0, float(index), 2, frozenset({"$a", "$b", "$c"}), None, "")
        table[ARCHIVED + kept.id] = to_json(kept.to_json()).decode()
    stage = StoryStage(table, Params(archive_capacity=1))
    assert list(stage.clusterer.archive.entries) == ["story:2"]
    assert sorted(table) == [ARCHIVED + "story:2"]
