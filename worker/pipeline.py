"""Pure composition of normalise and enrich: message bytes in, records to publish out."""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from spacy.language import Language

from worker.enrich.article import Enrichment, enrich_batch
from worker.enrich.knowledge import KnowledgeBase
from worker.enrich.knowledge import load as load_kb
from worker.enrich.languages import LanguageModels
from worker.enrich.nlp import load_nlp
from worker.enrich.places.gazetteer import load as load_gazetteer
from worker.enrich.places.postal import load as load_postal_places
from worker.errors import BadInput
from worker.models import Article, DeadLetter, EnrichedArticle, EntityMention, SourcePosition
from worker.normalise.article import normalise
from worker.normalise.decode import decode
from worker.settings import Settings


@dataclass(frozen=True)
class Message:
    """One input message as the pipeline sees it: no Kafka types, so tests need no broker."""

    value: bytes | None
    key: bytes | None = None
    position: SourcePosition | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class Enriched:
    """A message that became an article: one enriched record and one event per entity."""

    article: EnrichedArticle
    mentions: list[EntityMention]
    # The input it came from: should its enriched record turn out too large to publish, the dead letter
    # carries the input's bytes as any other does (worker/stream/publishing.py).
    message: Message | None = None

    def source(self) -> Message:
        """The input, for the article's dead letter (its position alone when the message was not kept)."""
        return self.message or Message(None, position=self.article.source_position)


@dataclass(frozen=True)
class Rejected:
    """A message that could not: its dead-letter record."""

    dead_letter: DeadLetter


Outcome = Enriched | Rejected


@dataclass(frozen=True)
class UndecodableBatch:
    """A record batch the Kafka client fetched but could not decode (unknown codec, corrupt, a client bug).

    `first_offset` up to `next_offset` (exclusive) are the offsets it covers that were not delivered; `raw` is
    the batch as Kafka stores it (header and records, still compressed), for a client that can decode it.
    """

    topic: str
    partition: int
    first_offset: int
    next_offset: int
    codec: str
    error: str
    raw: bytes


def undecodable(batch: UndecodableBatch, *, keep_bytes: int) -> Rejected:
    """The dead letter for a batch no message of which reached the pipeline: its position, bytes and error."""
    last = batch.next_offset - 1
    detail = (
        f"record batch at offsets {batch.first_offset}..{last} of {batch.topic}[{batch.partition}] "
        f"({batch.codec}) cannot be decoded: {batch.error}; original_b64 holds the whole batch as Kafka stores it"
    )
    message = Message(
        value=batch.raw,
        position=SourcePosition(topic=batch.topic, partition=batch.partition, offset=batch.first_offset),
    )
    return Rejected(dead_letter(BadInput("undecodable_batch", detail), message, keep_bytes=keep_bytes))


def dead_letter(exc: BaseException, message: Message, *, keep_bytes: int) -> DeadLetter:
    """The one place an exception and its message become a dead-letter record."""
    value, key = message.value or b"", message.key
    if isinstance(exc, BadInput):
        why, detail = exc.reason, exc.detail
    else:
        why, detail = "processing_error", f"{type(exc).__name__}: {exc}"
    return DeadLetter(
        reason=why,
        detail=detail[:2000],
        source_position=message.position,
        # The key is cut like the value: Kafka takes keys of megabytes, the producer no record over 1 MB.
        key_b64=base64.b64encode(key[:keep_bytes]).decode() if key is not None else None,
        key_truncated=key is not None and len(key) > keep_bytes,
        original_b64=base64.b64encode(value[:keep_bytes]).decode(),
        original_size=len(value),
        original_truncated=len(value) > keep_bytes,
        failed_at=datetime.now(UTC),
    )


