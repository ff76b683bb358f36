#!/usr/bin/env python
"""Train a Newsflow NER model (PER, ORG, LOC, MISC) for one language other than English.

The architecture is the English model's (scripts/train_ner.py: en_core_web_sm's NER, hash embeddings of
NORM, PREFIX, SUFFIX and SHAPE, a 4-layer CNN, a transition-based decoder) without static vectors, on
spaCy's own tokenizer for the language (`spacy.blank(lang)`, rule-based, nothing downloaded). The weights
start from en_core_web_sm's NER (MIT), all but the output layer, as the English model does: shape and
affix features carry across Latin-script languages, and the rest is relearned.

The data are the WikiNEuRal copies of CoNLL-2002 (es, nl), CoNLL-2003 (de) and WikiANN (de, es, nl, pl,
ru) in the public repository Babelscape/wikineural at commit d2e28c77, files `data/<corpus>/<lang>/
train.conllu` and `val.conllu` (`index<TAB>word<TAB>tag`). Fetch the repository, write the files out
with git, and train; no test split is ever read:

    W="git --git-dir=WIKINEURAL show d2e28c77:data"
    for c in conll wikiann; do for s in train val; do $W/$c/es/$s.conllu > /tmp/$c.es.$s; done; done

The shipped Spanish and Dutch models (es shown; nl alike, the README has each model's epochs) were made in
three runs (the German one shipped before the current one in the first two; the current German recipe is
below): CoNLL alone, capped at 15 minutes (BLIS ops then, with the first version of this script),

    .venv/bin/python scripts/train_ner_language.py es /tmp/conll.es.train --dev /tmp/conll.es.val \\
        --out /tmp/ner_es1 --corpus "CoNLL-2002 Spanish" --max-minutes 15

then CoNLL and WikiANN together, the epoch chosen on the token-weighted mean F1 of both val files (German
and Dutch with the CoNLL file given twice, so that each epoch sees it twice; stopped by hand when the time
budget was spent: the best epoch so far is always on disk),

    .venv/bin/python scripts/train_ner_language.py es /tmp/conll.es.train /tmp/wikiann.es.train \\
        --dev /tmp/conll.es.val --dev /tmp/wikiann.es.val --resume /tmp/ner_es1 --out /tmp/ner_es2 \\
        --corpus "CoNLL-2002 Spanish + WikiANN Spanish" --epochs 30 --patience 3 --max-minutes 40

and last CoNLL alone at half the learning rate, chosen on CoNLL val (the joint run had left CoNLL flat while
WikiANN rose; this brings CoNLL back above the CoNLL-only model while WikiANN stays far above it):

    .venv/bin/python scripts/train_ner_language.py es /tmp/conll.es.train --dev /tmp/conll.es.val \\
        --resume /tmp/ner_es2 --out worker/enrich/models/ner_es \\
        --corpus "CoNLL-2002 Spanish + WikiANN Spanish" --learn-rate 0.0005 --epochs 3 --patience 2

The German model was made anew with larger hash tables (--rows: 20,000 NORM rows rather than 5,000, 10,000
SUFFIX rather than 2,500; the tables start from random weights, the rest from en_core_web_sm's; 15 MB rather
than 6), in three steps: CoNLL (twice) and WikiANN together, stopped by patience after epoch 11, epoch 8 kept,

    .venv/bin/python scripts/train_ner_language.py de /tmp/conll.de.train /tmp/conll.de.train \
        /tmp/wikiann.de.train --dev /tmp/conll.de.val --dev /tmp/wikiann.de.val --out /tmp/ner_de_rows \
        --corpus "CoNLL-2003 German + WikiANN German" --rows 20000,2500,10000,2500 --epochs 30 --patience 3 \
        --max-minutes 52

then CoNLL alone at half the learning rate (4 epochs, the last kept: CoNLL val 0.583 -> 0.615, while
WikiANN val fell 0.765 -> 0.733 by `newsflow eval ner`),

    .venv/bin/python scripts/train_ner_language.py de /tmp/conll.de.train --dev /tmp/conll.de.val \
        --resume /tmp/ner_de_rows --out /tmp/ner_de_rows2 --corpus "CoNLL-2003 German + WikiANN German" \
        --learn-rate 0.0005 --epochs 4 --patience 2

and last the two checkpoints averaged, weight for weight, which is above the previous model on both val
files (the weight chosen on val among 0.3, 0.5 and 0.7; no training, the training file is not read):

    .venv/bin/python scripts/train_ner_language.py de /tmp/conll.de.train --dev /tmp/conll.de.val \
        --dev /tmp/wikiann.de.val --resume /tmp/ner_de_rows --average-with /tmp/ner_de_rows2 --weight 0.5 \
        --out worker/enrich/models/ner_de --corpus "CoNLL-2003 German + WikiANN German"

Russian and Polish (ru shown; pl alike, 11 minutes) went on from their WikiANN-only models
(3 epochs each, the first command's form with the WikiANN files) on WikiANN train plus WikiNEuRal's running
Wikipedia text, whose only file under the snapshot's 4 MiB limit is its validation split (no goal is measured
on WikiNEuRal), reading its MISC as O since WikiANN tags none:

    $W/wikineural/ru/val.conllu > /tmp/wikineural.ru.val
    .venv/bin/python scripts/train_ner_language.py ru /tmp/wikiann.ru.train /tmp/wikineural.ru.val \\
        --drop-type MISC --dev /tmp/wikiann.ru.val --resume /tmp/ner_ru1 --out worker/enrich/models/ner_ru \\
        --corpus "WikiANN Russian + WikiNEuRal Russian (val split, MISC read as O)" --epochs 10 --patience 3 \\
        --max-minutes 16

With --resume, training goes on from a model this script saved, the epoch count carries over, and the
model's F1 on the given dev files is the figure a later epoch must beat. More than one training file may be
given; --dev may be repeated, and the epoch is chosen on the token-weighted mean F1 of the dev files. With
--max-minutes, training stops before an epoch that would end past the limit. --drop-type MISC reads MISC
as no entity (for text whose dev corpus tags only PER, ORG and LOC, as WikiANN does).
The saved pipeline holds the blank language's vocabulary and the trained weights, never text from the
training data.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_ner  # noqa: E402  (sets the one-thread environment before numpy loads)

# isort: split
import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import Adam, use_ops  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from worker.evaluation.ner import read_conll  # noqa: E402

LABELS = train_ner.LABELS
# As the README says: the WikiNEuRal repository is CC BY-NC-SA 4.0 as a whole; the corpora it copies keep
# their own terms, and none of them is an open licence for commercial use.
_CORPUS_LICENCES = {
    "conll": "CoNLL-2002/2003 shared-task data: research use only (CoNLL-2003 German needs the ECI corpus "
    "licence); copied in WikiNEuRal (CC BY-NC-SA 4.0)",
    "wikiann": "WikiANN (Pan et al. 2017, Rahimi et al. 2019 splits): no licence stated by its authors; "
    "copied in WikiNEuRal (CC BY-NC-SA 4.0)",
    "wikineural": "WikiNEuRal (Tedeschi et al. 2021, Wikipedia sentences annotated automatically): CC BY-NC-SA 4.0",
}


def blank_pipeline(lang: str, rows: list[int] | None = None) -> Language:
    """spaCy's rule-based tokenizer for `lang` and a fresh NER with en_core_web_sm's architecture.

    `rows`: other sizes for the hash tables of NORM, PREFIX, SUFFIX and SHAPE than en_core_web_sm's (5,000,
    1,000, 2,500, 2,500): fewer words share a row. A table of another size starts from random weights.
    """
    nlp = spacy.blank(lang)
    model = copy.deepcopy(train_ner._NER_MODEL)
    if rows is not None:
        model["tok2vec"]["embed"]["rows"] = rows  # type: ignore[index]
    ner = nlp.add_pipe("ner", config={"model": model})
    for label in LABELS:
        ner.add_label(label)
    return nlp


def read_examples(nlp: Language, paths: list[Path], drop: frozenset[str] = frozenset()) -> list[Example]:
    """Whole documents of the files; entities of a type in `drop` are read as no entity (O)."""
    documents = []
    for path in paths:
        documents.extend(read_conll(path.read_text(encoding="utf-8").splitlines()))
    for document in documents:
        for token in document.tokens:
            if token.gold[2:] in drop:
                token.gold = "O"
    return train_ner.examples(nlp, documents)


def save(nlp: Language, lang: str, out: Path, corpus: str, performance: dict[str, float]) -> None:
    """Write the pipeline with the blank language's vocabulary: no word of the training data is saved."""
    nlp.meta = {
        "lang": lang,
        "name": f"newsflow_ner_{lang}",
        "version": "1.0.0",
        "description": f"Newsflow NER for '{lang}': PER, ORG, LOC, MISC with en_core_web_sm's NER architecture "
        "(no vectors), warm-started from its weights; made by scripts/train_ner_language.py.",
        "author": "Newsflow",
        "license": "MIT",
        "spacy_version": ">=3.8.0,<3.9.0",
        "sources": [
            {"name": "en_core_web_sm 3.8.0 (initial weights)", "author": "Explosion", "license": "MIT"},
            {"name": f"{corpus}: training split, WikiNEuRal copy at d2e28c77; trained on, no text kept",
             "author": "Babelscape/wikineural", "license": _licence(corpus)},
        ],
        "performance": performance,
    }
    nlp.to_disk(out, exclude=["vocab"])
    vocab = spacy.blank(lang).vocab
    for label in LABELS:
        vocab.strings.add(label)
    vocab.to_disk(out / "vocab")


