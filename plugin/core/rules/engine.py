"""Vectorised grading: factor grades, the limiting-factor and index-sum methods.

Input: factor name -> 1-D numpy array (one value per unit or raster cell), NaN = missing.
Output per use: grade (0 not evaluated, 1, 2, 3, 4 = N), a bit mask of limiting factors
(bit i = the use's i-th rule), and the observed value and crossed limit of the first
limiting factor. Nothing loops over units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .pack import FactorRule, RulePack, UseRules
from .vocabulary import GRADE_N, NOT_EVALUATED

# Marks a missing value that makes the unit "not evaluated" for the use.
_UNEVALUABLE = -1


@dataclass(frozen=True)
class UseResult:
    """Grades of one use for every unit."""

    use: str
    rules: tuple[FactorRule, ...]
    grade: np.ndarray  # int8: 0 not evaluated, 1, 2, 3, 4 (N)
    limiting: np.ndarray  # int64 bit mask over ``rules``
    observed: np.ndarray  # float64: value of the first limiting factor (NaN if none)
    limit: np.ndarray  # float64: the limit that value crossed (NaN if none/categorical)

    def limiting_factors(self, mask: int) -> list[str]:
        """Factor names in a limiting bit mask."""
        return [rule.factor for i, rule in enumerate(self.rules) if mask >> i & 1]


class MissingFactorError(KeyError):
    """A rule needs a factor the input does not have at all."""


def _numeric_grade(rule: FactorRule, values: np.ndarray) -> np.ndarray:
    grade = np.ones(values.shape, dtype=np.int8)
    if rule.kind == "lower_better":
        # Upper bound inclusive: a value on a limit keeps the better grade.
        for limit in rule.limits:
            grade += values > limit
    elif rule.kind == "higher_better":
        for limit in rule.limits:
            grade += values < limit
    else:  # range: nested [low, high] per grade, inclusive at both ends
        for low, high in rule.limits:
            grade += (values < low) | (values > high)
    return grade


def _categorical_grade(rule: FactorRule, values: np.ndarray) -> np.ndarray:
    grade = np.full(values.shape, _UNEVALUABLE, dtype=np.int8)  # unknown code = missing
    for code, code_grade in rule.categories.items():
        grade[values == code] = code_grade
    return grade


def _constraint_grade(rule: FactorRule, values: np.ndarray) -> np.ndarray:
    violated = values > rule.bound if rule.bound_is_max else values < rule.bound
    return np.where(violated, GRADE_N, 1).astype(np.int8)


def grade_factor(rule: FactorRule, values: np.ndarray) -> np.ndarray:
    """Grade of one factor: 1..4, or -1 where missing and the policy says not evaluated.

    Missing values (NaN, unknown category) follow the rule's policy: ``ignore`` grades 1
    (the factor does not limit), ``worst`` grades N, ``not_evaluated`` gives -1.
    """
    values = np.asarray(values, dtype=np.float64)
    missing = np.isnan(values)
    if rule.kind == "categorical":
        grade = _categorical_grade(rule, values)
        missing |= grade == _UNEVALUABLE
    elif rule.kind == "constraint":
        grade = _constraint_grade(rule, values)
    else:
        grade = _numeric_grade(rule, values)
    if missing.any():
        fill = {"ignore": 1, "worst": GRADE_N, "not_evaluated": _UNEVALUABLE}[rule.missing]
        grade[missing] = fill
    return grade


def crossed_limit(rule: FactorRule, values: np.ndarray, grades: np.ndarray) -> np.ndarray:
    """The limit each value crossed to fall to its grade (NaN for grade 1 or categorical)."""
    result = np.full(values.shape, np.nan)
    worse = grades > 1
    if rule.kind == "constraint":
        result[worse] = rule.bound
    elif rule.kind in ("lower_better", "higher_better"):
        table = np.array([np.nan, np.nan, *rule.limits])  # grade g crossed limits[g - 2]
        result[worse] = table[np.clip(grades[worse], 0, GRADE_N)]
    elif rule.kind == "range":
        lows = np.array([np.nan, np.nan, *(low for low, _ in rule.limits)])
        highs = np.array([np.nan, np.nan, *(high for _, high in rule.limits)])
        index = np.clip(grades[worse], 0, GRADE_N)
        below = values[worse] < lows[index]
        result[worse] = np.where(below, lows[index], highs[index])
    return result


def _factor_arrays(rules: tuple[FactorRule, ...], factors: Mapping[str, np.ndarray]) -> list:
    arrays = []
    for rule in rules:
        if rule.factor not in factors:
            if rule.missing == "not_evaluated":
                raise MissingFactorError(rule.factor)
            arrays.append(None)
        else:
            arrays.append(np.asarray(factors[rule.factor], dtype=np.float64))
    return arrays


def _unit_count(factors: Mapping[str, np.ndarray]) -> int:
    sizes = {np.asarray(values).shape[0] for values in factors.values()}
    if len(sizes) != 1:
        raise ValueError(f"factor arrays differ in length: {sorted(sizes)}")
    return sizes.pop()


def evaluate_use(
    pack: RulePack,
    use_rules: UseRules,
    factors: Mapping[str, np.ndarray],
    method: str | None = None,
    extra_rules: tuple[FactorRule, ...] = (),
) -> UseResult:
    """Grade one use for every unit with the pack's (or the given) method."""
    rules = (*use_rules.rules, *extra_rules)
    count = _unit_count(factors)
    arrays = _factor_arrays(rules, factors)
    grades = np.empty((len(rules), count), dtype=np.int8)
    for i, (rule, values) in enumerate(zip(rules, arrays, strict=False)):
        if values is None:  # factor absent from the input: treat as all missing
            values = np.full(count, np.nan)
            arrays[i] = values
        grades[i] = grade_factor(rule, values)
    unevaluable = (grades == _UNEVALUABLE).any(axis=0)
    grades[grades == _UNEVALUABLE] = 1
    _best_of_groups(rules, grades)
    worst = grades.max(axis=0)
    method = method or pack.method
    final = _index_sum_grade(pack, rules, grades, worst) if method == "index_sum" else worst
    final = final.astype(np.int8)
    final[unevaluable] = NOT_EVALUATED

    limiting = np.zeros(count, dtype=np.int64)
    observed = np.full(count, np.nan)
    limit = np.full(count, np.nan)
    unset = np.ones(count, dtype=bool)
    for i, rule in enumerate(rules):
        is_limiting = (grades[i] == worst) & (worst > 1) & ~unevaluable
        limiting |= is_limiting.astype(np.int64) << i
        first = is_limiting & unset
        if first.any():
            observed[first] = arrays[i][first]
            limit[first] = crossed_limit(rule, arrays[i][first], grades[i][first])
            unset &= ~first
    return UseResult(use_rules.use, rules, final, limiting, observed, limit)


