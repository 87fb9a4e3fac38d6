"""The grading engine against hand-computed cases and the numbers of the sources the built-in
packs cite (see docs/standards.md)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plugin.core.rules.engine import evaluate, evaluate_use, slope_class
from plugin.core.rules.proposal import propose, water_depth
from tests.unit.rules_helpers import arrays, builtin

N = 4


def test_slope_classes_are_upper_bound_inclusive():
    # 耕地坡度分级 ≤2°, 2–6°, 6–15°, 15–25°, >25° (1984 土地利用现状调查技术规程, as the 三调
    # guidance reproduces it; upper bound inclusive, 上含下不含):
    # 2.0 -> 1, 2.0001 -> 2, 6.0 -> 2, 15.0 -> 3, 25.0 -> 4, 25.01 -> 5.
    slopes = [2.0, 2.0001, 6.0, 15.0, 25.0, 25.01, 0.0, float("nan")]
    classes = slope_class(np.array(slopes), builtin("cn-reclamation").slope_classes)
    assert classes.tolist() == [1, 2, 2, 3, 4, 5, 1, 0]


def cultivated_grades(pack, slope_cap_deg=None, **columns):
    base = {"soil_thickness_cm": 100, "ph": 7.0, "gravel_pct": 5, "ec_dsm": 1, "pollution": 0}
    base.update(columns)
    count = len(np.atleast_1d(base["slope_deg"]))
    factors = {k: np.broadcast_to(np.asarray(v, float), (count,)) for k, v in base.items()}
    return evaluate(pack, factors, slope_cap_deg=slope_cap_deg)["cultivated"]


def test_no_cultivation_above_the_legal_25_degree_cap():
    # 水土保持法 (2010) Art. 20: no crops on slopes above 25°, so 26° is never 宜耕.
    result = cultivated_grades(builtin("cn-reclamation"), slope_deg=[25.0, 26.0])
    assert result.grade.tolist() == [3, N]
    assert result.limiting_factors(int(result.limiting[1])) == ["slope_deg", "slope_deg"]


def test_a_stricter_provincial_cap_applies():
    # With a provincial limit of 20°, a unit at 21° must not be cultivated either.
    result = cultivated_grades(builtin("cn-reclamation"), slope_cap_deg=20, slope_deg=[19.0, 21.0])
    assert result.grade.tolist() == [3, N]
    assert result.limit[1] == 20


def test_a_looser_provincial_cap_cannot_lift_the_national_one():
    result = cultivated_grades(builtin("cn-reclamation"), slope_cap_deg=30, slope_deg=[26.0])
    assert result.grade.tolist() == [N]


def test_limiting_factor_trace_names_value_and_limit():
    # Slope 18.2° falls in grade 3 of cn-reclamation (15° < x <= 25°): limited by slope > 15°.
    result = cultivated_grades(builtin("cn-reclamation"), slope_deg=[18.2])
    assert result.grade.tolist() == [3]
    assert result.limiting_factors(int(result.limiting[0])) == ["slope_deg"]
    assert result.observed[0] == pytest.approx(18.2)
    assert result.limit[0] == 15


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        # ALUES crop requirements for maize (LUSET, Yen, Pheng & Hoanh 2006; ALUES R package,
        # Asaad et al. 2022): soil depth S1 75 / S2 50 / S3 20 cm, so 60 -> S2, 80 -> S1, 15 -> N;
        ("soil_thickness_cm", 60, 2),
        ("soil_thickness_cm", 80, 1),
        ("soil_thickness_cm", 15, N),
        # pH 8.3 -> S3, 7.0 -> S1;
        ("ph", 8.3, 3),
        ("ph", 7.0, 1),
        # Slope2 10 % -> S3, 3 % -> S1 (the pack stores degrees: atan of the % limits).
        ("slope_deg", math.degrees(math.atan(0.10)), 3),
        ("slope_deg", math.degrees(math.atan(0.03)), 1),
    ],
)
def test_sys_style_maize_classes(column, value, expected):
    good = {"slope_deg": 1.0, "soil_thickness_cm": 100, "ph": 7.0, "gravel_pct": 5, "ec_dsm": 1}
    good[column] = value
    result = evaluate(builtin("fao-sys"), arrays(**{k: [v] for k, v in good.items()}))
    assert result["cultivated"].grade.tolist() == [expected]


def test_sys_style_overall_class_is_the_worst_factor():
    # Soil 60 cm (S2), pH 8.3 (S3), slope 3 % (S1): limiting factor class S3, limited by pH.
    slope = math.degrees(math.atan(0.03))
    factors = arrays(
        slope_deg=[slope], soil_thickness_cm=[60], ph=[8.3], gravel_pct=[5], ec_dsm=[1]
    )
    result = evaluate(builtin("fao-sys"), factors)["cultivated"]
    assert result.grade.tolist() == [3]
    assert result.limiting_factors(int(result.limiting[0])) == ["ph"]
    assert result.limit[0] == 8.2  # above the S2 upper limit


def test_missing_values_follow_each_rules_policy():
    pack = builtin("cn-reclamation")
    nan = float("nan")
    factors = arrays(
        slope_deg=[3, nan, 3],  # slope: not_evaluated (the pack default)
        soil_thickness_cm=[100, 100, 100],
        ph=[7, 7, 7],
        gravel_pct=[nan, 5, 5],  # gravel: ignore
        ec_dsm=[1, 1, 1],
        pollution=[0, 0, 0],
    )
    grade = evaluate(pack, factors)["cultivated"].grade
    assert grade.tolist() == [1, 0, 1]  # 0 = not evaluated, never N


def test_missing_water_data_means_not_suitable_for_water():
    pack = builtin("cn-reclamation")
    result = evaluate_use(pack, pack.uses["water"], arrays(ponding_m=[float("nan"), 0.4]))
    assert result.grade.tolist() == [N, 1]


def test_index_sum_by_hand():
    # Weights 1 each; scores 100/70/40/0; breakpoints 85/65/45.
    pack = builtin("cn-reclamation")
    factors = arrays(
        slope_deg=[3, 10, 10],  # grade 1, 2, 2
        soil_thickness_cm=[100, 60, 60],  # grade 1, 2, 2
        ph=[7.0, 7.0, 5.3],  # grade 1, 1, 3
        gravel_pct=[5, 5, 40],  # grade 1, 1, 3
        ec_dsm=[1, 1, 1],
        pollution=[0, 0, 2],  # the third violates the constraint: N
    )
    result = evaluate(pack, factors, method="index_sum")["cultivated"]
    # Unit 1: all 100 -> R 100 -> 1. Unit 2: (70+70+100+100+100+100)/6 = 90 -> 1,
    # whereas the limiting-factor method says 2. Unit 3: a hard constraint forces N.
    assert result.grade.tolist() == [1, 1, N]
    limiting = evaluate(pack, factors)["cultivated"].grade.tolist()
    assert limiting == [1, 2, N]


def test_ponding_rule():
    # Ponding rule (land ponds where subsidence W exceeds the groundwater depth d_gw; Jining
    # ponds at about 1.5 m, Guo et al. 2021) and GB/T 21010-2017 1104 坑塘水面:
    # d_gw 1.5 m; W 1.2 -> dry (depth -0.3); W 2.0 -> ponded 0.5 -> 1104.
    factors = arrays(subsidence_m=[1.2, 2.0, 2.0], gw_depth_m=[1.5, 1.5, 1.5])
    depth = water_depth(factors, 3)
    assert depth.tolist() == pytest.approx([-0.3, 0.5, 0.5])
    pack = builtin("cn-reclamation")
    full = {
        **factors,
        **arrays(
            slope_deg=[3, 3, 3],
            soil_thickness_cm=[100] * 3,
            ph=[7] * 3,
            gravel_pct=[5] * 3,
            ec_dsm=[1] * 3,
            pollution=[0] * 3,
            ponding_m=[float("nan")] * 3,
        ),
    }
    results = evaluate(pack, full)
    proposal = propose(pack, results, full, storage_m3=np.array([0, 5_000, 250_000]))
    assert proposal.ponded.tolist() == [False, True, True]
    assert proposal.use.tolist() == ["cultivated", "water", "water"]
    assert proposal.dlbm.tolist() == ["0103", "1104", "1103"]
    assert proposal.dlmc.tolist() == ["旱地", "坑塘水面", "水库水面"]


@pytest.mark.parametrize("pack_id", ["cn-reclamation", "fao-sys"])
def test_land_made_water_is_land_suitable_for_water(pack_id):
    # Dry land (no ponding), a film of water (5 mm) and a pond (0.5 m), no water source
    # data: only the pond becomes water, and it is graded suitable for water; dry land is
    # never proposed as water, whatever grade cultivated land gets.
    pack = builtin(pack_id)
    full = arrays(
        slope_deg=[8, 8, 8],  # cultivated grade 2 at most: water must not win on grade
        soil_thickness_cm=[100] * 3,
        ph=[7] * 3,
        gravel_pct=[5] * 3,
        ec_dsm=[1] * 3,
        pollution=[0] * 3,
        ponding_m=[0.0, 0.005, 0.5],
    )
    results = evaluate(pack, full)
    proposal = propose(pack, results, full, storage_m3=np.array([0, 0, 5_000]))
    assert proposal.ponded.tolist() == [False, False, True]
    assert proposal.use[0] != "water"
    assert proposal.use[1] != "water"
    assert proposal.use[2] == "water"
    water = results["water"].grade.tolist()
    assert water[0] == N
    assert water[2] in (1, 2, 3)


def test_proposal_priority_measures_and_not_evaluated():
    pack = builtin("cn-reclamation")
    nan = float("nan")
    factors = arrays(
        slope_deg=[3, 20, 30, nan],
        soil_thickness_cm=[100, 100, 100, 100],
        ph=[7, 7, 7, 7],
        gravel_pct=[5, 5, 5, 5],
        ec_dsm=[1, 1, 1, 1],
        pollution=[0, 0, 0, 0],
    )
    results = evaluate(pack, factors)
    proposal = propose(pack, results, factors)
    # 3°: cultivated. 20°: cultivated grade 3 (宜耕则耕, terraces). 30°: above 25° and
    # grass's 25°, forest (≤ 35°) takes it. No slope: nothing can be evaluated.
    assert proposal.use.tolist() == ["cultivated", "cultivated", "forest", ""]
    assert proposal.dlbm.tolist() == ["0103", "0103", "0301", ""]
    assert proposal.measures(1) == (
        ("slope_deg", {"zh": "修筑梯田、等高种植", "en": "terracing and contour planting"}),
    )
    assert proposal.measures(0) == ()


def test_damaged_roads_and_ditches_are_rebuilt_as_they_were():
    # Units of before-damage 1006 (road), 1107 (ditch), 0103 (dry land), and a ponded road.
    pack = builtin("cn-reclamation")
    factors = arrays(
        slope_deg=[1, 1, 1, 1],
        soil_thickness_cm=[100] * 4,
        ph=[7] * 4,
        gravel_pct=[5] * 4,
        ec_dsm=[1] * 4,
        pollution=[0] * 4,
        ponding_m=[0.0, 0.0, 0.0, 1.5],
    )
    results = evaluate(pack, factors)
    previous = np.array(["1006", "1107", "0103", "1006"], dtype=object)
    proposal = propose(pack, results, factors, previous_codes=previous)
    assert proposal.use.tolist() == ["restore", "restore", "cultivated", "water"]
    assert proposal.dlbm.tolist() == ["1006", "1107", "0103", "1104"]
    assert proposal.dlmc.tolist()[:2] == ["农村道路", "沟渠"]


def test_a_pack_without_the_restore_rule_turns_roads_into_fields():
    pack = builtin("fao-sys")
    assert pack.proposal.restore_previous == ()
    assert builtin("cn-reclamation").proposal.restore_previous == ("1006", "1107")


def test_unit_block_of_the_chinese_pack():
    units = builtin("cn-reclamation").units
    assert units is not None
    assert (units.min_area_m2.value, units.face_slope_deg.value) == (400, 15)
    assert units.face_types == ("excavation", "occupation")
    assert units.face_slope_deg.provenance.status == "unverified"


def test_water_needs_standing_water_or_a_near_source():
    # ponding 0 / source 150 m: suitable (either suffices); 0 / 500 m: not, both named;
    # 0.5 m ponded, no source data: suitable; no water data at all: not suitable.
    pack = builtin("cn-reclamation")
    nan = float("nan")
    factors = arrays(
        ponding_m=[0.0, 0.0, 0.5, nan],
        dist_water_m=[150.0, 500.0, nan, nan],
        pollution=[0, 0, 0, 0],
    )
    result = evaluate_use(pack, pack.use_rules("water"), factors)
    assert result.grade.tolist() == [1, N, 1, N]
    assert result.limiting_factors(int(result.limiting[1])) == ["ponding_m", "dist_water_m"]
    assert result.limiting[0] == 0


@pytest.mark.parametrize(
    ("factor", "value", "grade"),
    [
        ("organic_matter_gkg", 12.0, 1),  # 二普 四级 (10–20 g/kg): a plains soil, grade 1
        ("organic_matter_gkg", 8.0, 2),  # 五级
        ("organic_matter_gkg", 4.0, 3),  # 六级: manuring lifts it, never N
        ("bulk_density", 1.38, 1),  # an ordinary plough layer
        ("bulk_density", 1.65, N),  # compacted dump material
        ("texture", 4, 1),  # 中壤
        ("texture", 6, 2),  # 黏土
        ("texture", 1, 3),  # 砂土
        ("irrigation", 4, 2),  # not irrigable: still dry farming
        ("drainage", 4, 3),
    ],
)
def test_chinese_soil_factors_for_cultivated_land(factor, value, grade):
    pack = builtin("cn-reclamation")
    base = {
        "slope_deg": 1.0,
        "soil_thickness_cm": 100.0,
        "ph": 7.9,
        "gravel_pct": 5.0,
        "ec_dsm": 1.0,
        "pollution": 0,
    }
    factors = arrays(**{k: [v] for k, v in {**base, factor: value}.items()})
    result = evaluate_use(pack, pack.use_rules("cultivated"), factors)
    assert result.grade.tolist() == [grade]


def test_irrigated_land_not_irrigable_any_more_becomes_dry_land():
    pack = builtin("cn-reclamation")
    factors = arrays(
        slope_deg=[1, 1],
        soil_thickness_cm=[100, 100],
        ph=[7.9, 7.9],
        gravel_pct=[5, 5],
        ec_dsm=[1, 1],
        pollution=[0, 0],
        irrigation=[1, 4],
    )
    results = evaluate(pack, factors)
    previous = np.array(["0102", "0102"], dtype=object)
    proposal = propose(pack, results, factors, previous_codes=previous)
    assert proposal.dlbm.tolist() == ["0102", "0103"]
