"""What producers send (RawArticle) and the clean article normalise makes of it (internal)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic.json_schema import SkipJsonSchema

from worker.models.base import InputFormat, LanguageStatus, Record
from worker.normalise.dates import parse_datetime

#: A publication date as feeds write it (RFC 2822, ISO 8601, date only, Unix seconds or milliseconds), in UTC.
FeedDate = Annotated[
    datetime | None,
    BeforeValidator(parse_datetime),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}),
]


def _integer_as_text(value: object) -> object:
    """Feeds number their items: an integer id is the same id as text (a float or a bool is not an id)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class DroppedField(Record):
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
