"""Two versions of one article on the real broker: each its own entities, the correction is revision 2."""

from __future__ import annotations

import asyncio
import json
import signal
import time
import urllib.request

from aiokafka.admin import AIOKafkaAdminClient

FIRST = "Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Monday to discuss trade."
SECOND = ("Correction: on Monday in Paris, President Emmanuel Macron hosted Prime Minister Keir Starmer, "
          "who later flew to Berlin.")


def trending_count(port: str, name: str) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/entities/trending?window=1h&limit=1000") as answer:  # noqa: S310
        body = json.loads(answer.read())
    return sum(e["count"] for e in body["entities"] if e["name"] == name)


async def test_a_correction_is_the_next_revision_and_counted_once(created, start_worker) -> None:
    """Same id, new text, in one batch: revision 1 and 2, each with its own entities, both published with
    mentions; the same text again is a duplicate of revision 2; trending counts the article once."""
    run = created
    article_id = f"{run.name}-story"
    key = article_id.encode()
    v1, v2 = (json.dumps({"id": article_id, "body": body}).encode() for body in (FIRST, SECOND))
    env = run.env(NEWSFLOW_BATCH_TIMEOUT="0.5")  # both versions in one batch
    worker = start_worker(env)
    worker.wait_ready()
    await run.send([v1, v2], keys=[key, key])
    await run.read("enriched", expect=2, timeout=60)
    await run.send([v2], keys=[key])
    enriched = sorted(await run.read("enriched", expect=3, timeout=60), key=lambda r: r["_offset"])

    assert [(r["revision"], r["duplicate_of"], r["duplicate_reason"]) for r in enriched] == [
        (1, None, None), (2, None, None), (2, article_id, "same_id")
    ]
    for record, text in zip(enriched, (FIRST, SECOND, SECOND), strict=True):
        assert record["text"] == text
        assert {"Keir Starmer", "Emmanuel Macron"} <= {e["name"] for e in record["entities"]}
        assert all(text[m["start"]:m["end"]] == m["text"] for e in record["entities"] for m in e["mentions"])

    expected = len(enriched[0]["entities"]) + len(enriched[1]["entities"])
    mentions = await run.read("mentions", expect=expected, timeout=30)
    assert sorted({m["article_revision"] for m in mentions}) == [1, 2] and len(mentions) == expected
    deadline = time.monotonic() + 20
    while trending_count(env["NEWSFLOW_WEB_PORT"], "Keir Starmer") < 1 and time.monotonic() < deadline:
        time.sleep(0.5)
    # The revision's mentions were published too: give them time to be (not) counted, past the trending agent's
    # batch (NEWSFLOW_TRENDING_BATCH_TIMEOUT).
    time.sleep(2.5)
    assert trending_count(env["NEWSFLOW_WEB_PORT"], "Keir Starmer") == 1
    assert worker.stop(signal.SIGTERM) == 0


async def test_the_duplicate_tables_changelog_is_declared_not_auto_created(created, start_worker) -> None:
    """Named once, created by the worker with the table's partitions (the broker's auto-creation gave it one
    partition and cleanup.policy=delete, so its tombstones were never compacted)."""
    run = created
    worker = start_worker(run.env())
    worker.wait_ready()
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    changelog = f"{run.name}-seen-changelog"
    try:
        deadline = time.monotonic() + 30
        while changelog not in await admin.list_topics() and time.monotonic() < deadline:
            await asyncio.sleep(0.5)  # the agent creates it when it starts, just after worker_ready
        assert f"{run.name}-{run.name}-seen-changelog" not in await admin.list_topics()
        (described,) = await admin.describe_topics([changelog])
        assert len(described["partitions"]) == run.partitions
    finally:
        await admin.close()
    assert worker.stop(signal.SIGTERM) == 0


async def test_a_repeat_under_another_id_is_caught_after_a_restart(created, start_worker) -> None:
    """The duplicate table writes one changelog record an article (the id's sighting); a restarted worker derives
    the content's key from it, so the same text under another id is still a repeat, and a corrected article's
    first text is still known."""
    run = created
    env = run.env()
    first = start_worker(env)
    first.wait_ready()
    v1, v2 = (json.dumps({"id": f"{run.name}-a", "body": body}).encode() for body in (FIRST, SECOND))
    for count, value in enumerate((v1, v2), 1):  # one at a time: the correction is a revision of the first
        await run.send([value])
        await run.read("enriched", expect=count, timeout=60)
    assert first.stop(signal.SIGTERM) == 0

    second = start_worker(env)
    second.wait_ready()
    again = [json.dumps({"id": f"{run.name}-{n}", "body": body}).encode() for n, body in (("b", FIRST), ("c", SECOND))]
    await run.send(again)
    enriched = {r["id"]: r for r in await run.read("enriched", expect=4, timeout=60)}
    assert [(enriched[f"{run.name}-{n}"]["duplicate_of"], enriched[f"{run.name}-{n}"]["duplicate_reason"])
            for n in ("a", "b", "c")] == [(None, None), (f"{run.name}-a", "same_content"),
                                          (f"{run.name}-a", "same_content")]
    assert second.stop(signal.SIGTERM) == 0
