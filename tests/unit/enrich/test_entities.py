"""Merge rules: knowledge-base resolution, short forms, acronyms, offsets."""

import pytest

from worker.enrich.entities import Span, build_entities, label_type, merge_mentions
from worker.enrich.knowledge import KnowledgeBase, KnownEntity, load


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def spans_for(text: str, *items: tuple[str, str]) -> list[Span]:
    """Spans for each (surface, label) at successive occurrences in text."""
    spans, cursor = [], {}
    for surface, label in items:
        start = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = start + len(surface)
        spans.append(Span(start, start + len(surface), label))
    return spans


def names(groups) -> dict[str, list[str]]:
    return {g.canonical(): [m.text for m in g.mentions] for g in groups}


def test_surname_merges_into_full_name(kb: KnowledgeBase) -> None:
    text = "Maria Lopez-Santos spoke first. Later Lopez-Santos left."
    groups = merge_mentions(text, spans_for(text, ("Maria Lopez-Santos", "PERSON"), ("Lopez-Santos", "PERSON")), kb)
    assert names(groups) == {"Maria Lopez-Santos": ["Maria Lopez-Santos", "Lopez-Santos"]}


def test_family_name_first_merges_too(kb: KnowledgeBase) -> None:
    """Chinese-order names: the first word is the family name ("Li" -> "Li Wenliang")."""
    text = "Li Wenliang warned colleagues. Li was reprimanded."
    groups = merge_mentions(text, spans_for(text, ("Li Wenliang", "PERSON"), ("Li", "PERSON")), kb)
    assert names(groups) == {"Li Wenliang": ["Li Wenliang", "Li"]}


def test_short_form_with_wrong_label_still_merges_into_person(kb: KnowledgeBase) -> None:
    text = "Anna Berg arrived. Berg's visit ended."
    groups = merge_mentions(text, spans_for(text, ("Anna Berg", "PERSON"), ("Berg's", "GPE")), kb)
    assert names(groups) == {"Anna Berg": ["Anna Berg", "Berg"]}


def test_ambiguous_surname_is_not_merged(kb: KnowledgeBase) -> None:
    text = "Tom Hale and Ann Hale met. Hale spoke."
    spans = spans_for(text, ("Tom Hale", "PERSON"), ("Ann Hale", "PERSON"), ("Hale", "PERSON"))
    assert len(merge_mentions(text, spans, kb)) == 3


def test_country_aliases_are_one_entity_with_code(kb: KnowledgeBase) -> None:
    text = "The US and the U.S. and the United States."
    spans = spans_for(text, ("US", "GPE"), ("U.S.", "GPE"), ("United States", "GPE"))
    entities = build_entities(text, merge_mentions(text, spans, kb))
    assert len(entities) == 1
    assert (entities[0].name, entities[0].country_code, entities[0].wikidata_id) == ("United States", "US", "Q30")


def test_acronym_merges_into_organisation_spelled_out(kb: KnowledgeBase) -> None:
    text = "The Nordic Fisheries Council met. The NFC said no."
    spans = spans_for(text, ("Nordic Fisheries Council", "ORG"), ("NFC", "ORG"))
    assert names(merge_mentions(text, spans, kb)) == {"Nordic Fisheries Council": ["Nordic Fisheries Council", "NFC"]}


def test_determiner_and_possessive_are_trimmed_with_exact_offsets(kb: KnowledgeBase) -> None:
    text = "We read the Daily Planet's report."
    spans = [Span(text.index("the Daily"), text.index(" report"), "ORG")]
    (group,) = merge_mentions(text, spans, kb)
    mention = group.mentions[0]
    assert mention.text == "Daily Planet" and text[mention.start : mention.end] == "Daily Planet"


def test_numbers_and_dates_are_not_entities(kb: KnowledgeBase) -> None:
    text = "On Monday 30 people came."
    assert merge_mentions(text, spans_for(text, ("Monday", "DATE"), ("30", "CARDINAL")), kb) == []


