"""What the web views' query strings share: the limit, checked the same way everywhere."""

from __future__ import annotations

from collections.abc import Mapping

MAX_LIMIT = 1000


def parse_limit(params: Mapping[str, str], default: int = 10) -> int:
    """`limit` from a query string: a whole number from 1 to MAX_LIMIT; ValueError says what is wrong."""
    try:
        limit = int(params.get("limit") or default)
    except ValueError:
        raise ValueError(f"limit must be a whole number, not {params['limit']!r}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    return limit
