"""An event's core: once a story has a few articles, an article joins it only through a key most of them hold."""

from __future__ import annotations

from tests.unit.stories.test_cluster import article, primed
from worker.stories.cluster import Clusterer, Params
from worker.stories.core import cores_meet, rare_together, shares_core
from worker.stories.desks import DeskView
from worker.stories.state import StoryState

#: Four reports of one flood: all name the town, each quotes somebody else.
FLOOD = [
    ("Floods hit Tewkesbury as river bursts banks", ["Tewkesbury", "Anna Kowalczyk"],
     "The river burst its banks in Tewkesbury, flooding homes; resident Anna Kowalczyk was rescued by boat."),
    ("Tewkesbury flood: homes evacuated overnight", ["Tewkesbury", "Bartholomew Okafor"],
     "Homes in Tewkesbury were evacuated overnight as the flood rose, fire officer Bartholomew Okafor said."),
    ("Tewkesbury residents count cost of flood", ["Tewkesbury", "Cressida Vantongeren"],
     "Residents of Tewkesbury counted the cost of the flood; shop owner Cressida Vantongeren lost her stock."),
    ("Flood water recedes in Tewkesbury", ["Tewkesbury", "Dmitri Haverkamp"],
     "The flood water receded in Tewkesbury on Tuesday, council leader Dmitri Haverkamp said."),
]
#: Another event that names three of the people each quoted once, and not the town nor the flood.
EDGE = ("Okafor and Haverkamp back Kowalczyk for council seat", ["Bartholomew Okafor", "Dmitri Haverkamp",
        "Anna Kowalczyk"], "Fire officer Bartholomew Okafor and council leader Dmitri Haverkamp backed Anna "
        "Kowalczyk, rescued by boat, as a candidate for the council seat.")
#: A fifth report of the flood: the town again.
MORE = ("Tewkesbury flood: insurers send assessors", ["Tewkesbury"],
        "Insurers sent assessors to Tewkesbury homes damaged by the flood, which burst the river's banks.")


def flooded(params: Params | None = None) -> Clusterer:
    clusterer = primed(params)
    for index, (title, names, text) in enumerate(FLOOD):
        found = clusterer.assign(article(f"f{index}", title, names, text, hours=index))
        assert found.story.id == "story:f0"
    return clusterer


def test_a_story_counts_the_articles_that_hold_each_key() -> None:
    story = flooded().stories["story:f0"]
    assert story.count == 4
    assert story.holding("$tewkesbury") == 4 and story.holding("tewkesbury") == 4
    assert story.holding("$haverkamp") == 1  # named once: left implicit
    assert "$haverkamp" not in story.held


def test_an_article_sharing_only_a_name_from_the_story_s_edge_starts_its_own_story() -> None:
    edge = flooded().assign(article("e1", *EDGE, hours=5))
    assert edge.created


def test_without_the_core_rule_the_same_article_would_join() -> None:
    edge = flooded(Params(core_from=10**6)).assign(article("e1", *EDGE, hours=5))
    assert not edge.created and edge.story.id == "story:f0"


def test_an_article_naming_the_core_joins() -> None:
    more = flooded().assign(article("f9", *MORE, hours=5))
    assert not more.created and more.story.id == "story:f0"


def test_a_story_of_fewer_than_core_from_articles_has_no_core_to_require() -> None:
    story = StoryState(id="story:s", first_seen=0.0, last_seen=0.0, articles=2)
    assert shares_core(story, ["$somebody"], [0], 1.0, Params())
    assert not shares_core(story, ["$somebody"], [5], 1.0, Params(core_from=2))  # common outside: not rare


def test_a_merge_adds_up_the_articles_holding_each_key() -> None:
    clusterer = flooded()
    story = clusterer.stories["story:f0"]
    other = StoryState(id="story:x", first_seen=0.0, last_seen=0.0, articles=1,
                       names={"$tewkesbury": 0.5, "$elsewhere": 0.5}, terms={"tewkesbury": 0.3})
    story.absorb(other)
    assert story.holding("$tewkesbury") == 5 and story.holding("tewkesbury") == 5
    assert story.holding("$elsewhere") == 1


def test_a_key_is_rare_outside_a_story_by_the_documents_besides_the_story_s_articles_that_hold_it() -> None:
    clusterer = Clusterer()
    clusterer.documents, clusterer.df["$x"] = 1000, 40
    weights = ({}, {"$x": 1.0})
    big = StoryState(id="story:b", first_seen=0.0, last_seen=0.0, articles=50, names={"$x": 1.0})
    # One of its 50 articles names it: 39 documents outside hold it, not rare (a big story is no licence).
    found = clusterer.evidence(weights, big, 0.0)
    assert found is not None and found.rare_names == 0
    # All 40 that do are its own: its own name, rare outside it.
    big.held = {"$x": 40}
    found = clusterer.evidence(weights, big, 0.0)
    assert found is not None and found.rare_names == 1


