"""What other languages cost: RSS with English alone and with every model loaded, and CPU per article.

    .venv/bin/python -m bench.languages --data DIR --rounds 5

DIR holds one dev file per language in the WikiNEuRal layout, named `<lang>.val` (the `val.conllu` of
Babelscape/wikineural at d2e28c77: conll/{en,es,de,nl}, wikiann/{pl,ru}, wikineural/fr), or plain text named
`<lang>.txt`. Sentences (or words of the text) are joined into articles of --words words; every language gets
the same number of articles of the same length, so the CPU per article compares like with like. One process:
English first (the RSS a worker that sees only English has), then each language in turn; each figure is the
median of --rounds rounds, and the ratio is against English in the same run.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.measure import median

#: The languages the worker enriches.
LANGUAGES = ("en", "es", "de", "nl", "fr", "pl", "ru")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def articles(path: Path, count: int, words: int) -> list[str]:
    """Consecutive dev sentences (or a text's words, round and round) joined into `count` texts of `words`."""
    from worker.evaluation.ner import read_conll

    if path.suffix == ".txt":
        tokens = path.read_text(encoding="utf-8").split()
        return [" ".join(tokens[(i * words + j) % len(tokens)] for j in range(words)) for i in range(count)]
    texts, current = [], []
    for document in read_conll(path.read_text(encoding="utf-8").splitlines()):
        for sentence in document.sentences:
            current.extend(token.text for token in sentence)
            if len(current) >= words:
                texts.append(" ".join(current))
                current = []
                if len(texts) == count:
                    return texts
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="folder of <lang>.val files")
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from worker.enrich.article import enrich_batch
    from worker.models import RawArticle
    from worker.normalise.article import normalise
    from worker.pipeline import Pipeline
    from worker.settings import Settings

    pipeline = Pipeline(Settings())
    pipeline.warm_up()
    results: dict[str, dict[str, float]] = {}
    for code in LANGUAGES:
        path = next((p for p in (args.data / f"{code}.val", args.data / f"{code}.txt") if p.exists()), None)
        if path is None:
            continue
        batch = [normalise(RawArticle(body=text, language=code), "json") for text in
                 articles(path, args.articles, args.words)]
        # Detection decides as in the worker; an article detected as another language still counts for this one.
        batch = [a.model_copy(update={"language": code, "language_status": "supported"}) for a in batch]
        started = time.perf_counter()
        pipeline.models.for_language(code)
        load_s = time.perf_counter() - started
        rounds = []
        for _ in range(args.rounds):
            cpu = time.process_time()
            enrich_batch(batch, pipeline.models, pipeline.kb)
            rounds.append((time.process_time() - cpu) * 1000 / len(batch))
        results[code] = {"load_s": round(load_s, 2), "cpu_ms_per_article": round(median(rounds), 2),
                         "rss_mib_after": round(rss_mib(), 1), "articles": len(batch)}
    english = results["en"]["cpu_ms_per_article"]
    for code, row in results.items():
        row["cost_vs_en"] = round(row["cpu_ms_per_article"] / english, 2)
        print(json.dumps({"language": code, **row}))
    print(f"RSS with English only {results['en']['rss_mib_after']:.0f} MiB; with {', '.join(results)} loaded "
          f"{max(r['rss_mib_after'] for r in results.values()):.0f} MiB")


if __name__ == "__main__":
    main()
