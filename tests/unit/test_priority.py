"""Cost-benefit priority: scores by hand, ranks per cost, the budget's best set against all
subsets, the weights block."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from plugin.core.priority import prioritize, scaled
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

PACK = ROOT / "resources" / "rules" / "cn-reclamation.json"


def test_scores_and_ranks_by_hand():
    terms = {
        "esv_gain": np.array([0.0, 50.0, 100.0]),
        "corridor_gain": np.array([10.0, 0.0, 0.0]),
        "cultivated_hm2": np.array([0.0, 0.0, 0.0]),  # none: counts 0
    }
    weights = {"esv_gain": 0.4, "corridor_gain": 0.3, "cultivated_hm2": 0.3}
    area = np.array([1.0, 1.0, 4.0])
    result = prioritize(terms, weights, area)
    np.testing.assert_allclose(result.score, [0.3, 0.2, 0.4])
    np.testing.assert_allclose(result.ratio, [0.3, 0.2, 0.1])
    assert result.rank.tolist() == [1, 2, 3]
    # A loss counts against: −50 of a largest 100 magnitude.
    loss = prioritize({"esv_gain": np.array([-50.0, 100.0])}, {"esv_gain": 1.0}, np.ones(2))
    np.testing.assert_allclose(loss.score, [-0.5, 1.0])
    assert result.selected is None
    # Without a cost a unit is not ranked.
    lost = prioritize(terms, weights, np.array([1.0, np.nan, 4.0]))
    assert lost.rank.tolist() == [1, 0, 2]
    assert scaled(np.array([3.0, np.nan, 5.0])).tolist() == [0.6, 0.0, 1.0]


def test_the_budget_selects_the_best_set():
    rng = np.random.default_rng(3)
    score = rng.uniform(0, 1, 12)
    cost = rng.uniform(1, 10, 12)
    budget = 0.35 * cost.sum()
    result = prioritize({"esv_gain": score}, {"esv_gain": 1.0}, cost, budget)
    scaled_score = result.score
    best = max(
        (
            sum(scaled_score[list(s)])
            for n in range(13)
            for s in itertools.combinations(range(12), n)
            if cost[list(s)].sum() <= budget
        ),
    )
    assert result.solver in ("milp", "greedy")
    assert cost[result.selected].sum() <= budget + 1e-9
    if result.solver == "milp":
        assert scaled_score[result.selected].sum() == pytest.approx(best)
    assert result.bound >= best - 1e-9


def test_the_weights_block_and_its_errors():
    doc = json.loads(PACK.read_text(encoding="utf-8"))
    weights = parse_pack(doc, "t").priority.weights
    assert weights == {"esv_gain": 0.4, "corridor_gain": 0.3, "cultivated_hm2": 0.3}
    for value, message in (
        ({"esv_gain": -1}, "weight of -1"),
        ({"esv_gain": 0}, "no weight above 0"),
        ({"beauty": 1}, "priority.weights.value.beauty"),
    ):
        doc["priority"]["weights"]["value"] = value
        with pytest.raises(RulePackError, match=message):
            parse_pack(doc, "t")
