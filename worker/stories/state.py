"""One open story's state: what its articles share, kept bounded, serialisable to JSON for a Faust table."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from worker.models import StoryFeatures
from worker.stories.features import name_keys
from worker.stories.terms import headline, words

#: Terms kept in a story's centroid (the most frequent across its articles).
CENTROID_TERMS = 48
#: Entities kept per story (those named by the most articles).
STORY_ENTITIES = 64
#: Name keys kept per story (see `name_keys`; those named by the most articles).
STORY_NAMES = 64
#: Bounds on what grows with every article, so that a story thousands of articles long (a war, an election
#: followed for weeks) stays a small table value (Kafka refuses a record over ~1 MB) and a cheap one to write:
#: the latest article ids (the count goes on), the blocking keys, the sources with the most articles.
STORY_ARTICLE_IDS = 1000
STORY_KEYS = 512
STORY_SOURCES = 200
#: Titles kept of a story's latest articles: what a short article's headline is compared with
#: (`worker.stories.vectors`; 2 to all of them gave the same on the development halves, the representative alone less).
STORY_HEADLINES = 3
#: Days kept of those its articles name (`worker.stories.dates`; the most named, the latest on a tie): what an
#: article's days are compared with, and what its record's `event_date` is read from.
STORY_DATES = 32
#: Weight of a name the headline carries, against 1 for the body's (chosen on half A of the development set).
HEADLINE_NAME = 2.0
#: An article's word and name vectors (`Clusterer._article_weights`).
Vectors = tuple[dict[str, float], dict[str, float]]


@dataclass
class StoryState:
    """Running sums over a story's articles: `terms` and `names` add up its articles' weighted vectors (each of
    length at most 1, weighted by rarity when the article came), `entities` count articles; `article_ids` holds
    the latest ids, `articles` counts them all (`trim` keeps it all bounded)."""

    id: str
    first_seen: float
    last_seen: float
    last_arrival: float = 0.0  # when its latest article reached the clusterer (the closing clock)
    article_ids: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, list[Any]] = field(default_factory=dict)  # id -> [name, type, articles, salience sum]
    sources: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    representative: str = ""
    title: str | None = None
    representative_score: float = -1.0
    headlines: list[str] = field(default_factory=list)  # titles of its latest articles (`STORY_HEADLINES`)
    dates: dict[str, int] = field(default_factory=dict)  # ISO day -> its articles naming it (`STORY_DATES`)
    keys: list[str] = field(default_factory=list)  # blocking keys it is indexed under
    names: dict[str, float] = field(default_factory=dict)  # name key (`name_keys`) -> summed weight, like terms
    articles: int = 0  # every article it took (0 in a value saved before there was a bound: the ids' count)
    # How many of its articles hold each word and name of its sums, where two or more do (`holding`).
    held: dict[str, int] = field(default_factory=dict)
    # How many articles its sums hold, where fewer than `articles`: a story re-opened from the archive starts its
    # sums afresh (`Signature.reopened`). None: all of them.
    summed: int | None = None

    def __post_init__(self) -> None:
        self.articles = self.articles or len(self.article_ids)

    @property
    def count(self) -> int:
        return self.articles

    @property
    def folded(self) -> int:
        """How many articles its sums (and `held`) hold: what a share of its articles holding a key is of."""
        return self.articles if self.summed is None else self.summed

    def holding(self, key: str) -> int:
        """How many of its articles hold `key`, a word or name of its sums (`terms`, `names`): what the key's
        rarity outside the story discounts (a word of its sums is held by one at least). Counted from when the
        key last entered its sums (a key pushed out and back in is counted afresh: fewer, so less rare)."""
        return self.held.get(key, 1)

    def add(self, article: StoryFeatures, at: float, arrival: float, score: float, keys: list[str],
            vectors: Vectors) -> None:
        """Fold one article in (`vectors`: its weighted words and names, each of length at most 1); the article
        closest to the story so far becomes its representative."""
        self.article_ids.append(article.article_id)
        self.articles += 1
        self.summed = None if self.summed is None else self.summed + 1
        self.first_seen = min(self.first_seen, at)
        self.last_seen = max(self.last_seen, at)
        self.last_arrival = max(self.last_arrival, arrival)
        # (a story's first article holds each of its keys once: nothing to count)
        held = {key: self._held_before(key) + 1 for vector in vectors for key in vector} if self.folded > 1 else {}
        self.terms = _summed(self.terms, vectors[0], CENTROID_TERMS)
        self.names = _summed(self.names, vectors[1], STORY_NAMES)
        self._keep_held(held)
        for entity in article.entities:
            row = self.entities.setdefault(entity.id, [entity.name, entity.type, 0, 0.0])
            row[2] = int(row[2]) + 1
            row[3] = round(row[3] + entity.salience, 4)
        if len(self.entities) > STORY_ENTITIES:
            kept = heapq.nlargest(STORY_ENTITIES, self.entities.items(), key=lambda item: (item[1][2], item[1][3]))
            self.entities = dict(kept)
        if article.source:
            self.sources[article.source] = self.sources.get(article.source, 0) + 1
        for code in article.topics[:3]:
            self.topics[code] = self.topics.get(code, 0) + 1
        if score > self.representative_score and (article.title or not self.title):
            self.representative, self.title, self.representative_score = article.article_id, article.title, score
        if article.title and article.title not in self.headlines:
            self.headlines = [*self.headlines, article.title][-STORY_HEADLINES:]
        self.dates = _days(self.dates, dict.fromkeys((day.isoformat() for day in article.dates), 1))
        self.keys = sorted(set(self.keys) | set(keys))

    def absorb(self, other: StoryState) -> None:
        """Fold another story's articles and sums into this one (a merge); the better representative stays."""
        # The later story's headlines are the latest (one saved before they were kept has its title).
        older, newer = sorted((self, other), key=lambda story: story.last_seen)
        self.headlines = list(dict.fromkeys([*older.latest_headlines(), *newer.latest_headlines()]))[-STORY_HEADLINES:]
        mine = set(self.article_ids)
        theirs = [a for a in other.article_ids if a not in mine]
        if self.summed is not None or other.summed is not None:
            self.summed = self.folded + other.folded
        self.articles += other.articles - (len(other.article_ids) - len(theirs))
        self.article_ids = self.article_ids + theirs
        self.first_seen = min(self.first_seen, other.first_seen)
        self.last_seen = max(self.last_seen, other.last_seen)
        self.last_arrival = max(self.last_arrival, other.last_arrival)
        held = {key: self._held_before(key) + other._held_before(key)
                for vector in (other.terms, other.names) for key in vector}
        self.terms = _summed(self.terms, other.terms, CENTROID_TERMS)
        self.names = _summed(self.names, other.names, STORY_NAMES)
        self._keep_held(held)
        for entity_id, (name, kind, articles, salience) in other.entities.items():
            row = self.entities.setdefault(entity_id, [name, kind, 0, 0.0])
            row[2] = int(row[2]) + int(articles)
            row[3] = round(row[3] + salience, 4)
        if len(self.entities) > STORY_ENTITIES:
            kept = heapq.nlargest(STORY_ENTITIES, self.entities.items(), key=lambda item: (item[1][2], item[1][3]))
            self.entities = dict(kept)
        for name, count in other.sources.items():
            self.sources[name] = self.sources.get(name, 0) + count
        for code, count in other.topics.items():
            self.topics[code] = self.topics.get(code, 0) + count
        if other.representative_score > self.representative_score and other.title:
            self.representative, self.title = other.representative, other.title
            self.representative_score = other.representative_score
        self.dates = _days(self.dates, other.dates)
        self.keys = sorted(set(self.keys) | set(other.keys))

    def event_day(self) -> str | None:
        """The day most of its articles name (ISO), the earliest on a tie (a later one is an arrest's, a
        hearing's); None if none names a day."""
        return min(self.dates.items(), key=lambda item: (-item[1], item[0]))[0] if self.dates else None

    def latest_headlines(self) -> list[str]:
        """Its latest articles' titles; a story saved before they were kept, its representative title."""
        return self.headlines or ([self.title] if self.title else [])

    def _held_before(self, key: str) -> int:
        return self.held.get(key, 1) if key in self.terms or key in self.names else 0

    def _keep_held(self, changed: dict[str, int]) -> None:
        """The counts of the keys now in the sums, `changed` over the old ones; ones left implicit (`holding`)."""
        counts = {**self.held, **changed}
        self.held = {key: n for key, n in counts.items() if n > 1 and (key in self.terms or key in self.names)}

    def trim(self, latest_keys: Iterable[str] = ()) -> tuple[list[str], list[str]]:
        """Drop what is over the bounds; returns the article ids and the blocking keys dropped (for the
        clusterer's indexes). The keys kept past the bound are those of the story's centroid (its top words and
        names, what its similarity is computed from) and `latest_keys` (its newest article's)."""
        dropped_ids: list[str] = []
        if len(self.article_ids) > STORY_ARTICLE_IDS:
            dropped_ids = self.article_ids[:-STORY_ARTICLE_IDS]
            self.article_ids = self.article_ids[-STORY_ARTICLE_IDS:]
        dropped_keys: list[str] = []
        if len(self.keys) > STORY_KEYS:
            wanted = set(self.terms) | set(self.names) | set(latest_keys)
            dropped_keys = [k for k in self.keys if k not in wanted]
            self.keys = [k for k in self.keys if k in wanted]
        if len(self.sources) > STORY_SOURCES:
            self.sources = dict(heapq.nlargest(STORY_SOURCES, self.sources.items(), key=lambda item: item[1]))
        return dropped_ids, dropped_keys

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryState:
        # Fields a later version added are left out, so that a value it saved still restores (a rollback).
        story = cls(**{name: value for name, value in data.items() if name in cls.__dataclass_fields__})
        if "held" not in data and story.count > 1:
            # Saved before the counts (an upgrade): as the rules then had it, every article holds every key (else
            # no key would be of its core, and an open story of three or more could not grow).
            story.held = dict.fromkeys([*story.terms, *story.names], story.count)
        return story


