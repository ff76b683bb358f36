"""The IPTC topic tagger: the right level-1 topics on hand-written stories, ancestors included, fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.enrich.topics import classify as topics
from worker.enrich.topics import cues as topic_cues
from worker.enrich.topics import iptc
from worker.enrich.topics.classify import classify

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_33586b52e2178833.txt"

ARTS = "medtop:01000000"
CRIME = "medtop:02000000"
ECONOMY = "medtop:04000000"
HEALTH = "medtop:07000000"
POLITICS = "medtop:11000000"
SCIENCE = "medtop:13000000"
SPORT = "medtop:15000000"
WEATHER = "medtop:17000000"
DIPLOMACY = "medtop:20000639"
INTERNATIONAL_RELATIONS = "medtop:20000638"
ELECTION = "medtop:20000574"
FASHION = "medtop:20000011"

STORIES = {
    "sport": (
        "Late penalty earns United a draw",
        "A penalty four minutes from time gave United a 2-2 draw at the stadium on Saturday. The visitors' "
        "striker scored twice before half-time, but the home side's midfielder pulled one back after the "
        "break and the referee pointed to the spot when the goalkeeper brought down a winger. The manager "
        "said his squad had shown character; the result leaves the club fourth in the league with ten "
        "fixtures left, and the players now turn to the cup quarter-final next week.",
    ),
    "earnings": (
        "Retailer's profits beat forecasts",
        "The supermarket chain reported a 12% rise in annual pre-tax profit to £1.2bn, ahead of analysts' "
        "forecasts, as sales over the Christmas quarter grew faster than its rivals'. Shares rose 4% in "
        "early trading. The chief executive said the company would raise its dividend and invest in online "
        "shopping, while warning that inflation and higher interest rates were squeezing customers.",
    ),
    "diplomacy": (
        "Ministers meet to ease border tensions",
        "The foreign ministers of the two countries met in Geneva for talks aimed at easing tensions "
        "along their disputed border. Diplomats said the meeting, the first since ambassadors were "
        "recalled in March, ended with an agreement to reopen both embassies and to prepare a summit "
        "between the two presidents. The United Nations envoy welcomed the step towards a peace treaty.",
    ),
    "election": (
        "Opposition leads as voters go to the polls",
        "Voters went to the polls on Thursday in a general election that opinion polls suggest the "
        "opposition party will win. The prime minister, campaigning in marginal constituencies until the "
        "last minute, urged supporters to turn out. Candidates from eleven parties are standing for the "
        "450 seats in parliament, and a result is expected after the ballots are counted overnight.",
    ),
    "tech": (
        "New phone brings AI features to mid-range handsets",
        "The smartphone maker unveiled a handset with a faster processor, a brighter screen and software "
        "that runs artificial intelligence models on the device rather than on remote servers. The "
        "operating system update will also reach older phones, and users can download the new apps from "
        "next week. Analysts said the launch would put pressure on rival gadget makers ahead of the "
        "holiday season; the phone supports 5G networks and wireless charging.",
    ),
    "film": (
        "Debut director's drama leads awards race",
        "The low-budget film, starring two unknown actors, has become the surprise of the season, taking "
        "more at the box office in its first week than the studio's summer blockbuster. Its director, a "
        "former documentary maker, wrote the screenplay in six weeks. Critics at the festival praised the "
        "lead actress, and the movie is now a favourite for best picture at next month's ceremony.",
    ),
    "health": (
        "Hospitals brace for winter flu outbreak",
        "Doctors warned that hospitals could struggle this winter as a flu outbreak spreads faster than "
        "expected. Health officials urged older patients to get the vaccine, saying the infection had "
        "already put hundreds in intensive care. Nurses said waiting lists were growing and that the "
        "disease was hitting people with heart conditions hardest.",
    ),
    "crime": (
        "Man jailed for warehouse robbery",
        "A man who stole electronics worth £200,000 in a night-time robbery has been jailed for six years. "
        "The court heard that police arrested him after detectives traced a van seen near the warehouse. "
        "He pleaded guilty to burglary and the judge said the offence had been carefully planned.",
    ),
    "weather": (
        "Storms and heavy rain forecast for the weekend",
        "Forecasters have issued a weather warning as a storm brings heavy rain and gale-force winds to "
        "the west on Saturday. The Met Office said up to 80mm of rainfall could cause localised flooding, "
        "with temperatures dropping sharply and snow likely on high ground by Sunday.",
    ),
}

EXPECTED_TOP = {
    "sport": SPORT,
    "earnings": ECONOMY,
    "diplomacy": POLITICS,
    "election": POLITICS,
    "tech": SCIENCE,
    "film": ARTS,
    "health": HEALTH,
    "crime": CRIME,
    "weather": WEATHER,
}


def _codes(title: str | None, text: str) -> list[str]:
    return [t.code for t in classify(title, text)]


@pytest.mark.parametrize("story", sorted(STORIES))
def test_best_topic_is_the_expected_level_one(story: str) -> None:
    """Each story's highest-scoring topic is the level-1 topic a news editor would file it under."""
    title, text = STORIES[story]
    result = classify(title, text)
    assert result, story
    assert result[0].code == EXPECTED_TOP[story]
    assert max(topics.top_level_scores(title, text).items(), key=lambda kv: kv[1])[0] == EXPECTED_TOP[story]


