"""Trending entities, the pure part: windows, the per-window table value, query parsing and ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, get_args

from worker.models import EntityMention, EntityType, TalliedEntity
from worker.stream.view_queries import parse_limit

#: Window name -> size, seconds. Tumbling windows aligned to the epoch.
WINDOWS: dict[str, int] = {"5m": 300, "1h": 3600}
#: One table holds both: a key per entity and hour (kept a day), its value the hour's count and the counts of
#: its twelve 5-minute windows. One write a mention instead of one per window (BENCHMARKS.md, issue 15).
HOUR, KEPT = WINDOWS["1h"], 86400
SLOTS = HOUR // WINDOWS["5m"]


def counted(mention: EntityMention) -> bool:
    """Only an article's first revision counts: a corrected article is one article, not two."""
    return mention.article_revision == 1


def bump(current: Mapping[str, Any], entity: TalliedEntity, at: float) -> dict[str, Any]:
    """The hour's value after `entity.count` more mentions at `at`: the hour's count and its 5-minute counts, plus
    name and type so the view needs no other lookup. A value written before the 5-minute counts moved here has none
    yet."""
    slots = list(current.get("5m") or [0] * SLOTS)
    slots[slot_of(at)] += entity.count
    return {"name": entity.name, "type": entity.type, "count": int(current.get("count", 0)) + entity.count,
            "5m": slots}


def slot_of(at: float) -> int:
    """Which 5-minute window of its hour the instant `at` is in (0-11)."""
    return int(at % HOUR // WINDOWS["5m"])


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

    `items` are the hourly table's raw entries: ((entity id, (hour start, hour end)), value); a 5-minute window
    is read from the hour that holds it.
    """
    at = query.at if query.at is not None else now
    size = WINDOWS[query.window]
    start, hour = window_start(at, size), window_start(at, HOUR)
    slot = None if size == HOUR else slot_of(at)
    bounds = {"window_start": iso(start), "window_end": iso(start + size)}
    rows = []
    for (entity_id, (range_start, _range_end)), value in items:
        if range_start != hour or (query.type is not None and value["type"] != query.type):
            continue
        count = value["count"] if slot is None else (value.get("5m") or [0] * SLOTS)[slot]
        if count:
            rows.append({"entity_id": entity_id, "name": value["name"], "type": value["type"], "count": count,
                         **bounds})
    rows.sort(key=lambda row: (-row["count"], row["name"], row["entity_id"]))
    return {"window": query.window, **bounds, "type": query.type, "limit": query.limit, "entities": rows[: query.limit]}
