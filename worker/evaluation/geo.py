"""Geoparsing evaluation: the worker's resolver on gold place mentions, and end to end with its NER."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from worker.enrich.places.context import distance_km
from worker.enrich.places.gazetteer import fold
from worker.enrich.places.resolve import PlaceName, Resolution, resolve
from worker.evaluation.halves import Half, in_half

#: Half the Earth's circumference: the error of a place with no prediction (the field's convention).
MAX_ERROR_KM = 20039.0
#: 100 miles, the usual "correct" radius.
WITHIN_KM = 161.0

@dataclass(frozen=True)
class GeoScore:
    """Accuracy within 161 km, mean and median error (km), AUC of the log-error curve, over `n` places."""

    n: int
    accuracy: float
    mean_km: float
    median_km: float
    auc: float
    declined: int
    articles: int
    #: End to end: gold places whose span a located place entity of the worker overlaps within 161 km.
    e2e_recall: float | None = None


def read(path: Path, half: Half | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    return [a for a in articles if in_half(str(a["id"]), half)]


def resolve_gold(article: dict[str, Any], source_country: str | None = None) -> list[dict[str, Any]]:
    """Resolve the gold spans of one article; one prediction per span, same name in one article = one place."""
    groups: dict[str, list[tuple[int, int]]] = {}
    names: dict[str, str] = {}
    for gold in article["places"]:
        key = fold(gold["name"]) or gold["name"]
        groups.setdefault(key, []).append((gold["start"], gold["end"]))
        names.setdefault(key, gold["name"])
    keys = list(groups)
    places = [PlaceName((names[k],), tuple(groups[k])) for k in keys]
    by_key: dict[str, Resolution] = dict(
        zip(keys, resolve(article["text"], places, source_country=source_country), strict=True)
    )
    predictions = []
    for gold in article["places"]:
        found = by_key[fold(gold["name"]) or gold["name"]].place
        predictions.append({
            "start": gold["start"], "end": gold["end"],
            "lat": found.latitude if found else None, "lon": found.longitude if found else None,
            "geonames_id": str(found.geonames_id) if found else None,
        })
    return predictions


def error_km(gold: dict[str, Any], predicted: dict[str, Any] | None) -> float:
    if predicted is None or predicted.get("lat") is None or predicted.get("lon") is None:
        return MAX_ERROR_KM
    return distance_km(gold["lat"], gold["lon"], predicted["lat"], predicted["lon"])


def score(errors: Sequence[float], declined: int, articles: int, e2e_recall: float | None = None) -> GeoScore:
    """The field's metrics (Gritta et al. 2019): AUC is the area under the sorted log(1 + error) curve."""
    n = len(errors)
    if n == 0:
        return GeoScore(0, 0.0, 0.0, 0.0, 0.0, declined, articles, e2e_recall)
    logs = [math.log(1 + e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    auc = area / (math.log(MAX_ERROR_KM) * (n - 1)) if n > 1 else logs[0] / math.log(MAX_ERROR_KM)
    return GeoScore(
        n=n,
        accuracy=sum(e <= WITHIN_KM for e in errors) / n,
        mean_km=statistics.fmean(errors),
        median_km=statistics.median(errors),
        auc=auc,
        declined=declined,
        articles=articles,
        e2e_recall=e2e_recall,
    )


def run(
    path: Path,
    out: Path | None,
    *,
    source_country: str | None = None,
    half: Half | None = None,
    end_to_end: bool = False,
) -> GeoScore:
    """Resolve every gold span of `path`, write predictions to `out`, and score them."""
    articles = read(path, half)
    errors: list[float] = []
    declined = 0
    lines = []
    for article in articles:
        predictions = resolve_gold(article, source_country)
        lines.append(json.dumps({"id": article["id"], "places": predictions}))
        for gold, predicted in zip(article["places"], predictions, strict=True):
            errors.append(error_km(gold, predicted))
            declined += predicted["lat"] is None
    if out is not None:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recall = end_to_end_recall(articles, source_country) if end_to_end else None
    return score(errors, declined, len(articles), recall)


def end_to_end_recall(articles: Iterable[dict[str, Any]], source_country: str | None) -> float:
    """Share of gold places that the worker's NER finds as a place and locates within 161 km."""
    from worker.enrich.article import enrich_batch
    from worker.models import Article
    from worker.pipeline import Pipeline
    from worker.settings import Settings

    articles = list(articles)
    pipeline = Pipeline(Settings())
    docs = [
        Article(
            id=str(a["id"]), title=None, text=a["text"], paragraphs=[a["text"]], photo_credits=[],
            source=None, language="en", language_status="supported", word_count=len(a["text"].split()),
            content_hash="", near_duplicate_key="", input_format="text",
        )
        for a in articles
    ]
    hits = total = 0
    for article, enrichment in zip(articles, enrich_batch(docs, pipeline.nlp, pipeline.kb), strict=True):
        located = [
            (m.start, m.end, e.geo)
            for e in enrichment.entities
            if e.type == "place" and e.geo is not None
            for m in e.mentions
        ]
        for gold in article["places"]:
            total += 1
            hits += any(
                start < gold["end"] and gold["start"] < end
                and distance_km(gold["lat"], gold["lon"], geo.latitude, geo.longitude) <= WITHIN_KM
                for start, end, geo in located
            )
    return hits / total if total else 0.0


def report(result: GeoScore) -> str:
    line = (
        f"articles {result.articles}  places {result.n}  accuracy@161km {result.accuracy:.4f}  "
        f"mean {result.mean_km:.0f} km  median {result.median_km:.1f} km  AUC {result.auc:.4f}  "
        f"declined {result.declined}"
    )
    if result.e2e_recall is not None:
        line += f"\nend to end (NER + resolver): recall@161km {result.e2e_recall:.4f}"
    return line