def test_subtopics_below_level_one_are_found() -> None:
    """Diplomacy, elections and football come out as subtopics, not just their level-1 topics."""
    assert {DIPLOMACY, INTERNATIONAL_RELATIONS} <= set(_codes(*STORIES["diplomacy"]))
    assert ELECTION in _codes(*STORIES["election"])
    assert "medtop:20001065" in _codes(*STORIES["sport"])  # football


@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_reported_topic_has_its_ancestors_reported(story: str) -> None:
    """A consumer filtering by level-1 topic finds every reported subtopic's chain up to it."""
    for limit in (3, 8, 20):
        result = classify(*STORIES[story], limit=limit)
        codes = {t.code for t in result}
        assert len(result) <= limit
        for topic in result:
            assert set(iptc.ancestors(topic.code)) <= codes


@pytest.mark.parametrize("story", sorted(STORIES))
def test_scores_are_in_range_and_sorted(story: str) -> None:
    """Scores lie in 0..1, best first, and each topic carries its taxonomy name, level and parent."""
    result = classify(*STORIES[story])
    scores = [t.score for t in result]
    assert scores == sorted(scores, reverse=True)
    for topic in result:
        assert 0.0 <= topic.score <= 1.0
        known = iptc.get(topic.code)
        assert (topic.name, topic.level, topic.parent) == (known.name, known.level, known.parent)


def test_seed_diplomacy_story_raw_body() -> None:
    """The US-China seed gets politics and diplomacy, and not arts or fashion from its stray menu words."""
    raw = SEED.read_text(encoding="utf-8")
    assert raw.lstrip().startswith("Entertainment")  # the navigation words are really in the raw body
    codes = _codes(None, raw)
    assert POLITICS in codes
    assert {DIPLOMACY, INTERNATIONAL_RELATIONS} <= set(codes)
    assert ARTS not in codes
    assert FASHION not in codes


def test_seed_diplomacy_story_clean_body() -> None:
    """With the navigation words stripped the seed still leads with politics."""
    raw = SEED.read_text(encoding="utf-8")
    body = raw[raw.index("Chinese President") :]
    result = classify(None, body)
    assert result[0].code == POLITICS
    assert DIPLOMACY in {t.code for t in result}


def test_text_without_cues_gets_only_a_low_scored_guess() -> None:
    """Text that says nothing topical gets one level-1 guess scored below any finding; no words, no topic."""
    guess = classify(None, "The quick brown fox jumps over the lazy dog.")
    assert len(guess) == 1 and guess[0].level == 1 and guess[0].score < 0.1
    assert classify(None, "") == []
    assert classify("Title", "Some words here.", limit=0) == []


def test_case_matters_for_acronym_cues() -> None:
    """'WHO' the health agency is matched, but not in an all-capitals headline."""
    body = STORIES["sport"][1]
    assert HEALTH not in _codes("WHO WILL WIN THE LEAGUE NOW?", body)
    assert "medtop:07000000" in set(_codes(None, "The WHO said the outbreak of the disease was spreading."))


def test_title_outweighs_a_body_mention() -> None:
    """The same cue counts for more in the headline than in the body."""
    body = "Officials met on Tuesday. The talks covered the election timetable and the budget."
    with_title = topics.top_level_scores("Election date set", body)[POLITICS]
    without = topics.top_level_scores(None, body)[POLITICS]
    assert with_title > without


def test_every_level_one_topic_has_hand_picked_cues() -> None:
    """The curated lexicon covers all seventeen level-1 topics, and only codes the taxonomy knows."""
    level_one = {code for code, t in iptc.taxonomy().items() if t.level == 1}
    assert {iptc.top_level(code) for code in topic_cues.CUES} == level_one

