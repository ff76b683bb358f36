"""Operating add-ons to the Faust app: trending tables and agent; the /ready, /metrics, /entities/trending views."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import faust
import structlog
from faust.types import AgentT, AppT, TopicT
from faust.types.tables import WindowWrapperT
from pydantic import ValidationError

from worker import metrics
from worker.kafka import broker_problem
from worker.models import EntityMention
from worker.settings import Settings
from worker.trending import WINDOWS, bump, counted, parse_query, rank

log = structlog.get_logger("newsflow.worker")

Handler = Callable[[Any, Any], Awaitable[Any]]


@dataclass(frozen=True)
class Ops:
    """What install() added: the tables, the agent, and the view handlers (callable directly in tests)."""

    tables: dict[str, WindowWrapperT]
    count_mentions: AgentT
    ready: Handler
    prometheus: Handler
    trending: Handler


def assigned_partitions(app: AppT, topics: Sequence[str]) -> dict[str, list[int]]:
    """This worker's partitions of `topics` right now ({} while the consumer is not running)."""
    try:
        assignment = app.consumer.assignment()
    except Exception:  # not started yet, or stopping
        return {}
    return {topic: sorted(tp.partition for tp in assignment if tp.topic == topic) for topic in topics}


def verdict(
    assigned: Mapping[str, list[int]], broker: str | None, *, rebalancing: bool, recovering: bool
) -> tuple[bool, dict[str, Any]]:
    """Ready means: partitions to work on, no rebalance or table recovery under way, and a broker that answers."""
    reasons = []
    if not any(assigned.values()):
        reasons.append("no partitions assigned (still joining the consumer group, or more workers than partitions)")
    if rebalancing:
        reasons.append("consumer group is rebalancing")
    if recovering:
        reasons.append("tables are being recovered from their changelogs")
    if broker is not None:
        reasons.append(f"broker unreachable: {broker}")
    return not reasons, {"ready": not reasons, "reasons": reasons, "partitions": dict(assigned)}


def install(app: AppT, settings: Settings, mentions_topic: TopicT) -> Ops:
    """Add the trending tables and agent, the metrics sensor, and the views to `app`."""
    source_topics = [settings.topic_raw, settings.topic_mentions]
    metrics.install(app, source_topics)

    # One table per window, keyed by entity id like entities.mentions itself: an update lands in the changelog
    # partition of the mention's own partition, so tables and topic stay co-partitioned with no repartitioning.
    tables = {
        name: app.Table(
            f"entity-mentions-{name}",
            default=dict,
            partitions=settings.partitions,
            # No key_type/value_type: faust then stores JSON, which holds the (entity id, (start, end)) window keys.
            help=f"Mentions per entity in tumbling {name} windows.",
        ).tumbling(size, expires=kept)
        for name, (size, kept) in WINDOWS.items()
    }

    async def count_mentions(stream: faust.StreamT[bytes]) -> None:
        """Each mention adds one to its entity's count in the current window of every table."""
        async for value in stream:
            try:
                mention = EntityMention.model_validate_json(value)
            except ValidationError as exc:  # a foreign producer on our topic: skip it, do not stop counting
                log.warning("mention_skipped", error=str(exc).splitlines()[0])
                continue
            if not counted(mention):
                continue
            for table in tables.values():
                table[mention.entity_id] = bump(table[mention.entity_id].current(), mention)

    agent = app.agent(mentions_topic, name="count-mentions")(count_mentions)

    async def ready(web: Any, request: Any) -> Any:
        """200 when the worker has partitions and the broker answers; 503 with the reasons otherwise."""
        ok, body = verdict(
            assigned_partitions(app, source_topics),
            await broker_problem(settings),
            rebalancing=bool(app.rebalancing),
            recovering=bool(app.in_recovery),
        )
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
        body = rank(tables[query.window].table.data.items(), query, time.time())
        body["partitions"] = assigned_partitions(app, [settings.topic_mentions]).get(settings.topic_mentions, [])
        return web.json(body)

    app.page("/ready")(ready)
    app.page("/metrics")(prometheus)
    app.page("/entities/trending")(trending)
    return Ops(tables=tables, count_mentions=agent, ready=ready, prometheus=prometheus, trending=trending)
