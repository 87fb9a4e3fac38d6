"""reclamation:scheduleplan: ready years from fields, panels and the pack, stages and years
by hand, the stage table against pyproj's areas, budgets respected, the spending read back
by estimatecost, clear refusals."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from plugin.compat import is_null
from plugin.core.investment import parse_spending
from tests.helpers import ROOT
from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_estimate_quantities import box, geod_area
from tests.qgis.test_summarize_plan import layer

ALG = "reclamation:scheduleplan"
COSTS = ROOT / "resources" / "costs"
UNIT_FIELDS = (
    "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string&field=年份:integer"
)
# 生产期 2027–2032, 稳沉期 2033–2034, 管护期 2035–2037; stages 2027–31, 2032–36, 2037.
SERVICE = {"FIRST_YEAR": 2027, "PRODUCTION_YEARS": 6, "SETTLING_YEARS": 2, "AFTERCARE_YEARS": 3}


def run(parameters, feedback=None):
    import processing

    return processing.run(
        ALG,
        {"OUTPUT": "TEMPORARY_OUTPUT", "STAGE_TABLE": "TEMPORARY_OUTPUT"} | SERVICE | parameters,
        feedback=feedback,
    )


def rows_of(found):
    found = QgsVectorLayer(found, "t", "ogr") if isinstance(found, str) else found
    return [feature.attributeMap() for feature in found.getFeatures()]


SQUARES = {
    1: (150, 0, 50, 50),
    2: (1000, 0, 100, 100),
    3: (0, 300, 80, 50),
    4: (300, 300, 40, 40),
    5: (600, 300, 30, 30),
    6: (800, 300, 60, 60),
}


@pytest.fixture
def units():
    return layer(
        "单元",
        UNIT_FIELDS,
        [
            (box(*SQUARES[1]), (1, "cultivated", "subsidence", None)),  # 50 m from the panel
            (box(*SQUARES[2]), (2, "forest", "subsidence", None)),  # beyond its reach
            (box(*SQUARES[3]), (3, "grass", "occupation", None)),  # a dump
            (box(*SQUARES[4]), (4, "cultivated", "pollution", None)),
            (box(*SQUARES[5]), (5, "keep", "none", None)),  # not in the plan
            (box(*SQUARES[6]), (6, "forest", "excavation", 2029)),  # a pit finished early
        ],
    )


@pytest.fixture
def panels():
    """One panel, 0–100 m, mined in 2028; r = H / tan β = 200 / 2 = 100 m."""
    return layer(
        "工作面",
        "&field=开采年份:integer&field=埋深:double&field=主要影响角正切:double",
        [(box(0, 0, 100, 100), (2028, 200.0, 2.0))],
    )


def test_stages_and_years_by_hand(processing_provider, units, panels):
    result = run(
        {
            "UNITS": units,
            "READY_YEAR_FIELD": "年份",
            "PANELS": panels,
            "MINING_YEAR_FIELD": "开采年份",
            "DEPTH_FIELD": "埋深",
            "TAN_BETA_FIELD": "主要影响角正切",
        }
    )
    by_unit = {row["unit_id"]: row for row in rows_of(result["OUTPUT"])}
    expected = {
        # unit: ready, basis, stage, works start–end, after-care end
        1: (2030, "panels", 1, 2030, 2031, 2034),  # mined 2028 + 2 years of settling
        2: (2034, "release:stable", 2, 2034, 2034, 2037),  # end of the settling period
        3: (2033, "release:closure", 2, 2033, 2034, 2037),  # after production
        4: (2027, "release:start", 1, 2027, 2031, 2034),
        6: (2029, "field", 1, 2029, 2031, 2034),
    }
    for unit, (ready, basis, stage, start, end, care) in expected.items():
        row = by_unit[unit]
        assert (
            row["ready_year"],
            row["ready_basis"],
            row["stage"],
            row["year_start"],
            row["year_end"],
            row["care_end"],
        ) == (ready, basis, stage, start, end, care), unit
    assert all(is_null(by_unit[5][key]) for key in ("ready_year", "stage", "year_start"))
    stages = rows_of(result["STAGE_TABLE"])
    assert [(s["stage"], s["stage_name"], s["year_start"], s["year_end"]) for s in stages] == [
        (1, "第一阶段", 2027, 2031),
        (2, "第二阶段", 2032, 2036),
        (3, "第三阶段", 2037, 2037),
    ]
    periods = [(s["production_years"], s["settling_years"], s["aftercare_years"]) for s in stages]
    assert periods == [(5, 0, 0), (1, 2, 2), (0, 0, 1)]
    hm2 = {unit: geod_area(*SQUARES[unit]) * 1e-4 for unit in SQUARES}
    first, second, third = stages
    assert first["units"] == 3
    assert first["works_hm2"] == pytest.approx(hm2[1] + hm2[4] + hm2[6], rel=1e-3)
    assert first["cultivated_hm2"] == pytest.approx(hm2[1] + hm2[4], rel=1e-3)
    assert first["forest_hm2"] == pytest.approx(hm2[6], rel=1e-3)
    assert second["works_hm2"] == pytest.approx(hm2[2] + hm2[3], rel=1e-3)
    assert second["grass_hm2"] == pytest.approx(hm2[3], rel=1e-3)
    # After-care 2032–2034 of stage 1's units falls in stage 2; 2035–2037 of stage 2's in
    # stages 2 and 3.
    assert first["aftercare_hm2"] == 0
    assert second["aftercare_hm2"] == pytest.approx(sum(hm2[u] for u in (1, 2, 3, 4, 6)), rel=1e-3)
    assert third["aftercare_hm2"] == pytest.approx(hm2[2] + hm2[3], rel=1e-3)
    assert third["works_hm2"] == 0
    assert is_null(first["investment"])  # no costs given


def test_without_the_panels_depth_only_the_footprint_counts(processing_provider, units, panels):
    feedback = WarningsFeedback()
    result = run({"UNITS": units, "PANELS": panels, "MINING_YEAR_FIELD": "开采年份"}, feedback)
    by_unit = {row["unit_id"]: row for row in rows_of(result["OUTPUT"])}
    assert by_unit[1]["ready_basis"] == "release:stable"  # 50 m off the panel's footprint
    assert any("only units on a panel's own area" in w for w in feedback.warnings)


@pytest.fixture
def costed(processing_provider):
    """Four dug 100 m squares to cultivate, their works from estimatequantities."""
    import processing

    squares = layer(
        "单元",
        "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string",
        [(box(150 * i, 0, 100, 100), (i + 1, "cultivated", "pollution")) for i in range(4)],
    )
    works = processing.run(
        "reclamation:estimatequantities",
        {"UNITS": squares, "OUTPUT": "TEMPORARY_OUTPUT", "WORKS": "TEMPORARY_OUTPUT"},
    )["WORKS"]
    return (
        squares,
        {
            "WORKS": works,
            "PRICES": str(COSTS / "example_prices_sample_mine.csv"),
            "COSTS": str(COSTS / "example_sample_mine.json"),
        },
    )


def test_budgets_are_respected_and_the_spending_feeds_the_investment(costed):
    import processing

    squares, costs = costed
    free = run({"UNITS": squares, **costs, "STAGE_WORKS": "TEMPORARY_OUTPUT"})
    unit_cost = {r["unit_id"]: r["cost_yuan"] for r in rows_of(free["OUTPUT"])}
    assert all(r["stage"] == 1 for r in rows_of(free["OUTPUT"]))  # polluted: ready at once
    one = unit_cost[1]
    assert all(value == pytest.approx(one, rel=1e-6) for value in unit_cost.values())
    # The units share the static total of estimatecost exactly.
    estimated = processing.run(
        "reclamation:estimatecost",
        {
            **costs,
            "UNITS": squares,
            "SPENDING": free["SPENDING"],
            "COST_TABLE": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    summary = {r["item"]: r["value"] for r in rows_of(estimated["SUMMARY"])}
    assert sum(unit_cost.values()) == pytest.approx(summary["static"], rel=1e-6)
    stage_one = rows_of(free["STAGE_TABLE"])[0]
    # Works 2027–2031 (5 years); after-care 2032–2034 falls in stage 2.
    shares = parse_spending(free["SPENDING"])
    assert sorted(shares) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert stage_one["investment"] == pytest.approx(
        summary["static"] * sum(shares[y] for y in range(1, 6)), rel=1e-5
    )
    rise = sum(summary["static"] * s * (1.03**year - 1) for year, s in shares.items())
    assert summary["dynamic"] == pytest.approx(summary["static"] + rise, rel=1e-6)
    stage_works = rows_of(free["STAGE_WORKS"])
    assert {r["item"] for r in stage_works} >= {"field_roads", "monitoring_points"}
    # A budget of 2.5 units a stage: two in stage 1, two in stage 2; none over budget.
    feedback = WarningsFeedback()
    budgeted = run({"UNITS": squares, **costs, "BUDGET": str(2.5 * one)}, feedback)
    stages = [r["stage"] for r in rows_of(budgeted["OUTPUT"])]
    assert sorted(stages) == [1, 1, 2, 2]
    # Too small a budget for the last two: they are listed, not silently dropped.
    feedback = WarningsFeedback()
    tight = run({"UNITS": squares, **costs, "BUDGET": f"1={2.5 * one};2=0;3=0"}, feedback)
    assert sorted(is_null(r["stage"]) for r in rows_of(tight["OUTPUT"])) == [
        False,
        False,
        True,
        True,
    ]
    assert any("leave 2 unit(s)" in w for w in feedback.warnings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"PRODUCTION_YEARS": None}, "PRODUCTION_YEARS"),
        ({"BUDGET": "1=100"}, "Budgets need the cost of every unit"),
        ({"BUDGET": "9=100"}, r"stage 9 \(1–3\)"),
        ({"READY_YEAR_FIELD": "unit_id"}, "holds no calendar year"),
        ({"PANELS": "panels"}, "MINING_YEAR_FIELD"),
    ],
)
def test_bad_inputs_are_refused(processing_provider, units, panels, change, message):
    parameters = {"UNITS": units} | change
    if change.get("PANELS") == "panels":
        parameters["PANELS"] = panels
    with pytest.raises(QgsProcessingException, match=message):
        run(parameters)


def test_topsoil_is_stripped_in_its_year(processing_provider):
    # A stripping area stripped in 2034 (stage 2), another with no year (the first year):
    # each in the stage of its year, with its share of the investment spent in that year.
    import processing

    squares = layer(
        "单元",
        "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string",
        [(box(0, 0, 100, 100), (1, "cultivated", "pollution"))],
    )
    stripping = layer(
        "剥离区",
        "&field=年份:integer",
        [(box(0, 200, 100, 50), (2034,)), (box(200, 200, 100, 50), (None,))],
    )
    works = processing.run(
        "reclamation:estimatequantities",
        {
            "UNITS": squares,
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_YEAR_FIELD": "年份",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "WORKS": "TEMPORARY_OUTPUT",
        },
    )["WORKS"]
    result = run(
        {
            "UNITS": squares,
            "WORKS": works,
            "PRICES": str(COSTS / "example_prices_sample_mine.csv"),
            "COSTS": str(COSTS / "example_sample_mine.json"),
            "STAGE_WORKS": "TEMPORARY_OUTPUT",
        }
    )
    m3 = [geod_area(0, 200, 100, 50) * 0.3, geod_area(200, 200, 100, 50) * 0.3]
    stages = rows_of(result["STAGE_TABLE"])
    assert stages[0]["stripping_m3"] == pytest.approx(m3[1], rel=1e-3)
    assert stages[1]["stripping_m3"] == pytest.approx(m3[0], rel=1e-3)
    stripped = {
        r["stage"]: r["quantity"]
        for r in rows_of(result["STAGE_WORKS"])
        if r["item"] == "topsoil_stripping"
    }
    assert stripped == pytest.approx({1: m3[1], 2: m3[0]}, rel=1e-3)
    # The unit's after-care (2032–2034, years 6–8 of the plan) is spent evenly; year 8
    # holds the first area's stripping besides; year 1 the second area's besides the works.
    shares = parse_spending(result["SPENDING"])
    assert shares[6] == pytest.approx(shares[7], rel=1e-4)
    assert shares[8] > shares[7] * 1.01
    assert shares[1] > shares[2] * 1.01


def test_the_soil_balance_by_stage_from_the_works_alone(processing_provider):
    # A dump to cultivate (released at closure, 2033: stage 2) needs 0.5 m of cover; topsoil
    # is stripped in 2027 (stage 1, no year) and 2034 (stage 2). Without prices: works by
    # stage and the soil balance, no investment.
    import processing

    dump = layer(
        "单元",
        "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string",
        [(box(0, 0, 100, 100), (1, "cultivated", "occupation"))],
    )
    stripping = layer(
        "剥离区",
        "&field=年份:integer",
        [(box(0, 200, 100, 50), (2034,)), (box(200, 200, 100, 100), (None,))],
    )
    works = processing.run(
        "reclamation:estimatequantities",
        {
            "UNITS": dump,
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_YEAR_FIELD": "年份",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "WORKS": "TEMPORARY_OUTPUT",
        },
    )["WORKS"]
    result = run({"UNITS": dump, "WORKS": works, "STAGE_WORKS": "TEMPORARY_OUTPUT"})
    late, early = geod_area(0, 200, 100, 50) * 0.3, geod_area(200, 200, 100, 100) * 0.3
    cover = geod_area(0, 0, 100, 100) * 0.5
    stages = rows_of(result["STAGE_TABLE"])
    assert [s["stripping_m3"] for s in stages] == pytest.approx([early, late, 0], rel=1e-3)
    assert [s["cover_m3"] for s in stages] == pytest.approx([0, cover, 0], rel=1e-3)
    expected = [early, early + late - cover, early + late - cover]
    assert [s["stockpile_m3"] for s in stages] == pytest.approx(expected, rel=1e-3)
    assert all(is_null(s["investment"]) for s in stages)
    by_stage = {(r["stage"], r["item"]) for r in rows_of(result["STAGE_WORKS"])}
    assert {(1, "topsoil_stripping"), (2, "topsoil_stripping"), (2, "soil_cover")} <= by_stage
    assert result["SPENDING"] == ""  # no costs, no spending


def test_units_in_degrees_are_reached_in_metres(processing_provider, panels):
    # The units in CGCS2000 degrees, the panel in Gauss–Krüger metres: the 100 m influence
    # radius still reaches the unit 50 m off the panel, not the one 900 m off.
    from pyproj import Transformer

    to_degrees = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)

    def in_degrees(col0, row0, cols, rows):
        x0, y1 = 500000.0 + col0, 4000000.0 - row0
        corners = [(x0, y1 - rows), (x0 + cols, y1 - rows), (x0 + cols, y1), (x0, y1)]
        points = [to_degrees.transform(x, y) for x, y in corners + corners[:1]]
        return "POLYGON((" + ",".join(f"{lon:.9f} {lat:.9f}" for lon, lat in points) + "))"

    units = layer(
        "单元",
        "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string",
        [
            (in_degrees(150, 0, 50, 50), (1, "cultivated", "subsidence")),
            (in_degrees(1000, 0, 100, 100), (2, "forest", "subsidence")),
        ],
        crs="EPSG:4490",
    )
    result = run(
        {
            "UNITS": units,
            "PANELS": panels,
            "MINING_YEAR_FIELD": "开采年份",
            "DEPTH_FIELD": "埋深",
            "TAN_BETA_FIELD": "主要影响角正切",
        }
    )
    basis = {row["unit_id"]: row["ready_basis"] for row in rows_of(result["OUTPUT"])}
    assert basis == {1: "panels", 2: "release:stable"}
