"""/ready's verdict, and the broker probe it uses."""

from __future__ import annotations

import asyncio
import socket

from worker.settings import Settings
from worker.stream.connection import aiokafka_options, broker_problem
from worker.stream.views import verdict


def test_ready_with_partitions_and_a_broker() -> None:
    ok, body = verdict({"raw": [0, 1], "mentions": [0, 1]}, None, rebalancing=False, recovering=False)
    assert ok and body == {"ready": True, "reasons": [], "partitions": {"raw": [0, 1], "mentions": [0, 1]}}


def test_not_ready_says_every_reason() -> None:
    ok, body = verdict({"raw": [], "mentions": []}, "KafkaConnectionError: refused", rebalancing=True, recovering=True)
    assert not ok and body["ready"] is False
    assert body["reasons"] == [
        "no partitions assigned (still joining the consumer group, or more workers than partitions)",
        "consumer group is rebalancing",
        "tables are being recovered from their changelogs",
        "broker unreachable: KafkaConnectionError: refused",
    ]


def test_one_assigned_topic_is_enough() -> None:
    assert verdict({"raw": [3], "mentions": []}, None, rebalancing=False, recovering=False)[0]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_broker_probe_reports_a_closed_port_in_one_line() -> None:
    settings = Settings(broker=f"kafka://127.0.0.1:{closed_port()}")
    problem = asyncio.run(broker_problem(settings, timeout=3))
    assert problem is not None and "KafkaConnectionError" in problem and "\n" not in problem


def test_our_clients_give_up_on_a_silent_broker_within_ten_seconds() -> None:
    """aiokafka's default is 40 s per request, connect included: too long for a command line."""
    assert aiokafka_options(Settings())["request_timeout_ms"] <= 10_000
