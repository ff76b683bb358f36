"""The worker names at start the output topics whose `max.message.bytes` is under the producer's record size
(worker.stream.connection.topics_under: a record they refuse would hold the worker up), and the tables'
changelogs that are not compacted (`uncompacted_changelogs`: left so by an older version); and it creates those
changelogs itself, with their settings, before it starts (`ensure_topics`)."""

from __future__ import annotations

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tests.integration.conftest import Run, set_topic_config
from worker.stream.connection import TopicSpec, ensure_topics, topic_configs, topics_under, uncompacted_changelogs


async def test_an_output_topic_under_the_record_size_is_named_with_its_limit(created: Run) -> None:
    run = created
    settings = run.settings()
    await ensure_topics(settings)  # the stories and internal topics
    assert await topics_under(settings, 1_000_000) == {}  # this broker's (and Kafka's) default is larger
    await set_topic_config(run.broker, run.topics["enriched"], **{"max.message.bytes": "65536"})
    assert await topics_under(settings, 1_000_000) == {run.topics["enriched"]: 65_536}
    assert await topics_under(settings, 65_536) == {}


async def test_a_changelog_an_older_version_left_uncompacted_is_named_and_a_missing_one_is_not(created: Run) -> None:
    run = created
    settings = run.settings()
    names = [f"{run.name}-stories-changelog", f"{run.name}-seen-changelog"]
    assert await uncompacted_changelogs(settings, names) == {}  # neither exists yet
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    try:  # as the broker's auto-creation made it for versions before 2026-12-04
        await admin.create_topics([NewTopic(f"{run.name}-stories-changelog", 1, 1,
                                            topic_configs={"cleanup.policy": "delete"})])
    finally:
        await admin.close()
    # A topic just created may not be described yet (KRaft): ask until it is, for at most 30 s.
    deadline = time.monotonic() + 30
    while (found := await uncompacted_changelogs(settings, names)) == {} and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    assert found == {f"{run.name}-stories-changelog": "delete"}


async def test_the_changelogs_are_created_with_their_settings_and_listed_before_the_worker_starts(created: Run) -> None:
    run = created
    settings = run.settings()
    changelog = TopicSpec(f"{run.name}-stories-changelog", 1, 1, {"cleanup.policy": "compact", "segment.ms": "60000"})
    created_names = await ensure_topics(settings, [changelog])
    assert changelog.name in created_names
    # Listed on return: a client asking for it now is not told "unknown topic" (aiokafka would log an error).
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    try:
        assert changelog.name in await admin.list_topics()
    finally:
        await admin.close()
    for key, value in changelog.configs.items():
        assert await topic_configs(settings, [changelog.name], key) == {changelog.name: value}
    assert await ensure_topics(settings, [changelog]) == []  # it exists: nothing to create
