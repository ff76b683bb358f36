"""The place resolver alone: CPU per article of `resolve` on the gold place spans of geoparsing files.

    .venv/bin/python -m bench.places_resolve ../shared/eval/geo/lgl-dev.jsonl ../shared/eval/geo/trnews.jsonl

The gazetteer is loaded first (not timed); then every article is resolved once per round, and the median of the
rounds' process CPU per article is printed. Run it on two trees in turn (the other one extracted with `git archive`
and run with PYTHONPATH set to it) to compare them: the pipeline bench (`bench.places`) times the resolver among
NER and the rest, whose noise on a shared machine is larger than the resolver's own cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from worker.enrich.places.gazetteer import load
from worker.evaluation.geo import read, resolve_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, nargs="+", help="geoparsing JSON-lines files")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    load()
    articles = [a for path in args.data for a in read(path)]
    resolve_gold(articles[0])
    rounds = []
    for _ in range(args.rounds):
        start = time.process_time()
        for article in articles:
            resolve_gold(article)
        rounds.append((time.process_time() - start) / len(articles) * 1000)
    print(json.dumps({"articles": len(articles), "ms_per_article_median": round(statistics.median(rounds), 3),
                      "rounds_ms": [round(r, 3) for r in rounds]}))


if __name__ == "__main__":
    main()
