"""A dateline in capitals names the town the story is filed from; a qualifier that opens the next clause is none."""

from __future__ import annotations

import pytest

from tests.unit.enrich.test_places_ambiguity import resolved
from worker.enrich.places.context import at_dateline, qualifier_after
from worker.enrich.places.gazetteer import load

WASHINGTON_DC = 4140963
WASHINGTON_STATE = 5815135


@pytest.mark.parametrize("text", [
    "WASHINGTON (Reuters) - The president pardoned a turkey from Iowa on Tuesday.",
    "WASHINGTON The president pardoned a turkey from Iowa on Tuesday.",
    "Turkey pardoned. WASHINGTON — The president pardoned a turkey from Iowa on Tuesday.",
])
def test_a_dateline_in_capitals_is_the_big_city_of_its_name(text: str) -> None:
    place = resolved(text, ["WASHINGTON", "Iowa"])["WASHINGTON"].place
    assert place is not None and place.geonames_id == WASHINGTON_DC


def test_the_same_name_in_running_text_keeps_its_usual_reading() -> None:
    text = "Wildfires burned across Washington and Oregon this week."
    place = resolved(text, ["Washington", "Oregon"])["Washington"].place
    assert place is not None and place.geonames_id == WASHINGTON_STATE


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("WASHINGTON — Lawmakers met.", "WASHINGTON", True),
    ("Farmers met. HOLLIDAY, Mo. (AP) — A barn burned.", "HOLLIDAY", True),
    ("Fans cheered for WASHINGTON in the final.", "WASHINGTON", False),
    ("Washington — Lawmakers met.", "Washington", False),
])
def test_what_counts_as_a_dateline(text: str, name: str, expected: bool) -> None:
    start = text.index(name)
    assert at_dateline(text, start, start + len(name)) is expected


def test_a_qualifier_that_opens_the_next_clause_qualifies_nothing() -> None:
    gaz = load()
    text = "his reporting on Trump's entanglements in Russia, U.S. officials said on Wednesday."
    assert qualifier_after(gaz, text, text.index("Russia") + len("Russia")) == set()
    for kept in ("Police in Paris, Texas, said", "a fire in Paris, Texas on Monday", "marched in Portland, Ore. for",
                 "He lived in Norfolk, Nebraska from the age of eight"):
        name = kept.split(" in ")[1].split(",")[0]
        assert qualifier_after(gaz, kept, kept.index(name) + len(name)), kept


def test_an_abbreviation_that_ends_the_sentence_still_qualifies() -> None:
    gaz = load()
    text = "such as Fermilab in Kane County, Ill., and NERI in Jefferson County, Colo. A similar meeting was held."
    end = text.index("Jefferson County") + len("Jefferson County")
    assert qualifier_after(gaz, text, end) == {gaz.by_code["US-CO"]}
    found = resolved(text, ["Kane County", "Jefferson County"], gazetteer=gaz)["Jefferson County"].place
    assert found is not None and found.region_code == "US-CO"


def test_a_state_abbreviation_without_its_full_stop_after_a_town_is_the_state() -> None:
    gaz = load()
    found = resolved("EDMONTON, Ky (WBKO) -- A barn burned on Monday.", ["EDMONTON", "Ky"], gazetteer=gaz)
    place = found["Ky"].place
    assert place is not None and place.region_code == "US-KY" and place.feature_class == "region"
    # Alone, "Ky" is a name or a word, not the state.
    assert resolved("Ky won the race on Monday.", ["Ky"], gazetteer=gaz)["Ky"].place is None
