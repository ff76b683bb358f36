"""Publishing records with retries: transient broker trouble is retried with backoff, nothing is dropped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import structlog
from aiokafka import errors as kafka_errors

from worker.errors import TransientError

log = structlog.get_logger("newsflow.delivery")


class Sendable(Protocol):
    """Something records can be sent to: a faust topic in the worker, a stand-in in tests."""

    async def send(
        self, *, key: bytes | None = ..., value: bytes | None = ..., partition: int | None = ...,
        timestamp: float | None = ...,
    ) -> Any:
        ...

    def get_topic_name(self) -> str:
        ...


@dataclass(frozen=True)
class Record:
    """One record to publish; `partition` None lets the key choose it, `timestamp` (Unix seconds) None the producer."""

    topic: Sendable
    key: bytes | None
    value: bytes
    partition: int | None = None
    timestamp: float | None = None
    # What to send instead when the topic refuses the record's size: records each strictly smaller (a dead letter
    # with less of its input, a tally in two), None when there is nothing smaller; every chain of them must end
    # in None, since the senders try them without counting attempts.
    smaller: Callable[[], list[Record] | None] | None = field(default=None, compare=False, repr=False)


#: The broker's answer to a record over the topic's `max.message.bytes`: not retriable as it is.
TOO_LARGE = (kafka_errors.MessageSizeTooLargeError, kafka_errors.RecordTooLargeError)


class Shrinkable(Protocol):
    @property
    def smaller(self) -> Callable[[], Any] | None: ...


S = TypeVar("S", bound=Shrinkable)


def smaller(records: Sequence[S], refused: Sequence[S]) -> list[S] | None:
    """The records with each `refused` one that has smaller forms replaced by them; None when none has any. Only
    the refused: a record that fitted keeps all its input, and one another record's refusal held back is sent as is."""
    ids = {id(record) for record in refused}
    less = [record.smaller() if record.smaller and id(record) in ids else None for record in records]
    if all(r is None for r in less):
        return None
    return [piece for record, r in zip(records, less, strict=True) for piece in (r if r is not None else [record])]


def is_transient(exc: BaseException) -> bool:
    """Errors that may pass if we wait: timeouts, lost connections, leader moves, a topic not there yet."""
    if isinstance(exc, TransientError | asyncio.TimeoutError | ConnectionError):
        return True
    if isinstance(exc, kafka_errors.KafkaError):
        return bool(getattr(exc, "retriable", False)) or isinstance(
            exc,
            kafka_errors.KafkaTimeoutError
            | kafka_errors.KafkaConnectionError
            | kafka_errors.NodeNotReadyError
            | kafka_errors.UnknownTopicOrPartitionError
            | kafka_errors.ProducerClosed,
        )
    return False


def retry_delay(backoff: float, attempt: int) -> float:
    """Seconds to wait before retry number `attempt + 1`: exponential from `backoff`, capped at 10 s."""
    return min(backoff * 2**attempt, 10.0)


async def _attempt(records: Sequence[Record]) -> list[tuple[Record, BaseException]]:
    futures: list[tuple[Record, Any]] = []
    failed: list[tuple[Record, BaseException]] = []
    for record in records:
        try:
            sent = await record.topic.send(key=record.key, value=record.value, partition=record.partition,
                                           timestamp=record.timestamp)
            futures.append((record, sent))
        except Exception as exc:  # noqa: BLE001 - sorted into transient or not just below
            failed.append((record, exc))
    results = await asyncio.gather(*(f for _, f in futures), return_exceptions=True)
    failed += [(record, r) for (record, _), r in zip(futures, results, strict=True) if isinstance(r, BaseException)]
    return failed


async def deliver(
    records: Sequence[Record], *, attempts: int = 8, backoff: float = 0.2, remaining: list[Record] | None = None
) -> None:
    """Send all records and wait for the broker's acknowledgement; retry failures with exponential backoff.

    A record the broker refuses for its size (TOO_LARGE) is replaced at once by its smaller forms if it has any
    (`Record.smaller`: a dead letter with less of its input, an article's dead letter, a tally in two); that is
    not an attempt, the forms run out after a few. A non-transient error, or a transient one that outlasts every
    attempt, is raised. `remaining`, when given, is kept equal to the records not acknowledged yet, so a caller
    that tries again after the error sends only those (publishing.publish does).
    """
    pending = list(records)
    if remaining is not None:
        remaining[:] = pending
    attempt = 0
    while True:
        failed = await _attempt(pending)
        pending = [record for record, _ in failed]
        less = smaller(pending, [record for record, exc in failed if isinstance(exc, TOO_LARGE)])
        if less is not None:
            pending = less
        if remaining is not None:
            remaining[:] = pending
        if not failed:
            return
        if less is not None:
            continue
        fatal = [exc for _, exc in failed if not is_transient(exc)]
        if fatal:
            raise fatal[0]
        attempt += 1
        if attempt == attempts:  # no sleep after the last attempt: nothing would follow it
            raise TransientError(f"{len(pending)} record(s) still not delivered after {attempts} attempts")
        delay = retry_delay(backoff, attempt - 1)
        log.warning("publish_retry", failed=len(failed), attempt=attempt, delay_s=delay, error=repr(failed[0][1]))
        await asyncio.sleep(delay)
