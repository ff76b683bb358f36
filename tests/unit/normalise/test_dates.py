"""Feed metadata (issue 10, item 6): dates as feeds write them, and optional fields that cannot be read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.support.pipelines import default_pipeline
from worker.errors import BadInput
from worker.models import RawArticle
from worker.normalise.dates import parse_datetime
from worker.normalise.decode import decode
from worker.pipeline import Enriched, Message

NOON = datetime(2026, 4, 12, 11, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "Sun, 12 Apr 2026 11:45:00 GMT",  # RFC 2822, as in RSS
        "Sun, 12 Apr 2026 13:45:00 +0200",
        "12 Apr 2026 07:45:00 EDT",
        "2026-04-12T11:45:00Z",  # ISO 8601 / RFC 3339, as in Atom and JSON-LD
        "2026-04-12T13:45:00+02:00",
        "2026-04-12T11:45:00.000+00:00",
        "2026-04-12T11:45:00",  # no zone: UTC
        "2026-04-12 11:45:00",
        "20260412T114500Z",
        1775994300,  # Unix seconds
        1775994300.0,
        "1775994300",
        1775994300000,  # Unix milliseconds
        "1775994300000",
    ],
)
def test_feed_dates_are_read_and_normalised_to_utc(value: object) -> None:
    assert parse_datetime(value) == NOON
    assert RawArticle.model_validate({"body": "x", "published_at": value}).published_at == NOON


def test_a_date_only_is_midnight_utc() -> None:
    assert parse_datetime("2026-04-12") == datetime(2026, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_no_date_is_none(value: object) -> None:
    assert parse_datetime(value) is None


@pytest.mark.parametrize(
    "value",
    ["yesterday", "12/04/2026 noon", True, [2026, 4, 12], 1e30, float("nan"), "2026-13-45",
     "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
)
def test_what_is_not_a_date_raises_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="date|Unix|large|range"):
        parse_datetime(value)


def test_the_issue_rss_item_is_decoded() -> None:
    value = json.dumps({"title": "T", "body": "Text.", "published_at": "Mon, 12 Apr 2026 11:45:00 GMT"}).encode()
    raw, _ = decode(value, max_bytes=10_000)
    assert raw.published_at == NOON and raw.dropped_fields == []


def test_unreadable_optional_fields_are_dropped_and_named() -> None:
    """A bad date, a numeric title, a list for a URL, an over-long language: the article keeps its text."""
    value = json.dumps(
        {"title": 42, "body": "Text.", "published_at": "last Tuesday", "url": ["a", "b"], "language": "x" * 40,
         "source": "Feed"}
    ).encode()
    raw, _ = decode(value, max_bytes=10_000)
    assert raw.body == "Text." and raw.source == "Feed"
    assert raw.title is None and raw.published_at is None and raw.url is None and raw.language is None
    dropped = {d.field: d.reason for d in raw.dropped_fields}
    assert set(dropped) == {"title", "published_at", "url", "language"}
    assert "last Tuesday" in dropped["published_at"]


def test_an_integer_id_is_kept_as_text() -> None:
    """Feeds number their items; `"id": 12345` is that id, not an unreadable field."""
    raw, _ = decode(b'{"id": 12345, "body": "Text."}', max_bytes=10_000)
    assert raw.id == "12345" and raw.dropped_fields == []


def test_bad_body_is_still_a_dead_letter() -> None:
    with pytest.raises(BadInput) as info:
        decode(b'{"body": 12345, "published_at": "nonsense"}', max_bytes=10_000)
    assert info.value.reason == "invalid_shape"


def test_a_producer_cannot_set_dropped_fields() -> None:
    raw, _ = decode(b'{"body": "Text.", "dropped_fields": [{"field": "x", "reason": "y"}]}', max_bytes=10_000)
    assert raw.dropped_fields == []
    assert "dropped_fields" not in RawArticle.model_json_schema()["properties"]


def test_enriched_record_says_what_was_dropped() -> None:
    value = json.dumps(
        {"id": "rss-1", "body": "Xi Jinping met Antony Blinken in Beijing on Friday.", "published_at": "soon",
         "title": {"text": "T"}}
    ).encode()
    outcome = default_pipeline().process([Message(value)])[0]
    assert isinstance(outcome, Enriched)
    record = outcome.article
    assert record.id == "rss-1" and record.published_at is None and record.title is None
    assert [d.field for d in record.dropped_fields] == ["title", "published_at"]
    assert json.loads(record.model_dump_json())["dropped_fields"][1]["field"] == "published_at"