def _weighted_f1(nlp: Language, devs: list[list[Example]]) -> tuple[float, list[float]]:
    """The token-weighted mean of the F1 on each dev file, and each F1 (0.0 without dev files)."""
    scores = [train_ner.f1_on(nlp, dev) for dev in devs]
    weights = [sum(len(e.reference) for e in dev) for dev in devs]
    return (sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights) if devs else 0.0), scores


def averaged(nlp: Language, other: Language, weight: float) -> None:
    """Move `nlp`'s NER weights `weight` of the way to `other`'s (the same architecture and sizes): two
    checkpoints of one run, each better on one dev file, give a model between them."""
    mine = list(nlp.get_pipe("ner").model.walk())  # type: ignore[attr-defined]
    theirs = list(other.get_pipe("ner").model.walk())  # type: ignore[attr-defined]
    if [n.name for n in mine] != [n.name for n in theirs]:
        raise ValueError("the two models differ in architecture")
    for node, source in zip(mine, theirs, strict=True):
        for name in node.param_names:
            if node.has_param(name):
                if node.get_param(name).shape != source.get_param(name).shape:
                    raise ValueError(f"the two models differ in the size of {node.name}.{name}")
                node.set_param(name, (1 - weight) * node.get_param(name) + weight * source.get_param(name))


