"""The corrections made to the model's spans before merging: titles, names after titles, listed places."""

import pytest

from tests.unit.enrich.test_entities import spans_for
from worker.enrich.entities import Span, merge_mentions
from worker.enrich.knowledge import KnowledgeBase, load
from worker.enrich.titles import corrected


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def kinds(text: str, spans: list[Span], kb: KnowledgeBase, language: str) -> dict[str, str]:
    return {m.text: g.type for g in merge_mentions(text, spans, kb, language) for m in g.mentions}


def test_a_title_and_its_country_are_cut_off_a_name(kb: KnowledgeBase) -> None:
    """"Канцлер Германии Олаф Шольц" read whole as an organisation is the person Олаф Шольц."""
    text = "Канцлер Германии Олаф Шольц провёл переговоры."
    spans = spans_for(text, ("Канцлер Германии Олаф Шольц", "ORG"))
    assert kinds(text, spans, kb, "ru") == {"Олаф Шольц": "person"}


def test_a_lower_case_title_is_cut_off_a_name(kb: KnowledgeBase) -> None:
    text = "Het kabinet sprak met bondskanselier Olaf Scholz over windparken."
    spans = spans_for(text, ("bondskanselier Olaf Scholz", "ORG"))
    assert kinds(text, spans, kb, "nl") == {"Olaf Scholz": "person"}


def test_a_personal_name_after_a_title_is_a_person(kb: KnowledgeBase) -> None:
    """The Dutch model read "Olaf Scholz" after "bondskanselier" as an organisation."""
    text = "Premier Dick Schoof sprak met de Duitse bondskanselier Olaf Scholz."
    spans = spans_for(text, ("Dick Schoof", "PER"), ("Olaf Scholz", "ORG"))
    assert kinds(text, spans, kb, "nl") == {"Dick Schoof": "person", "Olaf Scholz": "person"}


@pytest.mark.parametrize(
    ("text", "surface", "language"),
    [
        # A president may be a company's: what follows keeps the model's type.
        ("Сэм Хаузер, со-основатель и президент Rockstar Games.", "Rockstar Games", "ru"),
        # A capitalised title-like word outside German is a name's own word.
        ("Premier League clubs voted.", "Premier League", "en"),
        ("Presidente Hayes Asunción ganó.", "Presidente Hayes Asunción", "es"),
        # A title without its country before two capitalised words: "Президент Чешской Республики".
        ("Вацлав Клаус — Президент Чешской Республики.", "Президент Чешской Республики", "ru"),
        # A title before the name of a country's office, not a person's.
        ("Spotkał się z prezydentem Republiki Francji.", "prezydentem Republiki Francji", "pl"),
    ],
)
def test_what_only_looks_like_a_title_keeps_the_model_s_type(
    kb: KnowledgeBase, text: str, surface: str, language: str
) -> None:
    spans = spans_for(text, (surface, "ORG"))
    assert corrected(text, spans, kb, language) == spans


def test_a_german_title_is_cut_off_though_capitalised(kb: KnowledgeBase) -> None:
    text = "Er reiste mit Präsident Abraham Lincoln."
    spans = spans_for(text, ("Präsident Abraham Lincoln", "ORG"))
    assert kinds(text, spans, kb, "de") == {"Abraham Lincoln": "person"}


def test_a_country_listed_with_a_place_is_a_place(kb: KnowledgeBase) -> None:
    """«Alemania y España»: the model gave Alemania to organisations and España to places."""
    text = "«Alemania y España comparten la misma visión», dijo."
    spans = spans_for(text, ("Alemania", "ORG"), ("España", "LOC"))
    groups = merge_mentions(text, spans, kb, "es")
    assert [(g.canonical(), g.type, g.known.id if g.known else None) for g in groups] == [
        ("Germany", "place", "Q183"), ("Spain", "place", "Q29")]


@pytest.mark.parametrize(
    ("text", "items", "language"),
    [
        # Teams: both names read as organisations stay so.
        ("Brasil y Argentina empataron.", (("Brasil", "ORG"), ("Argentina", "ORG")), "es"),
        # Not a list: a scoreboard line.
        ("NEW YORK AT CALIFORNIA COLORADO AT ST LOUIS", (("CALIFORNIA", "LOC"), ("COLORADO", "ORG")), "en"),
        # A declined form found only by its stem: the model saw the case ("сборных ... Ирландии").
        ("Играл против сборных Мексики, Ирландии и Италии.",
         (("Мексики", "LOC"), ("Ирландии", "ORG"), ("Италии", "LOC")), "ru"),
    ],
)
def test_an_organisation_that_is_not_a_listed_place_keeps_its_type(
    kb: KnowledgeBase, text: str, items: tuple[tuple[str, str], ...], language: str
) -> None:
    spans = spans_for(text, *items)
    assert corrected(text, spans, kb, language) == spans
