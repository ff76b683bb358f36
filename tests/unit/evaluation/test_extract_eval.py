"""The article-extraction evaluation: a benchmark-shaped folder in, predictions file and score out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from worker.evaluation.extract import run

_PARAGRAPHS = [
    "The lifeboat crew was called out twice on Sunday to help walkers cut off by the rising tide.",
    "Both groups were brought back to the harbour safely and nobody needed to go to hospital.",
    "The station manager asked visitors to check the tide tables before setting out on the sands.",
]


def _write_page(folder: Path, page_id: str, paragraphs: list[str]) -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav><article>"
    html += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    (folder / "html").mkdir(exist_ok=True)
    (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))


def test_run_writes_predictions_and_scores_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every page becomes {id: {"articleBody": ...}}; with ground truth the shingle score comes back; no output."""
    _write_page(tmp_path, "a1", _PARAGRAPHS)
    _write_page(tmp_path, "b2", _PARAGRAPHS[:2])
    truth = {"a1": {"articleBody": "\n".join(_PARAGRAPHS), "url": "u1"}, "b2": {"articleBody": _PARAGRAPHS[0]}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    out = tmp_path / "predictions.json"

    result = run(tmp_path, out)

    predictions = json.loads(out.read_text(encoding="utf-8"))
    assert predictions == {
        "a1": {"articleBody": "\n\n".join(_PARAGRAPHS)},
        "b2": {"articleBody": "\n\n".join(_PARAGRAPHS[:2])},
    }
    assert result is not None and result.pages == 2
    assert result.recall == pytest.approx(1.0)
    assert 0.5 < result.precision < 1.0
    assert capsys.readouterr() == ("", "")


def test_run_without_ground_truth_only_extracts(tmp_path: Path) -> None:
    """No ground-truth.json: predictions are written and there is nothing to score."""
    _write_page(tmp_path, "only", _PARAGRAPHS)
    out = tmp_path / "predictions.json"
    assert run(tmp_path, out) is None
    assert json.loads(out.read_text(encoding="utf-8"))["only"]["articleBody"].startswith("The lifeboat crew")


def test_page_without_text_predicts_an_empty_body(tmp_path: Path) -> None:
    """A page with nothing readable is an empty prediction, not an error."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "empty.html.gz").write_bytes(gzip.compress(b"<html><body><script>x()</script></body></html>"))
    out = tmp_path / "predictions.json"
    run(tmp_path, out)
    assert json.loads(out.read_text(encoding="utf-8")) == {"empty": {"articleBody": ""}}
