"""Article to enrichment: entities, topics, quotes and tone for a batch of clean articles."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from worker.enrich import entities as entity_rules
from worker.enrich import nlp as nlp_model
from worker.enrich import quotes as quote_rules
from worker.enrich import tone as tone_rules
from worker.enrich.knowledge import KnowledgeBase
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


def enrich_batch(articles: Sequence[Article], nlp: Language, kb: KnowledgeBase) -> list[Enrichment]:
    """Enrich many articles; the NER model runs once over the whole batch (nlp.pipe)."""
    # Keyed by place in the batch, never by article id: two versions of one article can share a batch.
    supported = [i for i, a in enumerate(articles) if a.language_status != "unsupported"]
    started = time.perf_counter()
    docs = dict(zip(supported, nlp_model.annotate(nlp, [articles[i].text for i in supported]), strict=True))
    # The model's batch time is shared out evenly: per-article cost is what a user can plan with.
    ner_ms = (time.perf_counter() - started) * 1000 / max(len(supported), 1)

    results = []
    for index, article in enumerate(articles):
        doc = docs.get(index)
        if doc is None:
            # No English model for this language: say so through language_status, not with wrong tags.
            results.append(Enrichment([], [], [], None, {"ner": 0.0}))
            continue
        results.append(_enrich_one(article, nlp_model.spans_of(doc), nlp_model.sentences_of(doc), kb, ner_ms))
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

    groups = entity_rules.merge_mentions(article.text, spans, kb)
    scores = tone_rules.sentence_polarities(article.text, sentences)
    weights = [len(article.text[s:e].split()) for s, e in sentences]
    tone_of = {
        g.key: t
        for g in groups
        if (t := tone_rules.entity_tone(sentences, scores, [m.start for m in g.mentions])) is not None
    }
    entities = entity_rules.build_entities(article.text, groups, tone_of)
    clock = _lap(timings, "entities_and_tone", clock)

    topics = classify(article.title, article.text)
    clock = _lap(timings, "topics", clock)

    by_key = {g.key: e for g, e in zip(groups, entities, strict=True)}
    speakers = [
        quote_rules.Speaker(by_key[g.key].id, by_key[g.key].name, m.start, m.end, g.type == "person")
        for g in groups
        if g.type in ("person", "organisation")
        for m in g.mentions
    ]
    quotes = quote_rules.find_quotes(article.text, sentences, speakers)
    clock = _lap(timings, "quotes", clock)
    # In sport, a city's name is most often its club's ("Leicester beat Wasps"): no city ids there.
    sport = any(t.code == SPORT for t in topics)
    entities, locations = locate(article.text, entities, link_cities=not sport)
    _lap(timings, "places", clock)
    ranked = sorted(entities, key=lambda e: -e.salience)
    return Enrichment(ranked, topics, quotes, tone_rules.document_tone(scores, weights), timings, locations)


def _lap(timings: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    timings[stage] = round((now - since) * 1000, 3)
    return now
