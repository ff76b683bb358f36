"""Reading Newsflow's output topics: the `newsflow consume` command's work."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import click
from aiokafka import AIOKafkaConsumer, TopicPartition

from worker.cli.common import friendly, json_option, quiet_client_logs, wants_json
from worker.settings import Settings, get_settings
from worker.stream.connection import aiokafka_options


@dataclass(frozen=True)
class Filters:
    """Keep a record only if it names this entity and/or carries this topic tag."""

    entity: str | None = None
    tag: str | None = None

    def keep(self, record: dict[str, Any]) -> bool:
        if self.entity:
            wanted = self.entity.casefold()
            names = [(e.get("name", ""), e.get("id", "")) for e in record.get("entities", [])]
            if "entity_id" in record:
                names.append((record.get("name", ""), record["entity_id"]))
            if not any(wanted in (n.casefold(), i.casefold()) for n, i in names):
                return False
        if self.tag:
            wanted = self.tag.casefold()
            tags = [(t.get("code", ""), t.get("name", "")) for t in record.get("topics", []) if isinstance(t, dict)]
            tags += [(t, "") for t in record.get("topics", []) if isinstance(t, str)]
            if not any(wanted in (c.casefold(), c.casefold().removeprefix("medtop:"), n.casefold()) for c, n in tags):
                return False
        return True


async def records(
    settings: Settings,
    topics: Sequence[str],
    *,
    from_beginning: bool,
    follow: bool,
    idle_timeout: float,
    group: str | None,
) -> AsyncIterator[tuple[str, int, int, bytes | None, bytes | None]]:
    """Yield (topic, partition, offset, key, value); without --follow, stop once caught up and idle."""
    consumer = AIOKafkaConsumer(
        **aiokafka_options(settings),
        group_id=group,
        enable_auto_commit=group is not None,
        auto_offset_reset="earliest" if from_beginning else "latest",
        # Records of aborted transactions (exactly-once mode) are never shown; others are unaffected.
        isolation_level="read_committed",
    )
    try:
        await consumer.start()
    except BaseException:
        await consumer.stop()  # a failed start leaves connections open
        raise
    try:
        if group is None:
            # No group: read every partition directly, which needs no rebalance and starts at once.
            partitions = []
            for topic in topics:
                ids = consumer.partitions_for_topic(topic) or await _partitions(consumer, topic)
                partitions += [TopicPartition(topic, p) for p in sorted(ids)]
            consumer.assign(partitions)
            if from_beginning:
                await consumer.seek_to_beginning(*partitions)
            else:
                await consumer.seek_to_end(*partitions)
        else:
            consumer.subscribe(list(topics))
        last = time.monotonic()
        while True:
            batch = await consumer.getmany(timeout_ms=500, max_records=500)
            for tp, messages in batch.items():
                for m in messages:
                    yield tp.topic, tp.partition, m.offset, m.key, m.value
            if batch:
                last = time.monotonic()
            elif not follow and time.monotonic() - last > idle_timeout:
                return
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    # Metadata for a topic the client has not seen yet is fetched on demand.
    await consumer._client.force_metadata_update()  # noqa: SLF001 - aiokafka has no public call for this
    ids = consumer.partitions_for_topic(topic)
    if not ids:
        raise LookupError(f"topic {topic!r} does not exist (yet): start the worker, or check the name")
    return ids


def render(topic: str, record: dict[str, Any]) -> str:
    """A few readable lines for a terminal."""
    if "entities" in record:
        entities = ", ".join(f"{e['name']} ({e['type']})" for e in record["entities"][:8])
        topics = ", ".join(t["name"] for t in record.get("topics", [])[:4])
        tone = record.get("tone") or {}
        lines = [
            f"── {record.get('title') or '(no title)'}  [{record['id']}]",
            f"   {record.get('language')} · {record.get('word_count')} words · tone {tone.get('polarity', '–')}",
            f"   entities: {entities or '–'}",
            f"   topics:   {topics or '–'}",
        ]
        lines += [f"   quote:    “{q['text'][:90]}” — {q.get('speaker') or '?'}" for q in record.get("quotes", [])[:2]]
        if record.get("photo_credits"):
            lines.append(f"   credits:  {'; '.join(record['photo_credits'])}")
        if record.get("story_id"):
            lines.append(f"   story:    {record['story_id']}")
        return "\n".join(lines)
    if "entity_id" in record:
        return (
            f"{record['name']} ({record['type']}, {record['entity_id']}) ×{record['mention_count']}"
            f" in {record['article_id']}"
        )
    if "reason" in record:
        return f"dead letter: {record['reason']}: {record['detail'][:160]}"
    return json.dumps(record, ensure_ascii=False)


@click.command()
@click.argument("topics", nargs=-1)
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record instead of new ones only.")
@click.option("--follow", "-f", is_flag=True, help="Keep waiting for new records (Ctrl-C to stop).")
@click.option("--max", "limit", type=click.IntRange(min=1), help="Stop after this many records.")
@click.option("--idle-timeout", type=float, default=5.0, show_default=True,
              help="Without --follow: stop after this many seconds with nothing new.")
@click.option("--entity", help="Only records naming this entity (name or id).")
@click.option("--tag", help="Only records with this IPTC topic (code like 11000000, or name).")
@click.option("--group", help="Consume as this consumer group (commits offsets); default: no group.")
@json_option("readable text")
@friendly
def consume(
    topics: tuple[str, ...],
    from_beginning: bool,
    follow: bool,
    limit: int | None,
    idle_timeout: float,
    entity: str | None,
    tag: str | None,
    group: str | None,
    as_json: bool | None,
) -> None:
    """Print records from output topics (default: articles.enriched).

    \b
    Examples:
      newsflow consume --from-beginning
      newsflow consume entities.mentions --entity "Xi Jinping" --follow
      newsflow consume --tag politics --from-beginning --json | jq .title
      newsflow consume articles.deadletter --from-beginning
    """

    quiet_client_logs()
    settings = get_settings()
    names = list(topics) or [settings.topic_enriched]
    json_out = wants_json(as_json)
    filters = Filters(entity=entity, tag=tag)

    async def run() -> int:
        shown = 0
        async for topic, _partition, _offset, _key, value in records(
            settings, names, from_beginning=from_beginning, follow=follow, idle_timeout=idle_timeout, group=group
        ):
            try:
                record = json.loads(value or b"null")
            except ValueError:
                record = {"raw": (value or b"").decode("utf-8", "replace")}
            if not isinstance(record, dict) or not filters.keep(record):
                continue
            click.echo(json.dumps(record, ensure_ascii=False) if json_out else render(topic, record))
            shown += 1
            if limit and shown >= limit:
                break
        return shown

    try:
        shown = asyncio.run(run())
    except KeyboardInterrupt:
        return
    click.echo(f"{shown} record(s)", err=True)
