"""Real data: the ALUES land units of Lao Cai and Marinduque through the fao-sys machinery.

The expectations are computed here, independently of the engine, straight from the LUSET
crop-requirement table (crop_requirements_long.csv): s1_a/s2_a/s3_a on the "lower" side,
s1_b/s2_b/s3_b on the upper side, a value on a limit keeping the better class (the pack's
boundary convention).
"""

from __future__ import annotations

import csv
import math
from functools import cache

import numpy as np
import pytest

from plugin.core.rules.engine import evaluate_use
from plugin.core.rules.pack import UseRules
from tests.helpers import ROOT
from tests.unit.rules_helpers import builtin

DATA = ROOT / "tests" / "data" / "real" / "alues-land-evaluation"
# fao-sys use -> the ALUES crop its limits were taken from.
CROPS = {"cultivated": "MAIZE", "garden": "PEAR", "grass": "ALFALFA"}
# canonical factor -> ALUES code
CODES = {"soil_thickness_cm": "SoilDpt", "gravel_pct": "CFragm", "ph": "pHH2O", "ec_dsm": "ECedS"}


@cache
def requirements() -> dict[tuple[str, str], dict[str, float]]:
    with (DATA / "crop_requirements_long.csv").open(encoding="utf-8") as handle:
        return {
            (row["crop"], row["code"]): {
                key: float(row[key]) if row[key].strip() else math.nan
                for key in ("s3_a", "s2_a", "s1_a", "s1_b", "s2_b", "s3_b")
            }
            for row in csv.DictReader(handle)
        }


def _units(name: str) -> dict[str, np.ndarray]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {key: np.array([float(row[key]) for row in rows]) for key in rows[0]}


def sys_class(value: float, limits: dict[str, float]) -> int:
    """Class 1..4 of one value by the LUSET table, written out case by case."""
    s1a, s2a, s3a = limits["s1_a"], limits["s2_a"], limits["s3_a"]
    s1b, s2b, s3b = limits["s1_b"], limits["s2_b"], limits["s3_b"]
    if not math.isnan(s1b):  # two-sided (pH)
        for grade, (low, high) in enumerate(((s1a, s1b), (s2a, s2b), (s3a, s3b)), start=1):
            if low <= value <= high:
                return grade
        return 4
    increasing_is_better = s1a > s3a
    for grade, limit in enumerate((s1a, s2a, s3a), start=1):
        if (value >= limit) if increasing_is_better else (value <= limit):
            return grade
    return 4


def _rules(use: str, factors: tuple[str, ...]) -> UseRules:
    rules = builtin("fao-sys").uses[use].rules
    return UseRules(use, tuple(rule for rule in rules if rule.factor in factors))


@pytest.mark.parametrize("use", sorted(CROPS))
def test_fao_sys_limits_are_the_luset_numbers(use):
    for rule in builtin("fao-sys").uses[use].rules:
        if rule.factor not in CODES:
            continue
        table = requirements()[CROPS[use], CODES[rule.factor]]
        if rule.kind == "range":
            expected = tuple((table[f"s{i}_a"], table[f"s{i}_b"]) for i in (1, 2, 3))
        else:
            expected = tuple(table[f"s{i}_a"] for i in (1, 2, 3))
        assert rule.limits == expected, (use, rule.factor)


def test_fao_sys_slope_limits_are_luset_percent_converted_to_degrees():
    table = requirements()["MAIZE", "Slope2"]
    slope = next(r for r in builtin("fao-sys").uses["cultivated"].rules if r.factor == "slope_deg")
    expected = [math.degrees(math.atan(table[f"s{i}_a"] / 100)) for i in (1, 2, 3)]
    assert slope.limits == pytest.approx(expected, abs=0.005)


def test_lao_cai_units_graded_for_maize_like_the_luset_table():
    units = _units("LaoCaiLT")
    factors = {"soil_thickness_cm": units["SoilDpt"], "gravel_pct": units["CFragm"]}
    factors["ph"] = units["pHH2O"]
    result = evaluate_use(builtin("fao-sys"), _rules("cultivated", tuple(factors)), factors)
    expected = [
        max(sys_class(units[CODES[f]][i], requirements()["MAIZE", CODES[f]]) for f in factors)
        for i in range(len(units["unit_id"]))
    ]
    assert len(expected) == 2928
    assert result.grade.tolist() == expected
    assert len(set(expected)) > 1  # the real data spans several classes


def test_lao_cai_unit_1_by_hand():
    # Unit 1: SoilDpt 45 cm (50 > 45 >= 20: S3), CFragm 0 % (S1), pH 5.4 (outside
    # 5.5-8.2, inside 5.2-8.5: S3) -> S3, limited by soil depth and pH.
    units = _units("LaoCaiLT")
    factors = {
        "soil_thickness_cm": units["SoilDpt"][:1],
        "gravel_pct": units["CFragm"][:1],
        "ph": units["pHH2O"][:1],
    }
    result = evaluate_use(builtin("fao-sys"), _rules("cultivated", tuple(factors)), factors)
    assert result.grade.tolist() == [3]
    assert result.limiting_factors(int(result.limiting[0])) == ["soil_thickness_cm", "ph"]
    assert result.observed[0] == 45
    assert result.limit[0] == 50  # the S2 limit it failed


def test_marinduque_ph_is_stored_times_ten_and_grades_after_rescaling():
    units = _units("MarinduqueLT")
    assert units["pHH2O"].min() > 14  # a pH above 14 cannot be: the source stores pH x 10
    ph = units["pHH2O"] / 10
    factors = {"ph": ph, "gravel_pct": units["CFragm"]}
    result = evaluate_use(builtin("fao-sys"), _rules("garden", tuple(factors)), factors)
    expected = [
        max(
            sys_class(ph[i], requirements()["PEAR", "pHH2O"]),
            sys_class(units["CFragm"][i], requirements()["PEAR", "CFragm"]),
        )
        for i in range(len(ph))
    ]
    assert result.grade.tolist() == expected
