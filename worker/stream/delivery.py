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
#: What to do about records refused as one batch (the topic's limit is under the producer's batch size).
TOGETHER_FIX = "raise the topic's max.message.bytes to at least the producer's batch size (16384 by default)"


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


def raised_from(exc: BaseException) -> list[BaseException]:
    """The error and the ones it was raised from (`raise ... from`), without cycles. aiokafka's sender task dies
    with a bare KafkaError ("Unexpected error during batch delivery") raised from a lost connection (a
    FindCoordinator request while the broker restarts), and every later call of that producer raises it: what it
    was raised from says whether a new producer can succeed."""
    found: list[BaseException] = []
    error: BaseException | None = exc
    while error is not None and all(error is not seen for seen in found) and len(found) < 8:
        found.append(error)
        error = error.__cause__
    return found


def retry_delay(backoff: float, attempt: int) -> float:
    """Seconds to wait before retry number `attempt + 1`: exponential from `backoff`, capped at 10 s."""
    return min(backoff * 2**attempt, 10.0)


async def _attempt(records: Sequence[Record], *, alone: bool = False) -> list[tuple[Record, BaseException]]:
    """Send the records; the ones that failed, with their errors. `alone`: each waits for the broker's answer
    before the next is sent, so each goes in a batch of its own."""
    futures: list[tuple[Record, Any]] = []
    failed: list[tuple[Record, BaseException]] = []
    for record in records:
        try:
            sent = await record.topic.send(key=record.key, value=record.value, partition=record.partition,
                                           timestamp=record.timestamp)
        except Exception as exc:  # noqa: BLE001 - sorted into transient or not just below
            failed.append((record, exc))
            continue
        if alone:
            answer = (await asyncio.gather(sent, return_exceptions=True))[0]
            failed += [(record, answer)] if isinstance(answer, BaseException) else []
        else:
            futures.append((record, sent))
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
    attempt, alone = 0, False
    while True:
        failed = await _attempt(pending, alone=alone)
        pending = [record for record, _ in failed]
        refused = [record for record, exc in failed if isinstance(exc, TOO_LARGE)]
        # The broker holds a topic's limit against a whole batch: records refused together may each fit alone, so
        # they are sent one by one first (not an attempt either), and only a record refused alone is cut.
        together = len(refused) > 1 and not alone
        less = None if together else smaller(pending, refused)
        if less is not None:
            pending = less
        if remaining is not None:
            remaining[:] = pending
        if not failed:
            return
        if together:
            log.warning("records_refused_together", records=len(refused), fix=TOGETHER_FIX,
                        topics=sorted({str(record.topic.get_topic_name()) for record in refused}))
        alone = together
        if together or less is not None:
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
