"""Closed stories kept small for a while, so that a follow-up months later (an arrest, a trial, a sentence) can
re-open the story it follows instead of starting a new one.

An open story is costly (its sums, ids and index keys: a few KB an article), so stories close after a quiet
period of weeks. Most follow-ups that come later still name the event's people: the archive keeps of each
closed story only what such a follow-up must match (the name keys of the people it named, and its span), in a
bounded map: at most `capacity` stories, each for at most `period` seconds after it closed.

The follow-up rule, for archived stories and for open ones whose evidence fell short (the gap, other words):
the article must share at least `persons` name keys of people with the story, each rare in the stream outside
that story (the same rarity as `Params.specific`). Rare people's names, several of them, are what any kind of
follow-up (a court report, an anniversary, a resignation) shares with the first reports, when little else is.
It must also share `words` rare words of its headline and lead with the words the story's sums keep (a follow-up
names the event's people in its own text, so their names and the event's place or details are among its
words): people named only in a page's list of other stories, or in a round-up of many events, are not. All the
words the sums keep (its centroid, `worker.stories.state.CENTROID_TERMS`), not its strongest few: in a story of
many reports the words they all repeat weigh most, and the details a court report months later repeats (the
street, the venue, a victim's age) weigh less.

A second way back, by **days** (`match_day`): an article naming a day the story's articles named
(`worker.stories.dates`: "the Nov. 12 shooting" months later) that shares with it `day_keys` rare keys, words of
its text among the story's words or its people's name keys, a word at least. A follow-up often names the event's
day and place but not several of its people (a victim's family, a verdict naming one accused). An index from each
day to the signatures naming it finds them; only the `DAY_READS` latest of a day are read (a busy feed closes
thousands of stories naming each day, and the latest are the likeliest).

A signature keeps those words as one string (`packed`), not a set: up to 48 words as a frozenset of strings took
about 2.6 KB more per restored signature than the 16 kept before, 2.6 GB more at the archive's capacity of a
million; as one string, a signature takes less than it did with 16 words in a set. Its words themselves, not
digests of them, so that a match is exact (no collisions) and a restarted worker counts them again
(`Clusterer.restored`).
"""

from __future__ import annotations

import heapq
import itertools
import sys
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from worker.models import StoryEntity
from worker.stories.desks import main_desk
from worker.stories.features import keys_of, name_keys
from worker.stories.postings import Postings
from worker.stories.state import StoryState

#: Name keys of people kept per archived story (those its articles named most).
ARCHIVED_KEYS = 32
#: Days kept per archived story (its most named; 8 matched as many follow-ups on the development set as all 32).
ARCHIVED_DAYS = 8
#: Archived stories read per day an article names, the latest closed first (`Archive.match_day`).
DAY_READS = 32
#: A story's people's name keys and its article count -> whether an article may follow it up.
Accept = Callable[[Collection[str], int], bool]


