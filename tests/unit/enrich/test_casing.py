"""Ordinary words capitalised by their place at a sentence start are not entities ("Turnout was 71 percent")."""

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from worker.enrich.casing import SentenceCase, lower_only_words


def test_lower_only_words() -> None:
    assert lower_only_words(["turnout", "Labour", "labour", "Voltaform", "voltaform", "Fishing", "fishing", "2-1"]) \
        == frozenset({"turnout"})


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def _doc(nlp: Language, text: str, *ents: tuple[str, str]) -> Doc:
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    spans = []
    for surface, label in ents:
        start = next(t.i for t in doc if t.text == surface.split()[0])
        spans.append(Span(doc, start, start + len(surface.split()), label))
    doc.ents = spans
    return doc


def test_sentence_initial_ordinary_word_is_dropped(blank: Language) -> None:
    doc = _doc(blank, "Varga won . Turnout was high .", ("Varga", "PER"), ("Turnout", "PER"))
    assert [e.text for e in SentenceCase(frozenset({"turnout"}))(doc).ents] == ["Varga"]


def test_the_same_word_inside_a_sentence_is_left(blank: Language) -> None:
    doc = _doc(blank, "He said Turnout won .", ("Turnout", "ORG"))
    assert [e.text for e in SentenceCase(frozenset({"turnout"}))(doc).ents] == ["Turnout"]


def test_a_name_the_article_capitalises_elsewhere_is_kept(blank: Language) -> None:
    doc = _doc(blank, "Turnout rose . Shares in Turnout fell .", ("Turnout", "ORG"))
    assert [e.text for e in SentenceCase(frozenset({"turnout"}))(doc).ents] == ["Turnout"]


def test_unknown_words_and_longer_names_are_left(blank: Language) -> None:
    doc = _doc(blank, "Voltaform rose . Turnout Group fell .", ("Voltaform", "ORG"), ("Turnout Group", "ORG"))
    assert [e.text for e in SentenceCase(frozenset({"turnout"}))(doc).ents] == ["Voltaform", "Turnout Group"]
