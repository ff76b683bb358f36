"""Every record that crosses a topic, as pydantic models (the JSON Schemas in schemas/ come from here)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic.json_schema import SkipJsonSchema

from worker.normalise.dates import parse_datetime

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
    "unknown_charset",
    "undecodable",
    "no_text",
    "processing_error",
    "undecodable_batch",
]


class _Record(BaseModel):
    """Base for published records: frozen, and strict about unknown fields when read back."""

    # Every field is always written, so the published schema lists them all as required.
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


#: A publication date as feeds write it (RFC 2822, ISO 8601, date only, Unix seconds or milliseconds), in UTC.
FeedDate = Annotated[
    datetime | None,
    BeforeValidator(parse_datetime),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}),
]


def _integer_as_text(value: object) -> object:
    """Feeds number their items: an integer id is the same id as text (a float or a bool is not an id)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class DroppedField(_Record):
    """An optional input field that could not be read: the article went on without it."""

    field: str = Field(description="Name of the input field, e.g. 'published_at'.")
    reason: str = Field(description="Why it was dropped, with the start of the value.")


class RawArticle(BaseModel):
    """A JSON article as producers send it; plain text and HTML messages are wrapped into one of these."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Annotated[
        str | None,
        BeforeValidator(_integer_as_text),
        WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 200}, {"type": "integer"}, {"type": "null"}]}),
    ] = Field(default=None, max_length=200, description="Producer's own id (an integer counts as text); kept.")
    title: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, description="Article text (plain).")
    html: str | None = Field(default=None, description="Article page as HTML; used when body is absent.")
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500, description="Publisher or feed name.")
    published_at: FeedDate = Field(
        default=None,
        description="RFC 2822 (RSS), ISO 8601 with or without zone (none means UTC), a date only, or Unix "
        "seconds or milliseconds (number or string); published in UTC.",
    )
    language: str | None = Field(default=None, max_length=20, description="Hint; detection still runs.")
    #: Optional fields the decoder could not read and left out (set by the worker, never read from input).
    dropped_fields: SkipJsonSchema[list[DroppedField]] = Field(default_factory=list, exclude=True)

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
    dropped_fields: list[DroppedField] = Field(default_factory=list)


class Mention(_Record):
    """One occurrence of an entity: the surface text and its character span in `text` (end exclusive)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Geo(_Record):
    """Where a place is: its GeoNames entry (data © GeoNames, CC BY 4.0), chosen from the article's context."""

    geonames_id: int = Field(description="GeoNames id: https://www.geonames.org/<id>.")
    name: str = Field(description="GeoNames name of the place.")
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    feature_class: Literal["country", "region", "county", "city"] = Field(
        description="country; region (first-level subdivision); county (second-level); city (populated place)."
    )
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    region_code: str | None = Field(default=None, description="ISO 3166-2 code of the first-level region.")
    population: int | None = Field(default=None, ge=0, description="GeoNames population (summed for areas).")
    score: float = Field(ge=0, le=1, description="Resolver confidence; ambiguous places below 0.25 get no geo.")


class Location(_Record):
    """A place the article is about, by salience: enough to put the article on a map."""

    entity_id: str
    name: str
    salience: float = Field(ge=0, le=1)
    geo: Geo


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
    geo: Geo | None = Field(default=None, description="Places only: the GeoNames place, when the text settles it.")


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
    word_count: int = Field(
        description="Words in `text`: `\\w+` tokens in scripts written with spaces; in scripts without "
        "(Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar...) each character counts as one word."
    )
    content_hash: str
    near_duplicate_key: str
    input_format: InputFormat
    dropped_fields: list[DroppedField] = Field(
        default_factory=list,
        description="Optional input fields that could not be read (a date in no known format, a title that "
        "is not a string...): the article was enriched without them.",
    )
    entities: list[Entity]
    topics: list[Topic]
    quotes: list[Quote]
    tone: Tone | None
    revision: int = Field(
        default=1,
        ge=1,
        description="1 for the first content seen under this id, n+1 for new content under a known id (a "
        "correction or update). Per id, the highest revision is the latest; a repeat carries the revision of "
        "the content it repeats.",
    )
    locations: list[Location] = Field(
        default_factory=list, description="The located places the story is about, most salient first."
    )
    duplicate_of: str | None = Field(
        default=None,
        description="Set on repeats only: the id of the article whose content this repeats exactly (the same id "
        "when the latest revision came again, another id when the same content came under a new id).",
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
    article_revision: int = Field(
        default=1,
        ge=1,
        description="The article's revision; trending counts revision 1 only, so a corrected article is counted once.",
    )
    article_title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None
    mention_count: int
    salience: float
    mentions: list[Mention]
    topics: list[str] = Field(description="IPTC codes of the article.")
    processed_at: datetime
    geo: Geo | None = Field(default=None, description="Places only: the GeoNames place, as on the entity.")


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
