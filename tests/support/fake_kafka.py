"""Fake Kafka clients for worker/stream/exactly_once.py: a broker that keeps committed offsets, committed records and
the live epoch of each transactional id, and producers that are fenced the way Kafka fences them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiokafka import TopicPartition
from aiokafka import errors as kafka_errors

from worker.stream.exactly_once import PartitionTransactions


class Broker:
    """What the fakes share: committed offsets, committed records, and the live epoch per transactional id."""

    def __init__(self) -> None:
        self.committed: dict[int, int] = {}
        self.records: list[tuple[str, bytes | None, bytes]] = []
        self.epochs: dict[str, int] = {}
        self.fail_sends = 0  # the next n sends fail with a retriable error
        self.send_error: Callable[[], BaseException] = kafka_errors.KafkaTimeoutError  # ... this one
        self.max_value_bytes: int | None = None  # larger values are refused as over the topic's limit
        self.lose_commit_responses = 0  # the next n commits succeed but report a timeout
        self.producers: list[FakeProducer] = []
        self.calls: list[str] = []
        self.input: dict[int, list[int]] = {}  # offsets of the records in each input partition


class FakeProducer:
    def __init__(self, broker: Broker, transactional_id: str) -> None:
        self.broker, self.tid = broker, transactional_id
        self.epoch = -1
        self.open: list[tuple[str, bytes | None, bytes]] | None = None
        self.offsets: dict[TopicPartition, int] = {}
        self.stopped = False
        self.aborts = 0
        broker.producers.append(self)

    def _check_epoch(self) -> None:
        if self.broker.epochs[self.tid] != self.epoch:
            raise kafka_errors.ProducerFenced()

    async def start(self) -> None:
        self.epoch = self.broker.epochs.get(self.tid, 0) + 1
        self.broker.epochs[self.tid] = self.epoch  # fences the previous producer with this id
        self.broker.calls.append(f"init {self.tid}")

    async def stop(self) -> None:
        self.stopped = True

    async def begin_transaction(self) -> None:
        assert self.open is None, "transaction already open"
        self.open, self.offsets = [], {}

    async def send(
        self, topic: str, value: bytes | None = None, key: bytes | None = None, partition: int | None = None,
        timestamp_ms: int | None = None,
    ) -> Any:
        self._check_epoch()
        assert self.open is not None, "send outside a transaction"
        if self.broker.fail_sends:
            self.broker.fail_sends -= 1
            raise self.broker.send_error()
        future: Any = asyncio.get_running_loop().create_future()
        if self.broker.max_value_bytes is not None and len(value or b"") > self.broker.max_value_bytes:
            future.set_exception(kafka_errors.MessageSizeTooLargeError())
            return future
        self.open.append((topic, key, value or b""))
        future.set_result(None)
        return future

    async def send_offsets_to_transaction(self, offsets: dict[TopicPartition, int], group_id: str) -> None:
        self._check_epoch()
        assert group_id == "group"
        self.offsets.update(offsets)

    async def commit_transaction(self) -> None:
        self._check_epoch()
        assert self.open is not None
        self.broker.records += self.open
        self.broker.committed.update({tp.partition: offset for tp, offset in self.offsets.items()})
        self.open = None
        if self.broker.lose_commit_responses:
            self.broker.lose_commit_responses -= 1
            raise kafka_errors.KafkaTimeoutError()

    async def abort_transaction(self) -> None:
        assert self.open is not None
        self.open = None
        self.aborts += 1


def manager(broker: Broker, input_topic: str = "raw") -> PartitionTransactions:
    async def start_offset(partition: int) -> int:
        broker.calls.append(f"committed {partition}")
        return broker.committed.get(partition, 0)

    async def first_record_from(partition: int, offset: int) -> int | None:
        return min((o for o in broker.input.get(partition, []) if o >= offset), default=None)

    return PartitionTransactions(
        group_id="group", input_topic=input_topic, new_producer=lambda tid: FakeProducer(broker, tid),
        start_offset=start_offset, first_record_from=first_record_from, attempts=3, backoff=0.001,
    )
