"""The worker names at start the output topics whose `max.message.bytes` is under the producer's record size
(worker.stream.connection.topics_under): a record they refuse would hold the worker up."""

from __future__ import annotations

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from tests.integration.conftest import Run
from worker.settings import Settings
from worker.stream.connection import ensure_topics, topics_under


async def test_an_output_topic_under_the_record_size_is_named_with_its_limit(created: Run) -> None:
    run = created
    settings = Settings(broker=f"kafka://{run.broker}", app_id=run.name, topic_raw=run.topics["raw"],
                        topic_enriched=run.topics["enriched"], topic_mentions=run.topics["mentions"],
                        topic_deadletter=run.topics["deadletter"], topic_stories=run.topics["stories"])
    await ensure_topics(settings)  # the stories and internal topics
    assert await topics_under(settings, 1_000_000) == {}  # this broker's (and Kafka's) default is larger
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    try:
        await admin.alter_configs(
            [ConfigResource(ConfigResourceType.TOPIC, run.topics["enriched"], configs={"max.message.bytes": "65536"})])
    finally:
        await admin.close()
    # The broker acknowledges a config change before its metadata holds it (KRaft): a describe at once can still
    # see the old value (4 of 4 runs on Kafka 4.0.2), so ask until the change shows, for at most 30 s.
    deadline = time.monotonic() + 30
    while (under := await topics_under(settings, 1_000_000)) == {} and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    assert under == {run.topics["enriched"]: 65_536}
    assert await topics_under(settings, 65_536) == {}
