"""The resolver's confidence: a candidate's share of a softmax over the candidates and "none of these"."""

from __future__ import annotations

import math
from collections.abc import Sequence

from worker.enrich.places.context import distance_km
from worker.enrich.places.gazetteer import Gazetteer

#: Candidates whose points lie this close to the chosen one count towards its share (`softmax_best`).
SAME_POINT_KM = 50.0


def softmax_best(
    scores: Sequence[float], none: float, gaz: Gazetteer | None = None, rows: Sequence[int] = (),
) -> tuple[int, float]:
    """The best candidate and its share of a softmax over the candidates and "none of these".

    With the gazetteer and the rows, the share is that of the best and of the candidates whose point lies within
    SAME_POINT_KM of it: "Plymouth" the Massachusetts town and Plymouth County, or "Paris" the city and its
    département, are one answer for a map, and splitting the share between them must not decline the name.
    """
    if not scores:
        return -1, 0.0
    top = max(*scores, none)
    exps = [math.exp(s - top) for s in scores]
    best = max(range(len(scores)), key=scores.__getitem__)
    mass = exps[best]
    if gaz is not None:
        lat, lon = gaz.lat[rows[best]], gaz.lon[rows[best]]
        # Half a degree of latitude is 55 km: the cheap test first.
        mass += sum(
            e for i, (e, row) in enumerate(zip(exps, rows, strict=True)) if i != best
            and abs(gaz.lat[row] - lat) < 0.5 and distance_km(lat, lon, gaz.lat[row], gaz.lon[row]) <= SAME_POINT_KM
        )
    return best, mass / (sum(exps) + math.exp(none - top))
