"""A place that speaks, hopes or warns is its government: the capital, and no neighbour of the story's towns."""

from __future__ import annotations

import pytest

from tests.unit.enrich.test_places_ambiguity import resolved
from worker.enrich.places.context import acts_as_a_government

WASHINGTON_DC = 4140963
WASHINGTON_STATE = 5815135
DAMASCUS_SYRIA = 170654


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Washington seems prepared to talk", "Washington", True),
    ("as Washington sees it", "Washington", True),
    ("Washington is hoping that", "Washington", True),
    ("Moscow warned on Monday", "Moscow", True),
    ("Washington state lawmakers", "Washington", False),
    ("Washington is a state of forests", "Washington", False),
    ("Washington, D.C.", "Washington", False),
    ("Police in Paris said on Monday", "Paris", False),
])
def test_a_verb_of_saying_or_wanting_after_the_name(text: str, name: str, expected: bool) -> None:
    assert acts_as_a_government(text, text.index(name), text.index(name) + len(name)) is expected


def test_a_capital_that_speaks_is_the_capital_not_the_state_of_its_name() -> None:
    text = ("Washington seems prepared to engage the Syrians if this helps Damascus distance itself from Tehran. "
            "Syria wants more.")
    found = resolved(text, ["Washington", "Damascus", "Tehran", "Syria"])
    washington, damascus = found["Washington"].place, found["Damascus"].place
    assert washington is not None and washington.geonames_id == WASHINGTON_DC
    # The government lends no support to Damascus, Maryland, 40 km from the capital.
    assert damascus is not None and damascus.geonames_id == DAMASCUS_SYRIA


def test_a_state_named_without_a_verb_of_saying_stays_the_state() -> None:
    text = "Apple growers in Washington expect a record harvest this year."
    place = resolved(text, ["Washington"])["Washington"].place
    assert place is not None and place.geonames_id == WASHINGTON_STATE
