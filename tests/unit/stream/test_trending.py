"""The pure half of trending entities: counting values, window alignment, query checks and ranking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from worker.models import TalliedEntity
from worker.stream.trending import Query, bump, parse_query, rank, window_start

T = datetime(2026, 4, 12, 11, 45, tzinfo=UTC).timestamp()  # 11:45 UTC: in the 11:00 hour and the 11:45 5-minute slot


def tallied(count: int = 1, name: str = "Xi Jinping", kind: str = "person") -> TalliedEntity:
    return TalliedEntity(entity_id="Q15031", name=name, type=kind, count=count)  # type: ignore[arg-type]


def test_bump_counts_up_from_an_empty_window_and_keeps_name_and_type() -> None:
    first = bump({}, tallied(), T)
    assert first == {"name": "Xi Jinping", "type": "person", "count": 1, "5m": [0] * 9 + [1, 0, 0]}  # 11:45
    second = bump(first, tallied(), T + 299)
    assert second["count"] == 2 and second["5m"][9] == 2
    assert bump(second, tallied(), T + 300)["5m"][9:] == [2, 1, 0]  # 11:50: the next 5-minute window


def test_bump_adds_a_tallied_count_at_once_and_takes_the_latest_name() -> None:
    value = bump(bump({}, tallied(2), T), tallied(3, name="Xi"), T + 300)
    assert value == {"name": "Xi", "type": "person", "count": 5, "5m": [0] * 9 + [2, 3, 0]}


def test_bump_adds_5_minute_counts_to_an_hour_written_without_them() -> None:
    """A value from before the two tables became one (an upgrade recovers it from the 1h changelog)."""
    later = bump({"name": "Xi Jinping", "type": "person", "count": 7}, tallied(), T)
    assert later["count"] == 8 and sum(later["5m"]) == 1


def test_windows_are_aligned_to_the_epoch_like_faust_tumbling_windows() -> None:
    assert window_start(T, 3600) == datetime(2026, 4, 12, 11, 0, tzinfo=UTC).timestamp()
    assert window_start(T + 299, 300) == T  # 11:49:59 is still in the 11:45 slot
    assert window_start(T + 300, 300) == T + 300


def test_query_defaults_and_accepts_iso_or_unix_times() -> None:
    assert parse_query({}) == Query(window="1h", type=None, limit=10, at=None)
    assert parse_query({"window": "5m", "type": "person", "limit": "3", "at": "2026-04-12T11:45:00Z"}) == Query(
        window="5m", type="person", limit=3, at=T
    )
    assert parse_query({"at": str(T)}).at == T


@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"window": "1d"}, "window must be one of 5m, 1h"),
        ({"type": "planet"}, "type must be one of person"),
        ({"limit": "ten"}, "limit must be a whole number"),
        ({"limit": "0"}, "limit must be between 1 and 1000"),
        ({"at": "yesterday"}, "at must be Unix seconds or an ISO 8601 time"),
    ],
)
def test_bad_queries_are_refused_with_the_reason(params: dict[str, str], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        parse_query(params)


def items(start: float, size: int, counts: dict[tuple[str, str, str], int]) -> list[tuple[object, object]]:
    """Entries shaped like the hourly table's: ((key, (start, end)), value), the hour's mentions all at its start."""
    return [
        ((entity_id, (start, start + size - 0.1)), {"name": name, "type": kind, "count": count,
                                                    "5m": [count] + [0] * 11})
        for (entity_id, name, kind), count in counts.items()
    ]


def test_rank_orders_by_count_then_name_and_reports_the_window() -> None:
    hour = window_start(T, 3600)
    entries = items(hour, 3600, {("Q1", "Zed", "person"): 3, ("Q2", "Abe", "person"): 3, ("Q3", "Oslo", "place"): 5})
    view = rank(entries, Query(window="1h"), now=T)
    assert [(e["entity_id"], e["count"]) for e in view["entities"]] == [("Q3", 5), ("Q2", 3), ("Q1", 3)]
    assert view["window_start"] == "2026-04-12T11:00:00Z" and view["window_end"] == "2026-04-12T12:00:00Z"
    assert view["entities"][0]["window_start"] == view["window_start"]


def test_rank_keeps_only_the_asked_window_type_and_limit() -> None:
    hour = window_start(T, 3600)
    entries = items(hour, 3600, {("Q1", "Zed", "person"): 3, ("Q3", "Oslo", "place"): 5}) + items(
        hour - 3600, 3600, {("Q9", "Earlier", "person"): 50}
    )
    people = rank(entries, Query(window="1h", type="person"), now=T)["entities"]
    assert [e["entity_id"] for e in people] == ["Q1"]
    assert [e["entity_id"] for e in rank(entries, Query(window="1h", limit=1), now=T)["entities"]] == ["Q3"]
    earlier = rank(entries, Query(window="1h", at=hour - 1), now=T)["entities"]
    assert [e["entity_id"] for e in earlier] == ["Q9"]


def test_a_5_minute_window_is_read_from_the_hour_that_holds_it() -> None:
    hour = window_start(T, 3600)
    value = {"name": "Oslo", "type": "place", "count": 5, "5m": [2] + [0] * 8 + [3, 0, 0]}
    old = {"name": "Bergen", "type": "place", "count": 4}  # written before the 5-minute counts were kept here
    span = (hour, hour + 3599.9)
    entries: list[tuple[object, object]] = [(("Q3", span), value), (("Q4", span), old)]
    view = rank(entries, Query(window="5m"), now=T + 10)
    assert [(e["entity_id"], e["count"]) for e in view["entities"]] == [("Q3", 3)]
    assert view["window_start"] == "2026-04-12T11:45:00Z" and view["window_end"] == "2026-04-12T11:50:00Z"
    assert [e["count"] for e in rank(entries, Query(window="5m", at=hour), now=T)["entities"]] == [2]
    assert rank(entries, Query(window="5m", at=hour + 600), now=T)["entities"] == []  # nothing at 11:10
    assert [e["count"] for e in rank(entries, Query(window="1h"), now=T)["entities"]] == [5, 4]
