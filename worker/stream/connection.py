"""Connection options for Kafka clients (faust and aiokafka), built from the settings in one place."""

from __future__ import annotations

import asyncio
import re
import ssl
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from worker.settings import Settings

if TYPE_CHECKING:
    from faust.types.auth import CredentialsT

#: Connect and request timeout of our own aiokafka clients (the CLI, topic set-up): a broker that does not answer
#: fails a command in seconds, not after aiokafka's default 40 s.
REQUEST_TIMEOUT_MS = 10_000


def bootstrap_servers(settings: Settings) -> str:
    """'kafka://a:9092;kafka://b:9092' (faust form) -> 'a:9092,b:9092' (aiokafka form)."""
    return ",".join(part.split("://", 1)[-1] for part in re.split(r"[;,]", settings.broker) if part.strip())


def _ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if settings.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    return ssl.create_default_context(cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)


def faust_credentials(settings: Settings) -> CredentialsT | ssl.SSLContext | None:
    """What faust's `broker_credentials` wants for the configured security protocol."""
    import faust  # here, not at the top: the command-line clients use this module without faust

    context = _ssl_context(settings)
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password.get_secret_value() if settings.sasl_password else None,
            mechanism=settings.sasl_mechanism,
            ssl_context=context,
        )
    return context


def aiokafka_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments shared by AIOKafkaProducer, AIOKafkaConsumer and the admin client."""
    options: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers(settings),
        "security_protocol": settings.security_protocol,
        "request_timeout_ms": REQUEST_TIMEOUT_MS,
    }
    context = _ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = (
            settings.sasl_password.get_secret_value() if settings.sasl_password else None
        )
    return options


class TopicSpec(NamedTuple):
    """A topic as the worker creates it (`newsflow worker` has faust's settings for each: faust_fixes.topic_specs)."""

    name: str
    partitions: int
    replication: int
    configs: dict[str, str]


async def ensure_topics(settings: Settings, specs: Sequence[TopicSpec] = (), timeout: float = 30.0) -> list[str]:
    """Create the input and output topics (as `specs` has them, if it does) and the other topics in `specs` that
    do not exist yet; return the names created, once the broker lists them all.

    Done before the worker subscribes: a consumer that joins before its topic exists is assigned nothing, and
    only notices the topic on its next metadata refresh (minutes later). And a client that names a topic the
    broker does not list yet (just created: KRaft hands it to the metadata a moment later) logs an error.
    """
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic
    from aiokafka.errors import TopicAlreadyExistsError, for_code

    wanted = {spec.name: spec for spec in [*(_spec(settings, name) for name in topic_names(settings)), *specs]}
    admin = AIOKafkaAdminClient(**aiokafka_options(settings))
    await admin.start()
    try:
        missing = [name for name in wanted if name not in set(await admin.list_topics())]
        if missing:
            response = await admin.create_topics([NewTopic(n, wanted[n].partitions, wanted[n].replication,
                                                           topic_configs=wanted[n].configs) for n in missing])
            # Each topic's error is in the response, not raised (e.g. a replication factor over the brokers'
            # number): raised here, or it would be waited for below. "Exists": another worker created it first.
            for name, code, *message in response.topic_errors:
                if code and code != TopicAlreadyExistsError.errno:
                    raise for_code(code)(f"creating topic {name}: {message[0] if message else ''}")
        deadline = asyncio.get_running_loop().time() + timeout
        while not set(missing) <= set(await admin.list_topics()):
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"the broker does not list {missing} {timeout} s after their creation")
            await asyncio.sleep(0.1)
        return missing
    finally:
        await admin.close()