def test_a_story_merges_with_another_only_if_the_other_shares_its_core() -> None:
    clusterer = flooded()
    story = clusterer.stories["story:f0"]
    edge = clusterer.assign(article("e1", *EDGE, hours=5)).story  # its own story (above)
    more = clusterer.assign(article("m1", *MORE, hours=5))
    assert more.story.id == "story:f0"  # (joined: the flood's core)
    rare_below = clusterer._rare_below()  # noqa: SLF001 - the clusterer's own rarity
    assert not cores_meet(story, edge, clusterer.df, rare_below, clusterer.params)
    town = StoryState(id="story:t", first_seen=0.0, last_seen=0.0, articles=1, names={"$tewkesbury": 1.0})
    assert cores_meet(story, town, clusterer.df, rare_below, clusterer.params)
    assert cores_meet(edge, town, clusterer.df, rare_below, clusterer.params)  # two small stories: no core to meet


def test_a_story_saved_before_the_counts_has_every_key_held_by_every_article() -> None:
    saved = flooded().stories["story:f0"].to_json()
    del saved["held"]
    story = StoryState.from_json(saved)
    assert story.holding("$haverkamp") == 4 and story.holding("tewkesbury") == 4  # as rarity was counted then
    assert StoryState.from_json(flooded().stories["story:f0"].to_json()).holding("$haverkamp") == 1


def test_two_words_each_common_can_be_rare_together() -> None:
    story, rules = StoryState(id="story:s", first_seen=0.0, last_seen=0.0, articles=1), Params()
    # The two least held, expected together in 10 * 10 / 200 = 0.5 documents; any other pair in 3 or more.
    assert rare_together(story, ["town", "age", "shot", "police"], [10, 10, 60, 90], 200, 1.0, rules)
    assert rare_together(story, ["town", "age"], [10, 20], 200, 1.0, rules)  # 1.0: at the bound
    assert not rare_together(story, ["town", "age"], [10, 21], 200, 1.0, rules)
    assert not rare_together(story, ["town"], [10], 200, 5.0, rules)  # one word is no pair


def test_the_words_of_one_name_are_not_a_pair_nor_a_pair_common_on_the_article_s_desk() -> None:
    story, rules = StoryState(id="story:s", first_seen=0.0, last_seen=0.0, articles=1), Params()
    city = article("c1", "Shooting in Los Angeles", ["Los Angeles"], "shooting los angeles")
    desk = DeskView(df={}, rare_below=1.0, article=city, documents=200)
    words, others = ["los", "angeles", "shooting"], [10, 10, 40]
    assert rare_together(story, words, others, 200, 1.0, rules)  # as words alone
    assert not rare_together(story, words, others, 200, 1.0, rules, desk)  # "angeles", then "shooting": 10 * 40 / 200
    common = DeskView(df={"town": 30, "age": 30}, rare_below=1.0, article=city, documents=200)
    assert not rare_together(story, ["town", "age"], [10, 10], 200, 1.0, rules, common)  # 30 * 30 / 200 on its desk
    assert rare_together(story, ["town", "age"], [10, 10], 200, 1.0, Params(desk_rarity=False), common)


def town_and_age(*, pair_rarity: bool = True, core_from: int = 3) -> Clusterer:
    """A stream where the town and "teenager" are each in ten articles, never together, among 180 others (each
    its own story, closed an hour later)."""
    clusterer = Clusterer(Params(quiet_period=3600.0, pair_rarity=pair_rarity, core_from=core_from))
    for index in range(200):
        town, age = ("metro", "") if index % 20 == 0 else ("", "teenager") if index % 20 == 10 else ("", "")
        clusterer.expire()
        clusterer.assign(article(f"x{index}", f"Item{index}", ["Metro"] if town else [], f"{town} {age} word{index}",
                                 hours=2 * index - 500))
    clusterer.expire()
    clusterer.assign(article("a1", "Metro teenager", ["Metro"], "metro teenager"))
    return clusterer


def test_a_young_story_takes_an_article_sharing_two_words_rare_together() -> None:
    second = article("a2", "Teenager in Metro", ["Metro"], "teenager metro", hours=0.5)
    assert town_and_age().assign(second).story.id == "story:a1"
    assert town_and_age(pair_rarity=False).assign(second).created  # neither word is rare alone
    assert not town_and_age(core_from=1).assign(second).created  # a story of one with a core: its words are it


def test_a_story_with_a_core_takes_a_pair_only_of_its_core() -> None:
    story = StoryState(id="story:s", first_seen=0.0, last_seen=0.0, articles=4, held={"town": 4, "age": 3})
    rules = Params()  # (its core: words at least two of its four articles hold)
    assert rare_together(story, ["town", "age"], [10, 10], 200, 1.0, rules)
    assert not rare_together(story, ["town", "detail"], [10, 10], 200, 1.0, rules)  # "detail": one article's
    assert rare_together(story, ["town", "detail"], [10, 10], 200, 1.0, Params(core_from=5))  # no core yet
