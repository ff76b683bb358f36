"""Faults a production deployment sees, injected on the real broker; each test prints its figures."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import signal
import time
from collections import Counter
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tests.integration.conftest import Run, count_in_log, set_topic_config, wait_for_count
from tests.support.articles import as_messages, generate
from tests.support.events import event_articles
from worker.stream.connection import ensure_topics

pytestmark = pytest.mark.slow

ARTICLES = 600


async def explain(run: Run, records: list[dict[str, Any]], expected: set[str]) -> str:
    """Which ids are missing and where the repeats sit, and what a second read of the topic finds."""
    counts = Counter(r["id"] for r in records)
    repeats = sorted((r["id"], r["_partition"], r["_offset"]) for r in records if counts[r["id"]] > 1)
    again = await run.read("enriched", expect=len(records), timeout=30, committed_only=True)
    return (f"missing {sorted(expected - set(counts))[:10]}, repeats {repeats[:10]}; "
            f"a second read finds (lost, duplicates) = {tally(again, expected)}")


def report(name: str, **figures: Any) -> None:
    """One line a test run can be read back from (RELIABILITY.md quotes them)."""
    print(f"\nRELIABILITY {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def tally(records: list[dict[str, Any]], expected: set[str]) -> tuple[int, int]:
    """(lost, duplicates) for the enriched records of the expected article ids."""
    counts = Counter(r["id"] for r in records)
    lost = len(expected - set(counts))
    duplicates = sum(n - 1 for n in counts.values())
    return lost, duplicates


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_broker_restart_mid_stream(private_broker, start_worker, guarantee: str) -> None:
    """The broker stops and comes back while the worker is busy: it reconnects by itself, 0 lost
    (and under exactly-once, 0 duplicates in the committed output)."""
    run = Run(private_broker.bootstrap)
    await run.create_topics()
    articles = generate(ARTICLES, seed=11, prefix=run.name)
    await run.send(as_messages(articles))
    worker = start_worker(run.env(NEWSFLOW_PROCESSING_GUARANTEE=guarantee))
    wait_for_count(worker, "article_enriched", ARTICLES // 4, timeout=120)

    private_broker("stop")
    stopped_at = time.monotonic()
    await asyncio.sleep(3)
    private_broker("start")
    down_s = time.monotonic() - stopped_at
    done_before = worker.log().count('"event": "article_enriched"')
    wait_for_count(worker, "article_enriched", done_before + 1, timeout=120)
    recovered_s = time.monotonic() - stopped_at

    exactly_once = guarantee == "exactly_once"
    enriched = await run.read("enriched", expect=ARTICLES, timeout=240, committed_only=exactly_once)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    report(f"broker_restart_{guarantee}", messages=ARTICLES, lost=lost, duplicates=duplicates,
           broker_down_s=round(down_s, 1), first_record_after_restart_s=round(recovered_s, 1))
    assert lost == 0
    if exactly_once:
        assert duplicates == 0, await explain(run, enriched, {a["id"] for a in articles})
    assert worker.proc.poll() is None, "the worker must survive the broker's absence"
    assert worker.stop(signal.SIGTERM) == 0


async def test_sigkill_mid_stream_loses_nothing(created, start_worker) -> None:
    """SIGKILL while busy, then a new worker: nothing lost; repeats only for uncommitted work, same ids."""
    run = created
    articles = generate(ARTICLES, seed=12, prefix=run.name)
    await run.send(as_messages(articles))
    first = start_worker(run.env())
    wait_for_count(first, "article_enriched", ARTICLES // 3, timeout=120)
    first.stop(signal.SIGKILL)
    killed_after = first.log().count('"event": "article_enriched"')

    started = time.monotonic()
    second = start_worker(run.env())
    second.wait_ready()
    enriched = await run.read("enriched", expect=ARTICLES, timeout=240)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    flagged = sum(1 for r in enriched if r.get("duplicate_of"))
    report("sigkill", messages=ARTICLES, enriched_before_kill=killed_after, lost=lost, duplicates=duplicates,
           duplicates_flagged=flagged, restart_to_ready_s=round(time.monotonic() - started, 1))
    assert lost == 0
    # Repeats come only from work done since the last commit (commit_interval 0.5 s, batches of 16).
    assert duplicates <= 200
    assert second.stop(signal.SIGTERM) == 0


async def test_sigterm_mid_stream_exits_cleanly_and_commits(created, start_worker) -> None:
    """SIGTERM while busy: exit 0 within a bounded time, offsets committed, the next worker repeats little."""
    run = created
    articles = generate(ARTICLES, seed=13, prefix=run.name)
    await run.send(as_messages(articles))
    first = start_worker(run.env())
    wait_for_count(first, "article_enriched", ARTICLES // 3, timeout=120)
    started = time.monotonic()
    code = first.stop(signal.SIGTERM, timeout=60)
    exit_s = time.monotonic() - started

    second = start_worker(run.env())
    second.wait_ready()
    enriched = await run.read("enriched", expect=ARTICLES, timeout=240)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    report("sigterm", messages=ARTICLES, exit_code=code, exit_s=round(exit_s, 1), lost=lost, duplicates=duplicates)
    assert code == 0 and exit_s < 30
    assert lost == 0 and duplicates <= 16  # at most the batch in hand when the signal came
    assert second.stop(signal.SIGTERM) == 0


async def test_second_worker_joins_and_leaves(created, start_worker) -> None:
    """A second group member joins, then leaves mid-run: 0 lost, every partition consumed to its end."""
    run = created
    articles = generate(ARTICLES, seed=14, prefix=run.name)
    await run.send(as_messages(articles[: ARTICLES // 2]))
    first = start_worker(run.env())
    wait_for_count(first, "article_enriched", ARTICLES // 6, timeout=120)
    second = start_worker(run.env(), name="second")
    second.wait_ready()
    # The rest arrives once both are members, so the second has work in its partitions however fast the first
    # was: with all of it sent up front, the first once finished the backlog while the second was starting.
    await run.send(as_messages(articles[ARTICLES // 2 :]))
    wait_for_count(second, "article_enriched", 20, timeout=120)
    second_did = second.log().count('"event": "article_enriched"')
    assert second.stop(signal.SIGTERM) == 0

    enriched = await run.read("enriched", expect=ARTICLES, timeout=240)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    lag = await committed_lag(run)
    report("join_leave", messages=ARTICLES, lost=lost, duplicates=duplicates, second_worker_processed=second_did,
           lag_after=lag)
    assert lost == 0
    assert second_did > 0, "the second worker got no partition"
    assert all(v == 0 for v in lag.values()), f"partitions left unconsumed: {lag}"
    assert first.stop(signal.SIGTERM) == 0


async def committed_lag(run: Run) -> dict[int, int]:
    """End offset minus the group's committed offset, per partition of the input topic."""
    deadline = time.monotonic() + 30
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    consumer = AIOKafkaConsumer(bootstrap_servers=run.broker)
    await admin.start()
    await consumer.start()
    try:
        tps = [TopicPartition(run.topics["raw"], p) for p in range(run.partitions)]
        while True:
            ends = await consumer.end_offsets(tps)
            committed = await admin.list_consumer_group_offsets(run.name)
            lag = {tp.partition: ends[tp] - (committed[tp].offset if tp in committed else 0) for tp in tps}
            if all(v == 0 for v in lag.values()) or time.monotonic() > deadline:
                return lag
            await asyncio.sleep(0.5)
    finally:
        await consumer.stop()
        await admin.close()


