"""Golden articles, one per supported language other than English: entities, a quote, topics from the
language's own cues, and no English tone lexicon.

Each article is written for this test (made-up events, real public figures and places). Every one names
Germany in its own language and Olaf Scholz, and each comes out as one entity.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.pipelines import default_pipeline
from worker.models import EnrichedArticle
from worker.pipeline import Enriched, Message, Pipeline

SEEDS = Path(__file__).parents[3] / "seeds"

ARTICLES = {
    "es": (
        "Sánchez y Scholz acuerdan reforzar la cooperación energética",
        "El presidente del Gobierno español, Pedro Sánchez, se reunió este martes en Madrid con el canciller "
        "Olaf Scholz para estudiar nuevas interconexiones eléctricas entre la península y el resto de Europa. "
        "«Alemania y España comparten la misma visión sobre la transición energética», dijo Sánchez tras el "
        "encuentro en el Palacio de la Moncloa. Scholz recordó que la Comisión Europea ya financia parte del "
        "proyecto y que Iberdrola participará en la construcción del nuevo cable submarino. La reunión se produjo "
        "una semana antes de la cumbre de la Unión Europea en Bruselas.",
        "Pedro Sánchez",
    ),
    "fr": (
        "Macron et Scholz veulent relancer la défense européenne",
        "Le président Emmanuel Macron a reçu mardi à l'Élysée le chancelier allemand Olaf Scholz pour un dîner de "
        "travail consacré à la défense. « L'Allemagne et la France doivent avancer ensemble sur un char européen », "
        "a déclaré Emmanuel Macron devant la presse. Les deux dirigeants ont également évoqué la situation en "
        "Ukraine et le prochain sommet de l'OTAN à Washington. Selon l'Élysée, le groupe Airbus sera associé aux "
        "discussions sur l'avion de combat du futur.",
        "Emmanuel Macron",
    ),
    "de": (
        "Scholz wirbt in Warschau für gemeinsame Rüstungsprojekte",
        "Bundeskanzler Olaf Scholz ist am Dienstag zu Gesprächen mit dem polnischen Ministerpräsidenten Donald "
        "Tusk nach Warschau gereist. „Deutschland und Polen tragen gemeinsam Verantwortung für die Sicherheit "
        "Europas“, sagte Scholz nach dem Treffen. Tusk forderte mehr Tempo bei der Lieferung von Munition an die "
        "Ukraine. Auch der Rüstungskonzern Rheinmetall soll nach Angaben der Bundesregierung ein Werk in Polen "
        "errichten. Die Europäische Union will die Projekte mit Krediten unterstützen.",
        "Olaf Scholz",
    ),
    "nl": (
        "Schoof en Scholz willen snellere bouw van windparken",
        "Premier Dick Schoof heeft dinsdag in Den Haag gesproken met de Duitse bondskanselier Olaf Scholz over "
        "windparken op de Noordzee. \"Duitsland en Nederland moeten hun stroomnetten veel sneller koppelen\", zei "
        "Schoof na afloop van het overleg. Netbeheerder TenneT werkt al aan een nieuwe verbinding tussen Eemshaven "
        "en Nedersaksen. Volgens Scholz kan de Europese Commissie een deel van de kosten dragen. De plannen worden "
        "volgende maand in Brussel besproken.",
        "Dick Schoof",
    ),
    "pl": (
        "Tusk i Scholz rozmawiali o bezpieczeństwie granicy",
        "Premier Donald Tusk spotkał się we wtorek w Warszawie z kanclerzem Olafem Scholzem. Rozmowa dotyczyła "
        "bezpieczeństwa wschodniej granicy i pomocy dla Ukrainy. „Niemcy i Polska muszą działać razem w sprawie "
        "obrony Europy” – powiedział Donald Tusk na konferencji prasowej. Szef rządu dodał, że Komisja Europejska "
        "powinna sfinansować część umocnień na granicy z Białorusią. Spółka PGE ma z kolei zbudować nową linię "
        "energetyczną do Niemiec.",
        "Donald Tusk",
    ),
    # The model trained on WikiANN alone ran names on into the words after them here ("Олаф Шольц журналистам
    # после встречи" as one organisation) and was not enabled; retrained with running text, it is.
    "ru": (
        "Шольц обсудил с Макроном помощь Украине",
        "Канцлер Германии Олаф Шольц во вторник провёл в Берлине переговоры с президентом Франции Эммануэлем "
        "Макроном. «Германия и Франция продолжат поддерживать Украину столько, сколько потребуется», — заявил "
        "Олаф Шольц журналистам после встречи. Стороны также обсудили работу Европейского союза и предстоящий "
        "саммит НАТО в Вашингтоне. По словам Макрона, компания Airbus получит новые заказы от армий обеих стран.",
        "Олаф Шольц",
    ),
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="module")
def enriched(pipeline: Pipeline) -> dict[str, EnrichedArticle]:
    """All seven articles through one pipeline (each model loads once for the module)."""
    out = {}
    for code, (title, text, _) in ARTICLES.items():
        (outcome,) = pipeline.process([Message(json.dumps({"title": title, "body": text}).encode())])
        assert isinstance(outcome, Enriched)
        out[code] = outcome.article
    assert pipeline.models.loaded == tuple(sorted(["en", *ARTICLES]))
    return out


def by_name(article: EnrichedArticle) -> dict[str, str]:
    return {e.name: e.id for e in article.entities}


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_the_language_is_detected_and_supported(enriched: dict[str, EnrichedArticle], code: str) -> None:
    assert (enriched[code].language, enriched[code].language_status) == (code, "supported")


# What the shipped models get wrong in these articles (README: the models are below their goals). Strict: a
# better model makes these pass, and then the mark goes.
MISSED = {
    "nl": "the Dutch model misses TenneT after the noun Netbeheerder",
}


#: The articles that name Olaf Scholz in Latin script.
SCHOLZ_TEXTS = ("es", "fr", "de", "nl")


def _known_miss(code: str, what: str) -> pytest.MarkDecorator | tuple[()]:
    reason = MISSED.get(code, "")
    return pytest.mark.xfail(reason=reason, strict=True) if what in reason else ()


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_germany_in_any_language_is_one_place(enriched: dict[str, EnrichedArticle], code: str) -> None:
    """"Alemania", "Allemagne", "Deutschland", "Duitsland", "Niemcy", "Германия": Q183, named Germany. The Spanish
    model reads «Alemania» in «Alemania y España» as an organisation; listed with a place, it is one (titles.py)."""
    germany = [e for e in enriched[code].entities if e.id == "Q183"]
    assert len(germany) == 1 and germany[0].name == "Germany" and germany[0].type == "place"


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_the_quote_and_its_speaker(enriched: dict[str, EnrichedArticle], code: str) -> None:
    """The language's own marks and verb of saying; the speaker is the person named next to the verb."""
    article = enriched[code]
    (quote,) = article.quotes
    names = {e.id: e.name for e in article.entities}
    assert quote.speaker_entity_id is not None and names[quote.speaker_entity_id] == ARTICLES[code][2]
    assert article.text[quote.start : quote.end] == quote.text and len(quote.text.split()) >= 6


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_no_english_lexicon_scores_other_languages(enriched: dict[str, EnrichedArticle], code: str) -> None:
    """No tone (VADER is an English word list); topics from the language's own cues: each article is a
    meeting of heads of government, politics first (README, Languages)."""
    article = enriched[code]
    assert article.tone is None and all(e.tone is None for e in article.entities)
    assert article.topics and article.topics[0].code == "medtop:11000000", article.topics


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", {"Pedro Sánchez": "person", "Olaf Scholz": "person", "European Commission": "organisation",
                "Iberdrola": "organisation"}),
        ("fr", {"Emmanuel Macron": "person", "Olaf Scholz": "person", "NATO": "organisation", "Ukraine": "place"}),
        ("de", {"Olaf Scholz": "person", "Donald Tusk": "person", "Poland": "place", "European Union": "organisation"}),
        pytest.param("nl", {"Dick Schoof": "person", "Olaf Scholz": "person", "TenneT": "organisation"},
                     marks=_known_miss("nl", "TenneT")),
        # Polish and Russian inflect names: only the nominative forms ("Komisja Europejska") are known.
        ("pl", {"Donald Tusk": "person", "European Commission": "organisation", "Poland": "place"}),
        ("ru", {"Олаф Шольц": "person", "NATO": "organisation", "Germany": "place", "Airbus": "organisation"}),
    ],
)
def test_the_main_entities(enriched: dict[str, EnrichedArticle], code: str, expected: dict[str, str]) -> None:
    found = {e.name: e.type for e in enriched[code].entities}
    assert {name: found.get(name) for name in expected} == expected


