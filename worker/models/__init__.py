"""Every record that crosses a topic, as pydantic models (the JSON Schemas in schemas/ come from here).

One package, one import: `from worker.models import EnrichedArticle`. base.py holds the vocabularies and the
strict base every published record extends; inputs.py what producers send; records.py what the worker
publishes per article; stories.py the stories stage's records.
"""

from __future__ import annotations

from pydantic import BaseModel

from worker.models.base import SCHEMA_VERSION, DeadLetterReason, EntityType, InputFormat, LanguageStatus, Record
from worker.models.inputs import Article, DroppedField, FeedDate, RawArticle
from worker.models.records import (
    DeadLetter,
    EnrichedArticle,
    Entity,
    EntityMention,
    Geo,
    Location,
    Mention,
    MentionTally,
    Quote,
    SourcePosition,
    TalliedEntity,
    Tone,
    Topic,
)
from worker.models.stories import Story, StoryChange, StoryEntity, StoryFeatures

#: The models published on output topics, by schema file name.
PUBLISHED_MODELS: dict[str, type[BaseModel]] = {
    "raw_article": RawArticle,
    "enriched_article": EnrichedArticle,
    "entity_mention": EntityMention,
    "dead_letter": DeadLetter,
    "story": Story,
}

__all__ = [
    "Article",
    "DeadLetter",
    "DeadLetterReason",
    "DroppedField",
    "EnrichedArticle",
    "Entity",
    "EntityMention",
    "EntityType",
    "FeedDate",
    "Geo",
    "InputFormat",
    "LanguageStatus",
    "Location",
    "Mention",
    "MentionTally",
    "PUBLISHED_MODELS",
    "Quote",
    "RawArticle",
    "Record",
    "SCHEMA_VERSION",
    "SourcePosition",
    "TalliedEntity",
    "Story",
    "StoryChange",
    "StoryEntity",
    "StoryFeatures",
    "Tone",
    "Topic",
]
