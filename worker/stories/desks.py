"""A desk's recurring keys are not an event's: rarity counted within the article's desk, and a core of concepts.

On a stream of mixed news most stories of several articles were topic clusters held together by a desk's
recurring key (a football club among sport articles, a company among technology ones, "award" among the arts),
rare in the stream as a whole though common on its desk. So the shared rare key a story needs to take an article
(`Params.specific`; of its core once it has a few articles: `worker.stories.core`) must also be rare among the
documents of the article's desk (its IPTC level-1 topic, which the tagger lists first), counting only those
outside the story's articles that hold it, as the stream-wide rarity does (`Params.desk_rarity`). As an option,
a story of `Params.core_from` or more articles takes an article only through `Params.core_concepts` distinct
concepts of its core, or through one its headline names: a person's first and last names, an organisation's id
and the word of its name ("@Google" and "google", "$chelsea" and "chelsea") are one concept, where an event's
reports share several (the victim and the town, the company and its buyer) or put the one in their headline, and
a desk's article names the club or the company in passing. Measured in docs/stories.md (shooting halves, BBC and
MasakhaNEWS streams).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from worker.models import StoryFeatures
from worker.stories.evidence import rare_below
from worker.stories.features import name_keys
from worker.stories.state import HEADLINE_NAME, StoryState, name_weights
from worker.stories.terms import headline, words


def desk_of(topics: Iterable[str]) -> str:
    """The desk of an article or story: its first IPTC code, which the tagger makes a level-1 topic (ancestors
    rank before their descendants); "" without topics."""
    return next(iter(topics), "")


@dataclass
class DeskView:
    """What the core test needs of one article: its desk's document frequencies and rarity bound, which of its
    keys name one concept, and the keys its headline names (the last two worked out when first asked for: at
    the default, one concept, never)."""

    df: Mapping[str, int]
    rare_below: float  # how many of the desk's documents outside a story may hold a key for it to be rare
    article: StoryFeatures
    documents: int = 0  # the desk's documents (`worker.stories.core.rare_together` counts pairs on it)

    def rare(self, key: str, held: int) -> bool:
        """Whether `key`, held by `held` articles of the story, is rare among the desk's other documents."""
        return self.df.get(key, 0) - held <= self.rare_below

    @cached_property
    def concept_of(self) -> dict[str, str]:
        return concepts(self.article)

    @cached_property
    def headline(self) -> frozenset[str]:
        return headline_keys(self.article)

    def concepts(self, keys: Iterable[str]) -> int:
        """How many distinct concepts `keys` name: an entity's name keys and the words of its name are one."""
        return len({self.concept_of.get(key, key.lstrip("$")) for key in keys})

    def enough(self, core: list[str], concepts: int) -> bool:
        """Whether the story's `core` keys the article shares (one at least) name `concepts` concepts, or one its
        headline names."""
        return concepts <= 1 or self.concepts(core) >= concepts or not self.headline.isdisjoint(core)


@dataclass
class Desks:
    """Document frequencies per desk, alongside the stream's (`Clusterer.df`), bounded and restored likewise."""

    df: dict[str, Counter[str]] = field(default_factory=dict)
    documents: Counter[str] = field(default_factory=Counter)

    def learn(self, topics: Iterable[str], keys: Iterable[str]) -> None:
        """Count one article, of these IPTC `topics`, holding these words and name keys (each once)."""
        desk = desk_of(topics)
        self.documents[desk] += 1
        self.df.setdefault(desk, Counter()).update(keys)

    def count(self, desk: str | None, documents: int, holding: Mapping[str, int]) -> None:
        """Count a saved story's `documents` on a desk (all on its main one: `main_desk`), `holding` the documents
        holding each key (a desk of None, an archived story's saved before desks were kept, counts nowhere)."""
        if desk is not None:
            self.documents[desk] += documents
            self.df.setdefault(desk, Counter()).update(holding)

    def halve(self) -> None:
        """Keep the ratios and drop the keys seen once (the stream's counts are halved at the same time)."""
        self.df = {desk: Counter({k: n // 2 for k, n in counts.items() if n > 1}) for desk, counts in self.df.items()}
        self.documents = Counter({desk: n // 2 for desk, n in self.documents.items()})

    def view(self, article: StoryFeatures, specific: float) -> DeskView:
        """The article's desk and concepts; a key is rare on the desk when its IDF there, counting the documents
        outside a story, is at least `specific` of a key seen once's (`Params.specific`, as for the stream)."""
        desk = desk_of(article.topics)
        documents = self.documents[desk]
        return DeskView(self.df.get(desk, Counter()), rare_below(documents, specific), article, documents)


def main_desk(story: StoryState) -> str:
    """The desk most of the story's articles are on: its articles' commonest IPTC code, a level-1 one on a tie
    (each article's first three codes hold its level-1 topic, which IPTC codes end so)."""
    return max(story.topics, key=lambda code: (story.topics[code], code.endswith("000000"), code), default="")


def concepts(article: StoryFeatures) -> dict[str, str]:
    """Each name key of the article's entities, and each word of their names, mapped to its entity (the first that
    has it): one person's first and last names, a company's id and the word of its name are one concept."""
    found: dict[str, str] = {}
    for number, entity in enumerate(article.entities):
        for key in [*sorted(name_keys(entity)), *words(entity.name)]:
            found.setdefault(key, f"entity:{number}")
    return found


def headline_keys(article: StoryFeatures) -> frozenset[str]:
    """The keys the article's headline names: its words (as words, and as the name keys an unlinked name or a
    placeless article's headline gives) and the name keys of the entities it names (`name_weights`)."""
    head = words(headline(article.title or ""))
    named = [key for key, weight in name_weights(article).items() if weight >= HEADLINE_NAME]
    return frozenset([*head, *(f"${word}" for word in head), *named])
