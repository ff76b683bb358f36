"""An enriched article reduced to what story clustering needs (the StoryFeatures record), and back to parts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from worker.models import EnrichedArticle, StoryEntity, StoryFeatures
from worker.stories.address import address_words, site_of
from worker.stories.dates import mentioned_dates
from worker.stories.terms import LEAD_WORDS, MAX_TERMS, content_terms, headline, words
from worker.stories.vectors import is_short

#: Entity types that name an event's participants and setting (groups and "other" are too generic).
EVENT_TYPES = frozenset({"person", "organisation", "place", "event"})
#: Entities kept per article, by salience.
MAX_ENTITIES = 20


def features_of(article: EnrichedArticle) -> StoryFeatures:
    """The compact record the enrich agent sends to the clustering stage: entities, topics, terms; no text."""
    entities = [
        StoryEntity(id=e.id, name=e.name, type=e.type, salience=e.salience, count=e.mention_count)
        for e in article.entities
        if e.type in EVENT_TYPES
    ][:MAX_ENTITIES]
    lead = " ".join(article.text.split()[:LEAD_WORDS])
    features = StoryFeatures(article_id=article.id, **_described(article), entities=entities,
                             topics=[t.code for t in article.topics[:5]],
                             terms=content_terms(article.title, lead),  # (the lead: all `content_terms` reads)
                             dates=mentioned_dates(article.title, lead, article.published_at or article.processed_at,
                                                   article.language))
    return with_address_words(features, article.url)


def _described(article: EnrichedArticle) -> dict[str, Any]:
    """Title, times and source; the source the message names, else the site of the article's address."""
    return {"title": article.title, "published_at": article.published_at, "processed_at": article.processed_at,
            "source": article.source or site_of(article.url)}


def with_address_words(features: StoryFeatures, url: str | None) -> StoryFeatures:
    """A short article (`is_short`: a teaser, a video page, a page whose text is the site's) with the words of its
    address's slug that its headline lacks, counted as a headline's words are: the slug is often the first
    headline, more specific than the one the page shows ("Video: passengers describe their night" at
    ".../ferry-runs-aground-off-tromso"), and such an article has little else to be matched by. A long
    article's own text names its event: the slugs of all articles joined more wrong pairs than right ones on the
    development data (docs/stories.md). At most `MAX_TERMS` // 2 words (an address may be long); an article they
    bring to `MAX_TERMS` terms is no longer short for the clusterer: its terms are no longer thin (keeping it short
    measured the same)."""
    if not is_short(features):
        return features
    head = set(words(headline(features.title or "")))
    added = [word for word in dict.fromkeys(address_words(url)) if word not in head][:MAX_TERMS // 2]
    if not added:
        return features
    terms = dict(features.terms)
    for word in added:
        terms[word] = terms.get(word, 0) + 2  # as `content_terms` counts a headline's
    return features.model_copy(update={"terms": terms})


def story_input(article: EnrichedArticle, enriched: str | None) -> StoryFeatures:
    """What the enrich agent sends the clustering agent for one article: a first sighting's features, or a repeat's
    id and the article it repeats (a repeat is not clustered); with `enriched`, its articles.enriched record."""
    if article.duplicate_of is None:
        features = features_of(article)
        return features if enriched is None else features.model_copy(update={"enriched": enriched})
    return StoryFeatures(article_id=article.id, **_described(article), entities=[], topics=[], terms={},
                         duplicate_of=article.duplicate_of, enriched=enriched)


def event_time(features: StoryFeatures) -> float:
    """When the article happened for the stream's clock: its publication time, else when it was processed."""
    moment = features.published_at or features.processed_at
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def arrival_time(features: StoryFeatures) -> float:
    """When the article reached the worker: the clock stories close by (a replay sets it to the publication time)."""
    moment = features.processed_at
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def iso(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def name_keys(entity: StoryEntity) -> set[str]:
    """What an entity contributes to matching: a linked entity its id (one key for all its names); an unlinked
    one the words of its name, so a surname alone, a misspelt first name or another type given to the same name
    by the tagger ("Pulse" a place, "Pulse Nightclub" a person) still meet."""
    return keys_of(entity.id, entity.name)


def keys_of(entity_id: str, name: str) -> set[str]:
    """`name_keys` of an entity's id and name."""
    if not entity_id.startswith("newsflow:"):
        return {f"@{entity_id}"}
    return {f"${word}" for word in words(name) if not word.startswith("#")}
