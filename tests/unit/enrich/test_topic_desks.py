"""The desk model: naive Bayes word counts trained by scripts/train_topic_desks.py, shipped for en and fr."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.scripts import load_script
from worker.enrich.topics import desks, fallback
from worker.enrich.topics.classify import classify

SPORT, HEALTH, ECONOMY = "medtop:15000000", "medtop:07000000", "medtop:04000000"


def _script():  # type: ignore[no-untyped-def]
    return load_script("train_topic_desks")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_shipped_models_load_with_their_desks(language: str) -> None:
    model = desks.desk_model(language)
    assert model is not None and len(model.codes) >= 5 and len(model.log_present) > 1000
    assert SPORT in model.codes and HEALTH in model.codes


def test_a_language_without_a_model_has_none() -> None:
    assert desks.desk_model("de") is None and desks.desk_model("ar") is None


def test_the_belief_is_a_distribution_over_the_desks() -> None:
    model = desks.desk_model("en")
    assert model is not None
    belief = model.posterior("Striker scores twice", "The midfielder and the goalkeeper.", "en")
    assert belief is not None and abs(sum(belief.values()) - 1.0) < 1e-9
    assert max(belief, key=belief.__getitem__) == SPORT
    assert model.posterior("Zorb", "Qwfp xyzzy.", "en") is None


def test_an_item_no_cue_matches_gets_the_desk_models_choice() -> None:
    """"Alopecia" and hair loss are not cues here, yet the desk model has seen health stories' words."""
    title, text = "Alopecia: living with it", "Laura was 13 when she started to lose her hair, and her mum and GP"
    model = desks.desk_model("en")
    assert model is not None
    belief = model.posterior(title, text, "en")
    assert belief is not None
    expected = max(belief, key=belief.__getitem__)
    assert fallback.fallback_topic(title, text, "en") == expected


def test_the_training_script_learns_its_desks(tmp_path: Path) -> None:
    """Trained on a tiny file, the model puts each kind of story on its desk; it keeps counts, not text."""
    rows = [("sports", f"Match report {n}", "The striker scored a goal and the keeper saved a penalty.")
            for n in range(3)]
    rows += [("health", f"Ward news {n}", "The hospital treated patients and the nurses gave vaccines.")
             for n in range(3)]
    rows += [("business", f"Market {n}", "The company said profits rose and its shares gained.") for n in range(3)]
    source = tmp_path / "train.tsv"
    source.write_text("category\theadline\ttext\n" + "".join(f"{c}\t{h}\t{t}\n" for c, h, t in rows),
                      encoding="utf-8")
    out = tmp_path / "model.json"
    argv = sys.argv
    try:
        sys.argv = ["train_topic_desks.py", "en", str(source), "--out", str(out)]
        _script().main()
    finally:
        sys.argv = argv
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["codes"] == [ECONOMY, HEALTH, SPORT] and payload["articles"] == [3, 3, 3]
    assert "goal" in payload["words"] and "Match report 0" not in json.dumps(payload)
    model = desks.load(out)
    cases = (("a goal and a penalty", SPORT), ("patients and nurses", HEALTH), ("profits and shares", ECONOMY))
    for text, code in cases:
        belief = model.posterior(None, text, "en")
        assert belief is not None and max(belief, key=belief.__getitem__) == code


def test_the_training_script_refuses_a_dev_or_test_split(tmp_path: Path) -> None:
    source = tmp_path / "dev.tsv"
    source.write_text("category\theadline\ttext\n", encoding="utf-8")
    argv = sys.argv
    try:
        sys.argv = ["train_topic_desks.py", "en", str(source), "--out", str(tmp_path / "m.json")]
        with pytest.raises(SystemExit, match="train split"):
            _script().main()
    finally:
        sys.argv = argv


def test_the_desk_model_settles_a_close_call_between_its_desks(monkeypatch: pytest.MonkeyPatch) -> None:
    """An app for patients: the cues alone lean to technology, the model (which has read health stories about
    GP appointments) tips it to health."""
    item = ("App helps patients", "A new smartphone app lets patients book GP appointments online.")
    with_model = classify(*item)[0].code
    monkeypatch.setitem(desks.DESK_WEIGHT, "en", 0.0)
    assert (with_model, classify(*item)[0].code) == (HEALTH, "medtop:13000000")


@pytest.mark.parametrize(("title", "text", "code"), [
    ("Canicule : alerte rouge dans le sud", "Les températures devraient dépasser 42 degrés ce week-end, selon "
     "Météo-France, qui a placé trois départements en vigilance rouge.", "medtop:17000000"),
    ("Un homme condamné à 20 ans de prison pour meurtre", "Le tribunal a condamné mardi un homme de 35 ans à "
     "vingt ans de prison pour le meurtre de sa voisine, a indiqué le procureur.", "medtop:02000000"),
    ("Des combats font rage dans l'est du pays", "L'armée a bombardé les positions des rebelles, et des "
     "centaines de civils ont fui les combats.", "medtop:16000000"),
])
def test_the_desk_model_cannot_outvote_a_field_it_does_not_know(
    monkeypatch: pytest.MonkeyPatch, title: str, text: str, code: str
) -> None:
    """However much weight it is given, the model adds no topic and lifts no desk past weather, crime or war
    that the cues put clearly ahead (before this guard a French heat wave came out as sport)."""
    monkeypatch.setitem(desks.DESK_WEIGHT, "fr", 50.0)
    topics = classify(title, text, language="fr")
    assert topics[0].code == code
    assert [t.code for t in topics if t.level == 1] == [code]
