"""The spaCy pipeline: Newsflow's NER model, a sentencizer, and knowledge-base phrases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from worker.enrich.casing import COMPONENT as SENTENCE_CASE
from worker.enrich.entities import Span
from worker.enrich.knowledge import KnowledgeBase

#: The trained pipeline (scripts/train_ner.py): en_core_web_sm's NER architecture with CoNLL-2003 labels.
MODEL_DIR = Path(__file__).parent / "models" / "ner"

# Ruler labels: the model's own for the CoNLL types, the finer OntoNotes ones for what CoNLL calls MISC.
_TYPE_LABELS = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "event": "EVENT",
    "group": "NORP",
    "other": "PRODUCT",
}


def load_nlp(kb: KnowledgeBase, model_dir: Path | str = MODEL_DIR, exclude: Sequence[str] = ()) -> Language:
    """Load a model from a folder or an installed package (never from a hub); add sentence and phrase components.

    `exclude` leaves out a packaged pipeline's components other than its NER (tagger, parser, lemmatizer).
    """
    # Matrix products through numpy's OpenBLAS rather than the bundled BLIS: the `blis` wheel falls back to a
    # generic kernel on CPUs it does not know (AMD Zen 4 here), and OpenBLAS was 1.4x faster per core with
    # identical output (BENCHMARKS.md). A thinc model takes its ops when it is built, hence at load time.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model_dir, exclude=list(exclude))
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(SENTENCE_CASE, after="ner")  # before the phrases are added: their strings are not words
    # After the statistical NER and without overwriting it: the phrases fill in what the model missed.
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": _TYPE_LABELS[entry.type], "pattern": alias, "id": entry.id}
            for alias, entry in kb.ruler_phrases()
        ]
    )
    return nlp


def annotate(nlp: Language, texts: Iterable[str | Doc], batch_size: int = 16) -> Iterator[Doc]:
    """Run the pipeline over many texts (or ready-made Docs) at once: nlp.pipe batches the matrix work."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def spans_of(doc: Doc) -> list[Span]:
    return [Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    return [(sent.start_char, sent.end_char) for sent in doc.sents]
