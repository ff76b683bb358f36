"""Hostile input through a real worker and broker: no crash, every rejection dead-lettered with a reason."""

from __future__ import annotations

import asyncio
import base64
import json
import signal
import time
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from tests.integration.conftest import count_in_log
from tests.support.articles import as_messages, generate
from tests.support.nasty import corpus

pytestmark = pytest.mark.slow


async def test_nasty_corpus_then_good_articles(created, start_worker) -> None:
    run = created
    nasty = corpus()
    good = generate(10, seed=21, prefix=run.name)
    worker = start_worker(run.env())
    worker.wait_ready()
    await run.send([value for _, value in nasty] + as_messages(good))

    enriched = await run.read("enriched", expect=len(good), timeout=180)
    dead = await run.read("deadletter", expect=1, timeout=30)
    good_ids = {a["id"] for a in good}
    others = [r for r in enriched if r["id"] not in good_ids]
    print(f"\nhostile: {len(nasty)} nasty in -> {len(others)} enriched, {len(dead)} dead-lettered "
          f"({sorted(d['reason'] for d in dead)})")
    assert good_ids <= {r["id"] for r in enriched}, "good articles after the nasty ones must still flow"
    assert len(others) + len(dead) == len(nasty), "every nasty message is either enriched or dead-lettered"
    assert all(d["reason"] != "processing_error" and d["detail"] for d in dead)
    big = next(d for d in dead if d["original_size"] == 50_000_000)
    assert big["reason"] == "too_large" and big["original_truncated"]
    assert worker.proc.poll() is None
    assert worker.stop(signal.SIGTERM) == 0


async def test_ten_thousand_random_messages_through_the_broker(created, start_worker) -> None:
    """10,000 seeded random messages: each ends as an enriched record or a dead letter with a reason."""
    from tests.support.fuzz import messages

    run = created
    values = messages(10_000, seed=3)
    worker = start_worker(run.env())
    worker.wait_ready()
    await run.send(values)
    deadline = time.monotonic() + 600
    while count_in_log(worker, "article_enriched") + count_in_log(worker, "article_dead_lettered") < len(values):
        assert worker.proc.poll() is None, worker.log()[-3000:]
        assert time.monotonic() < deadline, "the worker did not get through the messages in 10 minutes"
        await asyncio.sleep(1)
    enriched = await run.read("enriched", expect=count_in_log(worker, "article_enriched"), timeout=120)
    dead = await run.read("deadletter", expect=count_in_log(worker, "article_dead_lettered"), timeout=120)
    reasons = sorted({d["reason"] for d in dead})
    print(f"\nfuzz through the broker: {len(values)} in -> {len(enriched)} enriched, {len(dead)} dead-lettered "
          f"({reasons})")
    assert len(enriched) + len(dead) == len(values)
    assert "processing_error" not in reasons
    assert all(d["detail"] for d in dead)
    assert worker.proc.poll() is None and worker.stop(signal.SIGTERM) == 0


def roll_call(chars: int) -> dict[str, str]:
    """A valid article whose enriched record is over the producer's 1 MB: a list of thousands of distinct
    names (a casualty list, a results page), with the text limit raised to keep all of it."""
    first = ["Maria", "John", "Ahmed", "Olga", "Pedro", "Anna", "Kofi", "Yuki", "Sven", "Lena"]
    last = ["Smith", "Khan", "Garcia", "Berg", "Mensah", "Tanaka", "Novak", "Dubois", "Silva", "Costa"]
    names = (f"{first[n % 10]} {last[n // 10 % 10]}{chr(97 + n // 100 % 26)}{chr(97 + n // 2600 % 26)}"
             for n in range(100_000))
    body = "Those named in the report were "
    while len(body) < chars:
        body += next(names) + ", "
    return {"id": "roll-call", "title": "The roll call", "body": body + "and others."}


async def test_an_article_too_large_to_publish_is_dead_lettered_and_the_worker_moves_on(
    created, start_worker
) -> None:
    """The producer refuses a record over its request limit however often it is sent: without a dead letter the
    batch would be retried forever and the partition never move on."""
    run = created
    good = generate(3, seed=22, prefix=run.name)
    worker = start_worker(run.env(NEWSFLOW_MAX_TEXT_CHARS="150000"))
    worker.wait_ready()
    # One key: the good articles come after it on its partition, which a batch retried forever would hold.
    await run.send(as_messages([roll_call(150_000), *good]), keys=[b"one"] * (1 + len(good)))
    dead = await run.read("deadletter", expect=1, timeout=180)
    enriched = await run.read("enriched", expect=len(good), timeout=120)
    assert [d["reason"] for d in dead] == ["too_large"] and "article roll-call" in dead[0]["detail"]
    assert json.loads(base64.b64decode(dead[0]["original_b64"]))["id"] == "roll-call"
    assert {a["id"] for a in good} <= {r["id"] for r in enriched}
    assert worker.proc.poll() is None and worker.stop(signal.SIGTERM) == 0


