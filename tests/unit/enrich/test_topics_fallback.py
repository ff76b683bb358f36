"""Never no topic: a news item no cue matches still gets one level-1 topic, a guess with a low score."""

from __future__ import annotations

from worker.enrich.topics import fallback
from worker.enrich.topics.classify import MIN_SCORE, classify, top_level_scores

ECONOMY = "medtop:04000000"
SPORT = "medtop:15000000"


def test_an_item_no_cue_matches_gets_one_low_scored_level_one_topic() -> None:
    """Before the fallback this item got no topic at all; now it gets its guess, scored below any finding."""
    title, text = "Could it live up to the hype?", "Laura Mathias was just 13 years old when she started."
    assert not any(top_level_scores(title, text).values())
    result = classify(title, text)
    assert len(result) == 1
    assert result[0].level == 1 and result[0].parent is None
    assert result[0].score == fallback.SCORE < MIN_SCORE


def test_the_guess_follows_the_words_of_the_iptc_definitions() -> None:
    """Words the definitions of one field use ("vehicles", "factories", "manufacturing") point to that field."""
    scores = fallback.definition_scores("Output of vehicles", "Factories and manufacturing output.")
    assert max(scores, key=scores.__getitem__) == ECONOMY
    assert fallback.fallback_topic("Final whistle", "The referee and the league table.", "en") == SPORT


def test_text_without_a_definition_word_gets_the_prior() -> None:
    assert fallback.definition_scores("Zorb", "Qwfp xyzzy.") == {}
    assert [t.code for t in classify("Zorb", "Qwfp xyzzy.")] == [fallback.PRIOR]


def test_a_language_with_cues_gets_the_prior_and_a_language_without_gets_nothing() -> None:
    """The definitions are English: a French item with no cue gets the prior; Arabic has no cue table."""
    assert [t.code for t in classify("Xyzzy", "Qwfp plugh.", language="fr")] == [fallback.PRIOR]
    assert classify("عنوان", "نص الخبر هنا.", language="ar") == []
