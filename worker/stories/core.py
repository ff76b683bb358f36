"""An event's core: the names and words that most of its story's articles hold.

Reports of one event share a few keys (the victim and the town, the company and its buyer, the two teams) and
most of them name those. A cluster of one desk's news (an election campaign, a football season, film awards)
has no such core: each article names some of the desk's recurring people and places, none named by most. So
once a story has a few articles, an article joins it only through a shared rare key (the rarity rule:
`Params.specific`) that at least half of the story's articles hold; a topic's cluster stops taking articles
through the names of its edges, and two stories merge only when the bridging article reaches each one's core.
Two shared words rare together stand for a rare key (`rare_together`: a town and a victim's age, each common on
its own), both of the story's core once it has one.
Measured in docs/stories.md (shooting halves and the BBC and MasakhaNEWS streams).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from worker.stories.desks import DeskView
    from worker.stories.params import Params
    from worker.stories.state import StoryState


def shares_core(story: StoryState, shared: Sequence[str], others: Sequence[int], rare_below: float,
                params: Params, desk: DeskView | None = None) -> bool:
    """Whether one of the `shared` keys (each held by `others` documents outside the story) is rare (at most
    `rare_below` of them), and, given the article's `desk` (`worker.stories.desks`), rare on its desk too
    (`Params.desk_rarity`); once the story's sums hold `Params.core_from` articles (two reports say too little about
    what is central; a story re-opened from the archive counts from its follow-up: `StoryState.folded`), the key must
    also be held by at least `Params.core_share` of them, and such keys name `Params.core_concepts` concepts
    or one the article's headline names."""
    rare = [key for key, outside in zip(shared, others, strict=True) if outside <= rare_below
            and (desk is None or not params.desk_rarity or desk.rare(key, story.holding(key)))]
    if story.folded < params.core_from:
        return bool(rare)
    least = params.core_share * story.folded
    core = [key for key in rare if story.holding(key) >= least]
    return bool(core) and (desk is None or desk.enough(core, params.core_concepts))


def cores_meet(one: StoryState, other: StoryState, df: Mapping[str, int], rare_below: float, params: Params) -> bool:
    """Whether two stories that one article would join may merge: each of `core_from` articles or more shares
    with the other a key of its core that is rare outside the two (at most `rare_below` other documents of the
    `df` hold it). A lone article merged into a story joins it too, and should pass the test an article does."""
    for story, rest in ((one, other), (other, one)):
        if story.folded < params.core_from:
            continue
        least = params.core_share * story.folded
        mine = story.terms.keys() | story.names.keys()
        shared = [key for vector in (rest.terms, rest.names) for key in vector if key in mine]
        if not any(story.holding(key) >= least and df.get(key, 0) - story.holding(key) - rest.holding(key) <= rare_below
                   for key in shared):
            return False
    return True


def rare_together(story: StoryState, words: Sequence[str], others: Sequence[int], documents: int, rare_below: float,
                  params: Params, desk: DeskView | None = None) -> bool:
    """Whether two of the `words` an article shares with a story (each held by `others` documents outside it), of
    two concepts, are rare together, standing for the rare key the story must share (`Params.pair_rarity`): the two
    least held, expected together in o1 * o2 / `documents` of them were they independent, at most `rare_below` (a
    town and a victim's age: each common, the pair specific); given the article's `desk`, on the desk too
    (`Params.desk_rarity`); and, once the story has a core (`Params.core_from`), both of its core. Words only, of two
    concepts (`DeskView.concept_of`): a name's words travel together ("los", "angeles"), and a place's name key is
    its word."""
    if len(others) < 2 or math.prod(sorted(others)[:2]) / max(1, documents) > rare_below:
        return False  # (no two words are rarer together than the two least held: the common case, decided cheaply)
    least = params.core_share * story.folded if story.folded >= params.core_from else 0.0
    concept = desk.concept_of if desk is not None else {}
    kept = sorted((outside, word) for outside, word in zip(others, words, strict=True) if story.holding(word) >= least)
    if not kept:
        return False
    (first, one), of = kept[0], concept.get  # (the least held; then the least held of another concept)
    second, other = next(((n, word) for n, word in kept[1:] if of(word, word) != of(one, one)), (None, ""))
    if second is None or first * second / max(1, documents) > rare_below:
        return False
    if desk is None or not params.desk_rarity:
        return True
    on_desk = [max(0, desk.df.get(word, 0) - story.holding(word)) for word in (one, other)]
    return on_desk[0] * on_desk[1] / max(1, desk.documents) <= desk.rare_below
