"""The knowledge base file: valid entries, and clear errors for bad ones."""

import pytest

from worker.enrich.knowledge import KnowledgeBase, KnownEntity, load, read_jsonl, slug


def test_bundled_entries_load_and_ids_are_wikidata_form() -> None:
    kb = load()
    assert len(kb.entries) > 300  # curated entries plus the ISO 3166 gazetteer
    assert all(e.wikidata_id is None or e.wikidata_id.startswith("Q") for e in kb.entries)


def test_short_aliases_match_case_sensitively() -> None:
    kb = load()
    assert kb.lookup("US") is not None and kb.lookup("us") is None


def test_subdivision_resolves_with_iso_code() -> None:
    hit = load().lookup("Bavaria") or load().lookup("Bayern")
    assert hit is not None and hit.country_code == "DE-BY"


def test_user_file_extends_and_overrides(tmp_path) -> None:
    extra = tmp_path / "kb.jsonl"
    extra.write_text('{"name": "Example Town", "type": "place", "country_code": "GB", "aliases": ["Exton"]}\n')
    hit = load(extra).lookup("Exton")
    assert hit is not None and hit.name == "Example Town"


@pytest.mark.parametrize(
    "line",
    ['{"name": "X", "type": "planet"}', '{"name": "X", "type": "place", "wikidata_id": "12"}', '{"type": "place"}'],
)
def test_bad_line_names_its_place(line: str) -> None:
    with pytest.raises(ValueError, match="kb.jsonl:2"):
        read_jsonl(["# comment", line], "kb.jsonl")



@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@pytest.mark.parametrize("name", ["Alemania", "Allemagne", "Deutschland", "Duitsland", "Niemcy", "Германия"])
def test_a_country_named_in_another_language_is_the_same_entry(kb: KnowledgeBase, name: str) -> None:
    """pycountry's ISO 3166 translations join the base as aliases of the entry the English name finds."""
    hit, germany = kb.lookup(name), kb.lookup("Germany")
    assert hit is not None and germany is not None and hit.id == germany.id == "Q183"


@pytest.mark.parametrize(("name", "english"), [("Rusia", "Russia"), ("Россия", "Russia"), ("ONU", "United Nations"),
                                               ("Unión Europea", "European Union"), ("EE.UU.", "United States")])
def test_short_forms_the_translations_lack_are_curated(kb: KnowledgeBase, name: str, english: str) -> None:
    hit = kb.lookup(name)
    assert hit is not None and hit.name == english


def test_a_name_in_cyrillic_finds_its_romanised_entry(kb: KnowledgeBase) -> None:
    hit = kb.lookup("Владимир Путин")
    assert hit is not None and hit.wikidata_id == "Q7747"


def test_an_added_alias_never_replaces_a_name_already_held() -> None:
    """A translation that is another entry's name ("Chad") leaves that name to its entry."""
    kb = KnowledgeBase()
    chad = KnownEntity("Chad", "place", "Q657", "TD")
    kb.add(chad)
    kb.add_alias("Chad", KnownEntity("Chad Smith", "person"))
    kb.add_alias("Tschad", chad)
    assert kb.lookup("Chad") is chad and kb.lookup("Tschad") is chad


@pytest.mark.parametrize(("name", "expected"), [("José Núñez", "jose-nunez"), ("Владимир Путин", "vladimir-putin"),
                                                ("Anna Berg", "anna-berg"), ("Łódź", "lodz")])
def test_slugs_are_ascii_for_every_script(name: str, expected: str) -> None:
    """One id across spellings ("José"/"Jose"), and never an empty one for a non-Latin name."""
    assert slug(name) == expected


@pytest.mark.parametrize(("name", "english"), [("Ukrainy", "Ukraine"), ("Германии", "Germany"), ("Francji", "France"),
                                               ("России", "Russia"), ("Rosji", "Russia"), ("Украину", "Ukraine")])
def test_declined_polish_and_russian_names_find_their_entry_by_stem(
    kb: KnowledgeBase, name: str, english: str
) -> None:
    hit = kb.lookup(name, declined=True)
    assert hit is not None and hit.name == english


@pytest.mark.parametrize("name", ["Iraqi", "Israeli", "German"])
def test_stems_are_never_used_for_english(kb: KnowledgeBase, name: str) -> None:
    """"German" is the stem of "Germany" (final y stripped): an English demonym is not the country."""
    assert kb.lookup(name) is None and kb.lookup(name, declined=True) is not None


def test_a_stem_two_entries_share_finds_neither() -> None:
    kb = KnowledgeBase()
    kb.add_stem("Austria", KnownEntity("Austria", "place"))
    kb.add_stem("Austrii", KnownEntity("Australia", "place"))  # made-up clash on the stem "austr"
    kb.add_stem("Mali", KnownEntity("Mali", "place"))  # stem "mal": too short to be safe
    assert kb.lookup("Austrią", declined=True) is None and kb.lookup("Malią", declined=True) is None
