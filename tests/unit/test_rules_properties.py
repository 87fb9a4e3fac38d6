"""Properties of the engine that must hold for any input (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.core.rules.engine import evaluate
from tests.unit.rules_helpers import builtin

FACTOR_RANGES = {
    "slope_deg": (0.0, 60.0, +1),  # +1: larger is worse
    "soil_thickness_cm": (0.0, 200.0, -1),
    "gravel_pct": (0.0, 90.0, +1),
    "ec_dsm": (0.0, 20.0, +1),
}

values = st.floats(min_value=0, max_value=1)


@settings(max_examples=300, deadline=None)
@given(
    base=st.fixed_dictionaries(dict.fromkeys(FACTOR_RANGES, values)),
    factor=st.sampled_from(sorted(FACTOR_RANGES)),
    step=st.floats(min_value=0, max_value=1),
    pack_id=st.sampled_from(["cn-reclamation", "fao-sys"]),
)
def test_a_grade_never_improves_when_a_factor_worsens(base, factor, step, pack_id):
    def factors(fractions):
        columns = {"ph": [7.0], "pollution": [0.0]}
        for name, (low, high, _) in FACTOR_RANGES.items():
            columns[name] = [low + fractions[name] * (high - low)]
        return {k: np.asarray(v) for k, v in columns.items()}

    _low, _high, direction = FACTOR_RANGES[factor]
    worse = dict(base)
    worse[factor] = (
        min(1.0, base[factor] + step) if direction > 0 else max(0.0, base[factor] - step)
    )
    before = evaluate(builtin(pack_id), factors(base))
    after = evaluate(builtin(pack_id), factors(worse))
    for use in before:
        assert after[use].grade[0] >= before[use].grade[0]


@settings(max_examples=100, deadline=None)
@given(mask=st.lists(st.booleans(), min_size=5, max_size=5))
def test_missing_values_never_turn_into_n_under_not_evaluated(mask):
    pack = builtin("cn-reclamation")
    columns = {
        "slope_deg": 3.0,
        "soil_thickness_cm": 100.0,
        "ph": 7.0,
        "gravel_pct": 5.0,
        "ec_dsm": 1.0,
    }
    factors = {
        name: np.array([np.nan if hide else value])
        for (name, value), hide in zip(columns.items(), mask, strict=False)
    }
    factors["pollution"] = np.array([0.0])
    grade = evaluate(pack, factors)["cultivated"].grade[0]
    rules = {rule.factor: rule.missing for rule in pack.uses["cultivated"].rules}
    hidden = [name for (name, _), hide in zip(columns.items(), mask, strict=False) if hide]
    if any(rules[name] == "not_evaluated" for name in hidden):
        assert grade == 0
    else:
        assert grade == 1  # ignored factors do not limit
