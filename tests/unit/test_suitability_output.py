"""Output columns, explanations and area summary of the suitability evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.rules.engine import evaluate
from plugin.core.rules.proposal import propose
from plugin.core.suitability import explanations, output_columns, summary_rows
from tests.unit.rules_helpers import arrays, builtin

# Three units against cn-reclamation, by hand:
# 1. slope 18.2°, soil 80 cm, pH 7 -> cultivated grade 3 (15 < 18.2 <= 25, slope limits
#    6/15/25), limited by slope; proposed cultivated (宜耕则耕), 0103 旱地.
# 2. slope 30°, soil 40 cm, pH 7 -> cultivated N (above the 25° cap and the slope limits),
#    garden N (30 > 25; soil 40 < 50), forest 1 (30 <= 35, 40 >= 30) -> forest, 0301.
# 3. subsidence 2.0 m over groundwater at 1.5 m -> ponded 0.5 m -> water, 1104 坑塘水面.
FACTORS = arrays(
    slope_deg=[18.2, 30.0, 1.0],
    soil_thickness_cm=[80.0, 40.0, 80.0],
    ph=[7.0, 7.0, 7.0],
    subsidence_m=[0.0, 0.0, 2.0],
    gw_depth_m=[3.0, 3.0, 1.5],
    ponding_m=[np.nan, np.nan, np.nan],
)


@pytest.fixture(scope="module")
def evaluated():
    pack = builtin("cn-reclamation")
    results = evaluate(pack, FACTORS)
    return pack, results, propose(pack, results, FACTORS)


def test_columns_follow_the_public_contract(evaluated):
    pack, results, proposal = evaluated
    columns = output_columns(pack, results, proposal, "en")
    assert columns["grade_cultivated"].tolist() == [3, 4, 1]
    assert columns["limit_cultivated"][0] == "slope_deg"
    assert columns["value_cultivated"][0] == 18.2
    assert columns["bound_cultivated"][0] == 15
    assert columns["grade_forest"][1] == 1
    assert columns["use_proposed"].tolist() == ["cultivated", "forest", "water"]
    assert columns["dlbm"].tolist() == ["0103", "0301", "1104"]
    assert columns["dlmc"].tolist() == ["旱地", "乔木林地", "坑塘水面"]
    assert columns["water_depth_m"][2] == pytest.approx(0.5)
    assert np.isnan(columns["water_depth_m"][0])
    assert columns["measures"][0] == "terracing and contour planting"


def test_one_sentence_per_use_in_english_and_chinese(evaluated):
    pack, results, proposal = evaluated
    english = explanations(pack, results, proposal, "en")[0].splitlines()
    assert english[0] == (
        "Cultivated land: grade 3, limited by slope 18.2° > 15°; terracing and contour planting"
    )
    assert english[-1] == "Proposed: Cultivated land 0103 旱地"
    chinese = explanations(pack, results, proposal, "zh_CN")[2].splitlines()
    assert chinese[-1] == "建议：水域（积水 0.50 m） 1104 坑塘水面"


def test_summary_closes_on_the_total_area(evaluated):
    _, results, proposal = evaluated
    area = np.array([10000.0, 25000.0, 5000.0])
    rows = summary_rows(results, proposal, area)
    for use in results:
        assert sum(r.area_m2 for r in rows if r.table == "grade" and r.use == use) == 40000
    proposed = {r.use: r for r in rows if r.table == "proposed"}
    assert proposed["forest"].area_hm2 == pytest.approx(2.5)
    assert proposed["forest"].area_mu == pytest.approx(37.5)
    assert proposed[""].units == 0  # the not-evaluated row is always there
    assert sum(r.area_m2 for r in proposed.values()) == 40000


def test_explanations_of_a_range_of_units_are_those_units_lines(evaluated):
    # The algorithm writes the explanations batch by batch: a range gives the same lines.
    pack, results, proposal = evaluated
    whole = explanations(pack, results, proposal, "zh_CN").tolist()
    assert explanations(pack, results, proposal, "zh_CN", 1, 3).tolist() == whole[1:3]
    assert explanations(pack, results, proposal, "zh_CN", 2, 2).tolist() == []
    assert "explain" not in output_columns(pack, results, proposal, "en", explain=False)