@dataclass
class Pipeline:
    """Loads the model and knowledge base once; `process` turns a batch of messages into outcomes."""

    settings: Settings
    _kb: KnowledgeBase | None = field(default=None, repr=False)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or load_kb(self.settings.knowledge_base)

    @cached_property
    def nlp(self) -> Language:
        return load_nlp(self.kb)

    @cached_property
    def models(self) -> LanguageModels:
        """English loaded now; other languages' models on their first article (README "Languages")."""
        return LanguageModels(self.kb, english=self.nlp)

    def warm_up(self) -> None:
        """Load everything now, so the first message does not pay for it."""
        # The gazetteer first, so that it comes from the cache folder when an earlier start kept it there.
        load_gazetteer(self.settings.cache_folder())
        self.process([Message(b"Warm-up text about Paris and London, said Jane Smith.")])
        # Read only for a place name the gazetteer lacks, which the warm-up text has none of (0.2 s; it holds ~17 MB).
        load_postal_places()

    def process(self, messages: Sequence[Message]) -> list[Outcome]:
        """Normalise each message, enrich the good ones as one batch, and dead-letter the rest."""
        outcomes: list[Outcome | None] = [None] * len(messages)
        good: list[tuple[int, Article, float]] = []
        for index, message in enumerate(messages):
            started = time.perf_counter()
            try:
                raw, fmt = decode(
                    message.value, max_bytes=self.settings.max_message_bytes, content_type=message.content_type
                )
                article = normalise(raw, fmt, max_text_chars=self.settings.max_text_chars)
            except Exception as exc:  # BadInput, or a bug on this input: dead-letter it, not the whole batch
                outcomes[index] = self._reject(exc, message)
                continue
            good.append((index, article, (time.perf_counter() - started) * 1000))

        enrichments: list[Enrichment | None]
        try:
            enrichments = list(enrich_batch([a for _, a, _ in good], self.models, self.kb))
        except Exception:
            # One bad article must not sink the batch: retry one by one to find it.
            enrichments = [self._enrich_alone(messages[i], a, outcomes, i) for i, a, _ in good]

        for (index, article, normalise_ms), enrichment in zip(good, enrichments, strict=True):
            if enrichment is not None:
                outcomes[index] = _records(article, enrichment, messages[index], normalise_ms)
        return [o for o in outcomes if o is not None]

    def _reject(self, exc: BaseException, message: Message) -> Rejected:
        return Rejected(dead_letter(exc, message, keep_bytes=self.settings.deadletter_max_original_bytes))

    def _enrich_alone(
        self, message: Message, article: Article, outcomes: list[Outcome | None], index: int
    ) -> Enrichment | None:
        try:
            return enrich_batch([article], self.models, self.kb)[0]
        except Exception as exc:  # a model bug on this input: dead-letter it, keep the worker going
            outcomes[index] = self._reject(exc, message)
            return None


#: What an entity-mention event repeats of its entity.
_MENTION_FIELDS = ("name", "type", "wikidata_id", "country_code", "mention_count", "salience", "mentions", "geo")


#: What an enriched article takes from its enrichment as it is.
_ENRICHMENT_FIELDS = ("entities", "topics", "quotes", "tone", "locations")


def _copied(record: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def _records(article: Article, enrichment: Enrichment, message: Message, normalise_ms: float) -> Enriched:
    now = datetime.now(UTC)
    enriched = EnrichedArticle(
        **article.model_dump(), **_copied(enrichment, _ENRICHMENT_FIELDS), processed_at=now,
        timings_ms={"normalise": round(normalise_ms, 3), **enrichment.timings_ms}, source_position=message.position,
    )
    codes = [t.code for t in enrichment.topics]
    about_article: dict[str, Any] = {"article_id": article.id, "article_title": article.title, "url": article.url,
                                     "source": article.source, "published_at": article.published_at}
    mentions = [
        EntityMention(entity_id=entity.id, **_copied(entity, _MENTION_FIELDS), **about_article, topics=codes,
                      processed_at=now)
        for entity in enrichment.entities
    ]
    return Enriched(enriched, mentions, message)