async def test_records_the_broker_took_cost_no_more_than_themselves(created, start_worker) -> None:
    """Three records the broker takes that cost more than themselves (one worker, a partition each):

    - partition 1: JSON with an integer of 5,000 digits made json.loads raise a ValueError no one caught, and its
      whole batch (every partition's articles in it) became `processing_error` dead letters;
    - partition 2: a bad value under a 900 KB key made a dead letter over the producer's 1 MB, retried for ever:
      the enrich agent never took another batch;
    - partition 0: a transaction its producer aborted was enriched and published (the worker read uncommitted);
      read committed, its records and marker are offsets no message comes from, here right after offset 0, where
      faust's own gap check does not look, and the committed offset stayed at 1 for good.

    Now each bad record is one dead letter, the aborted articles are not input, every other article is enriched
    and every partition is committed to its end."""
    run = created
    articles = generate(5, seed=24, prefix=run.name)
    good = as_messages(articles)
    worker = start_worker(run.env())
    worker.wait_ready()
    plain = AIOKafkaProducer(bootstrap_servers=run.broker, max_request_size=64_000_000)
    transactional = AIOKafkaProducer(bootstrap_servers=run.broker, transactional_id=f"{run.name}-producer")
    reader = AIOKafkaConsumer(bootstrap_servers=run.broker)
    partition = TopicPartition(run.topics["raw"], 0)
    aborted = [json.dumps({"id": f"aborted-{n}", "body": f"Withdrawn report {n} on the budget, said Jane Smith."})
               for n in range(2)]

    async def send(partition: int, value: bytes | None, key: bytes | None = None) -> Any:
        return await (await plain.send(run.topics["raw"], value, key=key, partition=partition))

    async def marker_written(after: int) -> None:
        """The coordinator writes a transaction's marker after the producer's call returns: wait for it, so the
        offsets are as this test means them."""
        while (await reader.end_offsets([partition]))[partition] <= after + 1:
            await asyncio.sleep(0.05)

    await plain.start()
    await transactional.start()
    await reader.start()
    try:
        await send(0, good[0])  # offset 0
        await run.read("enriched", expect=1, timeout=60)  # done and committed
        for value, key in [(None, b"tombstone"), (b'{"body": "Too long a number.", "id": ' + b"9" * 5000 + b"}", None),
                           (good[1], None)]:
            await send(1, value, key)
        await send(2, b'{"body": ', b"K" * 900_000)
        await send(2, good[2])
        await transactional.begin_transaction()
        for value in aborted:  # offsets 1 and 2, the abort marker 3
            last = await (await transactional.send(run.topics["raw"], value.encode(), partition=0))
        await transactional.abort_transaction()
        await marker_written(last.offset)
        async with transactional.transaction():  # offset 4, the commit marker 5
            last = await (await transactional.send(run.topics["raw"], good[3], partition=0))
        await marker_written(last.offset)
        await send(0, good[4])  # offset 6
    finally:
        await reader.stop()
        await transactional.stop()
        await plain.stop()

    dead = await run.read("deadletter", expect=3, timeout=60)
    enriched = await run.read("enriched", expect=5, timeout=60)
    by_place = {(d["source_position"]["partition"], d["source_position"]["offset"]): d for d in dead}
    assert {place: d["reason"] for place, d in by_place.items()} == {
        (1, 0): "empty_body", (1, 1): "not_json", (2, 0): "not_json"}
    assert "4300 digits" in by_place[1, 1]["detail"]
    huge_key = by_place[2, 0]
    assert huge_key["key_truncated"] and len(base64.b64decode(huge_key["key_b64"])) == 262_144
    assert sorted((r["source_position"]["partition"], r["source_position"]["offset"]) for r in enriched) == [
        (0, 0), (0, 4), (0, 6), (1, 2), (2, 1)]
    assert sorted(r["id"] for r in enriched) == sorted(a["id"] for a in articles[:5])  # none of the aborted
    assert await run.input_lag() == {0: 0, 1: 0, 2: 0}  # committed to the end (partition 3 had no input)
    assert worker.proc.poll() is None and worker.stop(signal.SIGTERM) == 0
