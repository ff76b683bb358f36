"""What every published record shares: the schema version, the vocabularies, the frozen strict base."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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


class Record(BaseModel):
    """Base for published records: frozen, and strict about unknown fields when read back."""

    # Every field is always written, so the published schema lists them all as required.
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)
