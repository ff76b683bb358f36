"""faust_fixes.shorter_fetch_waits: faust's worker consumers wait at most 0.1 s for data, not faust's fixed 1.5 s."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

from worker.stream import faust_fixes


def test_the_worker_consumer_is_created_with_the_short_fetch_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    def faust_creates(self: Any, transport: Any) -> Any:
        return SimpleNamespace(_fetch_max_wait_ms=1500, _isolation_level="read_uncommitted")

    monkeypatch.setattr(AIOKafkaConsumerThread, "_create_worker_consumer", faust_creates)
    faust_fixes.shorter_fetch_waits()
    faust_fixes.read_committed_consumers()  # the two patches stack
    consumer = AIOKafkaConsumerThread._create_worker_consumer(None, None)  # type: ignore[arg-type]
    assert consumer._fetch_max_wait_ms == faust_fixes.FETCH_MAX_WAIT_MS == 100
    assert consumer._isolation_level == "read_committed"


def test_a_consumer_without_the_attribute_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AIOKafkaConsumerThread, "_create_worker_consumer", lambda self, transport: SimpleNamespace())
    faust_fixes.shorter_fetch_waits()
    with pytest.raises(RuntimeError, match="fetch wait"):
        AIOKafkaConsumerThread._create_worker_consumer(None, None)  # type: ignore[arg-type]
