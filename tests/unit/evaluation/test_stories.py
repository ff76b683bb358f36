"""The story-clustering scorer: B-cubed and pairwise figures on small hand-checked cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.evaluation.stories import INPUT_FIELDS, bcubed_among, score


def test_perfect_clustering_scores_one() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    result = score(gold, {"a": "x", "b": "x", "c": "y"})
    assert result.bcubed_f1 == result.pairwise_f1 == 1.0


def test_everything_alone_has_full_precision_and_partial_recall() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    result = score(gold, {})
    assert result.bcubed_precision == 1.0
    assert result.bcubed_recall == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert result.pairwise_recall == 0.0 and result.pairwise_f1 == 0.0


def test_one_wrong_merge_lowers_precision_as_b_cubed_counts_it() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    result = score(gold, {"a": "x", "b": "x", "c": "x"})
    assert result.bcubed_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert result.bcubed_recall == 1.0
    assert result.pairwise_precision == pytest.approx(1 / 3) and result.pairwise_recall == 1.0


def test_the_gold_field_is_not_among_the_fields_clustering_reads(tmp_path: Path) -> None:
    assert "story" not in INPUT_FIELDS
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": "1", "story": "s"}) + "\n")


def test_one_half_s_articles_are_scored_over_their_whole_stories() -> None:
    """Two halves in one stream: a wrong join across them counts against the joined article of either half, and
    the halves' averages weighed by their sizes give the whole's."""
    gold = {"a1": "x", "a2": "x", "b1": "y", "b2": "z"}
    predicted = {"a1": "s", "a2": "s", "b1": "s", "b2": "t"}  # b1 joined half A's event
    p_a, r_a, _ = bcubed_among(gold, predicted, ["a1", "a2"])
    p_b, r_b, _ = bcubed_among(gold, predicted, ["b1", "b2"])
    assert (p_a, r_a) == (2 / 3, 1.0) and (p_b, r_b) == ((1 / 3 + 1) / 2, 1.0)
    whole = score(gold, predicted)
    assert abs((p_a + p_b) / 2 - whole.bcubed_precision) < 1e-12