async def test_exactly_once_kill_gives_no_duplicates(created, start_worker) -> None:
    """processing_guarantee=exactly_once: SIGKILL mid-stream, restart at once: committed output has no repeats."""
    run = created
    articles = generate(ARTICLES, seed=15, prefix=run.name)
    await run.send(as_messages(articles))
    env = run.env(NEWSFLOW_PROCESSING_GUARANTEE="exactly_once")
    first = start_worker(env)
    wait_for_count(first, "article_enriched", ARTICLES // 3, timeout=180)
    first.stop(signal.SIGKILL)
    killed_after = first.log().count('"event": "article_enriched"')

    # The replacement starts while the killed member is still in the group: it must fence the dead
    # worker's open transactions before it reads where to resume.
    started = time.monotonic()
    second = start_worker(env)
    second.wait_ready()
    enriched = await run.read("enriched", expect=ARTICLES, timeout=300, committed_only=True)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    report("exactly_once_sigkill", messages=ARTICLES, enriched_before_kill=killed_after, lost=lost,
           duplicates=duplicates, restart_to_ready_s=round(time.monotonic() - started, 1))
    assert lost == 0 and duplicates == 0, await explain(run, enriched, {a["id"] for a in articles})
    assert second.stop(signal.SIGTERM) == 0


async def test_exactly_once_join_and_leave_gives_no_duplicates(created, start_worker) -> None:
    """exactly_once through two rebalances (a worker joins, then leaves): committed output has no repeats."""
    run = created
    articles = generate(ARTICLES, seed=16, prefix=run.name)
    await run.send(as_messages(articles))
    first = start_worker(run.env(NEWSFLOW_PROCESSING_GUARANTEE="exactly_once"))
    wait_for_count(first, "article_enriched", ARTICLES // 6, timeout=180)
    second = start_worker(run.env(NEWSFLOW_PROCESSING_GUARANTEE="exactly_once"), name="second")
    wait_for_count(second, "article_enriched", 20, timeout=180)
    second_did = second.log().count('"event": "article_enriched"')
    assert second.stop(signal.SIGTERM) == 0

    enriched = await run.read("enriched", expect=ARTICLES, timeout=300, committed_only=True)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    lag = await committed_lag(run)
    report("exactly_once_join_leave", messages=ARTICLES, lost=lost, duplicates=duplicates,
           second_worker_processed=second_did, lag_after=lag)
    assert lost == 0 and duplicates == 0, await explain(run, enriched, {a["id"] for a in articles})
    assert all(v == 0 for v in lag.values()), f"partitions left unconsumed: {lag}"
    assert first.stop(signal.SIGTERM) == 0


OUTAGE_S = 8.0
REPEAT_INTERVAL_S = 5.0


def log_kind(line: dict[str, Any]) -> tuple[str, str, str]:
    """A log line's kind as the worker's repeat filter sees it: logger, level, message with numbers ignored."""
    return line.get("logger", ""), line.get("level", ""), re.sub(r"\b[0-9a-f]{8,}\b|\d+", "#", str(line["event"]))


async def test_broker_outage_logs_a_bounded_number_of_lines(private_broker, start_worker) -> None:
    """The broker is SIGKILLed for 8 s (plus its restart): the worker logs each kind of client error at most twice per
    NEWSFLOW_LOG_REPEAT_INTERVAL (the first, then a summary with the count), /ready says the broker is
    unreachable, and after the restart the worker goes on with nothing lost."""
    run = Run(private_broker.bootstrap)
    await run.create_topics()
    first = generate(40, seed=21, prefix=run.name)
    await run.send(as_messages(first))
    env = run.env(NEWSFLOW_LOG_REPEAT_INTERVAL=str(REPEAT_INTERVAL_S))
    worker = start_worker(env)
    wait_for_count(worker, "article_enriched", len(first), timeout=120)
    await asyncio.sleep(2)  # let the last commits go out

    lag_before = await run.input_lag()
    lines_before = len(worker.log().splitlines())
    private_broker("kill")
    killed_at = time.monotonic()
    reasons: list[str] = []
    while time.monotonic() - killed_at < OUTAGE_S:
        status, body = await asyncio.to_thread(worker.ready)
        if status == 503:
            reasons = body["reasons"]
        await asyncio.sleep(1)
    private_broker("start")
    outage_s = time.monotonic() - killed_at
    during = [json.loads(line) for line in worker.log().splitlines()[lines_before:]]

    second = generate(40, seed=22, prefix=run.name)
    await run.send(as_messages(second))
    wait_for_count(worker, "article_enriched", len(first) + len(second), timeout=150)
    enriched = await run.read("enriched", expect=len(first) + len(second), timeout=60)
    lost, duplicates = tally(enriched, {a["id"] for a in first + second})

    kinds = Counter(log_kind(line) for line in during)
    # Each kind: the first line and a summary per interval, plus the one that opens the window in progress.
    bound = 2 * len(kinds) * (int(outage_s // REPEAT_INTERVAL_S) + 1)
    collapsed = sum(line.get("repeated", 0) for line in during)
    report("broker_outage_logs", outage_s=round(outage_s, 1), log_lines=len(during), kinds=len(kinds),
           bound=bound, repeats_collapsed=collapsed, lost=lost, duplicates=duplicates, lag_before_kill=lag_before)
    assert any(reason.startswith("broker unreachable") for reason in reasons), reasons
    assert len(during) <= bound, "\n".join(f"{n} {kind}" for kind, n in kinds.most_common(12))
    assert lost == 0
    assert worker.proc.poll() is None
    assert worker.stop(signal.SIGTERM) == 0


async def one_dead_letter_among(run: Run, start_worker: Any, guarantee: str, messages: list[bytes],
                                articles: list[dict[str, str]]) -> tuple[Any, list[dict[str, Any]], dict[str, Any]]:
    """A worker in `guarantee` mode, `messages` sent: the worker, the enriched records of `articles` as read (committed
    only under exactly-once), and the one dead letter among the messages."""
    worker = start_worker(run.env(NEWSFLOW_PROCESSING_GUARANTEE=guarantee))
    worker.wait_ready()
    await run.send(messages)
    committed_only = guarantee == "exactly_once"
    enriched = await run.read("enriched", expect=len(articles), timeout=120, committed_only=committed_only)
    [dead] = await run.read("deadletter", expect=1, timeout=60, committed_only=committed_only)
    return worker, enriched, dead


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_a_dead_letter_over_its_topics_limit_goes_out_with_less_of_its_input(
        created, start_worker, guarantee: str) -> None:
    """The dead-letter topic takes 64 kB, a letter keeps 150 kB of its input: it is sent with less, at once.
    Before, the batch was sent again until the limit was raised (at-least-once), or the transaction failed and
    every restarted worker failed on it again (exactly-once: a crash loop)."""
    run = created
    await set_topic_config(run.broker, run.topics["deadletter"], **{"max.message.bytes": "65536"})
    articles = generate(30, seed=29, prefix=run.name)
    messages = as_messages(articles)
    messages.insert(10, b"\xff" * 150_000)
    worker, enriched, dead = await one_dead_letter_among(run, start_worker, guarantee, messages, articles)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    kept = len(base64.b64decode(dead["original_b64"]))
    report(f"dead_letter_over_topic_limit_{guarantee}", messages=len(messages), lost=lost, duplicates=duplicates,
           kept_bytes=kept, publish_failures_logged=count_in_log(worker, "batch_publish_failed"),
           transactions_failed=count_in_log(worker, "transaction_failed"))
    assert lost == 0, worker.digest()
    assert dead["reason"] == "invalid_utf8" and dead["original_size"] == 150_000 and dead["original_truncated"]
    assert 0 < kept < 65_536 and f"input cut to {kept} bytes" in dead["detail"], dead["detail"]
    assert count_in_log(worker, "batch_publish_failed") == 0 and count_in_log(worker, "transaction_failed") == 0
    assert count_in_log(worker, "dead_letter_cut") >= 1, worker.digest()
    assert worker.proc.poll() is None, worker.digest()
    assert worker.stop(signal.SIGTERM) == 0


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_an_article_over_the_enriched_topics_limit_is_dead_lettered_and_the_rest_flow(
        created, start_worker, guarantee: str) -> None:
    """The enriched topic takes 20 kB (lowered by an operator), one article's record is about 50 kB: that article
    becomes a `too_large` dead letter with its input, at once. Before, at-least-once sent the batch again until the
    limit was raised (the partition held up), and exactly-once failed the transaction and stopped the worker, whose
    successor failed on the same batch: a crash loop."""
    run = created
    await set_topic_config(run.broker, run.topics["enriched"], **{"max.message.bytes": "20000"})
    articles = generate(20, seed=31, prefix=run.name)
    long_one = {**articles[0], "id": f"{run.name}-long",
                "body": "\n\n".join(a["body"] for a in generate(40, seed=37, prefix=run.name))}
    messages = as_messages(articles)
    messages.insert(7, as_messages([long_one])[0])
    worker, enriched, dead = await one_dead_letter_among(run, start_worker, guarantee, messages, articles)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    report(f"article_over_enriched_topic_limit_{guarantee}", messages=len(messages), lost=lost, duplicates=duplicates,
           publish_failures_logged=count_in_log(worker, "batch_publish_failed"),
           transactions_failed=count_in_log(worker, "transaction_failed"))
    assert lost == 0 and f"{run.name}-long" not in {r["id"] for r in enriched}, worker.digest()
    assert dead["reason"] == "too_large" and f"topic {run.topics['enriched']} refused" in dead["detail"], dead["detail"]
    # The clustering agent publishes the enriched records: the letter keeps the refused one (the article's input is
    # at its source_position).
    assert json.loads(base64.b64decode(dead["original_b64"]))["id"] == f"{run.name}-long", worker.digest()
    assert dead["source_position"]["topic"] == run.topics["raw"]
    assert count_in_log(worker, "batch_publish_failed") == 0 and count_in_log(worker, "transaction_failed") == 0
    assert count_in_log(worker, "story_transaction_failed") == 0, worker.digest()
    # As the letter advises: the limit raised, the input sent again comes out as the article, not as a repeat
    # (its sighting was given back).
    await set_topic_config(run.broker, run.topics["enriched"], **{"max.message.bytes": "1048588"})
    await run.send([messages[7]])
    again = await run.read("enriched", expect=len(articles) + 1, timeout=120,
                           committed_only=guarantee == "exactly_once")
    [long_out] = [r for r in again if r["id"] == f"{run.name}-long"]
    assert long_out["duplicate_of"] is None and long_out["revision"] == 1, worker.digest()
    assert worker.proc.poll() is None, worker.digest()
    assert worker.stop(signal.SIGTERM) == 0


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_story_records_over_a_limit_under_the_batch_size_go_out_alone_or_shorter(
        created, start_worker, guarantee: str) -> None:
    """The stories topic takes 1,500 bytes, under the producer's batch of several Story records (the broker holds
    the limit against a whole batch): refused together, they are sent one by one, and one still refused alone goes
    with half of its lists. Before, every record of a refused batch was cut down to its last form and still refused
    together: the transaction failed and the worker stopped (exactly-once), or the partition held (at-least-once)."""
    run = created
    settings = run.settings()
    await ensure_topics(settings)  # the stories topic is the worker's to create (compacted)
    stories_topic = run.topics["stories"]
    await set_topic_config(run.broker, stories_topic, **{"max.message.bytes": "1500"})
    articles = event_articles(run.name, per_event=4)
    worker = start_worker(run.env(NEWSFLOW_PROCESSING_GUARANTEE=guarantee))
    worker.wait_ready()
    await run.send(as_messages(articles))
    committed_only = guarantee == "exactly_once"
    enriched = await run.read("enriched", expect=len(articles), timeout=120, committed_only=committed_only)
    stories = await run.read("stories", expect=len(articles), timeout=60, committed_only=committed_only)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    report(f"story_records_over_a_small_topic_limit_{guarantee}", articles=len(articles), lost=lost,
           story_records=len(stories), cut=count_in_log(worker, "story_record_cut"))
    assert lost == 0, worker.digest()
    assert len(stories) >= len(articles) and max(s["article_count"] for s in stories) == 4, worker.digest()
    assert count_in_log(worker, "story_transaction_failed") == 0 and count_in_log(worker, "batch_publish_failed") == 0
    assert count_in_log(worker, "records_refused_together") >= 1, worker.digest()  # the case this test is about
    assert worker.proc.poll() is None, worker.digest()
    assert worker.stop(signal.SIGTERM) == 0


async def test_a_batch_whose_publish_fails_non_retriably_is_published_again(created, start_worker) -> None:
    """One dead letter is too large for its topic even with none of its input (MessageSizeTooLarge: not
    retriable), then the limit is raised: the batch it belongs to is published again, so every article and the
    dead letter come out."""
    run = created
    await set_topic_config(run.broker, run.topics["deadletter"], **{"max.message.bytes": "256"})
    articles = generate(40, seed=23, prefix=run.name)
    messages = as_messages(articles)
    # Invalid UTF-8: a dead letter of about 330 bytes when it keeps none of its input, over the topic's 256.
    messages.insert(20, b"\xff" * 150_000)
    worker = start_worker(run.env())
    worker.wait_ready()
    await run.send(messages)
    deadline = time.monotonic() + 120
    while "MessageSizeTooLarge" not in worker.log():
        assert time.monotonic() < deadline, "the publish never failed"
        assert worker.proc.poll() is None, worker.log()[-3000:]
        await asyncio.sleep(0.2)
    await asyncio.sleep(2)  # what the worker does next happens with the limit still in place
    await set_topic_config(run.broker, run.topics["deadletter"], **{"max.message.bytes": "1048588"})

    enriched = await run.read("enriched", expect=len(articles), timeout=120)
    dead = await run.read("deadletter", expect=1, timeout=60)
    lost, duplicates = tally(enriched, {a["id"] for a in articles})
    failures = count_in_log(worker, "batch_publish_failed")
    report("non_retriable_publish_error", messages=len(messages), lost=lost, duplicates=duplicates,
           dead_letters=len(dead), publish_failures_logged=failures, worker_alive=worker.proc.poll() is None)
    assert failures >= 1, worker.digest()
    assert lost == 0, f"missing {sorted({a['id'] for a in articles} - {r['id'] for r in enriched})}\n{worker.digest()}"
    assert [d["reason"] for d in dead] == ["invalid_utf8"], worker.digest()
    assert worker.proc.poll() is None, worker.digest()
    assert worker.stop(signal.SIGTERM) == 0
