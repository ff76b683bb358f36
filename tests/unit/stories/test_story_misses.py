"""The misses script's reasons (scripts/story_misses.py): why an event's later report joined none of its earlier
ones, from the archive's rule to the open story's evidence."""

from __future__ import annotations

from types import ModuleType

from tests.scripts import load_script
from tests.unit.stories.test_archive import SENTENCED, SHOOTING, article, background
from worker.models import StoryFeatures
from worker.stories.cluster import Params


def script() -> ModuleType:
    return load_script("story_misses")


def events(stream: list[StoryFeatures]) -> dict[str, str]:
    """Each article its own event, but the shooting's reports one."""
    return {a.article_id: "shooting" if a.article_id in ("event", "court", "teaser") else a.article_id for a in stream}


def test_a_follow_up_that_reopens_its_story_is_no_miss() -> None:
    stream = [*background(0), SHOOTING, *background(100, 20), SENTENCED]
    assert script().misses(stream, events(stream), Params()) == []


def test_a_follow_up_the_archive_keeps_out_is_counted_as_archived_or_never_archived() -> None:
    one_person = SENTENCED.model_copy(update={"entities": SENTENCED.entities[:1]})  # two name keys, not three
    stream = [*background(0), SHOOTING, *background(100, 20), one_person]
    assert script().misses(stream, events(stream), Params()) == [("court", "closed, archived", 1)]
    assert script().misses(stream, events(stream), Params(archive_period=0)) == [("court", "closed, not archived", 1)]


def test_a_report_sharing_nothing_with_its_open_story_is_counted_so() -> None:
    teaser = article("teaser", "Watch the video", [], "Subscribe to see more clips", days=45.2)
    stream = [*background(0), SHOOTING, teaser]
    assert script().misses(stream, events(stream), Params()) == [("teaser", "nothing shared", 1)]
