"""Scripts written without spaces (Chinese, Japanese, Thai...) become articles with sensible word counts."""

from __future__ import annotations

import pytest

from tests.support.pipelines import default_pipeline
from worker.models import RawArticle
from worker.normalise.article import content_hash, normalise, simhash
from worker.normalise.text import clean_paragraphs
from worker.normalise.words import length_in_words, word_count, words
from worker.pipeline import Enriched, Message

ZH = [
    "中国国家主席习近平周五在北京会见了美国国务卿布林肯。",
    "双方就中美关系和共同关心的国际地区问题交换了意见。习近平表示，中美两国应该是伙伴而不是对手。",
    "布林肯说，美方致力于同中方保持沟通，负责任地管理双边关系。",
]
JA = [
    "習近平国家主席は金曜日、北京でブリンケン米国務長官と会談した。",
    "両氏は米中関係や国際情勢について意見を交わした。",
    "ブリンケン氏は、対話を続けることが重要だと述べた。",
]
# Thai marks sentences with a space, not a full stop: no paragraph here ends in punctuation.
TH = [
    "นายกรัฐมนตรีกล่าวว่า รัฐบาลจะสนับสนุนโครงการนี้อย่างเต็มที่ เพื่อประโยชน์ของประชาชนทุกคน",
    "โครงการดังกล่าวจะเริ่มต้นในเดือนหน้า และคาดว่าจะแล้วเสร็จภายในสองปี",
    "ฝ่ายค้านระบุว่า งบประมาณของโครงการสูงเกินไป และควรมีการตรวจสอบอย่างละเอียด",
]
MENUS = {"zh": ["首页", "国际", "体育"], "ja": ["ホーム", "国際", "スポーツ"], "th": ["หน้าแรก", "ข่าว", "กีฬา"]}
TEXTS = {"zh": ZH, "ja": JA, "th": TH}


def test_words_are_characters_without_spaces_and_tokens_with_them() -> None:
    """Han and kana characters count one each, combining marks none; spaced scripts count `\\w+` runs."""
    assert words("习近平在北京") == ["习", "近", "平", "在", "北", "京"]
    assert words("東京で会談した") == ["東", "京", "で", "会", "談", "し", "た"]
    assert words("Apple发布iPhone 16") == ["Apple", "发", "布", "iPhone", "16"]
    # ข่าว is four code points, one of them a tone mark that belongs to the letter before it.
    assert word_count("ข่าว") == 3
    assert word_count("Xi Jinping met Antony Blinken in Beijing.") == 7
    assert word_count("Привет, мир! Ελληνικά κείμενα") == 4


def test_length_in_words_counts_two_unspaced_characters_as_a_word() -> None:
    assert length_in_words("国际新闻") == 2
    assert length_in_words("Top stories") == 2


@pytest.mark.parametrize("lang", ["zh", "ja", "th"])
def test_plain_text_in_a_script_without_spaces_is_an_article(lang: str) -> None:
    """The issue's case: the text is not `no_text`; language detected, NER marked unsupported."""
    paragraphs = TEXTS[lang]
    article = normalise(RawArticle(body="\n\n".join(paragraphs)), "text")
    assert article.paragraphs == paragraphs
    assert article.language == lang and article.language_status == "unsupported"
    assert article.word_count == sum(word_count(p) for p in paragraphs) > 50


def test_the_issue_example_is_an_article() -> None:
    article = normalise(RawArticle(body="习近平与布林肯在北京会面……"), "json")
    assert article.text == "习近平与布林肯在北京会面……" and article.word_count == 12


@pytest.mark.parametrize("lang", ["zh", "ja", "th"])
def test_menu_labels_before_the_text_are_dropped_in_any_script(lang: str) -> None:
    """Short labels are measured in words of their script: "首页" is a label, a Chinese paragraph is not."""
    cleaned = clean_paragraphs("\n\n".join(MENUS[lang][:2] + TEXTS[lang]), find_title=True)
    assert cleaned.paragraphs == TEXTS[lang] and cleaned.title is None


def test_a_short_first_line_in_chinese_is_the_headline() -> None:
    cleaned = clean_paragraphs("美中外长在北京会谈\n\n" + "\n\n".join(ZH), find_title=True)
    assert cleaned.title == "美中外长在北京会谈" and cleaned.paragraphs == ZH


def test_full_width_punctuation_is_kept() -> None:
    article = normalise(RawArticle(body=ZH[2]), "text")
    assert "，" in article.text and "," not in article.text


@pytest.mark.parametrize("lang", ["zh", "ja", "th"])
def test_html_page_in_a_script_without_spaces_keeps_its_article(lang: str) -> None:
    """Text density must not mistake a page of CJK or Thai paragraphs for boilerplate; menus still go."""
    nav = "".join(f"<li><a href='/{i}'>{label}</a></li>" for i, label in enumerate(MENUS[lang]))
    body = "".join(f"<p>{p}</p>" for p in TEXTS[lang])
    html = (
        f"<html lang='{lang}'><head><title>{TEXTS[lang][0][:12]}</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<div class='article'>{body}</div><footer><p>© 2026</p></footer></body></html>"
    )
    article = normalise(RawArticle(html=html), "html")
    assert article.paragraphs == TEXTS[lang]
    assert article.language == lang and article.language_status == "unsupported"


def test_content_hash_ignores_spaces_put_between_chinese_characters() -> None:
    assert content_hash(None, "习近平在北京") == content_hash(None, "习 近 平 在 北 京")
    # Spaced scripts hash as before: the fold is the `\w+` tokens joined by one space.
    assert content_hash("T", "Hello,  world") == content_hash("t", "hello world")


def test_near_duplicate_key_tells_chinese_articles_apart() -> None:
    """Shingles over characters: a one-character edit moves few bits, another article moves many."""

    def bits(a: str, b: str) -> int:
        return bin(int(simhash(words(a)), 16) ^ int(simhash(words(b)), 16)).count("1")

    text = "".join(ZH)
    assert bits(text, text.replace("周五", "周六")) < 12
    assert bits(text, "".join(JA)) > 20


def test_chinese_article_gets_no_english_entities() -> None:
    """Through the whole pipeline: enriched, language zh, unsupported, and no entities from the English model."""
    outcome = default_pipeline().process([Message("\n\n".join(ZH).encode())])[0]
    assert isinstance(outcome, Enriched)
    record = outcome.article
    assert record.language == "zh" and record.language_status == "unsupported"
    assert record.entities == [] and outcome.mentions == []
