"""What the place resolver costs: start-up, peak RSS and CPU per article, with and without it.

    .venv/bin/python -m bench.places --corpus ../shared/eval/bbc --articles 300           # with places
    .venv/bin/python -m bench.places --corpus ../shared/eval/bbc --articles 300 --without  # resolver off

Each run is its own process, so peak RSS is that configuration's. CPU per article is process CPU time over
the batch (after warm-up), and `places` is the stage's own mean from `timings_ms`.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from bench.measure import stage_pass
from worker.models import Entity, Location


def _off(text: str, entities: list[Entity], **_: object) -> tuple[list[Entity], list[Location]]:
    return list(entities), []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of <category>/*.txt (BBC News)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--without", action="store_true", help="switch the place resolver off")
    args = parser.parse_args()

    import worker.enrich.article as article_stage

    if args.without:
        article_stage.locate = _off  # type: ignore[assignment]
    from worker.pipeline import Pipeline
    from worker.settings import Settings

    enriched, figures = stage_pass(sorted(args.corpus.glob("*/*.txt"))[: args.articles], lambda: Pipeline(Settings()))
    print(json.dumps({
        "resolver": not args.without,
        **figures,
        "places_ms_mean": round(statistics.fmean(a.timings_ms.get("places", 0.0) for a in enriched), 3),
        "located_places_per_article": round(
            statistics.fmean(sum(e.geo is not None for e in a.entities) for a in enriched), 2
        ),
    }))


if __name__ == "__main__":
    main()
