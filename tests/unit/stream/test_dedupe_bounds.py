"""The duplicate table stays bounded: a retention window and a size bound, one changelog name."""

from __future__ import annotations

from tests.support.outcomes import FIRST, outcome
from worker.settings import Settings
from worker.stream.dedupe import Sighting, expired, forget_old, hash_key, id_key, mark_duplicates

DAY = 86400.0


def test_sightings_older_than_the_window_are_forgotten() -> None:
    seen: dict[str, str] = {}
    mark_duplicates([outcome("old", FIRST, 1)], seen, now=1000.0)
    mark_duplicates([outcome("new", "Another text altogether.", 2)], seen, now=1000.0 + 8 * DAY)
    gone = expired(seen.items(), now=1000.0 + 8 * DAY, window=7 * DAY, max_keys=100)
    assert len(gone) == 2 and all(Sighting.decode(seen[k]).article_id == "old" for k in gone)
    for key in gone:
        del seen[key]
    # Forgotten: the same content is news again (revision 1, with mentions), not a repeat.
    (again,) = mark_duplicates([outcome("old", FIRST, 3)], seen, now=1000.0 + 8 * DAY)
    assert (again.article.revision, again.article.duplicate_of, len(again.mentions)) == (1, None, 1)


def test_the_size_bound_forgets_the_oldest_first() -> None:
    seen = {f"k{n}": Sighting("a", 1, "c", 1000.0 + n, "t:0:0").encode() for n in range(10)}
    assert expired(seen.items(), now=1010.0, window=DAY, max_keys=4) == ["k0", "k1", "k2", "k3", "k4", "k5"]
    assert expired(seen.items(), now=1010.0, window=5.5, max_keys=8) == ["k0", "k1", "k2", "k3", "k4"]
    assert expired(seen.items(), now=1010.0, window=DAY, max_keys=10) == []


def test_a_week_is_the_default_window() -> None:
    settings = Settings()
    assert settings.dedupe_window >= 7 * DAY and settings.dedupe_max_articles >= 10_000


def test_the_table_is_named_once_and_its_changelog_expires() -> None:
    """The changelog was `<app>-<app>-seen-changelog`, kept forever; now `<app>-seen-changelog`, compacted and
    cut at the window."""
    from worker.stream import app as worker_app

    settings = worker_app.settings
    assert worker_app.seen.changelog_topic.get_topic_name() == f"{settings.app_id}-seen-changelog"
    configs = worker_app.seen.extra_topic_configs
    assert "compact" in configs["cleanup.policy"] and "delete" in configs["cleanup.policy"]
    assert int(configs["retention.ms"]) == int(settings.dedupe_window * 1000)


async def test_a_long_sweep_lets_a_waiting_batch_in_between_chunks_and_keeps_a_key_sighted_again() -> None:
    import asyncio

    from worker.stream.dedupe import forget_in_chunks

    store = {f"k{n}": f"{n} old" for n in range(6)}
    doomed = list(store.items())
    lock = asyncio.Lock()
    order: list[str] = []

    def forget(key: str) -> None:
        order.append(key)
        del store[key]

    async def batch() -> None:
        async with lock:  # queued while the first chunk runs: must go before the second chunk
            order.append("batch")
            store["k3"] = "99 new"  # sighted again: the sweep must keep it

    async with lock:
        sweep = asyncio.create_task(forget_in_chunks(store, doomed, forget, lock, chunk=2))
        await asyncio.sleep(0)  # the sweep waits for the lock first, then the batch
        waiting = asyncio.create_task(batch())
        await asyncio.sleep(0)
    assert await sweep == 5
    await waiting
    assert order == ["k0", "k1", "batch", "k2", "k4", "k5"]
    assert store == {"k3": "99 new"}


class Table:
    """A faust table's two ways to forget a key: `del table[key]` writes a tombstone, `del table.data[key]` not."""

    def __init__(self, data: dict[str, str]) -> None:
        self.data, self.tombstones = data, []

    def __delitem__(self, key: str) -> None:
        self.tombstones.append(key)
        del self.data[key]


async def test_the_leader_tombstones_old_id_keys_and_every_worker_forgets_from_memory() -> None:
    import asyncio
    import time

    old, new = time.time() - 2 * DAY, time.time()
    data = {id_key("a"): Sighting("a", 1, "c", old, "t:0:0").encode(),
            hash_key("c"): Sighting("a", 1, "c", old, "t:0:0").encode(),
            id_key("b"): Sighting("b", 1, "d", new, "t:0:1").encode()}
    for leader, tombstones in ((True, [id_key("a")]), (False, [])):
        table = Table(dict(data))
        chosen, forgotten = await forget_old(table, asyncio.Lock(), window=DAY, max_keys=10, leader=leader)
        assert (chosen, forgotten) == (2, 2) and list(table.data) == [id_key("b")]
        assert table.tombstones == tombstones  # content keys never: most were not in the changelog
