"""Proposed worker changes, applied from the outside so the benchmarks can measure them before anyone edits worker/.

Each proposal here keeps the worker's output the same (bench.pipeline checks it on the corpus) and only
changes how fast it is produced. The lead moves the ones worth having into worker/; until then they live here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from spacy.language import Language
from thinc.api import use_ops

from worker.enrich.knowledge import KnowledgeBase
from worker.normalise.article import simhash as worker_simhash

#: Environment for a worker process with the proposals applied (see `worker_main`); with one worker per core,
#: OpenBLAS must not start threads of its own: they spin on the other core and slow both down.
TUNED_ENV = {"OPENBLAS_NUM_THREADS": "1"}


def with_openblas(load: Callable[[KnowledgeBase], Language]) -> Callable[[KnowledgeBase], Language]:
    """A model loader whose model does its matrix products with numpy's OpenBLAS instead of the bundled BLIS.

    The BLIS in the `blis` wheel does not recognise this CPU (AMD Zen 4, family 19h) and falls back to its
    generic reference kernel; OpenBLAS picks an AVX-512 kernel. Same weights, same results. A thinc model
    takes its ops when it is built, so the loader runs inside `use_ops`.
    """

    def load_with_openblas(kb: KnowledgeBase) -> Language:
        with use_ops("numpy", use_blis=False):
            return load(kb)

    return load_with_openblas


#: Proposal 2, now the worker's own SimHash (applied in worker/normalise/article.py); kept under this name so the
#: benchmark's "simhash" contender still runs.
simhash_numpy = worker_simhash


@contextmanager
def patched(target: Any, name: str, replacement: Callable[..., Any]) -> Iterator[None]:
    """Swap one module attribute for the duration of a block."""
    original = getattr(target, name)
    setattr(target, name, replacement)
    try:
        yield
    finally:
        setattr(target, name, original)


def apply(*, proposals: bool = True, ner_model: Path | None = None) -> None:
    """Patch this process before the app is imported: the proposals, and/or another NER model folder."""
    import worker.normalise.article
    import worker.pipeline
    from worker.enrich import nlp as worker_nlp

    load: Callable[[KnowledgeBase], Language] = worker.pipeline.load_nlp
    if ner_model is not None:
        load = partial(worker_nlp.load_nlp, model_dir=ner_model)
    if proposals:
        load = with_openblas(load)
        worker.normalise.article.simhash = simhash_numpy
    worker.pipeline.load_nlp = load  # type: ignore[assignment]


def worker_main(argv: list[str] | None = None) -> None:
    """`newsflow worker`, patched: `python -m bench.tuning [--as-is] [--ner-model DIR]` (bench.e2e starts it)."""
    parser = argparse.ArgumentParser(prog="python -m bench.tuning", description=worker_main.__doc__)
    parser.add_argument("--as-is", action="store_true", help="no proposals (with --ner-model: only the model)")
    parser.add_argument("--ner-model", type=Path, help="a spaCy NER pipeline folder instead of the worker's own")
    args = parser.parse_args(argv)
    if not args.as_is:
        for key, value in TUNED_ENV.items():
            if os.environ.get(key) != value:
                raise SystemExit(f"set {key}={value} before starting (OpenBLAS reads it when numpy is imported)")
    apply(proposals=not args.as_is, ner_model=args.ner_model)
    from worker.cli.main import main

    main(["worker"])


if __name__ == "__main__":
    worker_main()
