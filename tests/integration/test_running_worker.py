"""An already-running worker (e.g. `docker compose up -d`), tested from outside: NEWSFLOW_TEST_WORKER_URL points at it.

    docker compose up -d && NEWSFLOW_TEST_WORKER_URL=http://127.0.0.1:6066 scripts/test -m running_worker

The worker's topics are the NEWSFLOW_TOPIC_* settings of this process (the defaults, as in docker-compose.yml),
its broker NEWSFLOW_BROKER as seen from here (localhost:9092 for compose). Skipped when the URL is not set.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from tests.support.observability import missing_from
from worker.settings import Settings

pytestmark = pytest.mark.running_worker

URL = os.environ.get("NEWSFLOW_TEST_WORKER_URL", "").rstrip("/")


@pytest.fixture(scope="module")
def worker_url() -> str:
    if not URL:
        pytest.skip("NEWSFLOW_TEST_WORKER_URL is not set: these tests target an already-running worker, e.g. "
                    "`docker compose up -d` then NEWSFLOW_TEST_WORKER_URL=http://127.0.0.1:6066")
    return URL


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the worker the tester named
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_ready(url: str, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status, body = get(f"{url}/ready")
        if status == 200 or time.monotonic() > deadline:
            assert status == 200, body
            return dict(json.loads(body))
        time.sleep(1)


def test_health_and_ready(worker_url: str) -> None:
    status, body = get(f"{worker_url}/health")
    assert status == 200 and json.loads(body) == {"status": "ok"}
    ready = wait_ready(worker_url)
    assert ready["partitions"].get(Settings().topic_raw)


def test_metrics_serve_every_series_the_dashboard_and_alerts_name(worker_url: str) -> None:
    wait_ready(worker_url)  # /ready sets newsflow_ready
    status, body = get(f"{worker_url}/metrics")
    assert status == 200
    assert missing_from(body.decode()) == set()


async def test_an_article_sent_to_its_raw_topic_comes_out_enriched(worker_url: str, broker: str) -> None:
    wait_ready(worker_url)
    settings = Settings()
    article_id = f"running-worker-{uuid.uuid4().hex[:12]}"
    article = {"id": article_id, "title": "Ministers meet in Paris",
               "body": "Foreign ministers from France and Germany met in Paris on Tuesday to discuss trade. "
                       "Emmanuel Macron said the talks were useful."}
    consumer = AIOKafkaConsumer(bootstrap_servers=broker, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions: set[int] = set()
        for _ in range(20):  # metadata of a topic nobody here subscribes to comes with a forced update
            await consumer._client.force_metadata_update()  # noqa: SLF001
            partitions = consumer.partitions_for_topic(settings.topic_enriched) or set()
            if partitions:
                break
            await asyncio.sleep(0.5)
        assert partitions, f"no topic {settings.topic_enriched} on {broker}"
        tps = [TopicPartition(settings.topic_enriched, p) for p in partitions]
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)
        for tp in tps:
            await consumer.position(tp)  # fix the start before sending
        producer = AIOKafkaProducer(bootstrap_servers=broker)
        await producer.start()
        try:
            await producer.send_and_wait(settings.topic_raw, json.dumps(article).encode(), key=article_id.encode())
        finally:
            await producer.stop()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for messages in (await consumer.getmany(timeout_ms=1000)).values():
                for message in messages:
                    record = json.loads(message.value)
                    if record.get("id") == article_id:
                        assert record["entities"] and record["schema_version"]
                        return
            await asyncio.sleep(0)
        raise AssertionError(f"{article_id} did not come out on {settings.topic_enriched} within 60 s")
    finally:
        await consumer.stop()
