"""A desk's recurring keys are not an event's core: rarity on the article's desk, and a core of concepts."""

from __future__ import annotations

from collections import Counter

from tests.unit.stories.test_archive import article as archive_article
from tests.unit.stories.test_cluster import article, primed
from worker.models import StoryEntity
from worker.stories.archive import Signature
from worker.stories.cluster import Clusterer, Params
from worker.stories.core import shares_core
from worker.stories.desks import Desks, DeskView, concepts, desk_of
from worker.stories.state import StoryState

SPORT, ARTS = "medtop:15000000", "medtop:01000000"
#: An article the views below are of (its own names and headline matter only where a test says).
CLUB = article("c", "Club news", [], "The club trained.")


def story(held: dict[str, int], articles: int = 6) -> StoryState:
    return StoryState(id="story:s", first_seen=0.0, last_seen=0.0, articles=articles, held=held,
                      names={k: 1.0 for k in held if k[0] in "$@"}, terms={k: 1.0 for k in held if k[0] not in "$@"})


def test_the_desk_is_the_first_topic_the_tagger_gives() -> None:
    assert desk_of([SPORT, "medtop:20000822"]) == SPORT
    assert desk_of([]) == ""


def test_a_key_rare_in_the_stream_but_common_on_the_article_s_desk_is_no_core() -> None:
    club = story({"$chelsea": 4})
    # Rare in the stream (no other document outside the story), but 30 of the desk's 200 other documents name it.
    common = DeskView(df={"$chelsea": 34}, rare_below=3.0, article=CLUB)
    rare = DeskView(df={"$chelsea": 5}, rare_below=3.0, article=CLUB)
    assert shares_core(club, ["$chelsea"], [0], 2.0, Params())  # without the desk: as before
    assert not shares_core(club, ["$chelsea"], [0], 2.0, Params(), common)
    assert shares_core(club, ["$chelsea"], [0], 2.0, Params(), rare)
    assert shares_core(club, ["$chelsea"], [0], 2.0, Params(desk_rarity=False), common)


def test_a_core_of_concepts_counts_an_entity_s_name_keys_and_name_words_once() -> None:
    found = StoryEntity(id="Q95", name="Google", type="organisation", salience=0.5)
    person = StoryEntity(id="newsflow:person:jack-straw", name="Jack Straw", type="person", salience=0.4)
    named = article("a", "Search news", [], "text").model_copy(update={"entities": [found, person]})
    view = DeskView(df={}, rare_below=3.0, article=named)
    assert view.concept_of == concepts(named)
    assert view.concepts(["@Q95", "google"]) == 1
    assert view.concepts(["$jack", "$straw", "straw"]) == 1
    assert view.concepts(["$chelsea", "chelsea"]) == 1  # unlinked and not the article's entity: by its word
    assert view.concepts(["@Q95", "$straw", "search"]) == 3
    two = Params(core_concepts=2)
    company = story({"@Q95": 5, "google": 5, "search": 5})
    assert not shares_core(company, ["@Q95", "google"], [0, 0], 2.0, two, view)
    assert shares_core(company, ["@Q95", "google", "search"], [0, 0, 0], 2.0, two, view)
    assert shares_core(company, ["@Q95", "google"], [0, 0], 2.0, Params(), view)  # the default: one is enough


def test_desks_count_documents_and_keys_per_desk_and_halve_with_the_stream() -> None:
    desks = Desks()
    for _ in range(4):
        desks.learn([SPORT, "medtop:20000822"], ["$chelsea", "chelsea", "win"])
    desks.learn([ARTS], ["$chelsea", "flower", "show"])
    assert desks.documents[SPORT] == 4 and desks.df[SPORT]["$chelsea"] == 4 and desks.df[ARTS]["$chelsea"] == 1
    sport = article("s9", "Chelsea", [], "").model_copy(update={"topics": [SPORT]})
    arts = article("a9", "Chelsea", [], "").model_copy(update={"topics": [ARTS]})
    assert not desks.view(sport, 0.8).rare("$chelsea", 0) and desks.view(arts, 0.8).rare("$chelsea", 0)
    desks.halve()
    assert desks.documents[SPORT] == 2 and desks.df[SPORT]["$chelsea"] == 2 and "$chelsea" not in desks.df[ARTS]


