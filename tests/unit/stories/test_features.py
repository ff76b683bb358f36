"""An article's features: its source, and the words a short article's address lends it."""

from __future__ import annotations

from tests.unit.stories.test_cluster import article
from tests.unit.stories.test_vectors import REPORTS, clusterer_with_the_event
from tests.unit.stream.test_story_features_sent import enriched
from worker.stories.cluster import Params
from worker.stories.features import features_of, with_address_words
from worker.stories.terms import MAX_TERMS
from worker.stories.vectors import is_short

#: A video page whose headline is vague; its address keeps the first, specific one.
VIDEO = ("Video: passengers describe their night", [], "Watch the footage.")
ADDRESS = "https://tv.example/2024/05/02/ferry-runs-aground-off-tromso-passengers-safe/"


def test_a_short_article_takes_its_address_s_words_as_headline_words() -> None:
    video = article("v", *VIDEO, hours=1)
    taken = with_address_words(video, ADDRESS)
    assert is_short(video)
    added = {word: taken.terms[word] for word in ("ferry", "runs", "aground", "tromso", "safe")}
    assert added == dict.fromkeys(added, 2)  # counted as a headline's words
    assert taken.terms["passengers"] == video.terms["passengers"]  # its headline has it already
    assert with_address_words(video, "https://tv.example/video/882731") == video  # no slug


def test_a_long_article_keeps_its_own_words() -> None:
    title, places, text = REPORTS[0]
    report = article("r", title, places, text + " The ferry was towed.", hours=1)
    assert not is_short(report)
    assert with_address_words(report, ADDRESS) == report


def test_the_address_s_words_take_a_vague_video_page_to_its_story() -> None:
    assert clusterer_with_the_event(Params()).assign(article("v", *VIDEO, hours=1)).created
    video = with_address_words(article("v", *VIDEO, hours=1), ADDRESS)
    assert clusterer_with_the_event(Params()).assign(video).story.id == "story:f0"
    # Another event's address takes it nowhere.
    other = with_address_words(article("o", *VIDEO, hours=1), "https://tv.example/train-derails-near-bergen")
    assert clusterer_with_the_event(Params()).assign(other).created


def test_a_story_s_source_is_the_message_s_else_the_site_of_its_address() -> None:
    named = enriched("a1").article
    assert features_of(named).source == "wire"
    unnamed = named.model_copy(update={"source": None, "url": "https://www.station.example/news/quake"})
    assert features_of(unnamed).source == "station.example"
    assert features_of(unnamed.model_copy(update={"url": None})).source is None


def test_the_enrich_side_gives_a_short_article_its_address_s_words() -> None:
    report = enriched("a1").article  # "Earthquake shakes Valparaiso": a text of seven words
    assert "port" not in features_of(report).terms and features_of(report).terms["chile"] == 1
    addressed = report.model_copy(update={"url": "https://wire.example/2024/quake-shakes-chile-port-city/"})
    terms = features_of(addressed).terms
    assert {word: terms[word] for word in ("chile", "port", "city")} == {"chile": 3, "port": 2, "city": 2}
    assert terms["valparaiso"] == 3  # the headline's and the text's own, as before


def test_an_address_lends_at_most_half_an_article_s_terms() -> None:
    video = article("v", *VIDEO, hours=1)
    long_slug = "https://tv.example/" + "-".join(f"word{chr(97 + i)}x{chr(97 + i)}" for i in range(40))
    assert len(with_address_words(video, long_slug).terms) == len(video.terms) + MAX_TERMS // 2
