"""Towns of one article that lie together: support for the readings that put the article's places side by side."""

from __future__ import annotations

import math
from collections.abc import Sequence

from worker.enrich.places.gazetteer import LOCAL_KINDS, Gazetteer


def _cell(gaz: Gazetteer, row: int) -> tuple[int, int]:
    return math.floor(gaz.lat[row]), math.floor(gaz.lon[row])


def add_clusters(
    gaz: Gazetteer, cands: Sequence[Sequence[int]], scores: list[list[float]], weight: float, speakers: set[int],
) -> None:
    """Raise local candidates that other places of the article also have a local candidate next to.

    A place whose best reading is a country or a region lends no support: two villages named "Redding" and
    "California" lie side by side in Scotland, but "California" is the US state, not a Scottish village. Nor
    does a government ("Washington warned"): Damascus, Maryland is no neighbour of the story's Washington.
    """
    local = [
        {_cell(gaz, r) for r in rows if gaz.kinds[r] in LOCAL_KINDS}
        if rows and index not in speakers
        and gaz.kinds[rows[max(range(len(rows)), key=row_scores.__getitem__)]] in LOCAL_KINDS else set()
        for index, (rows, row_scores) in enumerate(zip(cands, scores, strict=True))
    ]
    others = len(cands) - 1
    if others < 1:
        return
    for index, rows in enumerate(cands):
        for i, row in enumerate(rows):
            if gaz.kinds[row] not in LOCAL_KINDS:
                continue
            lat, lon = _cell(gaz, row)
            near = {(lat + a, lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)}
            support = sum(1 for j, cells in enumerate(local) if j != index and not near.isdisjoint(cells))
            scores[index][i] += weight * support / others
