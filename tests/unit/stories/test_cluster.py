"""The clustering rules: same event together, other events apart, time, repeats, restarts, bounded work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from worker.models import StoryEntity, StoryFeatures
from worker.stories.cluster import Clusterer, Params
from worker.stories.features import name_keys
from worker.stories.state import StoryState
from worker.stories.terms import content_terms, headline, words

T0 = datetime(2026, 4, 12, 9, 0, tzinfo=UTC)
#: Unrelated background articles, so document frequencies tell rare words from common ones.
BACKGROUND = [
    ("Council approves budget for new library", ["Springfield"], "library budget council vote spending"),
    ("Storm knocks out power across the coast", ["Coastal County"], "storm power outage winds coast"),
    ("Team wins championship in overtime", ["Riverside Tigers"], "championship overtime final score fans"),
    ("Factory closes after sales slump", ["Acme Widgets"], "factory closure sales slump jobs workers"),
]


def article(article_id: str, title: str, entities: list[str], text: str, *, hours: float = 0,
            source: str = "wire") -> StoryFeatures:
    return StoryFeatures(
        article_id=article_id, title=title, source=source, published_at=T0 + timedelta(hours=hours),
        processed_at=T0 + timedelta(hours=hours), topics=["medtop:16000000"],
        entities=[StoryEntity(id=f"newsflow:place:{n.lower().replace(' ', '-')}", name=n, type="place",
                              salience=0.3) for n in entities],
        terms=content_terms(title, text),
    )


def primed(params: Params | None = None) -> Clusterer:
    clusterer = Clusterer(params or Params())
    for index, (title, entities, text) in enumerate(BACKGROUND * 3):
        clusterer.assign(article(f"bg{index}", title, entities, f"{text} {index}", hours=-48))
    return clusterer


QUAKE = ("Earthquake shakes Valparaiso, buildings damaged", ["Valparaiso", "Chile"],
         "A magnitude 6 earthquake shook Valparaiso on Sunday, damaging buildings and cutting roads.")
QUAKE_2 = ("Valparaiso earthquake: rescuers search damaged buildings", ["Valparaiso", "Chile"],
           "Rescuers searched damaged buildings in Valparaiso after the earthquake cut roads on Sunday.")
SUMMIT = ("Leaders meet in Reykjavik for Arctic summit", ["Reykjavik", "Iceland"],
          "Arctic leaders met in Reykjavik to discuss shipping lanes and fishing quotas at the summit.")


def test_reports_of_one_event_from_two_sources_join_one_story() -> None:
    clusterer = primed()
    first = clusterer.assign(article("q1", *QUAKE, source="a"))
    second = clusterer.assign(article("q2", *QUAKE_2, hours=2, source="b"))
    assert first.created and not second.created
    assert second.story.id == first.story.id == "story:q1"
    assert second.story.article_ids == ["q1", "q2"] and second.story.sources == {"a": 1, "b": 1}


def test_a_different_event_starts_its_own_story() -> None:
    clusterer = primed()
    quake = clusterer.assign(article("q1", *QUAKE))
    summit = clusterer.assign(article("s1", *SUMMIT, hours=1))
    assert summit.created and summit.story.id != quake.story.id


FIRST = ("Valparaiso earthquake: Rodrigo Fuentes and Ana Vidal questioned", ["Rodrigo Fuentes", "Ana Vidal",
         "Valparaiso"], "Investigators questioned Rodrigo Fuentes and Ana Vidal after buildings collapsed.")
#: A trial months after the event: the same names, other words.
TRIAL = ("Rodrigo Fuentes and Ana Vidal face court over Valparaiso earthquake collapse", ["Rodrigo Fuentes",
         "Ana Vidal", "Valparaiso"], "Rodrigo Fuentes and Ana Vidal appeared in court in Valparaiso.")
#: The same place and words, other people.
OTHERS = ("Marta Rios and Jose Soto face court over Valparaiso earthquake collapse", ["Marta Rios", "Jose Soto",
          "Valparaiso"], "Marta Rios and Jose Soto appeared in court in Valparaiso.")


def score_after(first: tuple[str, list[str], str], later: tuple[str, list[str], str], hours: float) -> float:
    clusterer = primed(Params(quiet_period=400 * 86400.0))
    story = clusterer.assign(article("e1", *first)).story
    late = article("e2", *later, hours=hours)
    return clusterer.similarity(clusterer._article_weights(late), story, late.processed_at.timestamp())


def test_the_evidence_for_one_event_fades_with_the_time_between() -> None:
    scores = [score_after(QUAKE, QUAKE_2, hours) for hours in (2, 24, 24 * 7, 24 * 60, 24 * 300)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    # The place and the event's words, other people: the same day they point to one event, a month later not.
    assert score_after(FIRST, OTHERS, 2) >= Params().threshold > score_after(FIRST, OTHERS, 24 * 30)


def test_a_report_months_later_naming_the_same_people_joins_the_open_story() -> None:
    clusterer = primed(Params(quiet_period=200 * 86400.0))
    clusterer.assign(article("e1", *FIRST))
    assert clusterer.assign(article("e2", *TRIAL, hours=24 * 120)).story.id == "story:e1"
    assert score_after(FIRST, OTHERS, 24 * 120) < Params().threshold  # the place and the words alone do not


def test_a_long_report_sharing_the_event_s_rare_names_joins_however_many_other_names_it_has() -> None:
    # A vigil report names the victim and the town among sixteen others (school, friends, streets) and shares no
    # other word: the cosines with the first report are low, but two names rare in the stream are shared.
    first = ("Teenager dies after shooting in Brookhaven", ["Kyle Carney", "Brookhaven"],
             "Kyle Carney, 16, died after a shooting at a home in Brookhaven, police said.")
    crowd = ["Matthew Regula", "Danielson", "Davis Park", "Kenneth Drive", "Ellis Technical School",
             "Meredith Corporation", "Superior Court", "Regional Hospital", "Lena Ortiz", "Paul Grant",
             "Harbor Church", "North Avenue", "Rosa Marsh", "Ivan Petrov", "Cedar Lane", "Grace Academy"]
    vigil = ("Hundreds gather to remember a friend", ["Kyle Carney", "Brookhaven", *crowd],
             "Friends held a vigil at Davis Park; Matthew Regula spoke, classmates from Ellis Technical School lit "
             "candles along Kenneth Drive, and Lena Ortiz read a poem at Harbor Church.")
    unrelated = (vigil[0], crowd, vigil[2])
    for later, joins in ((vigil, True), (unrelated, False)):
        clusterer = primed(Params(rarity_documents=len(BACKGROUND) * 3))  # a stream long enough to tell rarity
        clusterer.assign(article("k1", *first))
        assert clusterer.assign(article("k2", *later, hours=30)).created is not joins


def test_in_a_stream_of_a_few_articles_words_seen_once_are_not_yet_evidence() -> None:
    # Two rate decisions of two central banks: in a stream of three articles "interest", "rate" and "inflation"
    # are seen once, as rare as a name; only a longer stream can tell they are common.
    ecb = article("ecb", "European Central Bank holds rates as inflation cools", ["Frankfurt", "Christine Lagarde"],
                  "The European Central Bank left its key interest rate unchanged as inflation cooled.")
    rbnz = article("rbnz", "Interest rate rise in Wellington: what we know", ["Wellington", "Adrian Orr"],
                   "The Reserve Bank raised its interest rate as inflation and mortgage rates rose.", hours=3)
    for params, apart in ((Params(), True), (Params(rarity_documents=1), False)):
        clusterer = Clusterer(params)
        clusterer.assign(article("x", "Storm knocks out power", ["Coastal County"], "storm power winds", hours=-1))
        clusterer.assign(ecb)
        assert clusterer.assign(rbnz).created is apart


def test_a_story_sharing_only_common_words_with_an_article_does_not_take_it() -> None:
    # Both name the city only, which forty earlier stories (closed by now) named too: not the same event.
    clusterer = Clusterer(Params(threshold=0.05, quiet_period=86400.0))
    for index in range(40):
        background = article(f"bg{index}", f"Metro item {index}", ["Metro"], f"metro word{index}",
                             hours=-48 * (40 - index))
        clusterer.clock = background.processed_at.timestamp()
        clusterer.expire()
        assert clusterer.assign(background).created
    clusterer.assign(article("a1", "Metro fire downtown", ["Metro"], "metro fire downtown crews"))
    other = article("b1", "Metro bus strike", ["Metro"], "metro bus strike drivers")
    assert clusterer.assign(other).created
    # The same pair with rare words in common is one story.
    same = article("a2", "Metro fire downtown spreads", ["Metro"], "metro fire downtown crews spreads")
    assert clusterer.assign(same).story.id == "story:a1"


def test_an_event_that_fills_the_stream_keeps_its_reports_together() -> None:
    # Its words are in most articles by now, so not rare in the stream; apart from its own articles they are.
    clusterer = primed()
    stories = {clusterer.assign(article(f"q{n}", *(QUAKE_2 if n % 2 else QUAKE), hours=n / 4)).story.id
               for n in range(30)}
    assert stories == {"story:q0"}


def test_a_story_closes_after_the_quiet_period_and_its_state_goes() -> None:
    clusterer = primed(Params(quiet_period=3600.0))
    clusterer.assign(article("q1", *QUAKE))
    clusterer.assign(article("s1", *SUMMIT, hours=2))
    closed = clusterer.expire()
    assert "story:q1" in [story.id for story in closed]
    assert "story:q1" not in clusterer.stories and "q1" not in clusterer.article_story
    assert all("story:q1" not in posting for posting in clusterer.postings.values())


def test_a_story_that_others_followed_stays_open_longer_than_a_lone_article_s() -> None:
    # Follow-ups (an arrest, a trial) come weeks later, and only to an event that was reported more than once.
    clusterer = primed(Params(quiet_period=3600.0, followed_quiet_period=10 * 3600.0))
    clusterer.assign(article("q1", *QUAKE))
    clusterer.assign(article("q2", *QUAKE_2, hours=0.5))
    clusterer.assign(article("s1", *SUMMIT, hours=1))
    clusterer.clock += 5 * 3600.0
    closed = [story.id for story in clusterer.expire()]
    assert "story:s1" in closed and "story:q1" not in closed and "story:q1" in clusterer.stories
    clusterer.clock += 6 * 3600.0
    assert "story:q1" in [story.id for story in clusterer.expire()]


def test_an_article_delivered_again_is_not_assigned_twice() -> None:
    clusterer = primed()
    clusterer.assign(article("q1", *QUAKE))
    again = clusterer.assign(article("q1", *QUAKE))
    assert again.repeated and again.story.article_ids == ["q1"]


def test_a_restored_clusterer_puts_the_next_article_where_the_original_would() -> None:
    original = primed()
    original.assign(article("q1", *QUAKE))
    saved = [StoryState.from_json(story.to_json()) for story in original.stories.values()]
    restored = Clusterer.restored(Params(), saved)
    assert restored.assign(article("q1", *QUAKE)).repeated
    assert restored.assign(article("q2", *QUAKE_2, hours=2)).story.id == "story:q1"
    assert original.assign(article("q2", *QUAKE_2, hours=2)).story.id == "story:q1"


def test_candidates_are_bounded_however_many_stories_share_a_key() -> None:
    clusterer = Clusterer(Params(max_candidates=5, max_posting=50, threshold=2.0))  # every article alone
    for index in range(200):
        clusterer.assign(article(f"x{index}", f"Item {index}", ["Everywhere"], f"unique{index} words{index}"))
    assert len(clusterer._candidates(["$everywhere"])) == 0  # too common to block on
    assert len(clusterer._candidates([f"unique{i}" for i in range(20)])) == 5


def test_content_words_drop_stop_words_and_possessives() -> None:
    assert words("The mayor's new plans, said Smith’s aide") == ["mayor", "plans", "smith", "aide"]
    terms = content_terms("Flood in Dhaka", "Flood waters rose in Dhaka. " * 3)
    assert terms["dhaka"] == 2 + 3 and terms["flood"] == 2 + 3


def test_unlinked_names_match_by_their_words_and_linked_ones_by_their_id() -> None:
    # The tagger calls one venue a place in one report and a person in another, by a longer name: they still meet.
    place = StoryEntity(id="newsflow:place:pulse", name="Pulse", type="place", salience=0.3)
    person = StoryEntity(id="newsflow:person:pulse-nightclub", name="Pulse Nightclub", type="person", salience=0.2)
    assert name_keys(place) == {"$pulse"} and name_keys(person) == {"$pulse", "$nightclub"}
    assert name_keys(StoryEntity(id="Q298", name="Chile", type="place", salience=0.1)) == {"@Q298"}


def test_numbers_are_terms_whether_written_in_digits_or_words() -> None:
    # Counts, ages and street numbers tell events apart; "five" and "5" are one count.
    assert words("Five shot, 1 killed at 2,400 Elm St.; a three-year-old and a man, 45") == \
        ["#5", "shot", "#1", "killed", "#2400", "elm", "#3", "year-old", "#45"]
    assert words("Rates rise 0.25 points") == ["rates", "rise", "#0.25", "points"]


def test_a_site_name_after_the_headline_is_not_a_term() -> None:
    terms = content_terms("Five teens shot after tournament - WXYZ Action News 5 - Memphis, Tennessee", "")
    assert set(terms) == {"#5", "teens", "shot", "tournament"}
    assert headline("Police: Boy, 17, shot in Austin") == "Police: Boy, 17, shot in Austin"
    assert headline("Storm hits coast | The Daily Paper") == "Storm hits coast"


def test_document_frequencies_stay_bounded_on_an_endless_stream() -> None:
    clusterer = Clusterer(Params(max_vocabulary=100, threshold=2.0))
    for index in range(300):
        clusterer.assign(article(f"x{index}", f"Item{index}", [], f"common once{index} rare{index}"))
    assert len(clusterer.df) <= 100
    assert clusterer.idf("common") < clusterer.idf("never-seen")


def test_a_name_in_the_headline_weighs_twice_a_name_met_only_in_the_body() -> None:
    clusterer = primed()
    report = article("h1", "Valparaiso shaken by earthquake", ["Valparaiso", "Santiago"], QUAKE[2])
    names = clusterer._article_weights(report)[1]  # noqa: SLF001 - the article's name vector
    assert clusterer.idf("$valparaiso") == clusterer.idf("$santiago")  # neither seen before: equal rarity
    assert names["$valparaiso"] == 2 * names["$santiago"]


def test_a_story_is_indexed_by_more_of_its_article_s_rarest_words_than_an_article_looks_up() -> None:
    # A later report's rarest words are often among an earlier one's less rare: the story is found by more.
    clusterer = primed(Params(blocking_terms=2, index_terms=4))
    text = " ".join(f"lorem{index}" for index in range(40))  # a long article (not short: no every-word look)
    first = article("w1", "Lorem", [], text)
    index, lookup = clusterer._blocking_keys(clusterer._article_weights(first))
    clusterer.assign(first)
    indexed = {key for key, posting in clusterer.postings.items() if "story:w1" in posting}
    words = [[key for key in keys if not key.startswith(("$", "@"))] for keys in (index, lookup)]  # (and names)
    assert len(words[0]) == 4 and len(words[1]) == 2 and set(lookup) < set(index) == indexed


def test_a_later_article_whose_rarest_words_are_less_rare_in_an_earlier_one_finds_its_story() -> None:
    text = " ".join(f"lorem{index}" for index in range(40))  # its four rarest, by word on a tie: lorem0, 1, 10, 11
    later = article("w2", "Council budget", [], "lorem10 lorem11 library budget council storm power factory")
    for index_terms, found in ((4, True), (2, False)):
        clusterer = primed(Params(blocking_terms=2, index_terms=index_terms))
        clusterer.assign(article("w1", "Library budget", [], text))
        _, lookup = clusterer._blocking_keys(clusterer._article_weights(later))
        assert {"lorem10", "lorem11"} <= set(lookup)
        assert ("story:w1" in [story.id for story in clusterer._candidates(lookup)]) is found

