"""The evidence score and the script that fits its weights."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np

from tests.scripts import load_script
from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, SUMMIT, article
from worker.stories.cluster import Params
from worker.stories.evidence import SIGNALS, WEIGHTS, Evidence, log_odds, probability


def trainer() -> ModuleType:
    return load_script("train_story_weights")


def test_one_weight_per_signal_and_an_intercept() -> None:
    assert len(WEIGHTS) == len(SIGNALS) + 1 == len(Evidence(0, 0, 0, 0, 0, 0, 0).values(86400.0)) + 1


def test_more_shared_evidence_and_less_time_between_give_a_higher_probability() -> None:
    def p(**changes: float) -> float:
        base = {"words": 0.2, "names": 0.2, "gap": 86400.0, "rare_names": 1, "rare_words": 1, "rarest": 0.9,
                "size": 2}
        return probability(Evidence(**(base | changes)).values(7 * 86400.0), WEIGHTS)  # type: ignore[arg-type]

    assert p(words=0.4) > p() and p(names=0.4) > p() and p(rare_names=3) > p() and p(rarest=1.0) > p()
    assert p(gap=0.0) > p() > p(gap=30 * 86400.0) > p(gap=300 * 86400.0)
    assert math.isclose(probability([0.0] * len(SIGNALS), (0.0,) * len(SIGNALS) + (log_odds(0.3),)), 0.3)


def test_the_fit_finds_the_direction_of_the_evidence() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2000, 2))
    y = (rng.random(2000) < 1 / (1 + np.exp(-(3 * x[:, 0] - 2 * x[:, 1] + 0.5)))).astype(float)
    beta = trainer().fit(x, y)
    assert abs(beta[0] - 3) < 0.5 and abs(beta[1] + 2) < 0.5 and abs(beta[2] - 0.5) < 0.3


def test_training_pairs_are_each_article_against_its_candidates_labelled_by_the_gold_event() -> None:
    stream = [article("q1", *QUAKE), article("s1", *SUMMIT, hours=1), article("q2", *QUAKE_2, hours=2)]
    gold = {"q1": "quake", "s1": "summit", "q2": "quake"}
    x, y = trainer().pairs(stream, gold, Params())
    assert x.shape == (len(y), len(SIGNALS)) and y.sum() >= 1  # q2 against the quake's story, of one event
    assert x[y == 1][:, SIGNALS.index("words")].min() > x[y == 0][:, SIGNALS.index("words")].max(initial=0.0)
