"""The knowledge base file: valid entries, and clear errors for bad ones."""

import pytest

from worker.enrich.knowledge import load, read_jsonl


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
