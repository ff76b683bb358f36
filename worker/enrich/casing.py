"""Ordinary words that a sentence capitalises: "Turnout was 71 percent" names no one.

The NER model reads an unfamiliar capitalised word at the start of a sentence as a name. The model's own
vocabulary (the strings it was built with) tells whether a word is ordinary: it holds "turnout" but never
saw "Turnout". Such a one-word entity is dropped where it starts a sentence, unless the same article also
capitalises it inside a sentence (then it is a name: "Voltaform ... shares in Voltaform").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENT = "newsflow_sentence_case"


def lower_only_words(strings: Iterable[str]) -> frozenset[str]:
    """Words the vocabulary holds in lower case and never capitalised."""
    known = set(strings)
    return frozenset(s for s in known if s.isalpha() and s.islower() and s.capitalize() not in known)


class SentenceCase:
    """A pipeline component after the NER: drops entities that are ordinary words at a sentence start."""

    def __init__(self, lower_only: frozenset[str]) -> None:
        self.lower_only = lower_only

    def __call__(self, doc: Doc) -> Doc:
        dropped = [ent for ent in doc.ents if self.capitalised_by_position(doc, ent)]
        if dropped:
            doc.ents = [ent for ent in doc.ents if ent not in dropped]
        return doc

    def capitalised_by_position(self, doc: Doc, ent: Span) -> bool:
        word = ent.text
        if len(ent) != 1 or ent.ent_id_ or not word.istitle() or word.lower() not in self.lower_only:
            return False
        if not ent[0].is_sent_start:
            return False
        # The article's other uses decide: capitalised inside a sentence somewhere, it is a name after all.
        return not any(token.text == word and not token.is_sent_start for token in doc)


@Language.factory(COMPONENT)
def make_sentence_case(nlp: Language, name: str) -> SentenceCase:
    """Built right after loading, so the vocabulary is the model's, not grown by the texts it has read."""
    return SentenceCase(lower_only_words(nlp.vocab.strings))
