"""An enriched article reduced to what story clustering needs (the StoryFeatures record), and back to parts."""

from __future__ import annotations

from datetime import UTC, datetime

from worker.models import EnrichedArticle, StoryEntity, StoryFeatures
from worker.stories.terms import address_words, content_terms, headline, words
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
    same = {name: getattr(article, name) for name in ("title", "published_at", "processed_at")}
    same["source"] = article.source or site_of(article.url)
    terms = content_terms(article.title, article.text)
    features = StoryFeatures(article_id=article.id, **same, entities=entities,
                             topics=[t.code for t in article.topics[:5]], terms=terms)
    return with_address_words(features, article.url)


def site_of(url: str | None) -> str | None:
    """The site an address is on ("nbcwashington.com"), for a story's sources when the message names none; an
    address kept inside another (an archive's or a proxy's copy: ".../web/2017.../http://www.site.com/...") is
    the original's. None for no address or one without a host."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]  # (a query may hold an address of its own: a share link)
    inner = path[path.rfind("://") + 3:] if "://" in path else path
    host = inner.split("/", 1)[0].split("@")[-1].split(":")[0].lower().strip(".")
    host = host.removeprefix("www.")
    return host if "." in host else None


def with_address_words(features: StoryFeatures, url: str | None) -> StoryFeatures:
    """A short article (`is_short`: a teaser, a video page, a page whose text is the site's) with the words of its
    address's slug that its headline lacks, counted as a headline's words are: the slug is often the first
    headline, more specific than the one the page shows ("Video: passengers describe their night" at
    ".../ferry-runs-aground-off-tromso"), and such an article has little else to be matched by. A long
    article's own text names its event: the slugs of all articles joined more wrong pairs than right ones on the
    development data (docs/stories.md)."""
    if not is_short(features):
        return features
    head = set(words(headline(features.title or "")))
    added = [word for word in dict.fromkeys(address_words(url)) if word not in head]
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
    same = {name: getattr(article, name) for name in ("title", "source", "published_at", "processed_at")}
    return StoryFeatures(article_id=article.id, **same, entities=[], topics=[], terms={},
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
