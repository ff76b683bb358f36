"""An event's core: the names and words that most of its story's articles hold.

Reports of one event share a few keys (the victim and the town, the company and its buyer, the two teams) and
most of them name those. A cluster of one desk's news (an election campaign, a football season, film awards)
has no such core: each article names some of the desk's recurring people and places, none named by most. So
once a story has a few articles, an article joins it only through a shared rare key (the rarity rule:
`Params.specific`) that at least half of the story's articles hold; a topic's cluster stops taking articles
through the names of its edges, and two stories merge only when the bridging article reaches each one's core.
Measured in README "Stories" (shooting halves and the BBC and MasakhaNEWS streams).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from worker.stories.params import Params
    from worker.stories.state import StoryState


def shares_core(story: StoryState, shared: Sequence[str], others: Sequence[int], rare_below: float,
                params: Params) -> bool:
    """Whether one of the `shared` keys (each held by `others` documents outside the story) is rare (at most
    `rare_below` of them) and held by at least `Params.core_share` of the story's articles; always true for a
    story of fewer than `Params.core_from` articles (two reports say too little about what is central)."""
    if story.count < params.core_from:
        return True
    least = params.core_share * story.count
    return any(outside <= rare_below and story.holding(key) >= least
               for key, outside in zip(shared, others, strict=True))
