"""Every record that crosses a topic, as pydantic models (the JSON Schemas in schemas/ come from here)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: Bumped on any change to an output record's shape; consumers can branch on it.
SCHEMA_VERSION: Literal["1.0"] = "1.0"

EntityType = Literal["person", "organisation", "place", "event", "group", "other"]
InputFormat = Literal["text", "html", "json"]
LanguageStatus = Literal["supported", "unsupported", "unknown"]
DeadLetterReason = Literal[
    "not_json",
    "invalid_shape",
    "empty_body",
    "too_large",
    "invalid_utf8",
    "no_text",
    "processing_error",
]


class _Record(BaseModel):
    """Base for published records: frozen, and strict about unknown fields when read back."""

    # Every field is always written, so the published schema lists them all as required.
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


class RawArticle(BaseModel):
    """A JSON article as producers send it; plain text and HTML messages are wrapped into one of these."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str | None = Field(default=None, max_length=200, description="Producer's own id; kept if given.")
    title: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, description="Article text (plain).")
    html: str | None = Field(default=None, description="Article page as HTML; used when body is absent.")
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500, description="Publisher or feed name.")
    published_at: datetime | None = None
    language: str | None = Field(default=None, max_length=20, description="Hint; detection still runs.")

    @model_validator(mode="after")
    def _needs_content(self) -> RawArticle:
        if not (self.body and self.body.strip()) and not (self.html and self.html.strip()):
            raise ValueError("article has neither 'body' nor 'html' text")
        return self


class Article(BaseModel):
    """A normalised article: clean text, ready for enrichment (internal; not published on its own)."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str | None
    text: str = Field(description="Clean body text; paragraphs joined by a blank line.")
    paragraphs: list[str]
    photo_credits: list[str]
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None
    language: str | None
    language_status: LanguageStatus
    word_count: int
    content_hash: str = Field(description="sha256 of the clean title and text.")
    near_duplicate_key: str = Field(description="64-bit SimHash of word shingles, hex.")
    input_format: InputFormat


class Mention(_Record):
    """One occurrence of an entity: the surface text and its character span in `text` (end exclusive)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(_Record):
    """An entity of one article, with its mentions merged under a canonical name."""

    id: str = Field(description="Wikidata id (Q…) when known, else 'newsflow:<type>:<slug>'.")
    name: str = Field(description="Canonical name.")
    type: EntityType
    wikidata_id: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or ISO 3166-2 code.")
    mention_count: int = Field(ge=1)
    salience: float = Field(ge=0, le=1, description="Share of the article's attention, 0..1.")
    tone: float | None = Field(default=None, ge=-1, le=1, description="Mean polarity of sentences naming it.")
    mentions: list[Mention]


class Topic(_Record):
    """An IPTC Media Topic (https://cv.iptc.org/newscodes/mediatopic/, CC BY 4.0, IPTC)."""

    code: str = Field(pattern=r"^medtop:[0-9]{8}$")
    name: str
    level: int = Field(ge=1)
    parent: str | None = Field(default=None, description="Code of the broader topic.")
    score: float = Field(ge=0, le=1)


class Quote(_Record):
    """A direct quotation with its speaker, resolved to an entity where the text allows."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = None
    speaker_entity_id: str | None = None


class Tone(_Record):
    """Document tone from a lexicon: shares of positive / negative words and an overall polarity."""

    positive: float = Field(ge=0, le=1)
    negative: float = Field(ge=0, le=1)
    neutral: float = Field(ge=0, le=1)
    polarity: float = Field(ge=-1, le=1)


class SourcePosition(_Record):
    """Where an input message was read from."""

    topic: str
    partition: int
    offset: int


class EnrichedArticle(_Record):
    """Published to `articles.enriched`, keyed by article id: one per article."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str
    title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None
    language: str | None
    language_status: LanguageStatus
    text: str
    paragraphs: list[str]
    photo_credits: list[str]
    word_count: int
    content_hash: str
    near_duplicate_key: str
    input_format: InputFormat
    entities: list[Entity]
    topics: list[Topic]
    quotes: list[Quote]
    tone: Tone | None
    duplicate_of: str | None = Field(
        default=None, description="Id of the first article with this id or content; set on repeats only."
    )
    duplicate_reason: Literal["same_id", "same_content"] | None = None
    processed_at: datetime
    timings_ms: dict[str, float] = Field(description="Time spent per pipeline stage.")
    source_position: SourcePosition | None = None
    story_id: str | None = Field(
        default=None,
        description="The story (real-world event) the article belongs to, when known at publication; on "
        "articles.enriched it is null (clustering follows enrichment): the `stories` topic lists each story's "
        "articles.",
    )


class EntityMention(_Record):
    """Published to `entities.mentions`, keyed by entity id: one per entity per article."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    entity_id: str
    name: str
    type: EntityType
    wikidata_id: str | None
    country_code: str | None
    article_id: str
    article_title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None
    mention_count: int
    salience: float
    mentions: list[Mention]
    topics: list[str] = Field(description="IPTC codes of the article.")
    processed_at: datetime


class DeadLetter(_Record):
    """Published to `articles.deadletter`: input the worker could not process, with the bytes it got."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    reason: DeadLetterReason
    detail: str
    source_position: SourcePosition | None
    key_b64: str | None = Field(description="The input message key, base64.")
    original_b64: str = Field(description="The input message value, base64; cut to keep the record publishable.")
    original_size: int = Field(description="Size of the whole input value in bytes.")
    original_truncated: bool = Field(description="True when original_b64 holds only the start of the value.")
    failed_at: datetime


StoryChange = Literal["created", "grew", "merged", "closed"]


class StoryEntity(_Record):
    """An entity as story clustering sees it: id, name, type and how much the article is about it."""

    id: str
    name: str
    type: EntityType
    salience: float = Field(ge=0, le=1)
    count: int = Field(default=1, ge=1, description="Mentions in the article, or articles in the story.")


class StoryFeatures(_Record):
    """Internal topic `<app id>-story-features` (one partition): what clustering needs of one article, not its text."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    article_id: str
    title: str | None
    source: str | None
    published_at: datetime | None
    processed_at: datetime
    entities: list[StoryEntity]
    topics: list[str] = Field(description="IPTC codes of the article, best first.")
    terms: dict[str, int] = Field(description="Counts of the content words of the title and lead (bounded).")


class Story(_Record):
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
    sources: list[str] = Field(description="Distinct sources, most articles first.")
    entities: list[StoryEntity] = Field(description="Top entities; count = articles naming them.")
    places: list[StoryEntity] = Field(description="The main places; count = articles naming them.")
    topics: list[str] = Field(description="Top IPTC codes, most articles first.")
    article_ids: list[str] = Field(description="The latest article ids, in arrival order (at most 100).")
    closed: bool = Field(description="True once the story has been quiet for NEWSFLOW_STORY_QUIET_PERIOD.")
    updated_at: datetime


#: The models published on output topics, by schema file name.
PUBLISHED_MODELS: dict[str, type[BaseModel]] = {
    "raw_article": RawArticle,
    "enriched_article": EnrichedArticle,
    "entity_mention": EntityMention,
    "dead_letter": DeadLetter,
    "story": Story,
}
