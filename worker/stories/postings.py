"""Candidate blocking: an inverted index from keys (name keys, an article's rarest words) to the open stories
holding them, so that an article is scored against a few dozen stories however many are open (the archive keeps
one from closed stories' people's keys to them likewise)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable


class Postings(dict[str, set[str]]):
    """Key -> ids of the stories indexed under it (a key no story holds has no entry)."""

    def add(self, story_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            self.setdefault(key, set()).add(story_id)

    def remove(self, story_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            posting = self.get(key)
            if posting is not None:
                posting.discard(story_id)
                if not posting:
                    del self[key]

    def move(self, keys: Iterable[str], old: str, new: str) -> None:
        """A merge: the keys of story `old` lead to story `new`."""
        self.remove(old, keys := list(keys))
        self.add(new, keys)

    def best(self, keys: Iterable[str], weight: Callable[[str], float], most_stories: int, limit: int) -> list[str]:
        """The `limit` stories whose shared keys weigh most (`weight`: a key's IDF); a key indexing more than
        `most_stories` stories is too common to block on and is skipped. Ties broken by id: the same stream gives
        the same stories in any process (a set's order varies with hashing)."""
        hits: dict[str, float] = {}
        for key in keys:
            posting = self.get(key)
            if posting and len(posting) <= most_stories:
                found = weight(key)
                for story_id in posting:
                    hits[story_id] = hits.get(story_id, 0.0) + found
        return [story_id for story_id, _ in heapq.nlargest(limit, hits.items(), key=lambda item: (item[1], item[0]))]
