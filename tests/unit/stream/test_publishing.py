"""Publishing a batch (worker/stream/publishing.py) with fake topics and fake transactional producers: no broker."""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import replace
from typing import Any

import pytest
from aiokafka.errors import MessageSizeTooLargeError, TopicAuthorizationFailedError
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from tests.support.fake_kafka import Broker, manager
from tests.support.outcomes import outcome
from worker.errors import BadInput
from worker.models import SourcePosition
from worker.pipeline import Enriched, Message, Outcome, Rejected, dead_letter
from worker.settings import Settings
from worker.stream.dedupe import id_key
from worker.stream.publishing import (
    RECORD_OVERHEAD,
    Consumed,
    Outputs,
    publish,
    publish_in_transactions,
    records_of,
)

RAW = "articles.raw"


class Topic:
    """A stand-in faust topic: a name, and the records sent to it outside any transaction."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[tuple[bytes | None, bytes | None]] = []

    def get_topic_name(self) -> str:
        return self.name

    async def send(
        self, *, key: bytes | None = None, value: bytes | None = None, partition: int | None = None,
        timestamp: float | None = None,
    ) -> Any:
        self.sent.append((key, value))
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future


OUTPUTS = Outputs(Topic("enriched"), Topic("mentions"), Topic("deadletter"))


def rejected(partition: int, offset: int) -> Outcome:
    message = Message(b"{", position=SourcePosition(topic=RAW, partition=partition, offset=offset))
    return Rejected(dead_letter(BadInput("not_json", "test"), message, keep_bytes=1024))


class Harness:
    def __init__(self) -> None:
        self.broker = Broker()
        self.broker.input = {p: list(range(100)) for p in range(4)}
        self.transactions = manager(self.broker, input_topic=RAW)
        self.seeks: list[tuple[int, int]] = []

    async def read_again(self, partition: int, offset: int) -> None:
        self.seeks.append((partition, offset))

    async def publish(self, delivered: list[tuple[int, int, int]], generation: int = 3) -> list[Outcome]:
        return await publish_in_transactions(
            [Consumed(SourcePosition(topic=RAW, partition=p, offset=o), g) for p, o, g in delivered],
            [rejected(p, o) for p, o, _ in delivered],
            outputs=OUTPUTS, seen={}, transactions=self.transactions, generation=generation,
            read_again=self.read_again,
        )

    def published(self) -> list[tuple[int, int]]:
        positions = [json.loads(value)["source_position"] for _, _, value in self.broker.records]
        return [(p["partition"], p["offset"]) for p in positions]


@pytest.fixture()
def h() -> Harness:
    return Harness()


async def test_each_partition_commits_its_records_with_its_next_offset(h: Harness) -> None:
    h.broker.committed.update({0: 5, 1: 9})
    published = await h.publish([(0, 5, 3), (1, 9, 3), (0, 6, 3)])
    assert len(published) == 3
    assert sorted(h.published()) == [(0, 5), (0, 6), (1, 9)]
    assert h.broker.committed == {0: 7, 1: 10}
    assert {topic for topic, _, _ in h.broker.records} == {"deadletter"}
    assert h.seeks == [] and OUTPUTS.deadletter.sent == []  # type: ignore[attr-defined]  # all in transactions


async def test_events_from_before_the_rebalance_are_left_for_redelivery(h: Harness) -> None:
    h.broker.committed[0] = 6
    published = await h.publish([(0, 5, 2), (0, 6, 3)])  # 5 was read in generation 2, the group is now at 3
    assert len(published) == 1 and h.published() == [(0, 6)]


async def test_events_below_the_committed_offset_are_skipped(h: Harness) -> None:
    h.broker.committed[0] = 6  # another worker committed 0..5 before this one claimed the partition
    published = await h.publish([(0, 4, 3), (0, 5, 3), (0, 6, 3)])
    assert len(published) == 1 and h.published() == [(0, 6)]
    assert h.broker.committed == {0: 7}


async def test_a_fenced_partition_is_dropped_and_the_others_published(h: Harness) -> None:
    h.broker.committed.update({0: 1, 1: 1})
    await h.transactions.claim(0, 3)
    h.broker.epochs[f"group-{RAW}-0"] += 1  # another worker claimed partition 0 meanwhile
    published = await h.publish([(0, 1, 3), (1, 1, 3)])
    assert h.published() == [(1, 1)] and len(published) == 1
    assert h.broker.committed == {0: 1, 1: 2}  # partition 0 unchanged


async def test_an_offset_the_stream_skipped_is_read_again_before_anything_past_it(h: Harness) -> None:
    h.broker.committed[2] = 10
    published = await h.publish([(2, 10, 3), (2, 13, 3)])  # 11 and 12 never came
    assert len(published) == 1 and h.published() == [(2, 10)]
    assert h.broker.committed == {2: 11} and h.seeks == [(2, 11)]


async def test_at_least_once_sends_every_record_outside_transactions() -> None:
    topics = Outputs(Topic("enriched"), Topic("mentions"), Topic("deadletter"))
    published = await publish([rejected(0, 1), rejected(0, 2)], topics, {}, attempts=1, backoff=0.01)
    assert len(published) == 2 and len(topics.deadletter.sent) == 2  # type: ignore[attr-defined]


class Refusing(Topic):
    """A topic whose broker refuses the records `refuses` names, with that error (counted in `refused`)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.refused = 0

    def refuses(self, value: bytes) -> BaseException | None:
        raise NotImplementedError

    async def send(
        self, *, key: bytes | None = None, value: bytes | None = None, partition: int | None = None,
        timestamp: float | None = None,
    ) -> Any:
        if (error := self.refuses(value or b"")) is not None:
            self.refused += 1
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            future.set_exception(error)
            return future
        return await super().send(key=key, value=value, partition=partition)


