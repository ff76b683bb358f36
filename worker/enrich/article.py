"""Article to enrichment: entities, topics, quotes and tone for a batch of clean articles."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from worker.enrich import entities as entity_rules
from worker.enrich import nlp as nlp_model
from worker.enrich import quotes as quote_rules
from worker.enrich import tone as tone_rules
from worker.enrich.knowledge import KnowledgeBase
from worker.enrich.languages import LEXICON_LANGUAGES, LanguageModels
from worker.enrich.places.locate import locate
from worker.enrich.topics.classify import classify
from worker.models import Article, Entity, Location, Quote, Tone, Topic

#: IPTC Media Topic "sport".
SPORT = "medtop:15000000"


@dataclass(frozen=True)
class Enrichment:
    """What enrichment adds to one article, and the milliseconds each stage took."""

    entities: list[Entity]
    topics: list[Topic]
    quotes: list[Quote]
    tone: Tone | None
    timings_ms: dict[str, float] = field(default_factory=dict)
    locations: list[Location] = field(default_factory=list)


def enrich_batch(
    articles: Sequence[Article], models: LanguageModels | Language, kb: KnowledgeBase
) -> list[Enrichment]:
    """Enrich many articles; each language's NER model runs once over that language's part of the batch.

    `models` may be a bare English pipeline (the evaluations and benchmarks pass one): then every article
    in another language is left as if it had no model.
    """
    registry = models if isinstance(models, LanguageModels) else LanguageModels(kb, english=models, loader=None)
    by_language: dict[str | None, list[int]] = {}
    for i, a in enumerate(articles):
        if a.language_status != "unsupported":
            by_language.setdefault(a.language, []).append(i)
    docs: dict[int, Doc] = {}
    ner_ms: dict[int, float] = {}
    for language, indices in by_language.items():
        nlp = registry.for_language(language)
        if nlp is None:
            continue
        started = time.perf_counter()
        # Keyed by place in the batch, never by article id: two versions of one article can share a batch.
        docs.update(zip(indices, nlp_model.annotate(nlp, [articles[i].text for i in indices]), strict=True))
        # The model's batch time is shared out evenly: per-article cost is what a user can plan with.
        share = (time.perf_counter() - started) * 1000 / len(indices)
        ner_ms.update(dict.fromkeys(indices, share))

    results = []
    for index, article in enumerate(articles):
        doc = docs.get(index)
        if doc is None:
            # No model for this language: say so through language_status, not with wrong tags.
            results.append(Enrichment([], [], [], None, {"ner": 0.0}))
            continue
        spans, sentences = nlp_model.spans_of(doc), nlp_model.sentences_of(doc)
        results.append(_enrich_one(article, spans, sentences, kb, ner_ms[index]))
    return results


def _enrich_one(
    article: Article,
    spans: Sequence[entity_rules.Span],
    sentences: Sequence[tuple[int, int]],
    kb: KnowledgeBase,
    ner_ms: float,
) -> Enrichment:
    timings = {"ner": round(ner_ms, 3)}
    clock = time.perf_counter()

    # Tone (VADER) is English-only: on other languages it would score words it does not know as neutral,
    # so those articles get none (README). Topics have a cue table per language (topics.lexicon).
    lexicons = article.language is None or article.language in LEXICON_LANGUAGES
    groups = entity_rules.merge_mentions(article.text, spans, kb, article.language)
    scores = tone_rules.sentence_polarities(article.text, sentences) if lexicons else []
    weights = [len(article.text[s:e].split()) for s, e in sentences]
    tone_of = {
        g.key: t
        for g in groups
        if lexicons and (t := tone_rules.entity_tone(sentences, scores, [m.start for m in g.mentions])) is not None
    }
    entities = entity_rules.build_entities(article.text, groups, tone_of)
    clock = _lap(timings, "entities_and_tone", clock)

    topics = classify(article.title, article.text, language=article.language or "en")
    clock = _lap(timings, "topics", clock)

    by_key = {g.key: e for g, e in zip(groups, entities, strict=True)}
    speakers = [
        quote_rules.Speaker(by_key[g.key].id, by_key[g.key].name, m.start, m.end, g.type == "person")
        for g in groups
        if g.type in ("person", "organisation")
        for m in g.mentions
    ]
    quotes = quote_rules.find_quotes(article.text, sentences, speakers, article.language)
    clock = _lap(timings, "quotes", clock)
    # In sport, a city's name is most often its club's ("Leicester beat Wasps"): no city ids there.
    sport = any(t.code == SPORT for t in topics)
    entities, locations = locate(article.text, entities, link_cities=not sport)
    _lap(timings, "places", clock)
    ranked = sorted(entities, key=lambda e: -e.salience)
    tone = tone_rules.document_tone(scores, weights) if lexicons else None
    return Enrichment(ranked, topics, quotes, tone, timings, locations)


def _lap(timings: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    timings[stage] = round((now - since) * 1000, 3)
    return now
