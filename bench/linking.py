"""What the linking tables cost: start-up, peak RSS and CPU per article, with and without them.

    .venv/bin/python -m bench.linking --corpus ../shared/eval/bbc --articles 300            # tables loaded
    .venv/bin/python -m bench.linking --corpus ../shared/eval/bbc --articles 300 --without  # curated KB only

Each run is its own process, so peak RSS is that configuration's. --without loads the knowledge base without
data/linking/entities.jsonl and gives located places no territory or city ids.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of <category>/*.txt (BBC News)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--without", action="store_true", help="leave the derived linking tables out")
    args = parser.parse_args()

    import worker.enrich.places.locate as locate_stage
    from worker.enrich.knowledge import load
    from worker.pipeline import Enriched, Message, Pipeline
    from worker.settings import Settings

    if args.without:
        locate_stage._linked = lambda entities, *_: entities  # type: ignore[assignment]
    paths = sorted(args.corpus.glob("*/*.txt"))[: args.articles]
    messages = [Message(p.read_bytes()) for p in paths]
    started = time.perf_counter()
    settings = Settings()
    pipeline = Pipeline(settings, load(settings.knowledge_base, linking=not args.without))
    pipeline.warm_up()
    startup = time.perf_counter() - started
    cpu = time.process_time()
    outcomes = []
    for i in range(0, len(messages), 16):
        outcomes += pipeline.process(messages[i : i + 16])
    cpu_ms = (time.process_time() - cpu) * 1000 / len(messages)
    enriched = [o.article for o in outcomes if isinstance(o, Enriched)]
    print(json.dumps({
        "linking": not args.without,
        "articles": len(enriched),
        "startup_s": round(startup, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu_ms_per_article": round(cpu_ms, 2),
        "entities_with_qid_per_article": round(
            statistics.fmean(sum(e.wikidata_id is not None for e in a.entities) for a in enriched), 2
        ),
    }))


if __name__ == "__main__":
    main()
