"""Short articles (a video page, a paywall's teaser): their headline stands in for the text they lack."""

from __future__ import annotations

from dataclasses import replace

from tests.unit.stories.test_cluster import article
from worker.models import StoryFeatures
from worker.stories.cluster import Clusterer, Params
from worker.stories.state import STORY_HEADLINES, StoryState
from worker.stories.terms import MAX_TERMS
from worker.stories.vectors import cosine, headline_names, headline_vector, is_short

#: A stream in which ferries, rocks and evacuated passengers are common news and video pages say "watch".
PLACES = ["Bergen", "Oslo", "Stavanger", "Bodo", "Alesund"]
TOPICS = ["ferry hits rocks near {}", "vessel aground near {}", "ferry passengers safe in {}", "rocks damage vessel "
          "near {}", "ferry evacuated near {}", "school strike", "hospital funding", "airport delays", "museum opening",
          "election debate"]
MORE = (" Officials briefed reporters about weather forecasts, insurance claims, shipping schedules, tourism "
        "bookings, fisheries quotas, municipal budgets, volunteer shelters, ambulance logistics, telecom masts, diesel "
        "prices, harbour cranes, cargo manifests, lighthouse keepers, radar stations.")
REPORTS = [
    ("Ferry runs aground off Tromso", ["Tromso"], "Coastguard crews moved 212 people to lifeboats after the vessel "
     "struck rocks in heavy fog near the fjord; divers inspected the hull." + MORE),
    ("Ferry hits rocks near Tromso", ["Tromso", "Hurtig Lines"], "The operator said tugboats waited for the tide "
     "while salvage teams deployed booms as fuel leaked overnight into the sound." + MORE),
    ("Norwegian coastguard completes rescue in Arctic fog", ["Tromso", "Norway"], "The harbour master reported no "
     "serious injuries; insurers and the maritime authority opened an inquiry into the grounding." + MORE),
]
#: A video page: the headline and two words, no name the tagger found.
VIDEO = ("Video: ferry hits rocks near Tromso, passengers safe", [], "Watch the footage.")
#: Another event's video page, alike in the stream's common words only.
OTHER_VIDEO = ("Video: train passengers evacuated", [], "Watch the footage.")


def clusterer_with_the_event(params: Params) -> Clusterer:
    clusterer = Clusterer(params)
    for index in range(40):
        topic = TOPICS[index % len(TOPICS)].format(PLACES[index % len(PLACES)])
        clusterer.assign(article(f"bg{index}", f"Video: {topic} update {index}", [],
                                 f"Watch the footage: {topic} as passengers and residents evacuated item{index}",
                                 hours=-48))
    for index, report in enumerate(REPORTS):
        clusterer.assign(article(f"f{index}", *report, hours=index / 10))
    return clusterer


def test_a_short_article_s_headline_carries_the_evidence_its_body_lacks() -> None:
    # Its text names a place (its studio's), so its headline's words do not stand in for names (`headline_names`).
    video = article("v", VIDEO[0], ["Oslo"], "Watch the footage from the Oslo studio.", hours=1)
    other = article("o", *OTHER_VIDEO, hours=1)
    assert is_short(video) and len(article("f0", *REPORTS[0]).terms) == MAX_TERMS
    params = Params(threshold=0.9)  # demanding: the body alone does not reach it
    clusterer = clusterer_with_the_event(params)
    story = clusterer.stories["story:f0"]
    assert story.count == 3 and story.title == REPORTS[1][0]

    def score(short: StoryFeatures, *, headline: bool) -> float:
        vector = headline_vector(short.title, clusterer.idf) if headline else None
        return clusterer.similarity(clusterer._article_weights(short), story, 3600.0 + story.last_seen,
                                    headline=vector)

    # The word vector of a headline and "watch the footage" falls short of the story's long reports ...
    assert score(video, headline=False) < params.threshold <= score(video, headline=True)
    # ... and a headline alike in the stream's common words only takes nothing.
    assert score(other, headline=True) < params.threshold


def test_the_clusterer_compares_a_short_article_s_headline_when_its_evidence_falls_short() -> None:
    clusterer = clusterer_with_the_event(Params(threshold=0.9))
    # From here a threshold so demanding that the shared place alone falls just short of it: the headline reaches it.
    clusterer.params = replace(clusterer.params, threshold=0.9999)
    video = article("v", VIDEO[0], ["Tromso"], VIDEO[2], hours=1)
    story = clusterer.stories["story:f0"]
    assert clusterer.similarity(clusterer._article_weights(video), story, 3600.0 + story.last_seen) < 0.9999
    assert clusterer.assign(video).story.id == "story:f0"
    assert clusterer.assign(article("o", *OTHER_VIDEO, hours=1)).created


def test_the_headline_vector_weighs_rare_words_and_repeats_a_headline_exactly() -> None:
    idf = {"ferry": 1.0, "tromso": 4.0}.get
    vector = headline_vector("Ferry aground near Tromso - Local News", lambda word: idf(word) or 2.0)
    assert set(vector) == {"ferry", "aground", "near", "tromso"} and max(vector, key=vector.__getitem__) == "tromso"
    assert abs(cosine(vector, vector) - 1.0) < 1e-9 and cosine(vector, {}) == 0.0
    assert headline_vector(None, lambda word: 1.0) == {}


#: A registration page: the headline names the event, the text is the site's (no place for the tagger to find).
FURNITURE = ("Thank you for registering. Sign in to update your profile, manage newsletters, choose alerts, "
             "read the digital edition, browse puzzles, contact customer service, review privacy settings, "
             "cookie preferences, subscription offers, delivery options, billing questions, accessibility help, "
             "careers, advertising enquiries.")