@pytest.mark.parametrize("code", SCHOLZ_TEXTS)
def test_a_person_is_one_id_across_languages(enriched: dict[str, EnrichedArticle], code: str) -> None:
    """Olaf Scholz, named in Spanish, French, German and Dutch text, is one entity id: the person's."""
    ids = {e.id for e in enriched[code].entities if e.name == "Olaf Scholz"}
    assert ids == {"newsflow:person:olaf-scholz"}, ids


def test_the_record_has_the_english_shape(pipeline: Pipeline, enriched: dict[str, EnrichedArticle]) -> None:
    """The same fields as an English record: the schema does not change with the language."""
    english = pipeline.process([Message((SEEDS / "000_33586b52e2178833.txt").read_bytes())])[0]
    assert isinstance(english, Enriched)
    shape = set(english.article.model_dump())
    assert all(set(a.model_dump()) == shape for a in enriched.values())


def test_the_spanish_seed_is_enriched(pipeline: Pipeline) -> None:
    """seeds/003_wire_batch.jsonl's Spanish article: its places and the weather agency, no longer empty."""
    line = (SEEDS / "003_wire_batch.jsonl").read_text(encoding="utf-8").splitlines()[2]
    (outcome,) = pipeline.process([Message(line.encode())])
    assert isinstance(outcome, Enriched)
    article = outcome.article
    assert (article.language, article.language_status) == ("es", "supported")
    found = {e.name: e.type for e in article.entities}
    assert {n: found.get(n) for n in ("Andalucía", "Sevilla", "Córdoba")} == dict.fromkeys(
        ("Andalucía", "Sevilla", "Córdoba"), "place"), found
    assert found.get("Agencia Estatal de Meteorología") == "organisation", found
    assert article.locations, "the places are located"
    assert article.topics[0].code == "medtop:17000000", article.topics  # a heat wave: weather, from Spanish cues


def _surname(code: str) -> str:
    return "Шольц" if code == "ru" else "Scholz"


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_scholz_is_never_an_organisation(enriched: dict[str, EnrichedArticle], code: str) -> None:
    """Every entity whose name holds Scholz's surname (in the article's script) is a person. The Dutch model reads
    "Olaf Scholz" after "bondskanselier" as an organisation, the Russian one "Канцлер Германии Олаф Шольц" whole;
    the name after a title is a person's, and the title is cut off (titles.py)."""
    types = {e.name: e.type for e in enriched[code].entities if _surname(code) in e.name}
    assert types and set(types.values()) == {"person"}, types
