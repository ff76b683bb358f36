"""Quotations and speaker attribution."""

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
