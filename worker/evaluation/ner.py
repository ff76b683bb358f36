"""CoNLL-2003 NER evaluation: read the format, run the worker's entity pipeline, score as conlleval does."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from worker.enrich import nlp as nlp_model
from worker.enrich.entities import merge_mentions
from worker.enrich.knowledge import KnowledgeBase
from worker.models import EntityType

#: Newsflow's entity types as CoNLL-2003 types: the richer types fold into MISC.
CONLL_TYPES: dict[EntityType, str] = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "event": "MISC",
    "group": "MISC",
    "other": "MISC",
}
_DOCSTART = "-DOCSTART-"


@dataclass
class Token:
    """One token line of a CoNLL file: the line as it was, its word, and its gold tag (last column)."""

    line: str
    text: str
    gold: str


@dataclass
class Document:
    """The sentences between two -DOCSTART- lines (the whole file if it has none)."""

    sentences: list[list[Token]] = field(default_factory=list)
    header: str | None = None

    @property
    def tokens(self) -> list[Token]:
        return [token for sentence in self.sentences for token in sentence]


def read_conll(lines: Iterable[str]) -> list[Document]:
    """Parse CoNLL lines: whitespace-separated columns, the word first and the tag last; blank lines end sentences.

    The WikiNEuRal format (`index<TAB>word<TAB>tag`, as its CoNLL-2002/2003 and WikiANN copies have it) is read
    too: there the word is the second column, and each sentence is a document of its own, since those files
    keep no document boundaries (WikiANN's sentences come from unrelated Wikipedia pages).
    """
    documents: list[Document] = []
    sentence: list[Token] = []
    indexed = False

    def close_sentence() -> None:
        nonlocal sentence
        if sentence:
            if not documents or indexed:
                documents.append(Document())
            documents[-1].sentences.append(sentence)
            sentence = []

    for raw in lines:
        line = raw.rstrip("\r\n")
        columns = line.split()
        if not columns:
            close_sentence()
        elif columns[0] == _DOCSTART:
            close_sentence()
            documents.append(Document(header=line))
        elif _is_indexed(line):
            indexed = True
            _index, word, tag = line.split("\t")
            sentence.append(Token(line, word, tag.strip()))
        else:
            if len(columns) < 2:
                raise ValueError(f"a token line needs a word and a tag: {line!r}")
            sentence.append(Token(line, columns[0], columns[-1]))
    close_sentence()
    return [d for d in documents if d.sentences]


def _is_indexed(line: str) -> bool:
    """A WikiNEuRal token line: three tab-separated fields, the first a token index (the word may hold spaces)."""
    fields = line.split("\t")
    return len(fields) == 3 and fields[0].isdigit() and bool(fields[1].strip())


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, kind = tag.split("-", 1)
    return prefix, kind


def chunks(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, type) in a tag sequence, by conlleval's rules.

    IOB1 and IOB2 both read correctly: an entity starts at B-, or at I- after O or after another
    type; it ends before O, B- or a change of type. A tag without a type counts as O.
    """
    spans: set[tuple[int, int, str]] = set()
    start, current = -1, ""
    for index, tag in enumerate((*tags, "O")):
        prefix, kind = _split(tag)
        if current and (prefix in ("O", "B", "S") or kind != current):
            spans.add((start, index, current))
            current = ""
        if prefix != "O" and (prefix in ("B", "S") or not current):
            start, current = index, kind
        if prefix in ("E", "S") and current:
            spans.add((start, index + 1, current))
            current = ""
    return spans


def encode(length: int, spans: Iterable[tuple[int, int, str]], *, iob1: bool = True) -> list[str]:
    """Tags for non-overlapping spans; IOB1 writes B- only where an entity follows one of its own type."""
    tags = ["O"] * length
    for start, end, kind in sorted(spans):
        for index in range(start, end):
            tags[index] = f"I-{kind}"
        if not iob1 or (start > 0 and tags[start - 1][2:] == kind):
            tags[start] = f"B-{kind}"
    return tags


def uses_iob1(documents: Sequence[Document]) -> bool:
    """True unless some entity opens with B- after O (the sign of IOB2)."""
    for document in documents:
        for sentence in document.sentences:
            previous = "O"
            for token in sentence:
                if token.gold.startswith("B-") and _split(previous)[1] != _split(token.gold)[1]:
                    return False
                previous = token.gold
    return True


@dataclass(frozen=True)
class TypeScore:
    """conlleval's counts for one type (or all): gold entities, predicted entities, exact matches."""

    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class NerScore:
    """Micro-averaged overall score and one per entity type."""

    overall: TypeScore
    by_type: dict[str, TypeScore]
    tokens: int


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> NerScore:
    """Score (gold tags, predicted tags) per sentence: an entity counts only with exact span and type."""
    gold_n: dict[str, int] = {}
    pred_n: dict[str, int] = {}
    correct_n: dict[str, int] = {}
    tokens = 0
    for gold_tags, pred_tags in pairs:
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"{len(gold_tags)} gold tags but {len(pred_tags)} predicted")
        tokens += len(gold_tags)
        gold, pred = chunks(gold_tags), chunks(pred_tags)
        for table, spans in ((gold_n, gold), (pred_n, pred), (correct_n, gold & pred)):
            for _start, _end, kind in spans:
                table[kind] = table.get(kind, 0) + 1
    kinds = sorted(set(gold_n) | set(pred_n))
    by_type = {k: TypeScore(gold_n.get(k, 0), pred_n.get(k, 0), correct_n.get(k, 0)) for k in kinds}
    overall = TypeScore(sum(gold_n.values()), sum(pred_n.values()), sum(correct_n.values()))
    return NerScore(overall, by_type, tokens)


