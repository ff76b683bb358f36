"""The records the worker publishes per article: enriched articles, entity mentions, dead letters."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from worker.models.base import SCHEMA_VERSION, DeadLetterReason, EntityType, InputFormat, LanguageStatus, Record
from worker.models.inputs import DroppedField


class Mention(Record):
    """One occurrence of an entity: the surface text and its character span in `text` (end exclusive)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Geo(Record):
    """Where a place is: its GeoNames entry (data © GeoNames, CC BY 4.0), chosen from the article's context."""

    geonames_id: int = Field(description="GeoNames id: https://www.geonames.org/<id>.")
    name: str = Field(description="GeoNames name of the place.")
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    feature_class: Literal["country", "region", "county", "city", "continent"] = Field(
        description="country; region (first-level subdivision); county (second-level); city (populated place); "
        "continent (no country code)."
    )
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    region_code: str | None = Field(default=None, description="ISO 3166-2 code of the first-level region.")
    population: int | None = Field(default=None, ge=0, description="GeoNames population (summed for areas).")
    score: float = Field(
        ge=0, le=1,
        description="Resolver confidence; ambiguous places below 0.25 get no geo. 0.2: a place the gazetteer lacks, "
        "located at the place the article puts it in (\"Cairo's Abbasiya neighbourhood\") or, for a locality of "
        "GeoNames's postal codes, at the article's place within 100 km of it (\"Stoke Newington\": London).",
    )


class Location(Record):
    """A place the article is about, by salience: enough to put the article on a map."""

    entity_id: str
    name: str
    salience: float = Field(ge=0, le=1)
    geo: Geo


class Entity(Record):
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


class Topic(Record):
    """An IPTC Media Topic (https://cv.iptc.org/newscodes/mediatopic/, CC BY 4.0, IPTC)."""

    code: str = Field(pattern=r"^medtop:[0-9]{8}$")
    name: str
    level: int = Field(ge=1)
    parent: str | None = Field(default=None, description="Code of the broader topic.")
    score: float = Field(ge=0, le=1)


class Quote(Record):
    """A direct quotation with its speaker, resolved to an entity where the text allows."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = None
    speaker_entity_id: str | None = None


class Tone(Record):
    """Document tone from a lexicon: shares of positive / negative words and an overall polarity."""

    positive: float = Field(ge=0, le=1)
    negative: float = Field(ge=0, le=1)
    neutral: float = Field(ge=0, le=1)
    polarity: float = Field(ge=-1, le=1)


class SourcePosition(Record):
    """Where an input message was read from."""

    topic: str
    partition: int
    offset: int


class EnrichedArticle(Record):
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
        description="The story (real-world event) the article joined when it arrived: the id of the `stories` "
        "record that took it (a later `merged` record of that story names the story that holds it since). Null "
        "when the clustering stage could not take the article, or a repeat's original story had closed.",
    )


class EntityMention(Record):
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


class TalliedEntity(BaseModel):
    """One entity's counted mentions in a batch: its latest name and type, and how many articles mentioned it."""

    model_config = ConfigDict(frozen=True)

    entity_id: str
    name: str
    type: EntityType
    count: int = Field(ge=1)


class MentionTally(BaseModel):
    """Internal, not published: a batch's counted mentions (first revisions only) of the entities of one partition
    of the tally topic, from the enrich agent to the trending agent (one record instead of one read a mention)."""

    model_config = ConfigDict(frozen=True)

    entities: list[TalliedEntity]


class DeadLetter(Record):
    """Published to `articles.deadletter`: input the worker could not process, with the bytes it got."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    reason: DeadLetterReason
    detail: str
    source_position: SourcePosition | None
    key_b64: str | None = Field(description="The input message key, base64; cut like the value.")
    key_truncated: bool = Field(default=False, description="True when key_b64 holds only the start of the key.")
    original_b64: str = Field(description="The input message value, base64; cut to keep the record publishable.")
    original_size: int = Field(description="Size of the whole input value in bytes.")
    original_truncated: bool = Field(description="True when original_b64 holds only the start of the value.")
    failed_at: datetime