@dataclass(frozen=True)
class Assignment:
    """Where an article went: its story, whether the story is new, and the score that decided it."""

    article_id: str
    story: StoryState
    created: bool
    score: float
    repeated: bool = False  # the article was assigned before (a redelivery): nothing changed
    merged: tuple[StoryState, ...] = ()  # stories folded into `story` because the article belonged to both


def article_names(article: StoryFeatures) -> set[str]:
    """The article's name keys (see `name_keys`)."""
    return set().union(*(name_keys(e) for e in article.entities))


def name_weights(article: StoryFeatures) -> dict[str, float]:
    """The article's name keys, each weighed `HEADLINE_NAME` if its entity is named in the headline, else 1: the
    headline names the event's own people and places, a name met once in the body may be a site's sidebar
    (its title words count twice in the terms likewise)."""
    head = set(words(headline(article.title or "")))
    found: dict[str, float] = {}
    for entity in article.entities:
        weight = HEADLINE_NAME if head and head.intersection(words(entity.name)) else 1.0
        for key in name_keys(entity):
            found[key] = max(found.get(key, 0.0), weight)
    return found


def _days(kept: dict[str, int], named: dict[str, int]) -> dict[str, int]:
    """Two counts of ISO days added up, the `STORY_DATES` most named kept, the latest on a tie (a new dict: a
    table sees the change)."""
    if not named:
        return kept
    summed = dict(kept)
    for day, articles in named.items():
        summed[day] = summed.get(day, 0) + articles
    return dict(heapq.nlargest(STORY_DATES, summed.items(), key=lambda item: (item[1], item[0])))


def _summed(total: dict[str, float], vector: dict[str, float], limit: int) -> dict[str, float]:
    """`total` plus `vector`, the `limit` largest kept (a new dict: a table sees the change)."""
    summed = dict(total)
    for key, weight in vector.items():
        summed[key] = summed.get(key, 0.0) + weight
    return dict(heapq.nlargest(limit, summed.items(), key=lambda item: item[1])) if len(summed) > limit else summed