def predict(nlp: Language, kb: KnowledgeBase, documents: Sequence[Document], batch_size: int = 16) -> list[list[str]]:
    """CoNLL types per token of each document, from the worker's own NER, ruler and merge rules.

    Each document is one Doc built from its tokens (joined by single spaces, so offsets line up), run
    through the same pipeline and `merge_mentions` as an article; an entity's published type (after
    knowledge-base resolution and merging) decides its CoNLL type.
    """
    docs = (Doc(nlp.vocab, words=[t.text for t in d.tokens]) for d in documents)
    results = []
    for doc in nlp_model.annotate(nlp, docs, batch_size=batch_size):
        spans = []
        for group in merge_mentions(doc.text, nlp_model.spans_of(doc), kb, nlp.lang):
            for mention in group.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    spans.append((span.start, span.end, CONLL_TYPES[group.type]))
        results.append(_types_per_token(len(doc), spans))
    return results


def _types_per_token(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """One entry per token: '' outside entities, else the type, with '^' marking an entity's first token."""
    marks = [""] * length
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if any(marks[start:end]):
            continue  # mentions never overlap in practice; keep the first, longest one if they do
        marks[start] = f"^{kind}"
        for index in range(start + 1, end):
            marks[index] = kind
    return marks


def sentence_tags(document: Document, marks: Sequence[str], *, iob1: bool) -> Iterator[list[str]]:
    """Per-token marks of a whole document as IOB tags per sentence (an entity never crosses a sentence)."""
    offset = 0
    for sentence in document.sentences:
        part = marks[offset : offset + len(sentence)]
        offset += len(sentence)
        spans = []
        start, kind = -1, ""
        for index, mark in enumerate((*part, "")):
            if kind and (mark != kind):
                spans.append((start, index, kind))
                kind = ""
            if mark and not kind:
                start, kind = index, mark.lstrip("^")
        yield encode(len(sentence), spans, iob1=iob1)


def write_predictions(documents: Sequence[Document], tags: Sequence[Sequence[Sequence[str]]]) -> Iterator[str]:
    """The input lines with the predicted tag appended (per document, per sentence); blank lines kept."""
    for document, sentences in zip(documents, tags, strict=True):
        if document.header is not None:
            yield f"{document.header} O"
            yield ""
        for sentence, sentence_predictions in zip(document.sentences, sentences, strict=True):
            for token, tag in zip(sentence, sentence_predictions, strict=True):
                yield f"{token.line}{_separator(token.line)}{tag}"
            yield ""


def _separator(line: str) -> str:
    """A tab after a tab-separated line (WikiNEuRal), else a space (CoNLL-2003)."""
    return "\t" if _is_indexed(line) else " "


def run(path: Path, out: Path | None, nlp: Language, kb: KnowledgeBase) -> NerScore:
    """Predict every document of a CoNLL file, write the predictions (same tag scheme as the file), score."""
    documents = read_conll(path.read_text(encoding="utf-8").splitlines())
    iob1 = uses_iob1(documents)
    marks = predict(nlp, kb, documents)
    predicted = [list(sentence_tags(d, m, iob1=iob1)) for d, m in zip(documents, marks, strict=True)]
    if out is not None:
        out.write_text("\n".join(write_predictions(documents, predicted)) + "\n", encoding="utf-8")
    return score(
        ([token.gold for token in sentence], tags)
        for document, sentences in zip(documents, predicted, strict=True)
        for sentence, tags in zip(document.sentences, sentences, strict=True)
    )


def report(result: NerScore) -> str:
    """conlleval's summary: counts, then precision, recall and F1 (percent) overall and per type."""
    total = result.overall
    lines = [
        f"processed {result.tokens} tokens with {total.gold} phrases; found: {total.predicted} phrases; "
        f"correct: {total.correct}.",
        f"{'':>10} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>6} {'found':>6} {'correct':>7}",
    ]
    for name, item in (("overall", total), *result.by_type.items()):
        lines.append(
            f"{name:>10} {100 * item.precision:9.2f} {100 * item.recall:7.2f} {100 * item.f1:6.2f} "
            f"{item.gold:6d} {item.predicted:6d} {item.correct:7d}"
        )
    return "\n".join(lines)
