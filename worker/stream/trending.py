"""Trending entities, the pure part: windows, the per-window table value, query parsing and ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, get_args

from worker.models import EntityType, MentionCount
from worker.stream.view_queries import parse_limit

#: Window name -> (size, how long a window is kept), seconds. Tumbling windows aligned to the epoch.
WINDOWS: dict[str, tuple[int, int]] = {"5m": (300, 3600), "1h": (3600, 86400)}


def counted(mention: MentionCount) -> bool:
    """Only an article's first revision counts: a corrected article is one article, not two."""
    return mention.article_revision == 1


def bump(current: Mapping[str, Any], mention: MentionCount) -> dict[str, Any]:
    """The table value after one more mention: the count, plus name and type so the view needs no other lookup."""
    return {"name": mention.name, "type": mention.type, "count": int(current.get("count", 0)) + 1}


def window_start(at: float, size: int) -> float:
    """Start of the tumbling window of `size` seconds that holds the instant `at` (faust's alignment)."""
    return float((at // size) * size)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Query:
    """GET /entities/trending?window=1h&type=person&limit=10&at=2026-04-12T11:45:00Z"""

    window: str = "1h"
    type: str | None = None
    limit: int = 10
    at: float | None = None  # default: now


def parse_query(params: Mapping[str, str]) -> Query:
    """The view's query string, checked; ValueError says what is wrong in one line."""
    window = params.get("window") or "1h"
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    kind = params.get("type") or None
    if kind is not None and kind not in get_args(EntityType):
        raise ValueError(f"type must be one of {', '.join(get_args(EntityType))}, not {kind!r}")
    limit = parse_limit(params)
    return Query(window=window, type=kind, limit=limit, at=_instant(params.get("at")))


def _instant(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"at must be Unix seconds or an ISO 8601 time, not {text!r}") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def rank(items: Iterable[tuple[Any, Any]], query: Query, now: float) -> dict[str, Any]:
    """The view's JSON: the window holding `query.at` (or now), its top entities by count, ties by name.

    `items` are a windowed table's raw entries: ((entity id, (window start, window end)), value).
    """
    size = WINDOWS[query.window][0]
    start = window_start(query.at if query.at is not None else now, size)
    bounds = {"window_start": iso(start), "window_end": iso(start + size)}
    rows = [
        {"entity_id": entity_id, "name": value["name"], "type": value["type"], "count": value["count"], **bounds}
        for (entity_id, (range_start, _range_end)), value in items
        if range_start == start and (query.type is None or value["type"] == query.type)
    ]
    rows.sort(key=lambda row: (-row["count"], row["name"], row["entity_id"]))
    return {"window": query.window, **bounds, "type": query.type, "limit": query.limit, "entities": rows[: query.limit]}
