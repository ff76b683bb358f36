"""The tagger on thin and other-desk news: a feed item always gets a level-1 topic when any cue matched;
health and technology stories keep their desks; the page's social-media call to action is not evidence."""

from __future__ import annotations

from worker.enrich.topics import classify as topics
from worker.enrich.topics.classify import classify

ARTS = "medtop:01000000"
ECONOMY = "medtop:04000000"
HEALTH = "medtop:07000000"
POLITICS = "medtop:11000000"
SCIENCE = "medtop:13000000"
SPORT = "medtop:15000000"


def _top(title: str | None, text: str) -> str:
    return next(t.code for t in classify(title, text) if t.level == 1)


def test_a_feed_item_with_one_weak_cue_still_gets_its_level_one_topic() -> None:
    """One weak cue in a headline and a sentence is below the evidence threshold, yet the item gets a topic."""
    title, text = "Harris stays at the club", "He signed on Tuesday."
    assert 0.0 < topics.top_level_scores(title, text)[SPORT] < topics.MIN_EVIDENCE
    result = classify(title, text)
    assert [t.code for t in result if t.level == 1] == [SPORT]
    assert 0.0 < result[0].score < 0.5


def test_the_best_level_one_topic_leads_even_below_the_thresholds() -> None:
    """With thin evidence the reported level-1 topic is the one with most evidence, and it comes first."""
    title, text = "Hospital waits", "Patients waited longer this winter."
    best = max(topics.top_level_scores(title, text).items(), key=lambda kv: kv[1])[0]
    result = classify(title, text)
    assert result and result[0].level == 1 and result[0].code == best == HEALTH


def test_health_story_with_a_minister_stays_health() -> None:
    """Nurses, hospitals and patients make a health story even when the government and a ballot are in it."""
    title = "Nurses to strike at hospitals over pay"
    text = (
        "Nurses at dozens of hospitals will walk out next month after union members voted for action in a "
        "ballot. Patients face cancelled operations and longer waits in A&E, hospital managers said. The "
        "health secretary said the government could not afford the pay rise, and ministers urged nurses to "
        "return to talks. Doctors said cancer patients would still be treated and intensive care would be "
        "staffed."
    )
    assert _top(title, text) == HEALTH


def test_health_story_is_not_taken_by_a_few_arts_words() -> None:
    """A hospital inspection with a rating and a show of figures is health news, not arts."""
    title = "Hospital maternity unit told to improve"
    text = (
        "Inspectors have told a hospital to improve its maternity unit after finding midwives were "
        "overstretched and patients waited too long for care. The regulator's rating of the unit fell, and "
        "the hospital said it would recruit more staff. Doctors and nurses said the findings showed the "
        "pressure on the NHS."
    )
    assert _top(title, text) == HEALTH


def test_technology_company_deal_is_technology_news() -> None:
    """A mobile network merger or a tech firm's price rise is filed by a newsroom under technology."""
    title = "Mobile networks in merger talks"
    text = (
        "Two mobile network operators are in talks to merge their businesses, creating the largest provider "
        "of 5G and broadband services. The tech companies said customers would get faster internet and "
        "better coverage, while the telecoms regulator said it would look at the deal. The firms' "
        "shareholders will vote on it next year."
    )
    assert _top(title, text) == SCIENCE


def test_ordinary_business_story_stays_business() -> None:
    """A retailer's results with a line about its website are still business news."""
    title = "Retailer profits rise"
    text = (
        "The retailer reported a rise in annual profits as sales grew. Shares rose 5% and the chief executive "
        "said the company would raise its dividend. Analysts said the results beat forecasts, and investors "
        "welcomed plans to open more stores and improve its website."
    )
    assert _top(title, text) == ECONOMY


def test_social_media_call_to_action_is_not_evidence() -> None:
    """'Follow us on Facebook, Twitter and Instagram' adds nothing to any topic."""
    title = "Council approves new budget"
    text = "The council approved its budget for next year after a vote of councillors.\n"
    follow = "Follow BBC West on Facebook, Twitter and Instagram. Send your story ideas to the newsroom.\n"
    assert topics.top_level_scores(title, text + follow) == topics.top_level_scores(title, text)
    assert _top(title, text + follow) == POLITICS
    # The same platforms in the story itself are evidence.
    story = "Facebook, Twitter and Instagram were fined by the regulator over online safety failures.\n"
    assert topics.top_level_scores(title, text + story)[SCIENCE] > 0


def test_social_media_platforms_count_for_technology_as_well_as_media() -> None:
    """A social media platform's news is technology news too, not only mass media."""
    scores = topics.top_level_scores("TikTok launches new feature", "TikTok users can now post live video.")
    assert scores[SCIENCE] > 0 and scores[ARTS] > 0
