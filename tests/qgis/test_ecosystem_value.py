"""reclamation:ecosystemvalue: per-unit values against pyproj's ellipsoidal areas × the
equivalents of Xie et al. 2015, the tables closing, unknown codes listed, clear refusals."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from plugin.compat import is_null
from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_estimate_quantities import box, geod_area
from tests.qgis.test_summarize_plan import layer

ALG = "reclamation:ecosystemvalue"
FIELDS = (
    "&field=unit_id:integer&field=dlbm_before:string&field=dist_type:string"
    "&field=dist_degree:integer&field=ponding_m:double&field=use_proposed:string"
    "&field=dlbm:string"
)
# Row sums of Xie et al. 2015's equivalents per hm²: dry farmland, water bodies, broadleaf
# forest, bare land.
DRY, WATER, BROADLEAF, BARE = 4.01, 125.61, 22.95, 0.20


def run(parameters, feedback=None):
    import processing

    return processing.run(
        ALG,
        {"OUTPUT": "TEMPORARY_OUTPUT", "SERVICES": "TEMPORARY_OUTPUT"} | parameters,
        feedback=feedback,
    )


def rows_of(found):
    found = QgsVectorLayer(found, "t", "ogr") if isinstance(found, str) else found
    return [feature.attributeMap() for feature in found.getFeatures()]


@pytest.fixture
def units():
    """A dug 100 m × 100 m field back to dry land, a ponded 200 m × 50 m subsided field to a
    pond, a buried 60 m × 40 m mining yard to forest, and a unit of an unmapped code."""
    return layer(
        "单元",
        FIELDS,
        [
            (box(0, 0, 100, 100), (1, "0103", "excavation", 3, 0.0, "cultivated", "0103")),
            (box(150, 0, 200, 50), (2, "0102", "subsidence", 2, 0.9, "water", "1104")),
            (box(0, 150, 60, 40), (3, "0602", "occupation", 3, None, "forest", "0301")),
            (box(400, 0, 10, 10), (4, "XX", "none", 0, None, "keep", "XX")),
        ],
    )


def test_values_per_unit_by_hand(processing_provider, units):
    feedback = WarningsFeedback()
    result = run(
        {"UNITS": units, "EQUIVALENT_VALUE": 1000.0, "ECOSYSTEMS": "TEMPORARY_OUTPUT"}, feedback
    )
    hm2 = [geod_area(0, 0, 100, 100), geod_area(150, 0, 200, 50), geod_area(0, 150, 60, 40)]
    hm2 = [a * 1e-4 for a in hm2]
    expected = {
        1: (DRY * hm2[0], BARE * hm2[0], DRY * hm2[0]),
        2: (DRY * hm2[1], WATER * hm2[1], WATER * hm2[1]),
        3: (0.0, BARE * hm2[2], BROADLEAF * hm2[2]),
    }
    got = {row["unit_id"]: row for row in rows_of(result["OUTPUT"])}
    for unit, (before, damaged, after) in expected.items():
        row = got[unit]
        assert row["esv_before"] == pytest.approx(before * 1000, abs=0.01)
        assert row["esv_damaged"] == pytest.approx(damaged * 1000, abs=0.01)
        assert row["esv_after"] == pytest.approx(after * 1000, abs=0.01)
        assert row["esv_gain"] == pytest.approx((after - damaged) * 1000, abs=0.02)
    assert got[2]["eco_damaged"] == "water"
    assert got[3]["eco_after"] == "broadleaf"
    # The unmapped code has no value in any state, and the warning names it.
    assert all(is_null(got[4][f"esv_{s}"]) for s in ("before", "damaged", "after"))
    assert any("XX" in w and "esv.codes" in w for w in feedback.warnings)
    services = rows_of(result["SERVICES"])
    total = next(r for r in services if r["row_kind"] == "total")
    items = [r for r in services if r["row_kind"] == "item"]
    assert len(items) == 11
    for state in ("before", "damaged", "after"):
        assert total[f"esv_{state}"] == pytest.approx(
            sum(v[("before", "damaged", "after").index(state)] for v in expected.values()) * 1000,
            abs=0.05,
        )
        by_service = sum(r[f"esv_{state}"] for r in items)
        assert by_service == pytest.approx(total[f"esv_{state}"], abs=0.1)
    ecosystems = rows_of(result["ECOSYSTEMS"])
    not_valued = next(r for r in ecosystems if r["row_kind"] == "not_valued")
    assert not_valued["before_hm2"] == pytest.approx(geod_area(400, 0, 10, 10) * 1e-4, abs=1e-4)
    kinds = [r for r in ecosystems if r["row_kind"] != "total"]
    table_total = next(r for r in ecosystems if r["row_kind"] == "total")
    for state in ("before", "damaged", "after"):
        area = sum(r[f"{state}_hm2"] for r in kinds)
        assert area == pytest.approx(table_total[f"{state}_hm2"], abs=1e-3)


def test_the_pack_value_is_used_when_none_is_given(processing_provider, units):
    once = rows_of(run({"UNITS": units})["OUTPUT"])
    given = rows_of(run({"UNITS": units, "EQUIVALENT_VALUE": 2 * 1498.58})["OUTPUT"])
    for a, b in zip(once, given, strict=True):
        if not is_null(a["esv_after"]):
            assert b["esv_after"] == pytest.approx(2 * a["esv_after"], rel=1e-6, abs=0.02)


def test_refusals_name_the_problem(processing_provider, units):
    with pytest.raises(QgsProcessingException, match="esv"):
        run({"UNITS": units, "RULES": "fao-sys"})
    bare = layer("无编码", "&field=use_proposed:string", [(box(0, 0, 10, 10), ("keep",))])
    with pytest.raises(QgsProcessingException, match="dlbm_before"):
        run({"UNITS": bare})