class RefusesOnce(Refusing):
    """Refuses its first record with an error that is not retriable and that no smaller record mends."""

    def refuses(self, value: bytes) -> BaseException | None:
        return None if self.refused else TopicAuthorizationFailedError()


class Limited(Refusing):
    """Refuses a record over `limit` value bytes as the broker does one over the topic's `max.message.bytes`."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(name)
        self.limit = limit

    def refuses(self, value: bytes) -> BaseException | None:
        return MessageSizeTooLargeError() if len(value) > self.limit else None


def bulky(offset: int, size: int = 150_000) -> Outcome:
    """A dead letter keeping `size` bytes of its input (invalid UTF-8)."""
    message = Message(b"\xff" * size, key=b"k" * 10, position=SourcePosition(topic=RAW, partition=0, offset=offset))
    return Rejected(dead_letter(BadInput("invalid_utf8", "not UTF-8"), message, keep_bytes=262_144))


def assert_cut(value: bytes, limit: int) -> None:
    letter = json.loads(value)
    kept = base64.b64decode(letter["original_b64"])
    assert len(value) <= limit and kept == b"\xff" * len(kept) and 0 < len(kept) < 150_000
    assert letter["original_truncated"] and letter["original_size"] == 150_000 and letter["reason"] == "invalid_utf8"
    assert letter["detail"].startswith("not UTF-8") and f"input cut to {len(kept)} bytes" in letter["detail"]


async def test_a_dead_letter_over_its_topics_limit_is_sent_with_less_of_its_input_at_once() -> None:
    """A dead-letter topic whose `max.message.bytes` is under a letter (MessageSizeTooLarge: no retry mends it)
    held the batch, and so its partition, until someone raised the limit: the letter now goes with less input."""
    topics = Outputs(Topic("enriched"), Topic("mentions"), Limited("deadletter", 65_536))
    pauses: list[float] = []

    async def pause(delay: float) -> None:
        pauses.append(delay)

    published = await publish([bulky(1), rejected(0, 2)], topics, {}, attempts=3, backoff=0.5, sleep=pause)
    assert len(published) == 2 and pauses == []
    [(_, first), (_, cut)] = topics.deadletter.sent  # type: ignore[attr-defined]
    assert json.loads(first or b"")["source_position"]["offset"] == 2  # the one that fitted went out once
    assert_cut(cut or b"", 65_536)
    assert topics.deadletter.refused == 1  # type: ignore[attr-defined]  # 150 kB refused, a quarter taken


async def test_under_exactly_once_a_dead_letter_over_its_topics_limit_is_committed_with_less_input(h: Harness) -> None:
    """Before, the transaction failed, the worker stopped, and its successor failed on the same batch: a loop."""
    h.broker.committed[0] = 1
    h.broker.max_value_bytes = 65_536
    published = await publish_in_transactions(
        [Consumed(SourcePosition(topic=RAW, partition=0, offset=1), 3)], [bulky(1)], outputs=OUTPUTS, seen={},
        transactions=h.transactions, generation=3, read_again=h.read_again,
    )
    assert len(published) == 1 and h.broker.committed == {0: 2}
    [(topic, _, value)] = h.broker.records
    assert topic == "deadletter"
    assert_cut(value, 65_536)


async def test_under_exactly_once_only_the_refused_letter_is_cut(h: Harness) -> None:
    """The transaction is sent again whole: a letter the topic took before keeps all its input."""
    h.broker.committed[0] = 1
    h.broker.max_value_bytes = 65_536
    published = await publish_in_transactions(
        [Consumed(SourcePosition(topic=RAW, partition=0, offset=o), 3) for o in (1, 2)],
        [bulky(1), bulky(2, size=20_000)], outputs=OUTPUTS, seen={},
        transactions=h.transactions, generation=3, read_again=h.read_again,
    )
    assert len(published) == 2 and h.broker.committed == {0: 3}
    [(_, _, cut), (_, _, whole)] = h.broker.records
    assert_cut(cut, 65_536)
    assert len(base64.b64decode(json.loads(whole)["original_b64"])) == 20_000


async def test_at_least_once_sends_again_after_a_non_retriable_error_until_the_broker_takes_it() -> None:
    """The batch does not leave publish() unpublished; records already acknowledged are not sent twice."""
    topics = Outputs(Topic("enriched"), Topic("mentions"), RefusesOnce("deadletter"))
    pauses: list[float] = []

    async def pause(delay: float) -> None:
        pauses.append(delay)

    published = await publish([rejected(0, 1), rejected(0, 2), rejected(0, 3)], topics, {}, attempts=3,
                              backoff=0.5, sleep=pause)
    assert len(published) == 3
    assert sorted(json.loads(v or b"")["source_position"]["offset"] for _, v in topics.deadletter.sent) == [1, 2, 3]  # type: ignore[attr-defined]
    assert pauses == [0.5]


def sized(article_id: str, words: int, offset: int) -> Enriched:
    """An enriched article of about `words` words, with its input message and one mention event."""
    made = outcome(article_id, " ".join(["word"] * words), offset, entities=(f"Q{offset}",))
    return replace(made, message=Message(f'{{"body": "{article_id}"}}'.encode(), position=made.article.source_position))


async def test_an_article_whose_record_the_producer_would_refuse_is_dead_lettered_with_its_input() -> None:
    """Retrying a record over the producer's limit can never succeed (the batch would hold its partition forever):
    the article becomes a dead letter carrying its input, publishes nothing else, and is reported as one."""
    small, big = sized("small", 10, 1), sized("big", 2000, 2)
    limit = len(small.article.model_dump_json()) + 100
    topics = Outputs(Topic("enriched"), Topic("mentions"), Topic("deadletter"), max_record_bytes=limit)
    published = await publish([big, small], topics, {}, attempts=1, backoff=0.01)
    assert [type(o).__name__ for o in published] == ["Rejected", "Enriched"]
    assert [k for k, _ in topics.enriched.sent] == [b"small"]  # type: ignore[attr-defined]
    assert [k for k, _ in topics.mentions.sent] == [b"Q1"]  # type: ignore[attr-defined]
    [(_, letter)] = topics.deadletter.sent  # type: ignore[attr-defined]
    dead = json.loads(letter or b"")
    assert dead["reason"] == "too_large" and "article big" in dead["detail"] and str(limit) in dead["detail"]
    assert base64.b64decode(dead["original_b64"]) == b'{"body": "big"}' and dead["source_position"]["offset"] == 2
    assert all(len(v or b"") + len(k or b"") <= limit for t in (topics.enriched, topics.deadletter)
               for k, v in t.sent)  # type: ignore[attr-defined]


async def test_under_exactly_once_too_large_an_article_is_dead_lettered_in_its_transaction(h: Harness) -> None:
    h.broker.committed[0] = 1
    big = sized("big", 2000, 1)
    outputs = Outputs(Topic("enriched"), Topic("mentions"), Topic("deadletter"), max_record_bytes=2000)
    published = await publish_in_transactions(
        [Consumed(SourcePosition(topic=RAW, partition=0, offset=1), 3)], [big], outputs=outputs, seen={},
        transactions=h.transactions, generation=3, read_again=h.read_again,
    )
    assert [type(o).__name__ for o in published] == ["Rejected"]
    assert [topic for topic, _, _ in h.broker.records] == ["deadletter"] and h.broker.committed == {0: 2}


async def test_an_article_whose_record_its_topic_refuses_is_dead_lettered_at_once() -> None:
    """An enriched topic whose `max.message.bytes` is under an article's record (lowered while the worker runs):
    no retry mends it, and holding the batch would hold the partition until someone raised the limit. The article
    goes to the dead-letter topic with its input; the others, and the mentions already taken, are published."""
    small, big = sized("small", 10, 1), sized("big", 2000, 2)
    limit = len(small.article.model_dump_json()) + 100
    topics = Outputs(Limited("enriched", limit), Topic("mentions"), Topic("deadletter"))
    pauses: list[float] = []

    async def pause(delay: float) -> None:
        pauses.append(delay)

    seen: dict[str, str] = {}
    await publish([big, small], topics, seen, attempts=3, backoff=0.5, sleep=pause)
    assert [k for k, _ in topics.enriched.sent] == [b"small"] and pauses == []  # type: ignore[attr-defined]
    assert id_key("small") in seen and id_key("big") not in seen  # its input again is not a repeat of nothing
    assert topics.enriched.refused == 1  # type: ignore[attr-defined]
    [(_, letter)] = topics.deadletter.sent  # type: ignore[attr-defined]
    dead = json.loads(letter or b"")
    assert dead["reason"] == "too_large" and dead["detail"].startswith("topic enriched refused the article's record")
    assert base64.b64decode(dead["original_b64"]) == b'{"body": "big"}' and dead["source_position"]["offset"] == 2


async def test_under_exactly_once_an_article_its_topic_refuses_is_dead_lettered_in_the_transaction(h: Harness) -> None:
    """Before, the transaction failed, the worker stopped, and its successor failed on the same batch: a loop."""
    h.broker.committed[0] = 1
    small, big = sized("small", 10, 1), sized("big", 2000, 2)
    h.broker.max_value_bytes = len(small.article.model_dump_json()) + 100
    seen: dict[str, str] = {}
    published = await publish_in_transactions(
        [Consumed(SourcePosition(topic=RAW, partition=0, offset=o), 3) for o in (1, 2)], [small, big],
        outputs=OUTPUTS, seen=seen, transactions=h.transactions, generation=3, read_again=h.read_again,
    )
    assert len(published) == 2 and h.broker.committed == {0: 3}
    assert id_key("small") in seen and id_key("big") not in seen
    big_at = SourcePosition(topic=RAW, partition=0, offset=2).model_dump_json().encode()
    assert [(topic, key) for topic, key, _ in h.broker.records if topic != "mentions"] == [
        ("enriched", b"small"), ("deadletter", big_at)]


async def test_an_article_dead_lettered_by_its_topic_is_reported_as_one_with_one_letter() -> None:
    """The outcomes (log_outcomes, the metrics) said "enriched" for an article a topic refused and sent to the
    dead-letter topic, and each of its refused records (two mentions here) sent a letter of its own."""
    small = sized("small", 10, 1)
    big = outcome("bigger", " ".join(["word"] * 2000), 2, entities=("Qa", "Qb"))
    big = replace(big, message=Message(b'{"body": "bigger"}', position=big.article.source_position))
    limit = len(small.article.model_dump_json()) + 100
    mentions = Limited("mentions", len(small.mentions[0].model_dump_json()))  # a longer article id: refused
    topics = Outputs(Limited("enriched", limit), mentions, Topic("deadletter"))
    published = await publish([big, small], topics, {}, attempts=3, backoff=0.01)
    assert [k for k, _ in mentions.sent] == [b"Q1"]  # the big article's two refused (each alone too)
    assert [k for k, _ in topics.enriched.sent] == [b"small"]  # type: ignore[attr-defined]
    assert len(topics.deadletter.sent) == 1  # type: ignore[attr-defined]
    assert [type(o).__name__ for o in published] == ["Rejected", "Enriched"]
    assert published[0].dead_letter.reason == "too_large"  # type: ignore[union-attr]


async def test_under_exactly_once_an_article_its_topic_refuses_is_reported_as_a_dead_letter(h: Harness) -> None:
    h.broker.committed[0] = 1
    small, big = sized("small", 10, 1), sized("big", 2000, 2)
    h.broker.max_value_bytes = len(small.article.model_dump_json()) + 100
    published = await publish_in_transactions(
        [Consumed(SourcePosition(topic=RAW, partition=0, offset=o), 3) for o in (1, 2)], [small, big],
        outputs=OUTPUTS, seen={}, transactions=h.transactions, generation=3, read_again=h.read_again,
    )
    assert [type(o).__name__ for o in published] == ["Enriched", "Rejected"]
    assert published[1].dead_letter.detail.startswith("topic enriched refused")  # type: ignore[union-attr]


def test_a_record_of_the_largest_allowed_size_passes_the_producers_own_check() -> None:
    """RECORD_OVERHEAD covers what aiokafka adds before it compares a record with max_request_size."""
    limit = 1_000_000  # faust's producer_max_request_size default
    key = b"k" * 64
    value = b"v" * (limit - RECORD_OVERHEAD - len(key))
    assert DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, []) <= limit


def test_a_dead_letter_keeping_the_most_of_a_key_and_a_value_fits_a_record() -> None:
    """A bad value under a key of megabytes made a dead letter the producer refused, retried for ever (the enrich
    agent then took no further batch): the key is cut like the value, and the setting's bound keeps both, base64,
    and the longest detail (control characters escaped six-fold) inside one record."""
    field = Settings.model_fields["deadletter_max_original_bytes"]
    keep = next(bound.le for bound in field.metadata if hasattr(bound, "le"))
    message = Message(b"\x00" * 2_000_000, key=b"\x01" * 2_000_000,
                      position=SourcePosition(topic=RAW, partition=0, offset=1))
    letter = dead_letter(BadInput("not_json", "\x00" * 5000), message, keep_bytes=keep)
    assert letter.key_truncated and letter.original_truncated
    assert base64.b64decode(letter.key_b64 or "") == b"\x01" * keep
    [record] = records_of([Rejected(letter)], OUTPUTS).records
    assert len(record.key or b"") + len(record.value) <= OUTPUTS.max_record_bytes
    small = dead_letter(BadInput("not_json", "x"), replace(message, key=b"k"), keep_bytes=keep)
    assert small.key_b64 == "aw==" and not small.key_truncated
