"""The NER registry: one model per language, loaded on first use; no model, no tags."""

from __future__ import annotations

import json
from importlib import util
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from worker.enrich.article import enrich_batch
from worker.enrich.knowledge import KnowledgeBase
from worker.enrich.languages import MODEL_LANGUAGES, LanguageModels, model_source
from worker.models import RawArticle
from worker.normalise.article import NER_LANGUAGES, normalise

# Real-looking text in three languages without a model (and in three scripts).
UNSUPPORTED = {
    "ar": "قال الرئيس المصري عبد الفتاح السيسي يوم الثلاثاء إن مصر ستواصل دعم جهود السلام في المنطقة، وذلك خلال"
          " لقائه مع وزير الخارجية الأمريكي في القاهرة. وأضاف أن الحكومة ستعمل مع الأمم المتحدة والاتحاد الأوروبي.",
    "zh": "中国国家主席习近平星期二在北京会见了美国国务卿布林肯。双方同意继续保持沟通，努力稳定两国关系。"
          "外交部发言人表示，中方希望美方尊重中国的正当权益，并在台湾问题上谨言慎行。",
    "el": "Ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε την Τρίτη στην Αθήνα με την πρόεδρο της Ευρωπαϊκής"
          " Επιτροπής. «Η Ελλάδα θα συνεχίσει να στηρίζει την Ουκρανία», δήλωσε μετά τη συνάντηση ο πρωθυπουργός.",
    # Cyrillic, but not Russian: the Russian model is not for it.
    "uk": "Канцлер Німеччини Олаф Шольц у вівторок провів у Берліні переговори з президентом Франції Еммануелем"
          " Макроном. Сторони також обговорили роботу Європейського союзу і майбутній саміт НАТО у Вашингтоні.",
}


class CountingLoader:
    """Stands in for the model loader: records each language it is asked for."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, code: str, kb: KnowledgeBase) -> Language:
        self.calls.append(code)
        return spacy.blank(code)


def test_other_languages_load_on_their_first_article_and_only_once() -> None:
    english = spacy.blank("en")
    loader = CountingLoader()
    models = LanguageModels(KnowledgeBase(), english=english, loader=loader)
    assert models.for_language("en") is english and models.for_language(None) is english
    assert loader.calls == [] and models.loaded == ("en",)
    spanish = models.for_language("es")
    assert models.for_language("es") is spanish and loader.calls == ["es"]
    assert models.loaded == ("en", "es")


@pytest.mark.parametrize("code", ["ar", "zh", "el", "ja", "xx"])
def test_a_language_without_a_model_gets_none_and_loads_nothing(code: str) -> None:
    loader = CountingLoader()
    assert LanguageModels(KnowledgeBase(), loader=loader).for_language(code) is None and loader.calls == []


def test_unsupported_languages_stay_unsupported_with_no_tags() -> None:
    """Arabic, Chinese and Greek articles: detected, marked unsupported, and given nothing (no model loaded)."""
    loader = CountingLoader()
    articles = [normalise(RawArticle(body=text), "json") for text in UNSUPPORTED.values()]
    assert [(a.language, a.language_status) for a in articles] == [(c, "unsupported") for c in UNSUPPORTED]
    for enrichment in enrich_batch(articles, LanguageModels(KnowledgeBase(), loader=loader), KnowledgeBase()):
        assert (enrichment.entities, enrichment.topics, enrichment.quotes, enrichment.tone) == ([], [], [], None)
        assert enrichment.locations == []
    assert loader.calls == []


def test_every_language_with_a_model_is_enabled() -> None:
    assert NER_LANGUAGES == MODEL_LANGUAGES


@pytest.mark.parametrize("code", sorted(MODEL_LANGUAGES))
def test_every_model_is_there_for_our_spacy(code: str) -> None:
    """A shipped folder with its meta (and the four CoNLL labels), or an installed package whose spaCy pin fits."""
    source = model_source(code)
    if isinstance(source, Path):
        meta = json.loads((source / "meta.json").read_text(encoding="utf-8"))
        assert meta["lang"] == code and set(meta["labels"]["ner"]) == {"PER", "ORG", "LOC", "MISC"}
        assert meta["sources"], "say what the model was trained on"
    else:
        spec = util.find_spec(source)
        assert spec is not None and spec.origin is not None
        meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
        assert meta["lang"] == code and "ner" in meta["pipeline"]
    assert spacy.util.is_compatible_version(spacy.__version__, meta["spacy_version"])



def test_a_bare_english_pipeline_enriches_english_and_leaves_other_languages_empty() -> None:
    """Evaluations and benchmarks pass one pipeline: an article in another language gets nothing from it."""
    english = spacy.blank("en")
    english.add_pipe("sentencizer")
    ruler = english.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Anna Berg"}, {"label": "PER", "pattern": "Lucía Marín"}])  # type: ignore[attr-defined]
    texts = {"en": "Anna Berg opened the new bridge in the town on Monday morning, officials said.",
             "es": "Lucía Marín inauguró el nuevo puente de la ciudad el lunes por la mañana, según fuentes oficiales."}
    articles = [normalise(RawArticle(body=text, language=code), "json") for code, text in texts.items()]
    assert [a.language for a in articles] == ["en", "es"]
    en, es = enrich_batch(articles, english, KnowledgeBase())
    assert [e.name for e in en.entities] == ["Anna Berg"] and es.entities == []
