"""Priority of reclamation by cost and benefit (after Dong et al. 2024's cost-benefit
prioritisation of abandoned mine land, whose weights were not obtained).

Each benefit term is scaled by the largest magnitude it has over the plan's units (the most
1, no benefit 0, a loss negative: a unit whose reclamation lowers the value counts against
it), weighted and summed into a score; the ratio
score / cost ranks the units (1 = the most benefit per cost). Cost is the unit's
investment (元) when known, else its area (hm²: benefit per hectare, as planners of units
of unequal area need). With a budget, the set of units of the largest total score whose
cost fits (a 0/1 knapsack: ``scipy.optimize.milp``, else the greedy fill by ratio, whose
gap to the bound is reported).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Priority:
    scaled: Mapping[str, np.ndarray]  # term -> 0–1 per unit
    score: np.ndarray  # Σ weight × scaled term
    ratio: np.ndarray  # score / cost (NaN where the cost is not above 0)
    rank: np.ndarray  # 1 = first; 0 = not ranked (no cost)
    selected: np.ndarray | None  # within the budget (bool), None without a budget
    solver: str  # "milp", "greedy" or "" without a budget
    bound: float  # upper bound of the selectable score (the linear relaxation)


def scaled(values: np.ndarray) -> np.ndarray:
    """``values`` / their largest magnitude (−1…1, no benefit 0); NaN (no value) and a term
    that is 0 everywhere count 0."""
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros(len(values))
    largest = float(np.abs(values[finite]).max())
    if largest == 0:
        return np.zeros(len(values))
    return np.where(finite, values / largest, 0.0)


def prioritize(
    terms: Mapping[str, np.ndarray],
    weights: Mapping[str, float],
    cost: np.ndarray,
    budget: float | None = None,
) -> Priority:
    count = len(cost)
    scaled_terms = {term: scaled(terms[term]) for term in weights if term in terms}
    score = np.zeros(count)
    for term, values in scaled_terms.items():
        score += weights[term] * values
    costed = np.isfinite(cost) & (cost > 0)
    ratio = np.full(count, np.nan)
    ratio[costed] = score[costed] / cost[costed]
    order = np.lexsort((np.arange(count), -score, -np.nan_to_num(ratio, nan=-np.inf)))
    rank = np.zeros(count, dtype=np.int64)
    ranked = order[costed[order]]
    rank[ranked] = np.arange(1, len(ranked) + 1)
    if budget is None:
        return Priority(scaled_terms, score, ratio, rank, None, "", float(score.sum()))
    if budget < 0:
        raise ValueError(f"a budget of {budget}")
    selected, solver, bound = _select(score, cost, costed, budget, ranked)
    return Priority(scaled_terms, score, ratio, rank, selected, solver, bound)


def _select(
    score: np.ndarray, cost: np.ndarray, costed: np.ndarray, budget: float, ranked: np.ndarray
) -> tuple[np.ndarray, str, float]:
    candidates = np.flatnonzero(costed & (score > 0))
    bound = _relaxation_bound(score[candidates], cost[candidates], budget)
    chosen = np.zeros(len(score), dtype=bool)
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp
    except ImportError:
        milp = None
    if milp is not None and candidates.size:
        result = milp(
            -score[candidates],
            constraints=LinearConstraint(cost[candidates][None, :], -np.inf, budget),
            integrality=np.ones(candidates.size),
            bounds=Bounds(0, 1),
        )
        if result.success:
            chosen[candidates[result.x > 0.5]] = True
            return chosen, "milp", bound
    spent = 0.0
    for unit in ranked:
        if score[unit] > 0 and spent + cost[unit] <= budget:
            chosen[unit] = True
            spent += cost[unit]
    return chosen, "greedy", bound


def _relaxation_bound(score: np.ndarray, cost: np.ndarray, budget: float) -> float:
    """The fractional knapsack's value: no selection within the budget scores more."""
    order = np.argsort(-(score / cost), kind="stable")
    left, total = budget, 0.0
    for unit in order:
        take = min(1.0, left / cost[unit]) if cost[unit] > 0 else 1.0
        if take <= 0:
            break
        total += take * score[unit]
        left -= take * cost[unit]
    return total