def test_a_restored_clusterer_counts_its_open_stories_on_their_main_desk() -> None:
    clusterer = Clusterer()
    for index in range(3):
        clusterer.assign(article(f"s{index}", "Chelsea beat Arsenal at Stamford Bridge", ["Chelsea", "Arsenal"],
                                 "Chelsea beat Arsenal.", hours=index).model_copy(
            update={"topics": [SPORT, "medtop:20000822"]}))
    saved = [StoryState.from_json(s.to_json()) for s in clusterer.stories.values()]
    restored = Clusterer.restored(Params(), saved)
    assert restored.desks.documents == clusterer.desks.documents == {SPORT: 3}
    assert restored.desks.df[SPORT]["$chelsea"] == clusterer.desks.df[SPORT]["$chelsea"] == 3


def test_a_restored_clusterer_counts_an_archived_story_on_its_main_desk() -> None:
    """A closed story's signature keeps its main desk: a restart counts its people and words there, as the worker
    that ran on counted them (a signature saved before desks were kept counts on no desk)."""
    clusterer = Clusterer(Params(quiet_period=3600.0, followed_quiet_period=3600.0))
    for index in range(3):
        clusterer.assign(archive_article(f"s{index}", "Mourinho and Arteta after the derby", ["Jose Mourinho",
                                         "Mikel Arteta"], "Mourinho and Arteta spoke after the derby.",
                                         days=index / 100).model_copy(update={"topics": [SPORT, "medtop:20000822"]}))
    (closed,) = clusterer.expire(clusterer.clock + 7200.0)
    kept = clusterer.archive.entries[closed.id]
    assert kept.desk == SPORT and Signature.from_json(kept.to_json()) == kept
    restored = Clusterer.restored(Params(), [], [Signature.from_json(kept.to_json())])
    assert restored.desks.documents == {SPORT: 3}
    assert all(restored.desks.df[SPORT][key] == 3 for key in [*kept.persons, *kept.words()])
    older = {name: value for name, value in kept.to_json().items() if name != "desk"}  # saved before desks
    assert Signature.from_json(older).desk is None
    assert Clusterer.restored(Params(), [], [Signature.from_json(older)]).desks.documents == {}


def test_a_story_of_any_size_needs_a_key_rare_on_the_article_s_desk() -> None:
    lone = story({}, articles=1)
    common = DeskView(df={"$chelsea": 34}, rare_below=3.0, article=CLUB)
    assert shares_core(lone, ["$chelsea"], [0], 2.0, Params())
    assert not shares_core(lone, ["$chelsea"], [0], 2.0, Params(), common)
    assert shares_core(lone, ["$chelsea", "$drogba"], [0, 0], 2.0, Params(), common)  # another key is rare there


def club_news(desk_rarity: bool) -> tuple[bool, bool]:
    """Two sport articles sharing only the club, on a desk where the club is common (as many sport articles name
    it) though rare in the stream: whether the second joins the first, with and without desk rarity."""
    clusterer = primed(Params(desk_rarity=desk_rarity))
    clusterer.desks.documents[SPORT] += 200
    clusterer.desks.df.setdefault(SPORT, Counter()).update({"$chelsea": 30, "chelsea": 30})
    first = clusterer.assign(article("c1", "Chelsea beat Fulham at Stamford Bridge", ["Chelsea", "Fulham"],
                                     "Chelsea beat Fulham at Stamford Bridge with a late goal.").model_copy(
        update={"topics": [SPORT]}))
    second = clusterer.assign(article("c2", "Chelsea injury blow before Everton trip", ["Chelsea", "Everton"],
                                      "Chelsea lost a defender to injury before the Everton trip.", hours=1).model_copy(
        update={"topics": [SPORT]}))
    return first.created, second.story.id == first.story.id


def test_an_article_sharing_only_its_desk_s_common_club_starts_its_own_story() -> None:
    assert club_news(desk_rarity=False) == (True, True)  # rare in the stream: joined before
    assert club_news(desk_rarity=True) == (True, False)


def test_one_concept_is_enough_when_the_article_s_headline_names_it() -> None:
    found = StoryEntity(id="Q95", name="Google", type="organisation", salience=0.5)
    two = Params(core_concepts=2)
    company = story({"@Q95": 5, "google": 5})
    desks = Desks()
    in_body = article("b", "Search engines race for the desktop", [], "Google and Yahoo launched tools.")
    in_head = article("h", "Google shares fall as staff sell", [], "Google shares fell as staff sold.")
    for item, expected in ((in_body, False), (in_head, True)):
        view = desks.view(item.model_copy(update={"entities": [found], "topics": [SPORT]}), 0.8)
        assert ("@Q95" in view.headline) is expected
        assert shares_core(company, ["@Q95", "google"], [0, 0], 2.0, two, view) is expected
