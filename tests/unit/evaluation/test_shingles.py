"""The benchmark's 4-gram shingle metric on tiny hand-made texts."""

from __future__ import annotations

import pytest

from worker.evaluation.shingles import page_counts, score, shingles


def test_shingles_are_4_grams_with_multiplicity() -> None:
    """Five tokens give two shingles; a repeated run is counted twice."""
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("x y z w x y z w")["x y z w"] == 2


def test_short_text_is_one_shingle() -> None:
    """Fewer than four tokens make a single shingle; punctuation is not a token."""
    assert shingles("Hello, world!") == {"Hello world": 1}
    assert shingles("") == {}


def test_perfect_prediction_scores_one() -> None:
    """Identical texts: all true positives."""
    assert page_counts("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)
    result = score([("one two three four five", "one two three four five")])
    assert (result.precision, result.recall, result.f1, result.pages) == (1.0, 1.0, 1.0, 1)


def test_counts_are_normalised_per_page() -> None:
    """tp, fp and fn are fractions of the page's shingles, so they sum to one."""
    tp, fp, fn = page_counts("a b c d e f", "a b c d e")
    # pred shingles: abcd bcde cdef; truth: abcd bcde
    assert (tp, fp, fn) == pytest.approx((2 / 3, 1 / 3, 0.0))


def test_short_texts_compare_as_whole() -> None:
    """Under four tokens, a one-word difference misses the whole shingle."""
    assert page_counts("red car", "red car") == (1.0, 0.0, 0.0)
    assert page_counts("red car", "blue car") == pytest.approx((0.0, 0.5, 0.5))


def test_empty_prediction_counts_for_recall_only() -> None:
    """An empty extraction adds a zero to recall and nothing to precision."""
    result = score([("", "a b c d e"), ("a b c d e", "a b c d e")])
    assert result.recall == pytest.approx(0.5)
    assert result.precision == pytest.approx(1.0)
    assert result.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert result.pages == 2


def test_averages_are_per_page_not_per_shingle() -> None:
    """A long perfect page and a short wrong page weigh the same."""
    long_text = " ".join(f"w{i}" for i in range(400))
    result = score([(long_text, long_text), ("p q r s", "t u v w")])
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.5)


def test_all_empty_predictions_score_zero() -> None:
    """Nothing extracted anywhere: no precision to average, F1 zero."""
    result = score([("", "a b c d"), ("", "e f g h")])
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
