"""The dashboard and the alert rules name only series the worker's /metrics view serves (in memory, no broker)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.observability import exported_series, missing_from, referenced_metrics
from worker.stream import app as worker_app
from worker.stream import views


class Web:
    def bytes(self, value: bytes, *, headers: dict[str, str], **_: Any) -> tuple[bytes, dict[str, str]]:
        return value, headers


class Request:
    headers: dict[str, str] = {}


async def test_every_metric_in_the_dashboard_and_the_alert_rules_is_exported() -> None:
    worker_app.app.loop = asyncio.get_running_loop()
    worker_app.app.finalize()
    body, _ = await views.prometheus(Web(), Request())
    text = body.decode()
    assert missing_from(text) == set()
    assert {"newsflow_ready", "newsflow_consumer_lag", "newsflow_stage_seconds_bucket"} <= exported_series(text)
    assert len(referenced_metrics()) >= 10