async def topics_under(settings: Settings, record_bytes: int) -> dict[str, int]:
    """The output topics whose `max.message.bytes` is under `record_bytes` (the producer's limit), with theirs.

    A record the producer takes and the topic refuses (MessageSizeTooLarge) cannot be published by any retry: it
    is replaced by its smaller forms (a dead letter with less of its input, the article's dead letter instead of
    its records, a tally in two, a Story record with shorter lists: delivery.Record.smaller), after records refused
    together (a limit under the producer's batch size) are sent one by one; one with no smaller form left holds its
    partition or stops the worker (RELIABILITY.md). Kafka's default (1,048,588) is above the producer's 1,000,000."""
    # Not the input, nor the dead letters, which are cut to fit.
    names = [name for name in topic_names(settings) if name not in (settings.topic_raw, settings.topic_deadletter)]
    # A topic just created may not be described yet (UNKNOWN_TOPIC_OR_PARTITION): left out, the check is best effort.
    limits = await topic_configs(settings, names, "max.message.bytes", missing_ok=True)
    return {name: int(limit) for name, limit in limits.items() if int(limit) < record_bytes}


async def uncompacted_changelogs(settings: Settings, names: list[str]) -> dict[str, str]:
    """The changelogs in `names` (those that exist) whose `cleanup.policy` does not compact, with theirs. Versions
    before 2026-12-04 let the broker auto-create the stories table's with `delete`: its open stories and archive
    are then deleted after the retention period. The worker creates them compacted, but only when missing."""
    policies = await topic_configs(settings, names, "cleanup.policy", missing_ok=True)
    return {name: policy for name, policy in policies.items() if "compact" not in policy}


async def topic_configs(settings: Settings, names: list[str], key: str, *, missing_ok: bool = False) -> dict[str, str]:
    """One setting of each topic, as the broker has it; a topic that does not exist is left out if `missing_ok`."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
    from aiokafka.errors import UnknownTopicOrPartitionError

    admin = AIOKafkaAdminClient(**aiokafka_options(settings))
    await admin.start()
    try:
        responses = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, name, configs={key: None}) for name in names])
    finally:
        await admin.close()
    resources = [resource for response in responses for resource in response.resources]
    unknown = UnknownTopicOrPartitionError.errno
    if refused := {name: code for code, _, _, name, _ in resources if code and not (missing_ok and code == unknown)}:
        # Errors come per topic, not raised: no DescribeConfigs permission would pass for "nothing to report".
        raise RuntimeError(f"DescribeConfigs refused (topic: error code): {refused}")
    return {name: value for code, _, _, name, configs in resources if not code
            for config, value, *_ in configs if config == key}


def features_topic_name(settings: Settings) -> str:
    """The internal topic from the enrich agents to the one clustering agent (a single partition)."""
    return f"{settings.app_id}-story-features"


def tally_topic_name(settings: Settings) -> str:
    """The internal topic from the enrich agents to the trending agents: a batch's mention counts per partition."""
    return f"{settings.app_id}-mention-tallies"


def topic_names(settings: Settings) -> list[str]:
    """The topics the worker uses besides the tables' changelogs: input, outputs and its two internal ones."""
    return [settings.topic_raw, settings.topic_enriched, settings.topic_mentions, settings.topic_deadletter,
            settings.topic_stories, features_topic_name(settings), tally_topic_name(settings)]


def _spec(settings: Settings, name: str) -> TopicSpec:
    """The topic as app.py declares it (`newsflow worker` reads faust's own; tests/agents/test_declared_topics.py
    keeps the two equal), for callers without the app."""
    from worker.stream.trending import HOUR, KEPT

    partitions = 1 if name == features_topic_name(settings) else settings.partitions
    configs = {
        settings.topic_stories: {"cleanup.policy": "compact"},  # the latest Story record per story id is its state
        tally_topic_name(settings): {"retention.ms": str(int((KEPT + HOUR) * 1000))},  # every window replayed
    }.get(name, {})
    return TopicSpec(name, partitions, settings.replication_factor, configs)


async def broker_problem(settings: Settings, timeout: float = 3.0) -> str | None:
    """None when the brokers answer a metadata request within `timeout` seconds, else why not (one line)."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import KafkaError

    admin = AIOKafkaAdminClient(**{**aiokafka_options(settings), "request_timeout_ms": int(timeout * 1000)})
    try:
        await asyncio.wait_for(admin.start(), timeout)
        return None
    except (KafkaError, OSError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    finally:
        await admin.close()
