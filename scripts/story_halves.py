#!/usr/bin/env python
"""B-cubed of each development half's articles inside one stream of the whole development set.

The held-out story set is as dense as the whole development set, twice as dense as either half (README "Stories",
docs/stories.md "Density"). So the whole set is clustered in one stream, and its predictions are scored over half
A's articles and over half B's apart (the halves split by incident as the README's snippet splits them: md5 of
"half:" + story, even or odd): a rule chosen on half A's articles is checked on half B's, at the held-out's density.

    .venv/bin/newsflow eval stories ../shared/eval/stories/gunviolence-dev.jsonl --out whole.pred.jsonl
    .venv/bin/python scripts/story_halves.py ../shared/eval/stories/gunviolence-dev.jsonl whole.pred.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.evaluation.stories import bcubed_among, read_lines, score  # noqa: E402


def half_of(story: str) -> str:
    """"A" or "B": the README's split of the development set by incident."""
    return "AB"[int(hashlib.md5(("half:" + story).encode()).hexdigest(), 16) % 2]  # noqa: S324 - a split, not security


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="the articles, with their gold `story`, in stream order")
    parser.add_argument("predictions", type=Path, help="`newsflow eval stories`'s {id, story_id} lines for them")
    args = parser.parse_args()
    gold = {str(row["id"]): str(row["story"]) for row in read_lines(args.data)}
    predicted = {str(row["id"]): row["story_id"] for row in read_lines(args.predictions) if row.get("story_id")}
    whole = score(gold, predicted)
    print(f"all     {whole.n:5d} articles  B-cubed P {whole.bcubed_precision:.4f} R {whole.bcubed_recall:.4f} "
          f"F1 {whole.bcubed_f1:.4f}  pairwise F1 {whole.pairwise_f1:.4f}")
    for half in "AB":
        ids = [i for i, story in gold.items() if half_of(story) == half]
        precision, recall, f1 = bcubed_among(gold, predicted, ids)
        print(f"half {half}  {len(ids):5d} articles  B-cubed P {precision:.4f} R {recall:.4f} F1 {f1:.4f}")


if __name__ == "__main__":
    main()
