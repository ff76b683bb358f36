"""A story's state as the published Story record."""

from __future__ import annotations

from datetime import UTC, date, datetime

from worker.models import Story, StoryChange, StoryEntity
from worker.stories.features import iso
from worker.stories.state import StoryState

#: Article ids a Story record lists (the latest).
LATEST_ARTICLES = 100
TOP_ENTITIES = 10
TOP_PLACES = 5
TOP_TOPICS = 5


def story_record(
    story: StoryState, change: StoryChange, changed_by: list[str], *, closed: bool = False,
    merged_into: str | None = None,
) -> Story:
    """The record for the `stories` topic: top entities and places by articles naming them, then by salience."""
    ranked = sorted(story.entities.items(), key=lambda item: (-item[1][2], -item[1][3], item[1][0]))
    top = ranked[:TOP_ENTITIES]
    places = [item for item in ranked if item[1][1] == "place"][:TOP_PLACES]
    # Only the entities the record names become models (a story keeps up to 64; this runs on every change).
    made = {entity_id: StoryEntity(id=entity_id, name=name, type=kind, count=articles,
                                   salience=min(1.0, round(salience / story.count, 4)))
            for entity_id, (name, kind, articles, salience) in top + places}
    return Story(
        id=story.id,
        change=change,
        changed_by=changed_by,
        title=story.title,
        representative_article_id=story.representative or story.article_ids[0],
        first_seen=iso(story.first_seen),
        last_seen=iso(story.last_seen),
        article_count=story.count,
        sources=[name for name, _ in sorted(story.sources.items(), key=lambda item: (-item[1], item[0]))],
        entities=[made[entity_id] for entity_id, _ in top],
        places=[made[entity_id] for entity_id, _ in places],
        topics=[code for code, _ in sorted(story.topics.items(), key=lambda item: (-item[1], item[0]))][:TOP_TOPICS],
        event_date=date.fromisoformat(day) if (day := story.event_day()) else None,
        article_ids=story.article_ids[-LATEST_ARTICLES:],
        closed=closed,
        merged_into=merged_into,
        updated_at=datetime.now(UTC),
    )
