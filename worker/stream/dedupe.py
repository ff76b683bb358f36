"""Repeats and revisions: the same content again is flagged, not counted twice; new content under a known id
is the article's next revision. Sightings are remembered for a window and up to a size bound."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from worker.models import SourcePosition
from worker.pipeline import Enriched, Outcome, Rejected


def id_key(article_id: str) -> str:
    """The table key of an article id: 64 bits of its sha256 (ids may be 200 characters; RAM is per key)."""
    return "i:" + hashlib.sha256(article_id.encode()).hexdigest()[:16]


def hash_key(content_hash: str) -> str:
    """The table key of a content hash: its first 64 bits (a collision needs billions of articles)."""
    return "h:" + content_hash[:16]


@dataclass(frozen=True)
class Sighting:
    """A table value: the article id, its revision, the content (64-bit hash), when and where it was read.

    Under an id key it describes the id's latest revision; under a hash key, the first article with that content.
    """

    article_id: str
    revision: int
    content: str
    at: float
    here: str

    def encode(self) -> str:
        # One flat string: faust's memory store holds it as it is, and the changelog record stays small.
        return f"{self.at:.0f} {self.revision} {self.content} {self.here} {self.article_id}"

    @classmethod
    def decode(cls, value: str) -> Sighting:
        at, revision, content, here, article_id = value.split(" ", 4)
        return cls(article_id, int(revision), content, float(at), here)


def sighted_at(value: str) -> float:
    """When a table value was written (cheap: the expiry sweep reads every value)."""
    return float(value.split(" ", 1)[0])


def mark_duplicates(
    outcomes: Sequence[Outcome], seen: MutableMapping[str, str], *, now: float | None = None,
    memory: MutableMapping[str, str] | None = None,
) -> list[Outcome]:
    """Flag repeats, number revisions, and remember sightings in `seen`.

    `seen` maps `id_key(id)` to the id's latest revision and `hash_key(content hash)` to the first article with
    that content (in the worker it is a faust GlobalTable, so every worker sees every sighting). For each article:
    - content equal to its id's latest revision, or first seen under another id: a repeat. It keeps its
      enriched record (`duplicate_of`, `duplicate_reason`, and the revision it repeats) but publishes no mention
      events, so counts built from `entities.mentions` do not count an article twice;
    - new content under a known id (a correction, an update at the same URL): revision n+1, published normally,
      its mention events marked with the revision (trending counts revision 1 only: worker/stream/trending.py);
    - otherwise revision 1.
    The same input message processed again (a redelivery after a crash) is not a repeat of itself, nor a new
    revision: it gets the revision it got the first time (under exactly-once its first outputs were aborted).

    One changelog record an article: the id key's sighting carries the content, so the content's key is put in
    `memory` (the table's store, `memory_of(seen)` by default: no changelog record), and every worker derives it
    again from the id key's record as it reads the changelog (`index_contents`, which never replaces a content's
    key). Only the rare sighting whose content keys would not be derived right writes them too (`_pin`): a revision
    (compaction takes the id key's older record, with the text it replaces) and an id whose content already has a
    key.
    """
    clock = time.time() if now is None else now
    memory = memory_of(seen) if memory is None else memory
    marked: list[Outcome] = []
    for outcome in outcomes:
        if not isinstance(outcome, Enriched):
            marked.append(outcome)
            continue
        article = outcome.article
        here = _here(article.source_position)
        content = article.content_hash[:16]
        by_id, by_hash = _get(seen, id_key(article.id)), _get(seen, hash_key(article.content_hash))

        again = next((s for s in (by_id, by_hash) if s and s.here == here != "-" and s.article_id == article.id), None)
        if again is not None:
            marked.append(_revised(outcome, again.revision))  # this very message again: as the first time
        elif by_id is not None and by_id.content == content:
            marked.append(_repeat(outcome, article.id, "same_id", by_id.revision))
        elif by_id is None and by_hash is not None and by_hash.article_id != article.id:
            marked.append(_repeat(outcome, by_hash.article_id, "same_content", 1))
        else:
            revision = 1 if by_id is None else by_id.revision + 1
            sighting = Sighting(article.id, revision, content, clock, here).encode()
            if by_id is not None:  # a revision: compaction will take the id key's older record, keep its text's key
                _pin(seen, memory, by_id.content)
            if by_hash is not None:  # the content's key names another sighting than the one derived from this
                _pin(seen, memory, content)
            seen[id_key(article.id)] = sighting
            if by_hash is None:
                memory[hash_key(content)] = sighting
            marked.append(_revised(outcome, revision))
    return marked


def forget_unpublished(seen: MutableMapping[str, str], marked: Sequence[Outcome], published: Sequence[Outcome]) -> None:
    """Take back the sightings of articles `mark_duplicates` saw that were published as dead letters instead (a
    record over the producer's limit, or one its topic refused: `published` holds the outcomes as published, in
    the same order): their input sent again is then the article it would have been, not a repeat of nothing."""
    for before, after in zip(marked, published, strict=True):
        if isinstance(before, Enriched) and isinstance(after, Rejected) and before.article.duplicate_of is None:
            forget(seen, before.article.id, before.article.revision, before.article.source_position)


def forget(seen: MutableMapping[str, str], article_id: str, revision: int, position: SourcePosition | None) -> None:
    """Take back the sighting of revision `revision` of `article_id` read at `position`, if the id's key still
    holds it (and this worker's content key derived from it): revision 1's key goes, a later revision's goes back
    to the revision before it, with no content, so the same input again is that revision again."""
    memory, here = memory_of(seen), _here(position)
    current = _get(seen, id_key(article_id))
    if current is None or (current.here, current.revision) != (here, revision):
        return  # a later sighting replaced it: not this article's to take back
    derived = _get(memory, hash_key(current.content))
    if derived is not None and derived.here == here:
        del memory[hash_key(current.content)]
    if revision == 1:
        del seen[id_key(article_id)]
    else:
        seen[id_key(article_id)] = replace(current, revision=revision - 1, content="-").encode()


def index_contents(store: MutableMapping[str, str], keys: Iterable[str]) -> None:
    """Derive the content keys of id keys' sightings just read from the changelog (`mark_duplicates` writes only the
    id key): the first article with a content keeps its key, as when both were written."""
    for key in keys:
        if isinstance(key, str) and key.startswith("i:"):
            value = store.get(key)
            if value:
                store.setdefault(hash_key(Sighting.decode(value).content), value)


def derive_contents_when_read(table: Any) -> None:
    """Make a faust table derive content keys (`index_contents`) after each batch of its changelog it applies:
    recovery, and every worker reading the others' writes to a GlobalTable."""
    apply = table.apply_changelog_batch

    def apply_and_index(batch: Iterable[Any]) -> None:
        events = list(batch)
        apply(events)
        index_contents(table.data, (event.key for event in events))  # str keys: stored as they come

    table.apply_changelog_batch = apply_and_index


def memory_of(seen: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """Where keys go without a changelog record: a faust table's store (`data`); a plain mapping is its own."""
    memory: MutableMapping[str, str] = getattr(seen, "data", seen)
    return memory


def written_to_changelog(key: str) -> bool:
    """Whether a sweep tombstones the key: id keys; content keys are forgotten from memory only (most were never
    in the changelog, and those a revision wrote expire there with the retention window)."""
    return not key.startswith("h:")


def _pin(seen: MutableMapping[str, str], memory: MutableMapping[str, str], content: str) -> None:
    """Write a content's key as it is to the changelog: a written key overrides a derived one in any order."""
    value = memory.get(hash_key(content))
    if value:
        seen[hash_key(content)] = value


def _here(position: SourcePosition | None) -> str:
    return f"{position.topic}:{position.partition}:{position.offset}" if position else "-"


def _get(seen: MutableMapping[str, str], key: str) -> Sighting | None:
    value = seen.get(key)
    return Sighting.decode(value) if value else None


def _revised(outcome: Enriched, revision: int) -> Enriched:
    if revision == 1:
        return outcome
    article = outcome.article.model_copy(update={"revision": revision})
    return replace(outcome, article=article,
                   mentions=[m.model_copy(update={"article_revision": revision}) for m in outcome.mentions])


def _repeat(outcome: Enriched, first: str, reason: str, revision: int) -> Enriched:
    update = {"duplicate_of": first, "duplicate_reason": reason, "revision": revision}
    return replace(outcome, article=outcome.article.model_copy(update=update), mentions=[])


def expired(items: Iterable[tuple[str, str]], *, now: float, window: float, max_keys: int) -> list[str]:
    """Keys to forget: sightings older than `window` seconds, then the oldest beyond `max_keys` keys.

    `items` in insertion order (a dict's, faust's memory store's), which is close to time order: the size bound
    drops from the front, skipping what the window already drops.
    """
    cutoff = now - window
    pairs = list(items)
    old = [key for key, value in pairs if sighted_at(value) < cutoff]
    excess = len(pairs) - len(old) - max_keys
    if excess <= 0:
        return old
    dropping = set(old)
    extra = [key for key, _ in pairs if key not in dropping][:excess]
    return old + extra


async def forget_in_chunks(
    store: MutableMapping[str, str],
    doomed: Sequence[tuple[str, str]],
    forget: Callable[[str], None],
    lock: asyncio.Lock,
    *,
    chunk: int = 500,
) -> int:
    """Forget `doomed` (each key with the value it had when chosen) a chunk at a time under `lock`.

    A sweep tombstones one changelog record per key (about 0.4 s for 5,000 keys when profiled): holding the
    batch lock through all of it stalled publishing that long. Between chunks a waiting batch goes first
    (asyncio's lock serves waiters in order); a key sighted again meanwhile has a new value and is kept.
    """
    forgotten = 0
    for start in range(0, len(doomed), chunk):
        async with lock:
            for key, value in doomed[start : start + chunk]:
                if store.get(key) == value:
                    forget(key)
                    forgotten += 1
    return forgotten


async def forget_old(table: Any, lock: asyncio.Lock, *, window: float, max_keys: int, leader: bool) -> tuple[int, int]:
    """Drop the sightings of `table` (a faust table) beyond the window and size bound: every worker from its
    memory, the leader with tombstones too (compaction then drops the key for every later start-up; the others
    only forget from memory, since the leader's tombstone will follow). Returns (chosen, forgotten): a key
    sighted again meanwhile is kept."""
    store = memory_of(table)
    async with lock:  # not while a batch reads and writes the table
        keys = expired(store.items(), now=time.time(), window=window, max_keys=max_keys)
        doomed = [(key, store[key]) for key in keys]

    def forget(key: str) -> None:
        (table.__delitem__ if leader and written_to_changelog(key) else store.__delitem__)(key)

    return len(doomed), await forget_in_chunks(store, doomed, forget, lock)
