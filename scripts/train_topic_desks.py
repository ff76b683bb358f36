#!/usr/bin/env python
"""Train the IPTC tagger's desk model (worker/enrich/topics/desks.py) for one language.

Input: labelled news in the MasakhaNEWS TSV layout (columns category, headline, text). The shipped models
were trained on the few-shot training samples of MasakhaNEWS (Adelani et al. 2023; repository
masakhane-io/masakhane-news at 819be052, `few_shot_data/50_samples/<eng|fra>/train.tsv`: 50 articles per
category drawn from the train split; the full `data/<lang>/train.tsv` files were not in the snapshot that
could be fetched here). Never a dev or test file: the dev split is only for choosing DESK_WEIGHT. Fetch the
repository and write the file out with git:

    git --git-dir=MASAKHANE show 819be052:few_shot_data/50_samples/eng/train.tsv > /tmp/eng-train.tsv
    .venv/bin/python scripts/train_topic_desks.py en /tmp/eng-train.tsv
    git --git-dir=MASAKHANE show 819be052:few_shot_data/50_samples/fra/train.tsv > /tmp/fra-train.tsv
    .venv/bin/python scripts/train_topic_desks.py fr /tmp/fra-train.tsv

The output (worker/enrich/data/topic_desks_<language>.json) holds, for every word seen in at least
--min-count training articles, how many articles of each desk contain it: word statistics, no text.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.enrich.topics.desks import model_file  # noqa: E402
from worker.enrich.topics.lexicon import fold, tokenise  # noqa: E402
from worker.evaluation.topics import MASAKHANEWS_TO_IPTC  # noqa: E402

SOURCE = (
    "MasakhaNEWS (Adelani et al. 2023, https://github.com/masakhane-io/masakhane-news at 819be052), "
    "few_shot_data/50_samples/{lang}/train.tsv; news articles from BBC and other outlets. The repository "
    "carries no licence file; see README (Quality) for what is known of its terms."
)


def words_of(headline: str, text: str, language: str) -> set[str]:
    """The features of one article: each folded word of headline and body once (the model's own tokens)."""
    return {fold(w, language) for w in tokenise(f"{headline}\n{text}", language)}


def train(rows: list[dict[str, str]], language: str, min_count: int) -> dict[str, object]:
    categories = sorted({row["category"].strip() for row in rows})
    unknown = [c for c in categories if c not in MASAKHANEWS_TO_IPTC]
    if unknown:
        raise SystemExit(f"categories without an IPTC code: {unknown}")
    per_desk: dict[str, Counter[str]] = {c: Counter() for c in categories}
    articles: Counter[str] = Counter()
    seen_in: Counter[str] = Counter()
    for row in rows:
        category = row["category"].strip()
        words = words_of(row["headline"] or "", row["text"] or "", language)
        per_desk[category].update(words)
        seen_in.update(words)
        articles[category] += 1
    vocabulary = sorted(w for w, n in seen_in.items() if n >= min_count and not w.isdigit())
    return {
        "source": SOURCE.format(lang={"en": "eng", "fr": "fra"}.get(language, language)),
        "language": language,
        "categories": categories,
        "codes": [MASAKHANEWS_TO_IPTC[c] for c in categories],
        "articles": [articles[c] for c in categories],
        "min_count": min_count,
        "words": {w: [per_desk[c][w] for c in categories] for w in vocabulary},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("language", help="the worker's language code (en, fr...)")
    parser.add_argument("train_tsv", type=Path, help="a TRAIN split in the MasakhaNEWS layout")
    parser.add_argument("--min-count", type=int, default=2, help="keep words seen in at least this many articles")
    parser.add_argument("--out", type=Path, help="default: the file the worker loads for the language")
    args = parser.parse_args()
    if "dev" in args.train_tsv.name or "test" in args.train_tsv.name:
        raise SystemExit("train on a train split only")
    csv.field_size_limit(sys.maxsize)
    with args.train_tsv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    model = train(rows, args.language, args.min_count)
    out = args.out or model_file(args.language)
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(rows)} articles, {len(model['words'])} words")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
