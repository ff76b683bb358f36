"""The worker's web views: /health, /ready, /metrics, /entities/trending and /stories (registered on import)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from faust.types import AppT

from worker.stream import metrics
from worker.stream.app import app, settings, story_stage, trending_table
from worker.stream.connection import broker_problem, features_topic_name, tally_topic_name
from worker.stream.stories_view import parse_stories_query, top_stories
from worker.stream.trending import parse_query, rank
from worker.stream.undecodable_batches import SKIPPED

#: The input topics whose partitions make a worker ready (and whose lag /metrics reports).
SOURCE_TOPICS = [settings.topic_raw, tally_topic_name(settings)]


def assigned_partitions(app: AppT, topics: Sequence[str]) -> dict[str, list[int]]:
    """This worker's partitions of `topics` right now ({} while the consumer is not running)."""
    try:
        assignment = app.consumer.assignment()
    except Exception:  # not started yet, or stopping
        return {}
    return {topic: sorted(tp.partition for tp in assignment if tp.topic == topic) for topic in topics}


def verdict(
    assigned: Mapping[str, list[int]],
    broker: str | None,
    *,
    rebalancing: bool,
    recovering: bool,
    skipped_batches: Sequence[Mapping[str, Any]] = (),
) -> tuple[bool, dict[str, Any]]:
    """Ready means: partitions to work on, no rebalance or table recovery under way, and a broker that answers.

    Skipped (undecodable, dead-lettered) batches are listed but do not make the worker unready: it is working.
    """
    reasons = []
    if not any(assigned.values()):
        reasons.append("no partitions assigned (still joining the consumer group, or more workers than partitions)")
    if rebalancing:
        reasons.append("consumer group is rebalancing")
    if recovering:
        reasons.append("tables are being recovered from their changelogs")
    if broker is not None:
        reasons.append(f"broker unreachable: {broker}")
    body = {"ready": not reasons, "reasons": reasons, "partitions": dict(assigned)}
    if skipped_batches:
        body["skipped_batches"] = list(skipped_batches)
    return not reasons, body


async def health(web: Any, request: Any) -> Any:
    """The process is up and serving."""
    return web.json({"status": "ok"})


async def ready(web: Any, request: Any) -> Any:
    """200 when the worker has partitions and the broker answers; 503 with the reasons otherwise."""
    ok, body = verdict(
        assigned_partitions(app, SOURCE_TOPICS),
        await broker_problem(settings),
        rebalancing=bool(app.rebalancing),
        recovering=bool(app.in_recovery),
        skipped_batches=SKIPPED.summary(),
    )
    metrics.READY.set(1 if ok else 0)
    return web.json(body, status=200 if ok else 503)


async def prometheus(web: Any, request: Any) -> Any:
    """Prometheus exposition (text or OpenMetrics, as the scraper asks)."""
    body, content_type = metrics.exposition(request.headers.get("Accept", ""))
    # In headers, not content_type=: aiohttp refuses a content_type that carries a charset.
    return web.bytes(body, headers={"Content-Type": content_type})


async def trending(web: Any, request: Any) -> Any:
    """Top entities by mentions in a 5m or 1h window; this worker's partitions only."""
    try:
        query = parse_query(request.query)
    except ValueError as exc:
        return web.json({"error": str(exc)}, status=400)
    body = rank(trending_table.table.data.items(), query, time.time())
    topic = tally_topic_name(settings)  # its partitions are the table's this worker counts and holds
    body["partitions"] = assigned_partitions(app, [topic]).get(topic, [])
    return web.json(body)


async def stories(web: Any, request: Any) -> Any:
    """Top open stories with an article in the window before the newest article, by article count.

    Only the worker holding the features topic's one partition clusters; it answers with its stories, and
    any other worker with an empty list and `"clustering": false`.
    """
    try:
        query = parse_stories_query(request.query)
    except ValueError as exc:
        return web.json({"error": str(exc)}, status=400)
    topic = features_topic_name(settings)
    clustering = bool(assigned_partitions(app, [topic]).get(topic))
    body = top_stories(*story_stage.open_stories(), query)
    return web.json({**body, "clustering": clustering})


# Registered here rather than with decorators: faust's decorator returns a View class, and the tests call the
# handlers directly.
VIEWS = {"/health": health, "/ready": ready, "/metrics": prometheus, "/entities/trending": trending,
         "/stories": stories}
for path, handler in VIEWS.items():
    app.page(path)(handler)