def test_unknown_entity_has_no_wikidata_id(kb: KnowledgeBase) -> None:
    text = "Zorblax Industries grew."
    (entity,) = build_entities(text, merge_mentions(text, spans_for(text, ("Zorblax Industries", "ORG")), kb))
    assert entity.wikidata_id is None and entity.id == "newsflow:organisation:zorblax-industries"


def test_salience_favours_frequent_and_early_entities(kb: KnowledgeBase) -> None:
    text = "Ada Park won. Park celebrated. Park thanked fans. Late mention of Ben Ode."
    spans = spans_for(text, ("Ada Park", "PERSON"), ("Park", "PERSON"), ("Park", "PERSON"), ("Ben Ode", "PERSON"))
    by_name = {e.name: e.salience for e in build_entities(text, merge_mentions(text, spans, kb))}
    assert by_name["Ada Park"] > by_name["Ben Ode"]
    assert sum(by_name.values()) == pytest.approx(1.0, abs=0.01)


def test_user_knowledge_base_entry_wins() -> None:
    kb = KnowledgeBase()
    kb.add(KnownEntity("Acme Rockets", "organisation", "Q999999", None, ("ACR",)))
    text = "ACR launched."
    (entity,) = build_entities(text, merge_mentions(text, [Span(0, 3, "ORG")], kb))
    assert (entity.name, entity.wikidata_id) == ("Acme Rockets", "Q999999")


@pytest.mark.parametrize("surface", ["Chinese", "West Indian", "Serbs", "Muslim", "Anglo-Irish", "Swiss", "Israeli"])
def test_misc_demonyms_are_groups(surface: str) -> None:
    """CoNLL's MISC covers nationalities and religious groups: they publish as type group."""
    assert label_type("MISC", surface) == "group"


@pytest.mark.parametrize(("surface", "kind"), [("World Cup", "event"), ("Gulf War", "event"), ("Ramadan", "other"),
                                               ("Windows", "other")])
def test_other_misc_is_event_or_other(surface: str, kind: str) -> None:
    assert label_type("MISC", surface) == kind


def test_conll_labels_map_to_newsflow_types() -> None:
    assert [label_type(label, "X") for label in ("PER", "ORG", "LOC")] == ["person", "organisation", "place"]


def test_place_alias_does_not_override_a_person_or_a_team(kb: KnowledgeBase) -> None:
    """"Jordan" the player and "Florida" the team keep the model's type; the country stays a place."""
    text = "Jordan scored. Florida beat Boston. Jordan signed a deal."
    spans = spans_for(text, ("Jordan", "PER"), ("Florida", "ORG"), ("Jordan", "LOC"))
    kinds = {(g.canonical(), g.type) for g in merge_mentions(text, spans, kb)}
    assert kinds == {("Jordan", "person"), ("Florida", "organisation"), ("Jordan", "place")}


def test_a_capitalised_title_in_another_language_is_not_part_of_the_name(kb: KnowledgeBase) -> None:
    """"Premier Donald Tusk" and "Donald Tusk" are one person; "Premier League" keeps its whole name."""
    text = "Premier Donald Tusk spoke. Later Donald Tusk left. Premier League clubs met."
    spans = spans_for(text, ("Premier Donald Tusk", "PER"), ("Donald Tusk", "PER"), ("Premier League", "ORG"))
    assert names(merge_mentions(text, spans, kb)) == {
        "Donald Tusk": ["Premier Donald Tusk", "Donald Tusk"], "Premier League": ["Premier League"]}


def test_a_sentence_opening_preposition_in_another_language_does_not_cut_a_name(kb: KnowledgeBase) -> None:
    """"En Alemania" is not a longer name "En Alemania": the country resolves."""
    text = "En Alemania el paro bajó."
    (group,) = merge_mentions(text, spans_for(text, ("Alemania", "LOC")), kb)
    assert group.known is not None and group.known.wikidata_id == "Q183"
