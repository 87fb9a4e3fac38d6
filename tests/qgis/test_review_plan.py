"""reclamation:reviewplan: a clean plan passes every check of cn-review; each defect
planted in a copy is found by its check, with the unit and the evidence."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.qgis.test_estimate_quantities import box, geod_area
from tests.qgis.test_summarize_plan import layer

ALG = "reclamation:reviewplan"
FIELDS = (
    "&field=unit_id:integer&field=dist_type:string&field=dist_degree:integer"
    "&field=use_proposed:string&field=dlbm_before:string&field=dlbm:string"
    "&field=slope_deg:double&field=pollution:integer&field=area_hm2:double"
    "&field=degree_basis:string&field=rule_pack:string"
)
PACK = "cn-reclamation 0.7.0"
BOXES = [(0, 0, 100, 100), (150, 0, 100, 100), (300, 0, 100, 100), (450, 0, 100, 100)]


def area(i):
    return geod_area(*BOXES[i]) * 1e-4


def clean_rows():
    """Dug dry land back to dry land, buried land to forest, polluted (class 1) dry land
    kept cultivated, a yard kept as construction land: every check passes."""
    return [
        [1, "excavation", 2, "cultivated", "0103", "0103", 3.0, 0, area(0), "assessed", PACK],
        [2, "occupation", 3, "forest", "0301", "0301", 18.0, 0, area(1), "assessed", PACK],
        [3, "pollution", 1, "cultivated", "0103", "0103", 2.0, 1, area(2), "assessed", PACK],
        [4, "occupation", 2, "construction", "0601", "0601", 1.0, 0, area(3), "assessed", PACK],
    ]


def works(units=(1, 2, 3)):
    """The works table: a quantity for each reclaimed unit (unit 4 stays construction)."""
    fields = "&field=unit_id:integer&field=item:string&field=quantity:double"
    return layer("工程量", fields, [(None, (u, "cover", 100.0 * u)) for u in units], crs=None)


def investment(static=1.2e6, dynamic=1.3e6, missing=0.0):
    fields = "&field=item:string&field=value:double"
    rows = [("static", static), ("dynamic", dynamic), ("missing_prices", missing)]
    return layer("投资", fields, [(None, row) for row in rows], crs=None)


def plan(rows):
    return layer("方案", FIELDS, [(box(*BOXES[i]), tuple(row)) for i, row in enumerate(rows)])


def run(units, **extra):
    import processing

    given = {"WORKS": works(), "COST_SUMMARY": investment(), **extra}
    given = {key: value for key, value in given.items() if value is not None}
    result = processing.run(ALG, {"UNITS": units, "FINDINGS": "TEMPORARY_OUTPUT", **given})
    found = result["FINDINGS"]
    found = QgsVectorLayer(found, "f", "ogr") if isinstance(found, str) else found
    return [(f["check"], f["unit_id"], f["evidence"]) for f in found.getFeatures()], result


def test_a_clean_plan_passes(processing_provider):
    findings, _ = run(plan(clean_rows()))
    assert findings == []


@pytest.mark.parametrize(
    ("row", "column", "value", "check", "unit"),
    [
        (0, 3, "", "proposal_present", 1),
        (1, 2, None, "degree_stated", 2),
        (0, 6, 26.0, "slope_cap", 1),
        (2, 7, 2, "polluted_food", 3),
        (1, 8, 9.99, "area_stated", 2),
        (0, 5, "1104", "cultivated_kept", 0),
        (1, 3, "keep", "reclamation_rate", 0),
        (1, 9, "default", "degree_assessed", 2),
        (0, 9, "", "degree_assessed", 1),
        (0, 10, "", "rules_stated", 1),
    ],
)
def test_each_planted_defect_is_found(processing_provider, row, column, value, check, unit):
    rows = clean_rows()
    rows[row][column] = value
    if check == "cultivated_kept":
        rows[row][3] = "water"  # dry land proposed as a pond: the cultivated land shrinks
    findings, _ = run(plan(rows))
    assert (check, unit) in [(c, u) for c, u, _ in findings]
    # A unit without a proposed use is not reclaimed either: the rate falls too.
    also = {"reclamation_rate"} if check == "proposal_present" else set()
    assert {c for c, _, _ in findings} == {check} | also, findings


@pytest.mark.parametrize(
    ("statements", "unit", "evidence"),
    [
        ({"WORKS": works((1, 2))}, 3, "use_proposed=cultivated, no quantity"),
        ({"WORKS": None}, 0, "no works table (unit × work item)"),
        ({"COST_SUMMARY": investment(dynamic=0.0)}, 0, "dynamic=0"),
        ({"COST_SUMMARY": investment(missing=2.0)}, 0, "missing_prices=2"),
        ({"COST_SUMMARY": None}, 0, "no investment estimate"),
    ],
)
def test_quantities_and_investment_are_stated(processing_provider, statements, unit, evidence):
    findings, _ = run(plan(clean_rows()), **statements)
    check = "quantities_stated" if "WORKS" in statements else "investment_stated"
    assert findings == [(check, unit, evidence)]


def test_an_undecided_degree_is_degree_stated_only(processing_provider):
    rows = clean_rows()
    rows[1][2], rows[1][9] = None, "undecided"
    findings, _ = run(plan(rows))
    assert [(c, u) for c, u, _ in findings] == [("degree_stated", 2)]


def test_a_hand_made_plan_by_field_map_and_the_report(processing_provider, tmp_path):
    rows = clean_rows()
    rows[0][6] = 30.0
    hand = layer(
        "手工方案",
        FIELDS.replace("slope_deg", "坡度").replace("use_proposed", "复垦方向"),
        [(box(*BOXES[i]), tuple(r)) for i, r in enumerate(rows)],
    )
    report = tmp_path / "审查.html"
    findings, result = run(
        hand, FIELD_MAP="坡度=slope_deg;复垦方向=use_proposed", REPORT_HTML=str(report)
    )
    assert [(c, u) for c, u, _ in findings] == [("slope_cap", 1)]
    assert "30.00 > 25" in findings[0][2]
    assert result["REPORT_HTML"] == str(report)
    assert "耕地不超过坡度上限" in report.read_text(encoding="utf-8") or "slope cap" in (
        report.read_text(encoding="utf-8")
    )
    # Without the map, the proposals are missing: findings, not passes.
    missing, _ = run(hand)
    assert ("proposal_present", 1) in [(c, u) for c, u, _ in missing]
    with pytest.raises(QgsProcessingException, match="Field map"):
        run(hand, FIELD_MAP="坡度=slope")
    with pytest.raises(QgsProcessingException, match="no-such-review"):
        run(hand, REVIEW="no-such-review")