def _licence(corpus: str) -> str:
    return "; ".join(text for key, text in _CORPUS_LICENCES.items() if key in corpus.lower()) or "see README"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lang", help="ISO 639-1 code of the language (spaCy's blank tokenizer for it)")
    parser.add_argument("train", type=Path, nargs="+", help="training files (WikiNEuRal or CoNLL format)")
    parser.add_argument("--dev", type=Path, action="append", default=[], help="dev file(s) to pick the epoch")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", required=True, help="what the training files are, for the model's meta")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=4)
    parser.add_argument("--max-minutes", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--batch-words", type=int, default=1000)
    parser.add_argument("--drop-type", action="append", default=[], choices=LABELS,
                        help="read this type as no entity in the training files (MISC, for a model of text whose "
                        "corpora tag only PER, ORG and LOC, as WikiANN does); the model keeps the four labels")
    parser.add_argument("--cold", action="store_true", help="start from random weights, not en_core_web_sm's")
    parser.add_argument("--rows", type=lambda text: [int(n) for n in text.split(",")],
                        help="hash-table rows for NORM,PREFIX,SUFFIX,SHAPE (en_core_web_sm's: 5000,1000,2500,2500)")
    parser.add_argument("--average-with", type=Path, help="no training: save the --resume model with its weights "
                        "moved --weight of the way to this model's (another checkpoint of the same run)")
    parser.add_argument("--weight", type=float, default=0.5, help="with --average-with: how far to move (0..1)")
    parser.add_argument("--resume", type=Path, help="go on training a model this script saved (epochs add up)")
    args = parser.parse_args()

    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)  # noqa: S311 - shuffling, not secrets
    # numpy's OpenBLAS rather than the bundled BLIS, as the worker runs (worker/enrich/nlp.py): BLIS falls back
    # to a generic kernel on this machine's CPU, and an epoch took 1.7-1.9x the CPU time with it.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(args.resume) if args.resume else blank_pipeline(args.lang, args.rows)
    devs = [read_examples(nlp, [path]) for path in args.dev]
    if args.average_with:
        if not args.resume:
            parser.error("--average-with needs --resume (the model to start from)")
        with use_ops("numpy", use_blis=False):
            averaged(nlp, spacy.load(args.average_with), args.weight)
        f1, scores = _weighted_f1(nlp, devs)
        performance = {"ents_f": round(f1, 4), "epoch": int(nlp.meta["performance"]["epoch"])}
        performance.update({f"ents_f_dev{i}": round(s, 4) for i, s in enumerate(scores)})
        save(nlp, args.lang, args.out, args.corpus, performance)
        print(f"averaged {args.resume} and {args.average_with} ({args.weight}): dev F1 {f1:.4f}", flush=True)
        return
    train = read_examples(nlp, args.train, frozenset(args.drop_type))
    optimizer = Adam(args.learn_rate, L2=0.01, grad_clip=1.0, use_averages=True)
    best, first = -1.0, 1
    if args.resume:
        # The saved model is where training starts, and the figure a later epoch must beat to replace it:
        # measured again here, since the dev files may not be the ones the first run chose on.
        first = int(nlp.meta["performance"]["epoch"]) + 1
        if devs:
            best = _weighted_f1(nlp, devs)[0]
            print(f"resumed from epoch {first - 1}: dev F1 {best:.4f}", flush=True)
        rng.seed(args.seed + first)  # another order of the training documents than the first run's
    else:
        nlp.get_pipe("ner").initialize(lambda: train[:200], nlp=nlp)  # type: ignore[attr-defined]
        if not args.cold:
            train_ner.warm_start(nlp)
    print(f"{len(train)} training documents, {sum(len(e.reference) for e in train)} tokens", flush=True)

    best_epoch, started, longest = first - 1, time.perf_counter(), 0.0
    for epoch in range(first, first + args.epochs):
        epoch_started = time.perf_counter()
        if (epoch_started - started + longest) / 60 > args.max_minutes:
            print(f"stopping before epoch {epoch}: it would end past {args.max_minutes} minutes", flush=True)
            break
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in train_ner._batches(train, args.batch_words):
            nlp.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            f1, scores = _weighted_f1(nlp, devs)
            better = not devs or f1 > best
            if better:
                best, best_epoch = f1, epoch
                performance = {"ents_f": round(f1, 4), "epoch": epoch}
                performance.update({f"ents_f_dev{i}": round(s, 4) for i, s in enumerate(scores)})
                save(nlp, args.lang, args.out, args.corpus, performance)
        longest = max(longest, time.perf_counter() - epoch_started)
        minutes = (time.perf_counter() - started) / 60
        detail = " ".join(f"{s:.4f}" for s in scores)
        print(f"epoch {epoch:2d}  loss {losses.get('ner', 0.0):9.1f}  dev F1 {f1:.4f} ({detail})  "
              f"{'saved' if better else '     '}  {minutes:5.1f} min", flush=True)
        if devs and epoch - best_epoch >= args.patience:
            break
    print(f"kept epoch {best_epoch} (dev F1 {best:.4f}) in {args.out}", flush=True)


if __name__ == "__main__":
    main()