def _best_of_groups(rules: tuple[FactorRule, ...], grades: np.ndarray) -> None:
    """Rules sharing a group are alternatives: each gets the group's best grade, so a
    group limits only where every alternative fails (and then all of them are named)."""
    groups: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        if rule.group:
            groups.setdefault(rule.group, []).append(i)
    for members in groups.values():
        grades[members] = grades[members].min(axis=0)


def _index_sum_grade(
    pack: RulePack, rules: tuple[FactorRule, ...], grades: np.ndarray, worst: np.ndarray
) -> np.ndarray:
    if pack.index_sum is None:
        raise ValueError(f"rule pack {pack.id} has no index_sum settings")
    scores = np.array([np.nan, *pack.index_sum.scores])  # index by grade 1..4
    weights = np.array([rule.weight for rule in rules])
    if weights.sum() <= 0:
        raise ValueError(f"rule pack {pack.id}: the weights of a use sum to zero")
    index = (weights[:, None] * scores[grades]).sum(axis=0) / weights.sum()
    grade = np.full(index.shape, GRADE_N, dtype=np.int8)
    for level, breakpoint in reversed(list(enumerate(pack.index_sum.breakpoints, start=1))):
        grade[index >= breakpoint] = level
    # Any factor at N (a hard limit) forces N, as the limiting-factor method would.
    grade[worst == GRADE_N] = GRADE_N
    return grade


def slope_cap_rule(pack: RulePack, cap_deg: float) -> FactorRule:
    """The legal cultivation slope cap as a hard constraint on ``slope_deg``.

    A missing slope is left to the use's own slope rule (the cap itself ignores it).
    """
    return FactorRule(
        factor="slope_deg",
        kind="constraint",
        limits=(),
        categories={},
        bound=float(cap_deg),
        bound_is_max=True,
        missing="ignore",
        weight=0.0,
        measure={},
        provenance=pack.proposal.cultivation_slope_cap.provenance,
    )


def evaluate(
    pack: RulePack,
    factors: Mapping[str, np.ndarray],
    method: str | None = None,
    slope_cap_deg: float | None = None,
) -> dict[str, UseResult]:
    """Grade every use of the pack. ``slope_cap_deg`` overrides the pack's cap (a province's).

    Cultivated land is never graded better than N above the cap (水土保持法 Art. 20).
    """
    results = {}
    for use, use_rules in pack.uses.items():
        extra: tuple[FactorRule, ...] = ()
        if use == "cultivated":
            cap = pack.proposal.cultivation_slope_cap.value
            if slope_cap_deg is not None:
                cap = min(cap, float(slope_cap_deg))
            extra = (slope_cap_rule(pack, cap),)
        results[use] = evaluate_use(pack, use_rules, factors, method, extra)
    return results


def slope_class(slope_deg: np.ndarray, limits: tuple[float, ...]) -> np.ndarray:
    """Slope class 1..len(limits)+1, upper bound inclusive (0 where slope is missing)."""
    values = np.asarray(slope_deg, dtype=np.float64)
    classes = (np.searchsorted(np.asarray(limits), values, side="left") + 1).astype(np.int8)
    classes[np.isnan(values)] = 0
    return classes
