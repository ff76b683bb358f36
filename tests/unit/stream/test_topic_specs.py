"""faust_fixes.topic_specs: the worker creates its topics and each table's changelog before it starts
(connection.ensure_topics) with exactly the settings faust itself would declare them with, for every kind of table
the worker has; and the worker's own app's topics, so declared, keep the settings the worker relies on."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from faust.topics import Topic
from faust.transport.drivers.aiokafka import Producer, Transport

from worker.stream.connection import TopicSpec
from worker.stream.faust_fixes import topic_specs


def app_with_tables() -> faust.App:
    app = faust.App("specs", broker="kafka://127.0.0.1:1", topic_partitions=6, topic_replication_factor=3)
    app.GlobalTable("seen", use_partitioner=True, extra_topic_configs={"cleanup.policy": "compact,delete",
                                                                       "segment.ms": "60000"})
    app.Table("stories", partitions=1, use_partitioner=True)
    app.Table("trending", default=int).hopping(3600, 600, expires=timedelta(days=1))
    return app


async def declared_by_faust(app: faust.App, monkeypatch: pytest.MonkeyPatch, topics: list[Any]) -> list[TopicSpec]:
    """What faust's own declaration sends to the broker: `Topic.declare`, through the producer, to the transport's
    `_really_create_topic`, stopped just before its request (its config built as it builds it)."""
    sent: list[TopicSpec] = []

    async def create(self: Transport, owner: Any, client: Any, topic: str, partitions: int, replication: int, *,
                     config: Any = None, retention: Any = None, compacting: Any = None, deleting: Any = None,
                     **_: Any) -> None:
        configs = {**self._topic_config(retention, compacting, deleting), **(config or {})}
        sent.append(TopicSpec(topic, partitions, replication, {k: str(v) for k, v in configs.items()}))

    async def unstarted_producer(self: Topic) -> Any:  # `declare` starts it (a connection) first
        return app.producer

    monkeypatch.setattr(Transport, "_really_create_topic", create)
    monkeypatch.setattr(Topic, "_get_producer", unstarted_producer)
    async def refresh() -> None:
        pass

    client = SimpleNamespace(force_metadata_update=refresh)
    monkeypatch.setattr(Producer, "_ensure_producer", lambda self: SimpleNamespace(client=client))
    for topic in [*topics, *(table.changelog_topic for table in app.tables.values())]:
        await topic.declare()
    return sent


async def test_each_topic_and_changelog_is_specified_as_faust_declares_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_with_tables()
    topics = [app.topic("raw"), app.topic("features", partitions=1, internal=True),
              app.topic("tallies", retention=timedelta(hours=25)), app.topic("stories-out", compacting=True)]
    specs = topic_specs(app, topics)
    assert specs == await declared_by_faust(app, monkeypatch, topics)
    by_name = {spec.name: spec for spec in specs}
    assert by_name["raw"] == TopicSpec("raw", 6, 3, {}) and by_name["features"].partitions == 1
    assert by_name["tallies"].configs == {"retention.ms": str(25 * 3600 * 1000)}
    assert by_name["stories-out"].configs == {"cleanup.policy": "compact"}
    # What the worker relies on, spelled out: compacted state, the global table's own settings, the app's defaults.
    stories = TopicSpec("specs-stories-changelog", 1, 3, {"cleanup.policy": "compact"})
    assert by_name[stories.name] == stories
    assert by_name["specs-seen-changelog"].configs == {"cleanup.policy": "compact,delete", "segment.ms": "60000"}
    assert by_name["specs-seen-changelog"].partitions == 6
    assert by_name["specs-trending-changelog"].configs == {"cleanup.policy": "compact,delete",
                                                           "retention.ms": str(86_400_000)}
