"""What the place resolver costs: start-up, peak RSS and CPU per article, with and without it.

    .venv/bin/python -m bench.places --corpus ../shared/eval/bbc --articles 300           # with places
    .venv/bin/python -m bench.places --corpus ../shared/eval/bbc --articles 300 --without  # resolver off

Each run is its own process, so peak RSS is that configuration's. CPU per article is process CPU time over
the batch (after warm-up), and `places` is the stage's own mean from `timings_ms`.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

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
    from worker.pipeline import Enriched, Message, Pipeline
    from worker.settings import Settings

    paths = sorted(args.corpus.glob("*/*.txt"))[: args.articles]
    messages = [Message(p.read_bytes()) for p in paths]
    started = time.perf_counter()
    pipeline = Pipeline(Settings())
    pipeline.warm_up()
    startup = time.perf_counter() - started

    cpu = time.process_time()
    outcomes = []
    for i in range(0, len(messages), 16):
        outcomes += pipeline.process(messages[i : i + 16])
    cpu_ms = (time.process_time() - cpu) * 1000 / len(messages)
    enriched = [o.article for o in outcomes if isinstance(o, Enriched)]
    print(json.dumps({
        "resolver": not args.without,
        "articles": len(enriched),
        "startup_s": round(startup, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu_ms_per_article": round(cpu_ms, 2),
        "places_ms_mean": round(statistics.fmean(a.timings_ms.get("places", 0.0) for a in enriched), 3),
        "located_places_per_article": round(
            statistics.fmean(sum(e.geo is not None for e in a.entities) for a in enriched), 2
        ),
    }))


if __name__ == "__main__":
    main()
