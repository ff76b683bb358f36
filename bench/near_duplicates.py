"""Near-duplicates: SimHash Hamming distances between distinct articles, and between articles and edited copies.

    .venv/bin/python -m bench.near_duplicates ../shared/eval/bbc seeds
    .venv/bin/python -m bench.near_duplicates ../shared/eval/bbc seeds --json simhash.json

Each article goes through the worker's own normalise (its `near_duplicate_key`, a 64-bit SimHash of word
3-shingles of the clean text). Distinct: every pair of different articles. Edited copies of each article, as a
wire story republished by another outlet: `headline` (a different headline), `sentence` (one sentence in the
middle replaced by a sentence of another article), `paragraph` (a paragraph of another article added at the
end), `lead` (the first paragraph rewritten: replaced by another article's), and `all_three` (headline,
sentence and paragraph). Prints the distribution of distances, and for each threshold t the share of distinct
pairs at distance <= t (false duplicates) and of edited copies at <= t (caught). Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from worker.cli.produce import Report, expand, read
from worker.models import Article, RawArticle
from worker.normalise.article import normalise
from worker.normalise.decode import decode

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
THRESHOLDS = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.near_duplicates", description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="BBC-style folders (<category>/*.txt) or seeds/")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the edits (7)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    return parser.parse_args(argv)


def load(folders: Sequence[Path]) -> list[Article]:
    articles = []
    for folder in folders:
        report = Report()
        for path in expand([str(folder)]):
            if path is not None and path.is_dir():
                continue
            for message in read(path, report):
                try:
                    raw, fmt = decode(message.value, max_bytes=2_000_000, content_type=message.content_type)
                    articles.append(normalise(raw, fmt, max_text_chars=200_000))
                except Exception:  # noqa: S112 - a file the worker would dead-letter is no article to compare
                    continue
    return [a for a in articles if a.word_count >= 50]


def bits(key: str) -> int:
    return int(key, 16)


def distance(a: str, b: str) -> int:
    return (bits(a) ^ bits(b)).bit_count()


def key_of(title: str | None, paragraphs: list[str]) -> str:
    raw = RawArticle(title=title, body="\n\n".join(paragraphs))
    return normalise(raw, "json", max_text_chars=200_000).near_duplicate_key


def edits(rng: random.Random, article: Article, other: Article) -> dict[str, Callable[[], str]]:
    paragraphs = list(article.paragraphs)

    def sentence(ps: list[str]) -> list[str]:
        ps = list(ps)
        index = len(ps) // 2
        parts = _SENTENCE.split(ps[index])
        donor = _SENTENCE.split(rng.choice(other.paragraphs))
        parts[len(parts) // 2] = rng.choice(donor)
        ps[index] = " ".join(parts)
        return ps

    def paragraph(ps: list[str]) -> list[str]:
        return [*ps, rng.choice(other.paragraphs)]

    headline = f"{other.title or 'Update'}: latest"
    return {
        "headline": lambda: key_of(headline, paragraphs),
        "sentence": lambda: key_of(article.title, sentence(paragraphs)),
        "paragraph": lambda: key_of(article.title, paragraph(paragraphs)),
        "lead": lambda: key_of(article.title, [other.paragraphs[0], *paragraphs[1:]]),
        "all_three": lambda: key_of(headline, paragraph(sentence(paragraphs))),
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    articles = load(args.folders)
    rng = random.Random(args.seed)  # noqa: S311 - reproducible edits, not secrets
    keys = np.array([bits(a.near_duplicate_key) for a in articles], dtype=np.uint64)
    # Every distinct pair's distance: XOR, then count bits byte-wise.
    xor = keys[:, None] ^ keys[None, :]
    counts = np.unpackbits(xor.view(np.uint8).reshape(len(keys), len(keys), 8), axis=2).sum(axis=2)
    upper = counts[np.triu_indices(len(keys), k=1)]
    nearest = np.where(np.eye(len(keys), dtype=bool), 64, counts).min(axis=1)

    edited: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        other = articles[(index + 1 + rng.randrange(len(articles) - 1)) % len(articles)]
        for kind, make in edits(rng, article, other).items():
            edited.setdefault(kind, []).append(distance(article.near_duplicate_key, make()))

    def pct(values: Any, q: float) -> float:
        return float(np.percentile(np.asarray(values), q))

    result: dict[str, Any] = {
        "articles": len(articles), "distinct_pairs": int(upper.size),
        "distinct": {"min": int(upper.min()), "p0.01": pct(upper, 0.01), "p1": pct(upper, 1), "median": pct(upper, 50)},
        "nearest_other": {"min": int(nearest.min()), "p1": pct(nearest, 1), "median": pct(nearest, 50)},
        "edited": {k: {"median": pct(v, 50), "p90": pct(v, 90), "max": int(max(v))} for k, v in edited.items()},
        "thresholds": [],
    }
    print(f"{len(articles)} articles, {upper.size:,} distinct pairs")
    print(f"distinct pairs: min {upper.min()}, 0.01% {pct(upper, 0.01):.0f}, 1% {pct(upper, 1):.0f}, "
          f"median {pct(upper, 50):.0f} bits; each article's nearest other: min {nearest.min()}, "
          f"1% {pct(nearest, 1):.0f}, median {pct(nearest, 50):.0f}")
    for kind, values in edited.items():
        print(f"edited ({kind:>9}): median {pct(values, 50):4.0f}, 90% {pct(values, 90):4.0f}, max {max(values):3d}")
    print("threshold  distinct pairs <= t   articles with another <= t   " + "  ".join(f"{k:>9}" for k in edited))
    for t in THRESHOLDS:
        false_pairs = int((upper <= t).sum())
        with_near = int((nearest <= t).sum())
        caught = {k: sum(1 for d in v if d <= t) / len(v) for k, v in edited.items()}
        result["thresholds"].append({"t": t, "distinct_pairs": false_pairs, "articles_with_near": with_near,
                                     "caught": caught})
        print(f"{t:>9}  {false_pairs:>19,}   {with_near:>26}   " + "  ".join(f"{caught[k]:>9.0%}" for k in edited))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return result


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    return measure(_arguments(argv))


if __name__ == "__main__":
    main()
