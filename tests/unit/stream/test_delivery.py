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
