"""What the linking tables cost: start-up, peak RSS and CPU per article, with and without them.

    .venv/bin/python -m bench.linking --corpus ../shared/eval/bbc --articles 300            # tables loaded
    .venv/bin/python -m bench.linking --corpus ../shared/eval/bbc --articles 300 --without  # curated KB only

Each run is its own process, so peak RSS is that configuration's. --without loads the knowledge base without
data/linking/entities.jsonl and gives located places no territory or city ids.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from bench.measure import stage_pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of <category>/*.txt (BBC News)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--without", action="store_true", help="leave the derived linking tables out")
    args = parser.parse_args()

    import worker.enrich.places.locate as locate_stage
    from worker.enrich.knowledge import load
    from worker.pipeline import Pipeline
    from worker.settings import Settings

    if args.without:
        locate_stage._linked = lambda entities, *_, **__: entities  # type: ignore[assignment]
    settings = Settings()
    enriched, figures = stage_pass(
        sorted(args.corpus.glob("*/*.txt"))[: args.articles],
        lambda: Pipeline(settings, load(settings.knowledge_base, linking=not args.without)),
    )
    print(json.dumps({
        "linking": not args.without,
        **figures,
        "entities_with_qid_per_article": round(
            statistics.fmean(sum(e.wikidata_id is not None for e in a.entities) for a in enriched), 2
        ),
    }))


if __name__ == "__main__":
    main()
