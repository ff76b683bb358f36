"""The records of the stories stage: the features an article sends, and the Story snapshots."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from worker.models.base import SCHEMA_VERSION, EntityType, Record

StoryChange = Literal["created", "grew", "merged", "closed"]


class StoryEntity(Record):
    """An entity as story clustering sees it: id, name, type and how much the article is about it."""

    id: str
    name: str
    type: EntityType
    salience: float = Field(ge=0, le=1)
    count: int = Field(default=1, ge=1, description="Mentions in the article, or articles in the story.")


class StoryFeatures(Record):
    """Internal topic `<app id>-story-features` (one partition): what clustering needs of one article, not its text."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    article_id: str
    title: str | None
    source: str | None = Field(description="The message's source, else the site of the article's url.")
    published_at: datetime | None
    processed_at: datetime
    entities: list[StoryEntity]
    topics: list[str] = Field(description="IPTC codes of the article, best first.")
    terms: dict[str, int] = Field(description="Counts of the content words of the title and lead (bounded); a short "
                                  "article's also those of its address's slug.")
    dates: list[date] = Field(default_factory=list, description="The days its headline and lead name (\"on Saturday\", "
                              "\"Nov. 12\"), resolved against its publication time: the days its event happened on.")
    duplicate_of: str | None = Field(
        default=None,
        description="Set for a repeat (the article's own duplicate_of): not clustered; its enriched record gets the "
        "story of the article it repeats.",
    )
    enriched: str | None = Field(
        default=None,
        description="The article's articles.enriched record as JSON text (story_id null): the clustering agent "
        "publishes it there with its story_id. Null when the enrich agent published the article itself.",
    )


class Story(Record):
    """Published to `stories`, keyed by story id (compacted): a story's state each time it is created or changes."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="Story id: 'story:' and the id of the article that started it.")
    change: StoryChange = Field(description="What this record reports: created, grew, merged or closed.")
    changed_by: list[str] = Field(description="The article ids that made this change (none when closed).")
    title: str | None = Field(description="A representative title: the article closest to the story's centre.")
    representative_article_id: str
    first_seen: datetime
    last_seen: datetime
    article_count: int = Field(ge=1)
    sources: list[str] = Field(description="Distinct sources, most articles first: each article's source, else the "
                                           "site of its url.")
    entities: list[StoryEntity] = Field(description="Top entities; count = articles naming them.")
    places: list[StoryEntity] = Field(description="The main places; count = articles naming them.")
    topics: list[str] = Field(description="Top IPTC codes, most articles first.")
    event_date: date | None = Field(
        default=None,
        description="The day most of its articles say it happened on (the days their headlines and leads name: 'on "
        "Saturday', 'Nov. 12', '12 de noviembre', '12 listopada'; in the languages the worker tags), the earliest on "
        "a tie; null when none names a day.",
    )
    article_ids: list[str] = Field(description="The latest article ids, in arrival order (at most 100).")
    closed: bool = Field(
        description=(
            "True once the story has been quiet for its quiet period; a later follow-up can re-open it (a `grew` "
            "record with closed false under the same id)."
        )
    )
    merged_into: str | None = Field(
        default=None,
        description="On a `merged` record (closed): the id of the story that took this story's articles.",
    )
    updated_at: datetime
