"""Merge rules: knowledge-base resolution, short forms, acronyms, offsets."""

import pytest

from worker.enrich.entities import Span, build_entities, merge_mentions
from worker.enrich.knowledge import KnowledgeBase, KnownEntity, load
from worker.enrich.labels import label_type


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


def test_hyphenated_ordinary_word_is_not_part_of_the_name(kb: KnowledgeBase) -> None:
    """The model keeps hyphenated words whole, as CoNLL-2003 does: "pro-Russian", "Boston-based"."""
    text = "The pro-Russian fighters met a Boston-based fund and Ukrainian-held towns."
    spans = spans_for(text, ("pro-Russian", "MISC"), ("Boston-based", "MISC"), ("Ukrainian-held", "MISC"))
    assert [m for g in merge_mentions(text, spans, kb) for m in g.surface_forms] == ["Russian", "Boston", "Ukrainian"]
    groups = merge_mentions(text, spans, kb)
    for group in groups:
        for mention in group.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_two_known_names_joined_by_a_hyphen_are_two_mentions(kb: KnowledgeBase) -> None:
    text = "US-China talks resumed in Guinea-Bissau, said Jean-Pierre Dupont."
    spans = spans_for(text, ("US-China", "LOC"), ("Guinea-Bissau", "LOC"), ("Jean-Pierre Dupont", "PER"))
    assert names(merge_mentions(text, spans, kb)) == {
        "United States": ["US"], "China": ["China"], "Guinea-Bissau": ["Guinea-Bissau"],
        "Jean-Pierre Dupont": ["Jean-Pierre Dupont"],
    }


def test_a_hyphenated_name_stays_whole(kb: KnowledgeBase) -> None:
    text = "The Organization for Security and Co-operation in Europe met Mercedes-Benz."
    spans = spans_for(text, ("Organization for Security and Co-operation in Europe", "ORG"), ("Mercedes-Benz", "ORG"))
    assert [g.canonical() for g in merge_mentions(text, spans, kb)] == [
        "Organization for Security and Co-operation in Europe", "Mercedes-Benz",
    ]


def test_peoples_adjective_before_an_institution_is_an_organisation(kb: KnowledgeBase) -> None:
    text = "The Scottish Government approved it; Scottish fishermen did not."
    spans = spans_for(text, ("Scottish", "MISC"), ("Scottish", "MISC"))
    assert {(g.canonical(), g.type) for g in merge_mentions(text, spans, kb)} == {
        ("Scottish Government", "organisation"), ("Scottish", "group"),
    }


def test_where_analysts_work_is_an_organisation(kb: KnowledgeBase) -> None:
    text = "Analysts at Wood Mackenzie and economists with Hale Lane agreed. Wood Green is a place."
    spans = spans_for(text, ("Wood Mackenzie", "LOC"), ("Hale Lane", "LOC"), ("Wood Green", "LOC"))
    assert {(g.canonical(), g.type) for g in merge_mentions(text, spans, kb)} == {
        ("Wood Mackenzie", "organisation"), ("Hale Lane", "organisation"), ("Wood Green", "place"),
    }


def test_a_word_of_one_longer_organisation_name_is_that_organisation(kb: KnowledgeBase) -> None:
    text = "Portmouth Rovers won. Rovers manager Ellen Doyle smiled."
    spans = spans_for(text, ("Portmouth Rovers", "ORG"), ("Rovers", "ORG"), ("Ellen Doyle", "PER"))
    assert names(merge_mentions(text, spans, kb)) == {
        "Portmouth Rovers": ["Portmouth Rovers", "Rovers"], "Ellen Doyle": ["Ellen Doyle"],
    }


def test_a_known_organisation_read_as_misc_is_an_organisation(kb: KnowledgeBase) -> None:
    """MISC is CoNLL's catch-all; a several-word name the tables know as an organisation is one."""
    text = "Investors including Volvo Cars put in money."
    (group,) = merge_mentions(text, spans_for(text, ("Volvo Cars", "MISC")), kb)
    assert (group.canonical(), group.type) == ("Volvo Cars", "organisation")


def test_an_organisation_name_read_in_pieces_is_one_mention(kb: KnowledgeBase) -> None:
    text = "Observers from the Organization for Security and Co-operation in Europe said so."
    spans = spans_for(text, ("Organization for Security", "ORG"), ("Europe", "LOC"))
    name = "Organization for Security and Co-operation in Europe"
    assert names(merge_mentions(text, spans, kb)) == {name: [name]}


def test_pieces_around_a_title_or_a_plain_and_stay_apart(kb: KnowledgeBase) -> None:
    text = "The Security Council President Tono Eitel met Google and Microsoft and Oxfam and Save the Children."
    spans = spans_for(text, ("Security Council", "ORG"), ("Tono Eitel", "PER"), ("Google", "ORG"), ("Microsoft", "ORG"),
                      ("Oxfam", "ORG"))
    assert len(merge_mentions(text, spans, kb)) == 5


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


def test_a_group_keeps_each_surface_form_once_with_its_count(kb: KnowledgeBase) -> None:
    """Short forms are matched against every group's forms once per mention: a form per mention made a roll
    call of thousands of names quadratic (tens of seconds an article); distinct forms keep it linear."""
    text = "Tom Varga-Held spoke. " + "Varga-Held nodded. " * 400
    groups = merge_mentions(text, spans_for(text, ("Tom Varga-Held", "PERSON"), *[("Varga-Held", "PERSON")] * 400), kb)
    (group,) = groups
    assert group.surface_forms == ["Tom Varga-Held", "Varga-Held"]
    assert group.forms == {"Tom Varga-Held": 1, "Varga-Held": 400}
    assert len(group.mentions) == 401 and group.canonical() == "Tom Varga-Held"


def test_the_first_form_in_the_text_wins_a_tie(kb: KnowledgeBase) -> None:
    text = "Zoe Brant arrived. Later ZOE BRANT left."
    spans = spans_for(text, ("Zoe Brant", "PERSON"), ("ZOE BRANT", "PERSON"))
    for order in (spans, spans[::-1]):
        assert [g.canonical() for g in merge_mentions(text, order, kb)] == ["Zoe Brant"]


def test_each_surname_of_a_long_roll_call_finds_its_own_person(kb: KnowledgeBase) -> None:
    """Short forms are looked up by the first and last words of names (an index), not by walking every group:
    the lookup must still find exactly the one person each surname belongs to."""
    full = [f"{first} {last}" for first in ("Anna", "Boris", "Carla") for last in ("Varga", "Lindqvist", "Okoro")]
    full = [name.replace(" ", f" {i}") for i, name in enumerate(full)]  # nine distinct surnames: "Varga0", ...
    text = "".join(f"{name} spoke. " for name in full) + "".join(f"{name.split()[1]} left. " for name in full)
    groups = merge_mentions(text, spans_for(text, *[(n, "PERSON") for n in full],
                                            *[(n.split()[1], "PERSON") for n in full]), kb)
    assert names(groups) == {name: [name, name.split()[1]] for name in full}
