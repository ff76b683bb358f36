"""The top stories now, the pure part of GET /stories and `newsflow stories`: query parsing and ranking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from worker.stories.record import story_record
from worker.stories.state import StoryState
from worker.stream.view_queries import parse_limit

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^([0-9]+)([smhd])$")


@dataclass(frozen=True)
class StoriesQuery:
    """GET /stories?window=24h&limit=10: stories with an article in the window, most articles first."""

    window: str = "24h"
    limit: int = 10

    @property
    def seconds(self) -> int:
        match = _DURATION.match(self.window)
        assert match is not None  # noqa: S101 - checked by parse_stories_query
        return int(match.group(1)) * _UNITS[match.group(2)]


def parse_stories_query(params: Mapping[str, str]) -> StoriesQuery:
    """The query string, checked; ValueError says what is wrong in one line."""
    window = params.get("window") or "24h"
    if not _DURATION.match(window) or int(window[:-1]) == 0:
        raise ValueError(f"window must be a duration such as 30m, 6h or 7d, not {window!r}")
    limit = parse_limit(params)
    return StoriesQuery(window=window, limit=limit)


def top_stories(stories: Iterable[StoryState], clock: float, query: StoriesQuery) -> dict[str, Any]:
    """Open stories that got an article in the `window` before the stream's clock (the latest arrival), by size."""
    since = clock - query.seconds
    recent = [s for s in stories if s.last_arrival >= since]
    recent.sort(key=lambda s: (-s.count, -s.last_seen, s.id))
    rows = [story_record(s, "grew", []).model_dump(mode="json", exclude={"changed_by", "change"})
            for s in recent[: query.limit]]
    return {"window": query.window, "limit": query.limit, "stories_in_window": len(recent), "stories": rows}
