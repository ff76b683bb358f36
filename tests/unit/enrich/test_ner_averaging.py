"""scripts/train_ner_language.py --average-with: two models of one architecture, weight for weight."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest
import spacy

from tests.scripts import SCRIPTS, load_script

MODELS = Path(__file__).parents[3] / "worker" / "enrich" / "models"


def _script():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SCRIPTS))  # the script imports train_ner beside it
    return load_script("train_ner_language")


def _params(nlp):  # type: ignore[no-untyped-def]
    return [node.get_param(name).copy() for node in nlp.get_pipe("ner").model.walk()
            for name in node.param_names if node.has_param(name)]


def test_averaging_moves_each_weight_the_given_part_of_the_way() -> None:
    """The Spanish and Dutch models share an architecture: a quarter of the way is 0.75 * es + 0.25 * nl."""
    script = _script()
    spanish, dutch = spacy.load(MODELS / "ner_es"), spacy.load(MODELS / "ner_nl")
    before, other = _params(spanish), _params(dutch)
    assert any(not numpy.array_equal(a, b) for a, b in zip(before, other, strict=True))
    script.averaged(spanish, dutch, 0.25)
    for mine, theirs, now in zip(before, other, _params(spanish), strict=True):
        numpy.testing.assert_allclose(now, 0.75 * mine + 0.25 * theirs, rtol=1e-5, atol=1e-6)


def test_models_of_other_sizes_are_refused() -> None:
    """The German model has larger hash tables than the Spanish one: no average of the two."""
    script = _script()
    with pytest.raises(ValueError, match="size"):
        script.averaged(spacy.load(MODELS / "ner_es"), spacy.load(MODELS / "ner_de"), 0.5)
