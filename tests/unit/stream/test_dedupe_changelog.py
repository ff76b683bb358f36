"""One changelog record an article in the duplicate table: content keys are derived from the id keys' sightings
when the changelog is read, and a worker that rebuilt the table from it decides as the writer would."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, MutableMapping

from tests.support.outcomes import FIRST, SECOND, outcome
from worker.pipeline import Enriched, Outcome
from worker.stream.dedupe import index_contents, mark_duplicates

THIRD = "Storm Darragh closed roads across Wales on Saturday, the Met Office said."


class Logged(MutableMapping[str, str]):
    """A table stand-in: writes go to `memory` and to a changelog (key, value or None), like faust's Table."""

    def __init__(self) -> None:
        self.memory: dict[str, str] = {}
        self.changelog: list[tuple[str, str | None]] = []

    def __getitem__(self, key: str) -> str:
        return self.memory[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.memory[key] = value
        self.changelog.append((key, value))

    def __delitem__(self, key: str) -> None:
        del self.memory[key]
        self.changelog.append((key, None))

    def __iter__(self) -> Iterator[str]:
        return iter(self.memory)

    def __len__(self) -> int:
        return len(self.memory)


def compacted(changelog: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """What Kafka's compaction leaves: each key's last record, in the order of those records."""
    last = {key: n for n, (key, _) in enumerate(changelog)}
    return [record for n, record in enumerate(changelog) if last[record[0]] == n]


def rebuilt(records: list[tuple[str, str | None]]) -> dict[str, str]:
    """A worker's store after reading `records` as faust applies them, one at a time, then deriving content keys."""
    store: dict[str, str] = {}
    for key, value in records:
        if value is None:
            store.pop(key, None)
        else:
            store[key] = value
        index_contents(store, [key])
    return store


def decisions(outcomes: list[Outcome]) -> list[tuple[str, int, str | None, str | None]]:
    return [(o.article.id, o.article.revision, o.article.duplicate_of, o.article.duplicate_reason)
            for o in outcomes if isinstance(o, Enriched)]


HISTORY = [outcome("a", FIRST, 1), outcome("b", SECOND, 2), outcome("a", SECOND, 3), outcome("c", THIRD, 4),
           outcome("b", THIRD, 5)]
# After the history: a's first text under a new id, each text again under its own and other ids.
PROBES = [outcome("d", FIRST, 10), outcome("e", SECOND, 11), outcome("f", THIRD, 12), outcome("a", SECOND, 13),
          outcome("b", THIRD, 14), outcome("c", FIRST, 15)]


def test_a_new_article_writes_one_changelog_record() -> None:
    seen = Logged()
    mark_duplicates([outcome("a", FIRST, 1), outcome("b", SECOND, 2), outcome("c", FIRST, 3)], seen,
                    memory=seen.memory)
    assert [key[:2] for key, _ in seen.changelog] == ["i:", "i:"]  # c repeats a's content: nothing written
    assert sum(key.startswith("h:") for key in seen.memory) == 2  # the content keys, in memory only


def test_a_worker_rebuilt_from_the_compacted_changelog_in_any_order_decides_as_the_writer() -> None:
    writer = Logged()
    mark_duplicates(HISTORY, writer, memory=writer.memory)
    expected = decisions(mark_duplicates(PROBES, dict(writer.memory), now=0.0))
    records = compacted(writer.changelog)
    # Keys land in different changelog partitions, which recovery reads interleaved: any order of the records.
    for order in itertools.permutations(records):
        assert rebuilt(list(order)) == writer.memory
        assert decisions(mark_duplicates(PROBES, rebuilt(list(order)), now=0.0)) == expected
    assert ("d", 1, "a", "same_content") in expected  # a's replaced text is still known after compaction


def test_without_the_derived_keys_a_repeat_would_pass_as_news() -> None:
    """The check above can fail: a store rebuilt without `index_contents` takes a repeat for a new article."""
    writer = Logged()
    mark_duplicates(HISTORY[:1], writer, memory=writer.memory)
    store = {key: value for key, value in compacted(writer.changelog) if value is not None}
    assert decisions(mark_duplicates([outcome("d", FIRST, 10)], store, now=0.0)) == [("d", 1, None, None)]
    assert decisions(mark_duplicates([outcome("d", FIRST, 10)], rebuilt(writer.changelog), now=0.0)) == [
        ("d", 1, "a", "same_content")
    ]
