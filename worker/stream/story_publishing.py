"""What the clustering agent publishes for a batch of features records, and the two ways it is published.

Each features record in gives the article's story (worker/stream/stories.py) and out go the Story records it
changed and the article's enriched record with its `story_id` (worker/stories/article.py), keyed by article
id as the enrich agent keyed it. Before any of them is sent, the stories table's changelog is flushed, so
once an article's record is out a replacing worker knows its story: the article delivered again gets the
same story id and is not assigned twice.

- at-least-once: send and wait for the broker; the agent then acks the events and faust commits them;
- exactly-once: the records and the features partition's next offset in one transaction (the changelog is
  outside it, like every table's: faust's recovery cannot read transaction markers), with the same
  claiming, fencing and gap rules as the enrich agent's partitions (worker/stream/exactly_once.py).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial

import structlog
from pydantic import ValidationError

from worker.models import SourcePosition, Story, StoryFeatures
from worker.pipeline import Message, Rejected
from worker.stories.article import with_story_id
from worker.stream.dead_letters import or_dead_letter
from worker.stream.delivery import Record, Sendable
from worker.stream.exactly_once import Fenced, PartitionTransactions
from worker.stream.publishing import as_output, log_outcomes
from worker.stream.stories import StoryStage

log = structlog.get_logger("newsflow.stories")
#: (article id, revision, input position) -> None: takes an article's sighting back (`dedupe.forget`).
Forget = Callable[[str, int, SourcePosition | None], None]


@dataclass(frozen=True)
class Features:
    """A features record as the stream delivered it."""

    key: bytes | None
    value: bytes
    offset: int
    generation: int | None = None


def read_story_input(value: bytes) -> tuple[StoryFeatures | None, bytes | None]:
    """The features record's features and enriched article; a record this version cannot read is not
    clustered, but the article in it (if there is one) still goes out, without a story."""
    try:
        features = StoryFeatures.model_validate_json(value)
    except ValidationError as exc:  # a foreign producer on our internal topic, or a newer worker's record
        log.warning("story_features_skipped", error=str(exc).splitlines()[0])
        try:
            article = json.loads(value).get("enriched")
        except (ValueError, AttributeError):
            return None, None
        return None, article.encode() if isinstance(article, str) else None
    return features, features.enriched.encode() if features.enriched is not None else None


def story_records(stage: StoryStage, batch: Sequence[Features], stories: Sendable, enriched: Sendable,
                  deadletter: Sendable, keep_bytes: int, forget: Forget | None = None) -> list[Record]:
    """Place each article (updating the stage and its table); the Story records and enriched articles to send. An
    enriched article its topic refuses for its size becomes a dead letter (`dead_letters.or_dead_letter`) that
    keeps the refused record, up to `keep_bytes`: the raw input is the enrich agent's, at its `source_position`;
    `forget` (`dedupe.forget` on the duplicate table) takes back its sighting, as the enrich agent does its own."""
    records: list[Record] = []
    for message in batch:
        features, article = read_story_input(message.value)
        story_id = None
        if features is not None:
            try:
                story_id, changed = stage.place(features)
            except Exception:  # a clustering bug must not cost the article: it goes out without a story
                log.exception("story_assignment_failed", article_id=features.article_id)
            else:
                records += [story_record(stories, story) for story in changed]
        if article is not None:
            value = with_story_id(article, story_id)
            refused = partial(refused_input, message.key, value)
            records += or_dead_letter([Record(enriched, message.key, value)], deadletter, refused, keep_bytes,
                                      partial(lettered, value, forget))
    return records


def story_record(topic: Sendable, story: Story) -> Record:
    """The Story record; a topic that refuses its size gets the story with half of each of its lists (the latest
    article ids, the top entities, places, sources and topics) instead, down to one of each."""
    def shorter() -> list[Record] | None:
        lists = {name: getattr(story, name) for name in ("article_ids", "entities", "places", "sources", "topics")}
        cut = {name: items[len(items) // 2:] if name == "article_ids" else items[:len(items) // 2]
               for name, items in lists.items() if len(items) > 1}
        if not cut:
            return None
        log.warning("story_record_cut", story_id=story.id, topic=topic.get_topic_name(),
                    kept={name: len(items) for name, items in cut.items()})
        return [story_record(topic, story.model_copy(update=cut))]

    return Record(topic, story.id.encode(), story.model_dump_json().encode(), smaller=shorter)


def lettered(value: bytes, forget: Forget | None, letter: Rejected) -> None:
    """An enriched article sent as a dead letter: logged as the enrich agent's outcomes are (article_dead_lettered),
    and its sighting taken back (a repeat has none), so its input sent again is not a repeat of nothing."""
    log_outcomes([letter])
    article = json.loads(value)
    if forget is not None and article.get("duplicate_of") is None:
        forget(article["id"], article.get("revision", 1), letter.dead_letter.source_position)


def refused_input(key: bytes | None, value: bytes) -> Message:
    """An enriched article's record as the input of its dead letter, with the position of the article's input."""
    try:
        position = SourcePosition.model_validate(json.loads(value)["source_position"])
    except (ValueError, KeyError, TypeError, ValidationError):
        position = None
    return Message(value, key, position)


async def publish_stories_in_transaction(
    batch: Sequence[Features],
    *,
    records_of: Callable[[Sequence[Features]], list[Record]],
    flush: Callable[[], Awaitable[None]],
    transactions: PartitionTransactions,
    generation: int,
    read_again: Callable[[int], Awaitable[None]],
) -> int:
    """Exactly-once: the batch's records and the features partition's next offset in one transaction.

    Events read before the last rebalance, or below the committed offset, are left out (they come again, or
    are done); at a gap the partition is read again from the first missing offset (`read_again(offset)`).
    Returns how many events were published (0 when another worker has claimed the partition).
    """
    fresh = [m for m in batch if not transactions.is_stale(generation if m.generation is None else m.generation,
                                                           generation)]
    if len(fresh) < len(batch):
        log.info("stale_events_left_for_redelivery", events=len(batch) - len(fresh), generation=generation)
    if not fresh:
        return 0
    try:
        await transactions.claim(0, generation)
    except Fenced as exc:
        log.warning("stories_dropped_partition_fenced", events=len(fresh), error=str(exc))
        return 0
    run, seek_to = await transactions.runnable(0, [m.offset for m in fresh])
    if seek_to is not None:
        log.warning("input_gap_reading_again", topic="story-features", missing_from=seek_to)
        await read_again(seek_to)
    keep = set(run)
    todo = [m for m in fresh if m.offset in keep]
    if not todo:
        return 0
    outputs = [as_output(r) for r in records_of(todo)]
    await flush()  # the table's changelog first (outside the transaction)
    try:
        await transactions.commit(0, outputs, max(m.offset for m in todo) + 1)
    except Fenced as exc:
        log.warning("stories_dropped_partition_fenced", events=len(todo), error=str(exc))
        return 0
    return len(todo)
