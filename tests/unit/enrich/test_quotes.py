"""Quotations and speaker attribution."""

import pytest

from worker.enrich.quotes import Speaker, find_quotes


def speaker(text: str, name: str, entity_id: str, occurrence: int = 0, person: bool = True) -> Speaker:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return Speaker(entity_id, name, start, start + len(name), person)


def test_speaker_named_after_the_quote() -> None:
    text = '"We will rebuild the bridge this year," Mayor Lin told reporters.'
    (quote,) = find_quotes(text, [(0, len(text))], [speaker(text, "Lin", "lin")])
    assert quote.text == "We will rebuild the bridge this year," and quote.speaker_entity_id == "lin"
    assert text[quote.start : quote.end] == quote.text


def test_speaker_named_before_the_quote() -> None:
    text = 'Okafor said: "The results speak for themselves."'
    (quote,) = find_quotes(text, [(0, len(text))], [speaker(text, "Okafor", "okafor")])
    assert quote.speaker == "Okafor"


def test_pronoun_resolves_to_last_person_named() -> None:
    text = 'Dana Reyes left early. She added that "the plan is still on track for spring."'
    (quote,) = find_quotes(text, [(0, 22), (23, len(text))], [speaker(text, "Dana Reyes", "reyes")])
    assert quote.speaker_entity_id == "reyes"


def test_names_inside_quotes_are_not_speakers() -> None:
    text = 'Kim spoke. He said "Lee and I agreed on every point today."'
    spans = [speaker(text, "Kim", "kim"), speaker(text, "Lee", "lee")]
    (quote,) = find_quotes(text, [(0, 10), (11, len(text))], spans)
    assert quote.speaker_entity_id == "kim"


def test_scare_quotes_are_not_quotations() -> None:
    text = 'The talks were "candid" and "constructive".'
    assert find_quotes(text, [(0, len(text))], []) == []


def test_quote_without_attribution_has_no_speaker() -> None:
    text = 'The sign read "no entry after dark" in red letters.'
    (quote,) = find_quotes(text, [(0, len(text))], [])
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("es", "«Vamos a reconstruir el puente este año», dijo la alcaldesa Lucía Marín.", "Lucía Marín"),
        ("fr", "« Nous reconstruirons le pont cette année », a déclaré le maire Paul Girard.", "Paul Girard"),
        ("de", "„Wir bauen die Brücke noch in diesem Jahr wieder auf“, sagte Bürgermeisterin Anna Vogt.", "Anna Vogt"),
        ("nl", "\"We bouwen de brug dit jaar nog opnieuw op\", zei burgemeester Joris Smit.", "Joris Smit"),
        ("pl", "„Odbudujemy most jeszcze w tym roku” – powiedział burmistrz Jan Nowak.", "Jan Nowak"),
        ("ru", "«Мы восстановим мост уже в этом году», — сказал мэр Иван Петров.", "Иван Петров"),
    ],
)
def test_each_language_has_its_quote_marks_and_speech_verbs(language: str, text: str, name: str) -> None:
    """Guillemets, low-high German and Polish marks, and the language's own verb of saying."""
    (quote,) = find_quotes(text, [(0, len(text))], [speaker(text, name, "who")], language)
    assert quote.speaker_entity_id == "who" and len(quote.text.split()) >= 5
    assert text[quote.start : quote.end] == quote.text and quote.text[0].isalpha()


def test_without_its_language_a_verb_of_saying_is_not_recognised() -> None:
    """The English cues do not know "dijo": the speaker is not guessed (and guillemets are not English marks)."""
    text = '"Vamos a reconstruir el puente este año", dijo la alcaldesa Lucía Marín.'
    (quote,) = find_quotes(text, [(0, len(text))], [speaker(text, "Lucía Marín", "who")])
    assert quote.speaker is None
    (quote,) = find_quotes(text, [(0, len(text))], [speaker(text, "Lucía Marín", "who")], "es")
    assert quote.speaker == "Lucía Marín"


def test_a_pronoun_in_the_language_finds_the_last_person_named() -> None:
    text = "Klaus Brandt kam spät. Er sagte: „Der Plan steht weiterhin für den Frühling.“"
    (quote,) = find_quotes(text, [(0, 22), (23, len(text))], [speaker(text, "Klaus Brandt", "kb")], "de")
    assert quote.speaker_entity_id == "kb"
