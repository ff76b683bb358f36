"""The clustering stage around the pure clusterer: state kept in a Faust table, Story records out.

One agent on the single-partition features topic runs this (so on one worker at a time). The table (key:
story id, value: the story's state as JSON) is the durable copy, with a changelog; the clusterer's indexes
are rebuilt from it whenever the partition is (re)assigned, so a restarted or replacing worker resumes with
the same stories. Assignments of the open stories' articles are in the rebuilt state too, so an article
delivered again after a crash is recognised, not assigned twice, and given the same story id again.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import NamedTuple

import structlog
from pydantic_core import from_json, to_json

from worker.models import Story, StoryChange, StoryFeatures
from worker.stories.archive import Signature
from worker.stories.cluster import Clusterer, Params
from worker.stories.features import arrival_time
from worker.stories.record import story_record
from worker.stories.state import StoryState

log = structlog.get_logger("newsflow.stories")

#: Table keys of closed stories' signatures (`worker.stories.archive`), beside the open stories' ids.
ARCHIVED = "archive:"


class Placed(NamedTuple):
    """Where an article went: its story's id, and the Story records its arrival changed."""

    story_id: str | None
    records: list[Story]


class StoryStage:
    """Holds the clusterer; `table` is the Faust table (a dict in tests)."""

    def __init__(self, table: MutableMapping[str, str], params: Params) -> None:
        self.table = table
        self.params = params
        self._clusterer: Clusterer | None = None

    def reset(self) -> None:
        """Forget the in-memory indexes (the partition moved): they are rebuilt from the table on next use."""
        self._clusterer = None

    @property
    def clusterer(self) -> Clusterer:
        if self._clusterer is None:
            saved, archived = self._saved()
            self._clusterer = Clusterer.restored(self.params, saved, archived)
            # A signature dropped (re-opened, too old, over the archive's bound) leaves the table too; so do
            # those the restore itself dropped (the bound lowered since they were written).
            self._clusterer.archive.on_drop = lambda story_id: self.table.pop(ARCHIVED + story_id, None)
            kept = self._clusterer.archive.entries
            for story_id in {found.id for found in archived} - kept.keys():
                self.table.pop(ARCHIVED + story_id, None)
            log.info("stories_restored", open_stories=len(saved), archived=len(kept),
                     articles=sum(story.count for story in saved))
        return self._clusterer

    def open_stories(self) -> tuple[list[StoryState], float]:
        """The open stories and the stream's clock, for the view (never builds the clusterer: a table being
        recovered must not become the clusterer's state)."""
        if self._clusterer is not None:
            return list(self._clusterer.stories.values()), self._clusterer.clock
        saved, _ = self._saved(archive=False)
        return saved, max((story.last_arrival for story in saved), default=0.0)

    def _saved(self, *, archive: bool = True) -> tuple[list[StoryState], list[Signature]]:
        """The table's open stories and (unless `archive` is false) archived signatures."""
        saved, archived = [], []
        for key, value in list(self.table.items()):
            if not key.startswith(ARCHIVED):
                saved.append(StoryState.from_json(from_json(value)))
            elif archive:
                archived.append(Signature.from_json(from_json(value)))
        return saved, archived

    def place(self, features: StoryFeatures) -> Placed:
        """One article: its story id (for its enriched record) and the Story records to publish. A repeat
        (`duplicate_of`) is not clustered: it gets the story of the article it repeats, if that is still open."""
        if features.duplicate_of is not None:
            return Placed(self.clusterer.article_story.get(features.duplicate_of), [])
        records = self.add(features)
        return Placed(self.clusterer.article_story.get(features.article_id), records)

    def add(self, features: StoryFeatures) -> list[Story]:
        """One article: close the stories gone quiet, assign it, update the table; the Story records to publish."""
        clusterer = self.clusterer
        records = []
        clusterer.clock = max(clusterer.clock, arrival_time(features))
        for story in clusterer.expire():
            self.table.pop(story.id, None)
            kept = clusterer.archive.entries.get(story.id)
            if kept is not None:
                self.table[ARCHIVED + story.id] = to_json(kept.to_json()).decode()
            records.append(story_record(story, "closed", [], closed=True))
        assignment = clusterer.assign(features)
        if assignment.repeated:
            # Assigned before a crash, maybe unpublished: the story's state again (a compacted topic keeps the last).
            log.info("story_repeat_ignored", article_id=features.article_id, story_id=assignment.story.id)
            again: StoryChange = "created" if assignment.story.article_ids == [features.article_id] else "grew"
            return [*records, story_record(assignment.story, again, [features.article_id])]
        story = assignment.story
        changed_by = [features.article_id]
        for absorbed in assignment.merged:
            # Its articles are the survivor's now: its last record says where they went, the survivor's names them.
            self.table.pop(absorbed.id, None)
            records.append(story_record(absorbed, "merged", [], closed=True, merged_into=story.id))
            changed_by += absorbed.article_ids
            log.info("story_merged", story_id=absorbed.id, into=story.id, article_id=features.article_id,
                     articles=absorbed.count)
        # pydantic-core's JSON writer: what json.dumps wrote, without the spaces (floats round-trip exactly), 5 times
        # faster; the value (up to 1,000 article ids) is written on every change of a story (BENCHMARKS.md).
        self.table[story.id] = to_json(story.to_json()).decode()
        change: StoryChange = "created" if assignment.created else "grew"
        records.append(story_record(story, change, changed_by))
        log.info("story_assigned", article_id=features.article_id, story_id=story.id, change=change,
                 score=round(assignment.score, 3), articles=story.count)
        return records

