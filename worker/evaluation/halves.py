"""A stable split of a development set into two halves, for tuning on one and checking on the other."""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["a", "b"]


def in_half(item_id: str, half: Half | None) -> bool:
    """Whether an item belongs to `half` ("a" or "b"), by a hash of its id; every item when half is None."""
    if half is None:
        return True
    bit = hashlib.sha256(item_id.encode()).digest()[0] & 1
    return bit == (0 if half == "a" else 1)
