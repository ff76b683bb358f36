"""Online story clustering: each article joins the most similar open story or starts one; nothing is redone.

Single pass, in arrival order, using only what came before: document frequencies over the stream so far weight
shared words and names by rarity (IDF), and a story must share at least one rare one with an article to take it
(or two words rare together: `Params.pair_rarity`; of its core, once it has a few articles: `worker.stories.core`);
candidate blocking (`worker.stories.postings`: an inverted index from name keys and each article's rarest words to
the open stories) keeps the comparisons to a few dozen stories however many are open; a story closes after
`quiet_period` seconds without a new article. An article that two open stories would take about equally readily
merges them; a short article that none would take is compared again by its headline (`worker.stories.vectors`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Collection, Iterable, MutableMapping
from dataclasses import dataclass, field

from worker.models import StoryFeatures
from worker.stories.archive import Archive, Signature, follow_up, person_keys, several_people
from worker.stories.core import cores_meet, rare_together, shares_core
from worker.stories.dates import before_dates, with_dates
from worker.stories.desks import Desks, DeskView, main_desk
from worker.stories.evidence import Evidence, confidence, log_odds, probability, rare_below, rarity_raises
from worker.stories.features import arrival_time, event_time
from worker.stories.params import Params
from worker.stories.postings import Postings
from worker.stories.state import Assignment, StoryState, Vectors, article_names, name_weights
from worker.stories.vectors import best_two, headline_names, headline_vector, headlines_cosine, is_short, length, unit


@dataclass
class Clusterer:
    """The open stories and the indexes over them. `stories` may be any mapping (a Faust table in the worker)."""

    params: Params = field(default_factory=Params)
    stories: MutableMapping[str, StoryState] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    clock: float = 0.0
    postings: Postings = field(default_factory=Postings)
    article_story: dict[str, str] = field(default_factory=dict)
    # Each story's vector lengths (of its sums, which hold each article's weights as of its arrival).
    _norms: dict[str, tuple[float, float]] = field(default_factory=dict)
    _quiet: list[tuple[float, str]] = field(default_factory=list)  # (when it closes unless it grows, story id)
    desks: Desks = field(default_factory=Desks)  # document frequencies per desk (`worker.stories.desks`)
    archive: Archive = field(init=False)

    def __post_init__(self) -> None:
        p = self.params
        self.archive = Archive(p.archive_period, p.archive_capacity, p.archive_persons, p.archive_words)

    @classmethod
    def restored(cls, params: Params, stories: Iterable[StoryState], archived: Iterable[Signature] = ()) -> Clusterer:
        """Rebuild the indexes (and approximate document frequencies) from saved open stories and the archive."""
        clusterer = cls(params)
        for found in sorted(archived, key=lambda s: (s.closed_at, s.id)):
            clusterer.archive.put(found)
            holding = dict.fromkeys([*found.persons, *found.words()], found.articles)  # what a follow-up asks
            clusterer.documents += found.articles  # its people and words rare outside it, and common if in many
            clusterer.df.update(holding)
            clusterer.desks.count(found.desk, found.articles, holding)
        for story in stories:
            clusterer.stories[story.id] = story
            clusterer._index(story, story.keys)
            clusterer.article_story.update(dict.fromkeys(story.article_ids, story.id))
            clusterer.clock = max(clusterer.clock, story.last_arrival)
            clusterer.documents += story.count
            clusterer.df.update(holding := {key: story.holding(key) for key in [*story.terms, *story.names]})  # its own
            clusterer.desks.count(main_desk(story), story.count, holding)  # on its main desk, as the stream's
        return clusterer

    def assign(self, article: StoryFeatures) -> Assignment:
        """Put one article into a story (an existing one if similar enough, else a new one)."""
        known = self.article_story.get(article.article_id)
        if known is not None and known in self.stories:
            return Assignment(article.article_id, self.stories[known], False, 0.0, repeated=True)
        at, arrival = event_time(article), arrival_time(article)
        self.clock = max(self.clock, arrival)
        weights = self._article_weights(article)
        keys, lookup = self._blocking_keys(weights)
        candidates, desk = self._candidates(lookup), self.desks.view(article, self.params.specific)
        days = [day.isoformat() for day in article.dates]  # (few: a list, in the order the article names them)
        best, best_score, runner_up, runner_score = best_two(
            (s, self.similarity(weights, s, at, desk, days=days)) for s in candidates)
        # No story takes a short article: its headline may say more (`worker.stories.vectors`).
        falls_short = best_score < self.params.threshold and is_short(article)
        short = headline_vector(article.title, self.idf) if falls_short else {}
        if short:  # ... and all its words, few as they are, may find more stories
            keys, lookup = self._blocking_keys(weights, every_word=True)
            candidates = self._candidates(lookup)
            best, best_score, runner_up, runner_score = best_two(
                (s, self.similarity(weights, s, at, desk, headline=short, days=days)) for s in candidates)
        created = best is None or best_score < self.params.threshold
        merged: tuple[StoryState, ...] = ()
        p = self.params  # (a merge needs the stories' cores to meet too: `worker.stories.core`)
        strong = runner_score >= p.threshold and log_odds(runner_score) >= log_odds(best_score) - p.merge_margin
        if not created and best is not None and runner_up is not None and p.merge and strong and cores_meet(
                best, runner_up, self.df, self._rare_below(), p):
            survivor, absorbed = sorted((best, runner_up), key=lambda s: (-s.count, s.first_seen, s.id))
            self._merge(survivor, absorbed)
            best, merged = survivor, (absorbed,)
        followed = self._follow_up(article, candidates, days) if created else None
        if followed is not None:
            best, created, best_score = followed, False, self.params.threshold
        elif created:
            best, best_score = StoryState(id=f"story:{article.article_id}", first_seen=at, last_seen=at), 0.0
        assert best is not None  # noqa: S101 - for mypy: created above when missing
        new_keys = sorted(set(keys).difference(best.keys))
        best.add(article, at, arrival, best_score, keys, weights)
        self.stories[best.id] = best  # write back: a table persists the new value
        self._norms.pop(best.id, None)
        self._index(best, new_keys)
        self.article_story[article.article_id] = best.id
        self._trim(best, keys)
        self._learn(article)
        return Assignment(article.article_id, best, created, best_score, merged=merged)

    def _follow_up(self, article: StoryFeatures, candidates: list[StoryState], days: list[str]) -> StoryState | None:
        """The story that the article follows up by naming its rare people (`worker.stories.archive`): a closed one
        re-opened under its id, else an open one whose evidence fell short, `Params.follow_up_gap` or more away;
        else a closed one by a day they both name (`Archive.match_day`)."""
        keys, p = person_keys(article.entities), self.params
        if self.documents < p.rarity_documents:
            return None  # (in a short stream every name is rare)
        rare_below = self._rare_below()

        def rare(key: str, articles: int) -> bool:
            return self.df.get(key, 0) - articles <= rare_below

        several = several_people(article.entities, rare, p.follow_up_people)  # (none match with too few people)
        found = self._reopened(self.archive.match(keys, article.terms, rare, rare_below + 1, several))
        if found is not None:
            return found
        at, least = event_time(article), p.follow_up_gap
        later = [s for s in candidates if max(at - s.last_seen, s.first_seen - at) >= least]
        followed = follow_up(keys, article.terms, later, rare, p.archive_persons, p.archive_words, several)
        if followed is not None or not days:
            return followed
        return self._reopened(self.archive.match_day(days, article.terms, keys, self.df, rare_below,
                                                     p.archive_day_keys))

    def _reopened(self, found: Signature | None) -> StoryState | None:
        """The archived story `found` open again, taken out of the archive; None if none was found or an open story
        has its id (it would be replaced)."""
        return self.archive.take(found.id).reopened() if found is not None and found.id not in self.stories else None

    def _merge(self, survivor: StoryState, absorbed: StoryState) -> None:
        """Fold `absorbed` into `survivor`: its articles, sums and index keys move over, and it is no longer open."""
        survivor.absorb(absorbed)
        del self.stories[absorbed.id]
        self.stories[survivor.id] = survivor
        for story_id in (survivor.id, absorbed.id):
            self._norms.pop(story_id, None)
        self.postings.move(absorbed.keys, absorbed.id, survivor.id)
        self.article_story.update(dict.fromkeys(absorbed.article_ids, survivor.id))
        heapq.heappush(self._quiet, (self._closes_at(survivor), survivor.id))
        self._trim(survivor)

    def _trim(self, story: StoryState, latest_keys: Iterable[str] = ()) -> None:
        """Keep the story within its bounds (`StoryState.trim`), and the indexes with it: an article id dropped
        no longer finds the story (a repeat of it gets none), a key dropped no longer leads to it."""
        dropped_ids, dropped_keys = story.trim(latest_keys)
        for article_id in dropped_ids:
            if self.article_story.get(article_id) == story.id:
                del self.article_story[article_id]
        self.postings.remove(story.id, dropped_keys)

    def _closes_at(self, story: StoryState) -> float:
        p = self.params
        followed = p.followed_quiet_period if story.count > 1 and p.followed_quiet_period is not None else None
        return story.last_arrival + (p.quiet_period if followed is None else followed)

    def expire(self, now: float | None = None) -> list[StoryState]:
        """Close the stories that got no article for their quiet period (by arrival: the stream's clock)."""
        limit = self.clock if now is None else now
        closed = []
        while self._quiet and self._quiet[0][0] < limit:
            closes_at, story_id = heapq.heappop(self._quiet)
            story = self.stories.get(story_id)
            if story is None or self._closes_at(story) != closes_at:
                continue  # grew since: a later entry stands for it
            del self.stories[story_id]
            self._norms.pop(story_id, None)
            self.postings.remove(story_id, story.keys)
            for article_id in story.article_ids:
                self.article_story.pop(article_id, None)
            self.archive.add(story, limit)
            closed.append(story)
        self.archive.expire(limit)
        return closed

    def idf(self, key: str) -> float:
        return self._idf(self.df.get(key, 0))

    def _idf(self, documents_with_it: int) -> float:
        return math.log((self.documents + 1) / (documents_with_it + 1)) + 1.0

    def similarity(self, weights: Vectors, story: StoryState, at: float, desk: DeskView | None = None, *,
                   headline: dict[str, float] | None = None, days: Collection[str] = ()) -> float:
        """The probability that the article reports the story's event (`worker.stories.evidence`); 0 when they share
        no word or name rare outside the story (`Params.specific`; on the article's `desk` too) and of its core (or
        two words rare together: `Params.pair_rarity`). Given a short article's `headline` vector, `words` is at
        least its best cosine with the story's latest headlines; given the days it names (ISO), the story's days
        raise or lower it (`worker.stories.dates`)."""
        p = self.params
        floor = headlines_cosine(headline, {*story.latest_headlines(), story.title}, self.idf) if headline else 0.0
        # (the bound below which no rarity lifts an article to the threshold: lower when its days may lift it)
        bound = before_dates(p.threshold, p.dates_agree if days and story.dates else 0.0)
        found = self.evidence(weights, story, at, desk, at_least=bound if rarity_raises(p.weights) else None,
                              words_floor=floor)
        if found is None or found.rarest < p.specific or not found.core:
            return 0.0
        return with_dates(probability(found.values(p.time_scale), p.weights), days, story.dates, p.dates_agree,
                          p.dates_disagree)

    def evidence(self, weights: Vectors, story: StoryState, at: float, desk: DeskView | None = None, *,
                 at_least: float | None = None, words_floor: float = 0.0) -> Evidence | None:
        """The signals of the article (its word and name vectors) against one story; None if nothing is shared, or
        (given `at_least`) if no rarity could lift the probability to it (a bound without look-ups: most candidates
        stop there). `words` is at least `words_floor` (a short article's headline cosine: `similarity`)."""
        if (norms := self._norms.get(story.id)) is None:
            norms = self._norms[story.id] = (length(story.terms), length(story.names))
        (term_vector, name_vector), story_terms, story_names = weights, story.terms, story.names
        shared_terms = [t for t in term_vector if t in story_terms]
        shared_names = [k for k in name_vector if k in story_names]
        if not shared_terms and not shared_names:
            return None
        term_dot = sum(term_vector[t] * story_terms[t] for t in shared_terms)
        name_dot = sum(name_vector[k] * story_names[k] for k in shared_names)
        gap = max(0.0, at - story.last_seen, story.first_seen - at)
        sure = confidence(self.documents, self.params.rarity_documents)
        if at_least is not None:
            best_case = Evidence(words=max(words_floor, term_dot / norms[0]), names=name_dot / norms[1], gap=gap,
                                 rare_names=len(shared_names), rare_words=len(shared_terms),
                                 rarest=self._idf(0) / self._idf(1), size=story.count, confidence=sure)
            if probability(best_case.values(self.params.time_scale), self.params.weights) < at_least:
                return None  # takes nothing and merges nothing
        # Rarity apart from the story's articles that hold the key (an event keeps its own names; `holding`): rare if
        # at most `rare_below` other documents hold it (IDF outside at least `specific` of a word seen once's).
        once, rare_below = self._idf(1), self._rare_below()
        df, count, held = self.df, story.count, story.held  # (`StoryState.holding`, inline: the hot path)
        name_others = [max(0, df.get(k, 0) - held.get(k, 1)) for k in shared_names]
        term_others = [max(0, df.get(t, 0) - held.get(t, 1)) for t in shared_terms]
        others, p = name_others + term_others, self.params
        rarest = self._idf(min(others)) / once
        # No shared key rare: two words rare together may stand for one (of the story's core, once it has one).
        if rarest < p.specific and p.pair_rarity and rare_together(
                story, shared_terms, term_others, self.documents, rare_below, p, desk):
            rarest, core = p.specific, True
        else:
            core = shares_core(story, shared_names + shared_terms, others, rare_below, p, desk)
        return Evidence(
            words=max(words_floor, term_dot / norms[0]), names=name_dot / norms[1], gap=gap,
            rare_names=sum(o <= rare_below for o in name_others), rare_words=sum(o <= rare_below for o in term_others),
            rarest=rarest, size=count, confidence=sure, core=core)

    def _rare_below(self) -> float:
        """How many documents may hold a key (besides a story's own) for it to count as rare (`Params.specific`)."""
        return rare_below(self.documents, self.params.specific)

    def _article_weights(self, article: StoryFeatures) -> Vectors:
        """The article's TF-IDF word vector and IDF name vector, each of length 1 (the IDF of the moment it came:
        a story's sums keep what each article weighed then, so its lengths stay exact as the IDF drifts)."""
        terms = {t: (1 + math.log(c)) * self.idf(t) for t, c in article.terms.items()}
        found = headline_names(article, name_weights(article), self.df, self._rare_below())
        names = {key: weight * self.idf(key) for key, weight in found.items()}
        return unit(terms), unit(names)

    def _blocking_keys(self, weights: Vectors, *, every_word: bool = False) -> tuple[list[str], list[str]]:
        """The keys the story that takes the article is indexed by (its `index_terms` rarest words and its names),
        and those it finds its candidates by (its `blocking_terms` rarest and its names); all its words and names
        for a short article's second look (`assign`)."""
        p, names = self.params, set(weights[1])
        rarest = sorted(weights[0], key=lambda t: (-self.idf(t), t))
        if every_word:
            return (every := sorted(names.union(rarest))), every
        return sorted(names.union(rarest[:p.index_terms])), sorted(names.union(rarest[:p.blocking_terms]))

    def _candidates(self, keys: list[str]) -> list[StoryState]:
        p = self.params
        return [self.stories[s] for s in self.postings.best(keys, self.idf, p.max_posting, p.max_candidates)]

    def _index(self, story: StoryState, keys: Iterable[str]) -> None:
        self.postings.add(story.id, keys)
        heapq.heappush(self._quiet, (self._closes_at(story), story.id))

    def _learn(self, article: StoryFeatures) -> None:
        self.documents += 1
        self.df.update(keys := [*article.terms, *article_names(article)])
        self.desks.learn(article.topics, keys)
        if len(self.df) > self.params.max_vocabulary:
            # Bounded memory on an endless stream: halving keeps the ratios IDF uses and drops the words seen once.
            self.df = Counter({key: count // 2 for key, count in self.df.items() if count > 1})
            self.documents //= 2
            self.desks.halve()

