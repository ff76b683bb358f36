"""Enriched outcomes built by hand, for the duplicate and revision logic without the NLP."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from worker.models import EnrichedArticle, EntityMention, SourcePosition
from worker.pipeline import Enriched

FIRST = "Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Monday to discuss trade."
SECOND = ("Correction: on Monday in Paris, President Emmanuel Macron hosted Prime Minister Keir Starmer, "
          "who later flew to Berlin.")


def outcome(article_id: str, text: str, offset: int, entities: tuple[str, ...] = ("Oslo",)) -> Enriched:
    """An enriched article read at `offset` of partition 0, with one mention event per name in `entities`."""
    now = datetime.now(UTC)
    article = EnrichedArticle(
        id=article_id, title=None, url=None, source=None, published_at=None, language="en",
        language_status="supported", text=text, paragraphs=[text], photo_credits=[], word_count=len(text.split()),
        content_hash=hashlib.sha256(text.encode()).hexdigest(), near_duplicate_key="0" * 16, input_format="json",
        entities=[], topics=[], quotes=[], tone=None, processed_at=now, timings_ms={},
        source_position=SourcePosition(topic="articles.raw", partition=0, offset=offset),
    )
    mentions = [
        EntityMention(entity_id=name, name=name, type="place", wikidata_id=None, country_code=None,
                      article_id=article_id, article_title=None, url=None, source=None, published_at=None,
                      mention_count=1, salience=1.0, mentions=[], topics=[], processed_at=now)
        for name in entities
    ]
    return Enriched(article, mentions)
