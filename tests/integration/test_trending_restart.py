"""Trending after a restart: the table has no changelog, a worker that gets the tally partitions replays them, and
every window holds each counted mention once, the killed worker's uncommitted tallies included."""

from __future__ import annotations

import signal
from collections import Counter
from typing import Any

from tests.integration.test_web import get_json, records_of_topic, wait_until
from tests.support.articles import as_messages, generate


async def expected_counts(run: Any, mentions: int, hour: float) -> Counter[str]:
    records = await records_of_topic(run, run.topics["mentions"], mentions)
    return Counter(m["entity_id"] for ts, _, m in records if hour <= ts < hour + 3600 and m["article_revision"] == 1)


async def test_a_killed_worker_s_successor_counts_every_mention_once(created: Any, start_worker: Any) -> None:
    run = created
    env = run.env()
    url = f"http://127.0.0.1:{env['NEWSFLOW_WEB_PORT']}"
    first = start_worker(env)
    first.wait_ready()
    await run.send(as_messages(generate(12, seed=7, prefix=f"{run.name}-a")))
    enriched = await run.read("enriched", expect=12, timeout=120)
    mentions = sum(len(r["entities"]) for r in enriched)
    (at, _, _), *_ = await records_of_topic(run, run.topics["mentions"], mentions)
    hour = at // 3600 * 3600

    def view(expected: Counter[str], worker: Any) -> dict[str, Any]:
        def counts() -> dict[str, int] | None:
            status, body = get_json(f"{url}/entities/trending?window=1h&limit=1000&at={at}")
            assert status == 200
            found = {e["entity_id"]: e["count"] for e in body["entities"]}
            return found if found == expected else None
        return wait_until("the 1h window holds every mention once", counts, 30, worker)

    before = await expected_counts(run, mentions, hour)
    assert sum(before.values()) > 0
    view(before, first)
    first.stop(signal.SIGKILL)  # no clean shutdown: the tally offsets of the last commit interval are uncommitted

    second = start_worker(env, name="second")
    second.wait_ready()
    assert view(before, second) == dict(before)  # replayed: the same window, nothing counted twice
    await run.send(as_messages(generate(4, seed=8, prefix=f"{run.name}-b")))
    enriched = await run.read("enriched", expect=16, timeout=120)
    after = await expected_counts(run, sum(len(r["entities"]) for r in enriched), hour)
    assert sum(after.values()) > sum(before.values())
    view(after, second)  # new tallies counted on top of the replayed ones
    assert "trending_replayed" in second.log()
    assert second.stop(signal.SIGTERM) == 0
