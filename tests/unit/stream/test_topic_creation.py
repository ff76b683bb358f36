"""connection.ensure_topics against a stand-in admin client: the topics `newsflow worker` creates before faust starts
(faust then finds them and declares nothing), and what the broker answers per topic."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka import admin as aiokafka_admin
from aiokafka.errors import InvalidReplicationFactorError, TopicAlreadyExistsError

from worker.settings import Settings
from worker.stream.connection import ensure_topics


class Admin:
    """Lists `topics`; creates what it is asked to, except the topics in `refuse` (error code, message; a topic
    that exists already is listed, another worker created it)."""

    topics: set[str] = set()
    refuse: dict[str, tuple[int, str]] = {}
    created: list[Any] = []

    def __init__(self, **_: Any) -> None:
        pass

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def list_topics(self) -> list[str]:
        return sorted(self.topics)

    async def create_topics(self, new_topics: list[Any]) -> Any:
        # As aiokafka's: an error per topic in the response, none raised.
        Admin.created += new_topics
        made = (0, TopicAlreadyExistsError.errno)  # created, by this call or by another worker's
        Admin.topics |= {t.name for t in new_topics if self.refuse.get(t.name, (0, None))[0] in made}
        return SimpleNamespace(topic_errors=[(t.name, *self.refuse.get(t.name, (0, None))) for t in new_topics])


@pytest.fixture()
def admin(monkeypatch: pytest.MonkeyPatch) -> type[Admin]:
    monkeypatch.setattr(aiokafka_admin, "AIOKafkaAdminClient", Admin)
    Admin.topics, Admin.refuse, Admin.created = set(), {}, []
    return Admin


async def test_a_topic_the_broker_refuses_to_create_fails_with_the_brokers_reason(admin: type[Admin]) -> None:
    """aiokafka returns a topic's error in the response instead of raising it: a replication factor over the
    number of brokers was waited on until the timeout, then named as "not listed" without the reason."""
    settings = Settings(replication_factor=3)
    admin.refuse = {settings.topic_enriched: (InvalidReplicationFactorError.errno, "only 1 broker(s) are registered")}
    with pytest.raises(InvalidReplicationFactorError, match="only 1 broker"):
        await ensure_topics(settings, timeout=1)  # before: a TimeoutError after it


async def test_a_topic_another_worker_created_first_is_not_an_error(admin: type[Admin]) -> None:
    settings = Settings()
    admin.refuse = {settings.topic_raw: (TopicAlreadyExistsError.errno, "exists")}  # after this one listed them
    created = await ensure_topics(settings)
    assert settings.topic_raw in created