@dataclass(frozen=True)
class Signature:
    """What an archived story keeps: enough to be re-opened under its own id, and to be matched."""

    id: str
    first_seen: float
    last_seen: float
    last_arrival: float
    closed_at: float  # the clusterer's clock when it closed (it is forgotten `period` after)
    articles: int
    persons: frozenset[str]  # name keys of the people its articles named (at most ARCHIVED_KEYS)
    title: str | None
    representative: str
    # The words of its sums (`story_words`, `packed`); None in a signature saved by a version that kept none (then
    # the follow-up rule asks for its people alone, as that version did).
    terms: str | None = None
    # Its articles' main desk (`worker.stories.desks.main_desk`), where a restart counts its people and words; None
    # in a signature saved before desks were kept (then they are counted stream-wide only).
    desk: str | None = None
    days: tuple[str, ...] = ()  # the days its articles named most (ISO; `ARCHIVED_DAYS`)

    def words(self) -> list[str]:
        return [] if self.terms is None else self.terms.split()

    def to_json(self) -> dict[str, Any]:  # the words as a list, as every version has saved them
        return {**asdict(self), "persons": sorted(self.persons), "terms": None if self.terms is None else self.words()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        terms = data.get("terms")
        data = {name: value for name, value in data.items() if name in cls.__dataclass_fields__}  # as StoryState's
        # Person keys interned: a person's keys are in the signatures of all of their stories, and in the index.
        return cls(**{**data, "persons": frozenset(map(sys.intern, data["persons"])),
                      "terms": None if terms is None else packed(terms),
                      "days": tuple(map(sys.intern, data.get("days", ())))})

    def reopened(self) -> StoryState:
        """The story open again under its id, its span and count as they were (its sums start afresh)."""
        return StoryState(id=self.id, first_seen=self.first_seen, last_seen=self.last_seen,
                          last_arrival=self.last_arrival, articles=self.articles, title=self.title,
                          representative=self.representative, summed=0)


def signature(story: StoryState, closed_at: float) -> Signature:
    """A closed story reduced to its signature."""
    return Signature(story.id, story.first_seen, story.last_seen, story.last_arrival, closed_at, story.count,
                     people(story), story.title, story.representative, story_words(story), main_desk(story),
                     most_named(story.dates))


def most_named(days: dict[str, int]) -> tuple[str, ...]:
    """The `ARCHIVED_DAYS` days most named (the latest on a tie), interned: one day is named by many stories."""
    return tuple(sys.intern(day) for day in heapq.nlargest(ARCHIVED_DAYS, days, key=lambda day: (days[day], day)))


def story_words(story: StoryState) -> str:
    """The words of the story's sums (its centroid: the `CENTROID_TERMS` that weigh most), what a follow-up's words
    are matched against, `packed`."""
    return packed(story.terms)


def packed(words: Iterable[str]) -> str:
    """Words in one string, sorted, each between spaces (" marina minivan okafor "): a word holds no space
    (`worker.stories.terms.words`), so `" marina " in` it is whether it holds the word."""
    return f" {' '.join(sorted(words))} "


def people(story: StoryState) -> frozenset[str]:
    """The name keys of a story's people, at most ARCHIVED_KEYS (those of the people most of its articles named)."""
    named = sorted(((row[2], entity_id, row[0]) for entity_id, row in story.entities.items() if row[1] == "person"),
                   key=lambda item: (-item[0], item[1]))
    keys: list[str] = []
    for _, entity_id, name in named:
        for key in sorted(keys_of(entity_id, name)):
            if key not in keys and len(keys) < ARCHIVED_KEYS:
                keys.append(key)
    return frozenset(keys)


def follow_up(keys: set[str], terms: Iterable[str], stories: Iterable[StoryState], rare: Callable[[str, int], bool],
              persons: int, words: int, accept: Accept = lambda keys, articles: True) -> StoryState | None:
    """The open story sharing the most rare person keys with an article, if at least `persons`, `accept` and at
    least `words` rare words of its `terms` (the archive's rule for open stories: a follow-up weeks later whose
    words and time the evidence finds too far)."""
    best, most = None, persons - 1
    for story in stories:
        if sum(key in story.names for key in keys) < persons:
            continue  # a cheap first cut: a story's people's keys are mostly among its 64 strongest names
        story_people = people(story)
        shared = sum(rare(key, story.count) for key in keys & story_people)
        if shared > most and accept(story_people, story.count) \
                and shares_words(terms, story_words(story), rare, story.count, words):
            best, most = story, shared
    return best


def shares_words(terms: Iterable[str], story_terms: str | None, rare: Callable[[str, int], bool],
                 articles: int, words: int) -> bool:
    """Whether at least `words` of an article's `terms` are among a story's words (`story_words`) and rare outside it
    (yes when the story's words are unknown: `Signature.terms`)."""
    return story_terms is None or sum(bool(term) and f" {term} " in story_terms and rare(term, articles)
                                     for term in terms) >= words


def several_people(entities: Iterable[StoryEntity], rare: Callable[[str, int], bool], least: int) -> Accept:
    """`accept` a story if its people's keys that are rare (`rare(key, story articles)`) name at least `least` of
    the article's people: a person's first and last names are two keys but one person, and a follow-up names
    several of the event's people, not one."""
    people = [name_keys(e) for e in entities if e.type == "person"]

    def accept(keys: Collection[str], articles: int) -> bool:
        return sum(any(key in keys and rare(key, articles) for key in names) for names in people) >= least

    return accept


def person_keys(entities: Iterable[StoryEntity]) -> set[str]:
    """The name keys of an article's people."""
    return set().union(*(name_keys(e) for e in entities if e.type == "person"))


@dataclass
class Archive:
    """Closed stories' signatures, bounded by count and age; an inverted index from person keys to them."""

    period: float
    capacity: int
    persons: int = 3  # rare person keys a follow-up must share with the archived story
    words: int = 2  # ... and rare words of its text among the story's words (`story_words`)
    entries: OrderedDict[str, Signature] = field(default_factory=OrderedDict)  # in the order they closed
    postings: Postings = field(default_factory=Postings)  # person key -> ids
    day_postings: dict[str, dict[str, None]] = field(default_factory=dict)  # day -> ids, in the order they closed
    on_drop: Callable[[str], object] | None = None  # told each id dropped (re-opened, too old, over capacity)

    def add(self, story: StoryState, now: float) -> None:
        """Keep a closed story's signature (if it named anyone: nothing else could re-open it)."""
        found = signature(story, now)
        if found.persons and self.period > 0 and self.capacity > 0:
            self.put(found)

    def put(self, found: Signature) -> None:
        if found.id in self.entries:
            # An id can close twice: an article sent again after its story closed (and its duplicate record
            # expired) starts a story of the same id. The newer signature replaces the older and its postings.
            self._drop(found.id)
        self.entries[found.id] = found
        self.postings.add(found.id, found.persons)
        for day in found.days:
            self.day_postings.setdefault(day, {})[found.id] = None
        while len(self.entries) > self.capacity:
            self._drop(next(iter(self.entries)))

    def expire(self, now: float) -> None:
        """Forget the signatures archived more than `period` before `now`."""
        while self.entries:
            oldest = next(iter(self.entries.values()))
            if oldest.closed_at + self.period >= now:
                break
            self._drop(oldest.id)

    def match(self, keys: set[str], terms: Iterable[str], rare: Callable[[str, int], bool], most: float,
              accept: Accept = lambda keys, articles: True) -> Signature | None:
        """The archived story sharing the most rare person keys with an article (`rare(key, story articles)`),
        if at least `persons`, `accept` and at least `words` rare words of its `terms`; the latest on a tie. A key
        held by more than `most` archived stories is skipped unread: each holds it in an article of its own, so it
        cannot be rare outside any one of them."""
        shared: dict[str, int] = {}
        for key in keys:
            posting = self.postings.get(key, ())
            if len(posting) > most:
                continue
            for story_id in posting:
                if rare(key, self.entries[story_id].articles):
                    shared[story_id] = shared.get(story_id, 0) + 1
        entries = self.entries
        found = [(count, entries[story_id].last_arrival, story_id) for story_id, count in shared.items()
                 if count >= self.persons and accept(entries[story_id].persons, entries[story_id].articles)
                 and shares_words(terms, entries[story_id].terms, rare, entries[story_id].articles, self.words)]
        return entries[max(found)[2]] if found else None

    def match_day(self, days: Iterable[str], terms: Iterable[str], persons: set[str], df: Mapping[str, int],
                  rare_below: float, keys: int) -> Signature | None:
        """The latest archived story naming one of an article's `days` and sharing at least `keys` rare keys with it,
        words of its `terms` among the story's words and name keys of its `persons`, one of them a word (rare: held
        by at most `rare_below` documents, `df`, besides the story's articles)."""
        # The article's words, rarest first: one held by more documents than a story's articles and `rare_below` is
        # not rare outside it, nor is any after it (most words are common: a story is mostly a few comparisons).
        held = sorted((df.get(term, 0), f" {term} ") for term in terms)
        found: Signature | None = None
        for day in days:
            for story_id in itertools.islice(reversed(self.day_postings.get(day, {})), DAY_READS):
                story = self.entries[story_id]
                if story.terms is None or (found is not None and story.last_arrival <= found.last_arrival):
                    continue
                most, words = story.articles + rare_below, 0
                for count, pattern in held:
                    if count > most:
                        break
                    words += pattern in story.terms
                if words and words + sum(df.get(key, 0) <= most for key in persons & story.persons) >= keys:
                    found = story
        return found

    def take(self, story_id: str) -> Signature:
        """Remove and return a signature (its story re-opens)."""
        found = self.entries[story_id]
        self._drop(story_id)
        return found

    def _drop(self, story_id: str) -> None:
        found = self.entries.pop(story_id)
        if self.on_drop is not None:
            self.on_drop(story_id)
        self.postings.remove(story_id, found.persons)
        for day in found.days:
            posting_of_day = self.day_postings.get(day)
            if posting_of_day is not None:
                posting_of_day.pop(story_id, None)
                if not posting_of_day:
                    del self.day_postings[day]
