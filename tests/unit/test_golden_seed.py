"""The sample article from shared/seeds, scraped noise included, through the whole pipeline."""

from pathlib import Path

import pytest

from tests.support.pipelines import default_pipeline
from worker.models import EnrichedArticle
from worker.pipeline import Enriched, Message

SEED = Path(__file__).parents[2] / "seeds" / "000_33586b52e2178833.txt"


@pytest.fixture(scope="module")
def article() -> EnrichedArticle:
    (outcome,) = default_pipeline().process([Message(SEED.read_bytes())])
    assert isinstance(outcome, Enriched)
    return outcome.article


def of_type(article: EnrichedArticle, kind: str) -> set[str]:
    return {e.name for e in article.entities if e.type == kind}


def surfaces(article: EnrichedArticle, kind: str) -> set[str]:
    return {m.text for e in article.entities if e.type == kind for m in e.mentions} | of_type(article, kind)


def test_people(article: EnrichedArticle) -> None:
    assert {"Xi Jinping", "Antony Blinken", "Wang Yi", "Qin Gang", "Joe Biden"} <= of_type(article, "person")


def test_no_person_is_split_in_two(article: EnrichedArticle) -> None:
    """Short forms are merged: no separate "Xi", "Blinken" or "Biden" entity."""
    people = of_type(article, "person")
    assert not people & {"Xi", "Blinken", "Biden"}
    xi = next(e for e in article.entities if e.name == "Xi Jinping")
    assert xi.mention_count >= 5 and xi.wikidata_id == "Q15031"


def test_organisations(article: EnrichedArticle) -> None:
    orgs = surfaces(article, "organisation")
    assert {"Xinhua", "US State Department", "G20"} <= orgs


def test_places(article: EnrichedArticle) -> None:
    expected = {"China", "United States", "Beijing", "Bali", "Indonesia", "Taiwan", "Xinjiang", "Tibet", "Hong Kong"}
    assert expected <= of_type(article, "place")
    codes = {e.name: e.country_code for e in article.entities}
    assert codes["United States"] == "US" and codes["China"] == "CN" and codes["Hong Kong"] == "HK"


def test_mention_offsets_point_at_the_text(article: EnrichedArticle) -> None:
    for entity in article.entities:
        for mention in entity.mentions:
            assert article.text[mention.start : mention.end] == mention.text


def test_navigation_is_gone(article: EnrichedArticle) -> None:
    assert "Entertainment" not in article.text and "Fashion" not in article.text
    assert article.text.startswith("Chinese President Xi Jinping")


def test_broken_sentence_is_one_sentence(article: EnrichedArticle) -> None:
    assert "but no major breakthroughs were announced" in article.text


def test_photo_credit_is_separated(article: EnrichedArticle) -> None:
    assert article.photo_credits == ["Photo by U.S. Department of State from United States, Wikimedia commons."]
    assert "Photo by" not in article.text and "Wikimedia" not in article.text
    assert article.text.endswith("public health.")


def test_politics_and_international_relations_topics(article: EnrichedArticle) -> None:
    names = {t.name.casefold() for t in article.topics}
    codes = {t.code for t in article.topics}
    assert "medtop:11000000" in codes  # politics
    assert any("international relations" in n or "diplomacy" in n for n in names)
    assert not codes & {"medtop:01000000"}  # arts, culture, entertainment: only the nav said so


def test_quotes_have_speakers(article: EnrichedArticle) -> None:
    speakers = {q.text[:30]: q.speaker for q in article.quotes}
    assert speakers["The Chinese side has made our "] == "Xi Jinping"
    assert speakers["progress has been made, and ag"] == "Xi Jinping"
    assert speakers["We have no illusions about the"] == "Antony Blinken"


def test_language_and_counts(article: EnrichedArticle) -> None:
    assert article.language == "en" and article.language_status == "supported"
    assert 330 <= article.word_count <= 400
    assert len(article.content_hash) == 64 and len(article.near_duplicate_key) == 16


def test_tone_is_present_and_mildly_positive(article: EnrichedArticle) -> None:
    """Talks "to prevent conflicts" with "no major breakthroughs": a measured, slightly positive text."""
    assert article.tone is not None and -0.2 < article.tone.polarity < 0.6
    assert any(e.tone is not None for e in article.entities)


def test_stable_id_for_the_same_text() -> None:
    pipeline = default_pipeline()
    first, second = pipeline.process([Message(SEED.read_bytes()), Message(SEED.read_bytes())])
    assert isinstance(first, Enriched) and isinstance(second, Enriched)
    assert first.article.id == second.article.id
