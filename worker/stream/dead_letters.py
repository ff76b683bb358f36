"""A dead letter as a record to publish, with smaller forms of it for a dead-letter topic that refuses its size.

A dead letter keeps up to NEWSFLOW_DEADLETTER_MAX_ORIGINAL_BYTES of its input, which fits the producer's limit;
but the topic's own `max.message.bytes` may be lower (an operator's choice, and it can change while the worker
runs). The broker then answers MessageSizeTooLarge, which no retry mends: before, the batch was sent again
until someone raised the limit (at-least-once: the partition held up), or the transaction failed and the worker
stopped, restarted and failed again on the same batch (exactly-once: a crash loop). Now the letter is sent
again with less of its input: its `source_position` still says where the whole input is.

An article's own records (enriched, features, mentions) have the article's dead letter as their smaller form
(`or_dead_letter`): a topic that refuses one for its size sends the article to the dead-letter topic instead, once.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

import structlog

from worker.errors import BadInput
from worker.models import DeadLetter
from worker.pipeline import Message, Rejected, dead_letter
from worker.stream.delivery import Record, Sendable

log = structlog.get_logger("newsflow.worker")

#: Each smaller form keeps this fraction of the input bytes the last one kept; below `LAST_STEP` bytes, none.
SHRINK = 4
LAST_STEP = 1024


def letter_record(topic: Sendable, letter: DeadLetter, whole: DeadLetter | None = None) -> Record:
    """The dead letter keyed by its source position, with its next smaller form (`smaller_form`, worked out only
    if the topic refuses the letter). `whole` is the letter as first made: each smaller form is cut from it, so its
    detail has one note."""
    position = letter.source_position
    key = position.model_dump_json().encode() if position else None
    return Record(topic, key, letter.model_dump_json().encode(),
                  smaller=lambda: smaller_form(topic, letter, whole or letter))


def smaller_form(topic: Sendable, letter: DeadLetter, whole: DeadLetter) -> list[Record] | None:
    """The letter keeping a quarter of the input it keeps, or none of it below `LAST_STEP` bytes; None when it
    keeps none already."""
    kept = max(kept_bytes(letter.original_b64), kept_bytes(letter.key_b64))
    if not kept:
        return None
    return [letter_record(topic, cut(whole, kept // SHRINK if kept >= LAST_STEP else 0), whole)]


def kept_bytes(b64: str | None) -> int:
    return len(base64.b64decode(b64)) if b64 else 0


def cut(letter: DeadLetter, keep: int) -> DeadLetter:
    """The dead letter with at most `keep` bytes of its input's value and key."""
    value = base64.b64decode(letter.original_b64)
    key = base64.b64decode(letter.key_b64) if letter.key_b64 is not None else None
    position = letter.source_position.model_dump() if letter.source_position else None
    log.warning("dead_letter_cut", source_position=position, reason=letter.reason, kept_bytes=keep,
                original_size=letter.original_size)
    note = f" [input cut to {keep} bytes: the dead-letter topic refused the record's size]"
    return letter.model_copy(update={
        "detail": letter.detail[:2000 - len(note)] + note,
        "original_b64": base64.b64encode(value[:keep]).decode(),
        "original_truncated": letter.original_truncated or len(value) > keep,
        "key_b64": base64.b64encode(key[:keep]).decode() if key is not None else None,
        "key_truncated": letter.key_truncated or (key is not None and len(key) > keep),
    })


def or_dead_letter(records: Sequence[Record], deadletter: Sendable, input_of: Callable[[], Message], keep_bytes: int,
                   lettered: Callable[[Rejected], None] | None = None) -> list[Record]:
    """An article's `records`, each with the article's dead letter (`too_large`, keeping `keep_bytes` of the input
    that `input_of` gives) as its smaller form: a topic whose `max.message.bytes` is under the records the worker
    makes refuses it, no retry mends that, and holding the partition (or, exactly-once, stopping the worker) until
    someone raises the limit would stop every later article too. One letter an article: the first record refused
    sends it and tells `lettered` (so the article is reported as a dead letter, not as enriched); another refused
    record of the same article (its mentions) is then dropped, the letter being on its way."""
    letters: list[DeadLetter] = []

    def instead(record: Record) -> list[Record]:
        if letters:
            return []
        topic, size = record.topic.get_topic_name(), len(record.key or b"") + len(record.value)
        detail = (f"topic {topic} refused the article's record ({size} bytes) for its size: its max.message.bytes "
                  "is under the records this worker makes (it logs topic_limit_under_record_size at start): raise "
                  "it and send the input again")
        letters.append(dead_letter(BadInput("too_large", detail), input_of(), keep_bytes=keep_bytes))
        if lettered is not None:
            lettered(Rejected(letters[0]))
        return [letter_record(deadletter, letters[0])]

    return [replace(record, smaller=partial(instead, record)) for record in records]
