"""Publishing with retries: transient errors are retried with backoff, others are raised."""

import asyncio
from typing import Any

import pytest
from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, NotLeaderForPartitionError

from worker.errors import TransientError
from worker.stream.delivery import Record, deliver, is_transient


class FlakyTopic:
    """Fails the first `failures` sends with `error`, then acknowledges."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures, self.error, self.delivered = failures, error, []

    async def send(
        self, *, key: bytes | None = None, value: bytes | None = None, partition: int | None = None,
        timestamp: float | None = None,
    ) -> Any:
        future = asyncio.get_running_loop().create_future()
        if self.failures:
            self.failures -= 1
            future.set_exception(self.error)
        else:
            self.delivered.append(value)
            future.set_result(None)
        return future


def test_transient_and_fatal_errors_are_told_apart() -> None:
    assert is_transient(KafkaTimeoutError()) and is_transient(NotLeaderForPartitionError())
    assert is_transient(TransientError("x"))
    assert not is_transient(MessageSizeTooLargeError()) and not is_transient(ValueError("bug"))


async def test_each_failed_record_is_resent_once_it_works() -> None:
    topic = FlakyTopic(failures=3, error=NotLeaderForPartitionError())
    await deliver([Record(topic, b"k", b"a"), Record(topic, b"k", b"b")], attempts=5, backoff=0.001)
    assert sorted(topic.delivered) == [b"a", b"b"]


async def test_gives_up_after_the_last_attempt() -> None:
    topic = FlakyTopic(failures=100, error=KafkaTimeoutError())
    with pytest.raises(TransientError, match="not delivered after 3 attempts"):
        await deliver([Record(topic, None, b"a")], attempts=3, backoff=0.001)
    assert topic.delivered == []


async def test_non_transient_error_is_raised_at_once() -> None:
    topic = FlakyTopic(failures=1, error=MessageSizeTooLargeError())
    with pytest.raises(MessageSizeTooLargeError):
        await deliver([Record(topic, None, b"a")], attempts=5, backoff=0.001)


async def test_no_backoff_sleep_after_the_last_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three attempts wait twice (between them), never after the last one before raising."""
    slept: list[float] = []

    async def fake_sleep(delay: float) -> None:
        slept.append(delay)

    monkeypatch.setattr("worker.stream.delivery.asyncio.sleep", fake_sleep)
    topic = FlakyTopic(failures=100, error=KafkaTimeoutError())
    with pytest.raises(TransientError):
        await deliver([Record(topic, None, b"a")], attempts=3, backoff=1.0)
    assert slept == [1.0, 2.0]


class BatchingTopic:
    """Like the broker with a topic's `max.message.bytes` of `limit`: the records sent before the producer's next
    turn go in one batch, and a batch over the limit is refused whole (MessageSizeTooLarge for each record)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.delivered, self.batches = limit, list[bytes](), list[int]()
        self.open: list[tuple[bytes, asyncio.Future[None]]] = []

    async def send(
        self, *, key: bytes | None = None, value: bytes | None = None, partition: int | None = None,
        timestamp: float | None = None,
    ) -> Any:
        future = asyncio.get_running_loop().create_future()
        if not self.open:
            asyncio.get_running_loop().call_soon(self.close_batch)
        self.open.append((value or b"", future))
        return future

    def get_topic_name(self) -> str:
        return "stories"

    def close_batch(self) -> None:
        batch, self.open = self.open, []
        self.batches.append(len(batch))
        refused = sum(len(value) for value, _ in batch) > self.limit
        for value, future in batch:
            if refused:
                future.set_exception(MessageSizeTooLargeError())
            else:
                self.delivered.append(value)
                future.set_result(None)


def cut_once(topic: BatchingTopic, value: bytes) -> Record:
    """A record whose one smaller form is half its value."""
    return Record(topic, None, value, smaller=lambda: [Record(topic, None, value[: len(value) // 2])])


async def test_records_refused_as_one_batch_are_sent_one_by_one_before_any_is_cut() -> None:
    topic = BatchingTopic(limit=1000)
    records = [cut_once(topic, bytes([n]) * 600) for n in range(3)]  # each fits alone, no two together
    await deliver(records, attempts=1, backoff=0.001)
    assert sorted(topic.delivered) == sorted(r.value for r in records)  # all whole: none was cut
    assert topic.batches == [3, 1, 1, 1]


async def test_a_record_refused_alone_is_cut_and_the_others_go_whole() -> None:
    topic = BatchingTopic(limit=1000)
    big, small = cut_once(topic, b"b" * 1600), cut_once(topic, b"s" * 300)
    await deliver([big, small], attempts=1, backoff=0.001)
    assert sorted(topic.delivered) == [b"b" * 800, b"s" * 300]