def test_an_article_whose_text_names_no_place_borrows_its_headlines_rare_words_as_names() -> None:
    """Its headline's rare words stand in for the names the tagger could not find; not its common words, and not
    when the text names a place (then its names are its own)."""
    page = article("p", "Ferry hits rocks near Tromso", [], FURNITURE)
    df = {"ferry": 40, "hits": 12, "near": 30, "rocks": 3, "tromso": 2}  # documents holding each word
    assert headline_names(page, {"$profile": 1.0}, df, 4.0) == {"$profile": 1.0, "$tromso": 1.0, "$rocks": 1.0}
    placed = article("q", "Ferry hits rocks near Tromso", ["Bergen"], FURNITURE)
    assert headline_names(placed, {"$bergen": 1.0}, df, 4.0) == {"$bergen": 1.0}


def test_a_registration_page_joins_the_story_its_headline_names() -> None:
    clusterer = clusterer_with_the_event(Params())
    # (its text repeats a word of the headline, so it is not taken for a short article: `is_short`)
    page = article("p", "Passengers describe night on Tromso ferry", [], f"{FURNITURE} Passengers: read on.", hours=2)
    assert not is_short(page) and "$tromso" in clusterer._article_weights(page)[1]
    assert clusterer.assign(page).story.id == "story:f0"
    # Another event's page: its headline shares only the stream's common words with the story.
    other = article("o", "Passengers describe night on Bergen ferry", [], FURNITURE, hours=2)
    assert clusterer_with_the_event(Params()).assign(other).created


def test_an_article_whose_lead_repeats_none_of_its_headline_counts_as_short() -> None:
    """A long text that never mentions what the headline reports is the page's (a registration form, a sidebar):
    the headline is all there is of the article. A lead that repeats a headline word is the article's own."""
    page = article("p", "Ferry hits rocks near Tromso", [], FURNITURE)
    assert len(page.terms) == MAX_TERMS and is_short(page)
    report = article("r", "Ferry hits rocks near Tromso", ["Tromso"], REPORTS[0][2] + " The ferry was towed.")
    assert len(report.terms) == MAX_TERMS and not is_short(report)
    # Too short a headline to tell: two words a lead may well leave out.
    assert not is_short(article("t", "Ferry aground", [], FURNITURE))


def test_a_short_article_is_compared_with_each_of_the_story_s_latest_headlines() -> None:
    """A teaser echoes one report's headline, not necessarily the one the story shows."""
    params = Params(threshold=0.9)
    clusterer = clusterer_with_the_event(params)
    story = clusterer.stories["story:f0"]
    assert story.title == REPORTS[1][0] and story.headlines == [title for title, _, _ in REPORTS]
    video = article("v", "Video: Norwegian coastguard completes rescue in Arctic fog", ["Oslo"],
                    "Watch the footage from the Oslo studio.", hours=1)
    weights, vector = clusterer._article_weights(video), headline_vector(video.title, clusterer.idf)

    def score(compared: StoryState) -> float:
        return clusterer.similarity(weights, compared, 3600.0 + story.last_seen, headline=vector)

    # Against the representative headline alone (a story saved before the headlines were kept) it falls short.
    assert score(replace(story, headlines=[])) < params.threshold <= score(story)


def test_a_story_keeps_its_latest_distinct_headlines_through_a_merge_and_a_restore() -> None:
    story = clusterer_with_the_event(Params()).stories["story:f0"]
    assert story.headlines == [title for title, _, _ in REPORTS]
    story.add(article("f9", *REPORTS[0], hours=5), story.last_seen, story.last_seen, 0.5, [], ({}, {}))
    assert story.headlines == [title for title, _, _ in REPORTS]  # a title it has already is not kept twice
    # An older story merged in: its headlines come before the survivor's, so the survivor's latest stay.
    older = StoryState(id="story:o", first_seen=0.0, last_seen=0.0, headlines=["Tromso ferry towed to port"])
    story.absorb(older)
    assert story.headlines == [title for title, _, _ in REPORTS]
    # A later one: its headline is the latest; one saved before headlines were kept counts its title.
    later = StoryState(id="story:l", first_seen=0.0, last_seen=story.last_seen + 60, title="Ferry back in service")
    story.absorb(later)
    assert story.headlines == [REPORTS[1][0], REPORTS[2][0], "Ferry back in service"]
    assert len(story.headlines) == STORY_HEADLINES
    saved = story.to_json()
    assert StoryState.from_json(saved).headlines == story.headlines
    del saved["headlines"]  # a value saved by the version before
    restored = StoryState.from_json(saved)
    assert restored.headlines == [] and restored.latest_headlines() == [restored.title]


def test_the_representative_headline_is_compared_too_when_it_is_not_among_the_latest() -> None:
    params = Params(threshold=0.9)
    clusterer = clusterer_with_the_event(params)
    story = clusterer.stories["story:f0"]
    echo = article("v", f"Video: {REPORTS[1][0]}", ["Oslo"], "Watch the footage from the Oslo studio.", hours=1)
    weights, vector = clusterer._article_weights(echo), headline_vector(echo.title, clusterer.idf)
    later = replace(story, headlines=["Tromso harbour reopens", "Insurers inspect hull", "Divers finish survey"])
    assert clusterer.similarity(weights, later, 3600.0 + story.last_seen, headline=vector) >= params.threshold
    assert clusterer.similarity(weights, replace(later, title=None), 3600.0 + story.last_seen,
                                headline=vector) < params.threshold
