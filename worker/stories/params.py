"""The clustering rules' settings, and the deployment's quiet periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.stories.evidence import WEIGHTS

if TYPE_CHECKING:
    from worker.settings import Settings


@dataclass(frozen=True)
class Params:
    """The clustering rules' settings (chosen on one half of the development set; see README)."""

    # A story takes the article when the evidence (`worker.stories.evidence`) gives at least this probability
    # that the article reports its event.
    threshold: float = 0.4
    merge: bool = True  # an article that two open stories would each take merges them (the smaller into the larger)
    # ... if the runner-up's evidence is also nearly as strong as the best's: its log-odds at most this far below
    # (probabilities crowd near 1, where a share of the best score would not tell a second home from a passing name).
    merge_margin: float = 4.0
    weights: tuple[float, ...] = WEIGHTS  # the evidence's weights, one per signal and the intercept
    time_scale: float = 7 * 86400.0  # seconds over which the `recency` signal falls by 1/e after a story's span
    # A story must share with the article a word or name at least this rare, counting the articles outside the
    # story (log(N / articles with it) at least this share of log(N / 1)): words common to a city's or a
    # topic's news are not enough on their own.
    specific: float = 0.8
    # ... or two shared words rare together (`worker.stories.core.rare_together`), its rarity then counted as
    # `specific`: an event's reports often share only its town and its details (a victim's age, the count of the
    # wounded), each common on its own.
    pair_rarity: bool = True
    # ... and once a story has `core_from` articles, such a key must be one that at least `core_share` of them hold
    # (`worker.stories.core`): an event's core (its people, place, company); a topic's cluster has none.
    core_from: int = 3
    core_share: float = 0.5
    # The shared rare key must be rare on the article's desk too (its IPTC level-1 topic: a club is common among
    # sport articles though rare in the stream), and a core's keys name at least `core_concepts` concepts (a
    # person's names, a company's id and the word of its name are one): `worker.stories.desks`.
    desk_rarity: bool = True
    core_concepts: int = 1
    # Articles seen before rarity counts in full (the evidence's weights were fitted on streams of this size);
    # fewer cannot tell a rare word from a common one as well (`worker.stories.evidence.confidence`).
    rarity_documents: int = 30
    quiet_period: float = 10 * 86400.0  # a story closes after this long without an article
    # ... and a story that two or more articles reported after this long (None: quiet_period): follow-ups (arrests,
    # trials) come weeks or months later, and a lone article's story, most of the open ones, need not wait for them.
    followed_quiet_period: float | None = 21 * 86400.0
    # Closed stories' signatures kept this long (seconds after closing; 0: none) and at most this many
    # (`worker.stories.archive`): a follow-up naming `archive_persons` of their rare people, and sharing
    # `archive_words` rare words of its text with the words of their sums, re-opens one (the same rule takes an open
    # story's follow-up that the evidence fell short on).
    archive_period: float = 730 * 86400.0
    archive_capacity: int = 1_000_000
    archive_persons: int = 3
    archive_words: int = 2
    # ... or a day it names (`worker.stories.dates`) and this many rare keys, its words among the story's or its
    # people's, one a word: a follow-up names the event's day and place more often than several of its people.
    archive_day_keys: int = 2
    # ... and those keys must name at least this many of the article's people (a person's first and last names are
    # two keys: "Liz Truss" and one more name is not several of the event's people).
    follow_up_people: int = 2
    # An open story is followed up (by its people, the evidence falling short) only by an article at least this
    # long before or after its span: the same people in other words on the same day is another event of theirs
    # (a minister's two announcements, a player's two matches), not a court report or an arrest.
    follow_up_gap: float = 86400.0
    # The days the article and the story name (`worker.stories.dates`): one in common adds this to the log-odds,
    # none in common (both naming some) takes that off.
    dates_agree: float = 0.5
    dates_disagree: float = 1.5
    # Candidate blocking (`worker.stories.postings`): an article finds its candidates by its `blocking_terms` rarest
    # words (and its names), and the story that takes it is indexed by its `index_terms` rarest: a later report's
    # rarest words are often among an earlier one's less rare (the town of both, the details of one). Longer posting
    # lists cost candidates scored: ×0.72–0.77 articles/s at 100k open articles (BENCHMARKS.md, "The fifteenth stop");
    # looking up 12 words as well cost ×0.6 for little more.
    index_terms: int = 12
    blocking_terms: int = 8
    max_posting: int = 400  # a key indexing more open stories than this is too common to block on
    max_candidates: int = 40  # stories scored in full per article
    max_vocabulary: int = 1_000_000  # document frequencies kept; beyond, all are halved and the ones left at 0 go


def params_from(settings: Settings) -> Params:
    """The rules with the deployment's quiet periods (`NEWSFLOW_STORY_QUIET_PERIOD`, `..._FOLLOWED_QUIET_PERIOD`)
    and archive (`NEWSFLOW_STORY_ARCHIVE_PERIOD`, `..._CAPACITY`)."""
    return Params(quiet_period=settings.story_quiet_period,
                  followed_quiet_period=settings.story_followed_quiet_period,
                  archive_period=settings.story_archive_period, archive_capacity=settings.story_archive_capacity)
