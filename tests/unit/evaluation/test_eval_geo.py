"""The geoparsing evaluation: predictions per gold span, the metrics by hand, the halves, the command."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from worker.cli import main
from worker.evaluation.geo import MAX_ERROR_KM, in_half, read, run, score

TEXT = "Flooding closed roads in Austin, Texas, and in Paris on Monday, officials in Texas said."
ARTICLE = {
    "id": "t-1",
    "title": "Floods",
    "text": TEXT,
    "places": [
        {"start": 25, "end": 31, "name": "Austin", "lat": 30.26715, "lon": -97.74306, "geonames_id": "4671654"},
        {"start": 33, "end": 38, "name": "Texas", "lat": 31.25044, "lon": -99.25061, "geonames_id": "4736286"},
        {"start": 47, "end": 52, "name": "Paris", "lat": 33.66094, "lon": -95.55551, "geonames_id": "4717560"},
        {"start": 77, "end": 82, "name": "Texas", "lat": 31.25044, "lon": -99.25061, "geonames_id": "4736286"},
        {"start": 0, "end": 8, "name": "Flooding", "lat": 0.0, "lon": 0.0, "geonames_id": None},
    ],
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for place in ARTICLE["places"]:
        assert TEXT[place["start"]:place["end"]] == place["name"]
    path = tmp_path / "geo.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


def test_score_by_hand() -> None:
    """Accuracy within 161 km, mean and median km, and AUC of sorted log(1 + km) over log(20039)."""
    result = score([0.0, 100.0, 1000.0, MAX_ERROR_KM], declined=1, articles=1)
    assert result.accuracy == pytest.approx(0.5)
    assert result.mean_km == pytest.approx((100 + 1000 + MAX_ERROR_KM) / 4)
    assert result.median_km == pytest.approx(550.0)
    logs = [0.0, math.log(101), math.log(1001), math.log(1 + MAX_ERROR_KM)]
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    assert result.auc == pytest.approx(area / (math.log(MAX_ERROR_KM) * 3))


def test_predictions_one_per_gold_span_and_scored(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    result = run(data, out)
    (line,) = out.read_text().splitlines()
    predicted = json.loads(line)
    assert predicted["id"] == "t-1"
    assert [(p["start"], p["end"]) for p in predicted["places"]] == [(p["start"], p["end"]) for p in ARTICLE["places"]]
    by_start = {p["start"]: p for p in predicted["places"]}
    assert by_start[47]["geonames_id"] == "4717560"  # Paris in a Texas story
    assert by_start[0]["lat"] is None  # no place called Flooding
    assert result.n == 5 and result.accuracy == pytest.approx(0.8) and result.declined == 1


def test_halves_split_the_file(data: Path) -> None:
    ids = [f"a-{i}" for i in range(200)]
    first = {i for i in ids if in_half(i, "a")}
    second = {i for i in ids if in_half(i, "b")}
    assert first.isdisjoint(second) and first | second == set(ids) and 60 < len(first) < 140
    assert len(read(data, "a")) + len(read(data, "b")) == 1


def test_eval_geo_command(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", "geo", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "accuracy@161km 0.8000" in result.output and out.exists()
