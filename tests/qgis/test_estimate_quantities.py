"""reclamation:estimatequantities: quantities per unit against pyproj's ellipsoidal areas
and analytic cut and fill, the balance closing, clear refusals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pyproj import Geod, Transformer
from qgis.core import QgsProcessingException, QgsVectorLayer

from plugin.compat import is_null
from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_summarize_plan import layer
from tests.rasters import write_tif

ALG = "reclamation:estimatequantities"
ORIGIN_X, ORIGIN_Y, CELL = 500000.0, 4000000.0, 1.0
UNIT_FIELDS = (
    "&field=unit_id:integer&field=use_proposed:string&field=dist_type:string"
    "&field=limit_cultivated:string&field=limit_forest:string&field=slope_deg:double"
)


def run(parameters, feedback=None):
    import processing

    return processing.run(
        ALG,
        {"OUTPUT": "TEMPORARY_OUTPUT", "WORKS": "TEMPORARY_OUTPUT", "BALANCE": "TEMPORARY_OUTPUT"}
        | parameters,
        feedback=feedback,
    )


def box(col0, row0, cols, rows):
    x0, x1 = ORIGIN_X + col0 * CELL, ORIGIN_X + (col0 + cols) * CELL
    y1, y0 = ORIGIN_Y - row0 * CELL, ORIGIN_Y - (row0 + rows) * CELL
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def geod_area(col0, row0, cols, rows):
    """The square's area on GRS 80 (CGCS2000), by pyproj, independent of QGIS."""
    to_lonlat = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)
    x0, x1 = ORIGIN_X + col0 * CELL, ORIGIN_X + (col0 + cols) * CELL
    y1, y0 = ORIGIN_Y - row0 * CELL, ORIGIN_Y - (row0 + rows) * CELL
    lon, lat = to_lonlat.transform([x0, x1, x1, x0], [y0, y0, y1, y1])
    area, _ = Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)
    return abs(area)


@pytest.fixture
def plan(tmp_path):
    """A 100 m × 100 m dug field to cultivate on a 0.2 slope (11.3°, above the 5° design
    slope of dry land) and a 60 m × 40 m dump face to forest (20°)."""
    _, xx = np.mgrid[0:120, 0:220] + 0.5
    dem = write_tif(
        tmp_path / "高程.tif", 100.0 + 0.2 * xx, (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL), 4547
    )
    units = layer(
        "单元",
        UNIT_FIELDS,
        [
            (box(0, 0, 100, 100), (1, "cultivated", "excavation", "organic_matter_gkg", None, 4.0)),
            (box(150, 10, 60, 40), (2, "forest", "occupation", None, "", 20.0)),
        ],
    )
    stripping = layer("剥离区", "&field=厚度:double", [(box(0, 100, 100, 20), (0.4,))])
    return units, dem, stripping


def rows_of(result, key):
    found = result[key]
    found = QgsVectorLayer(found, key, "ogr") if isinstance(found, str) else found
    return [feature.attributeMap() for feature in found.getFeatures()]


def test_quantities_per_unit(processing_provider, plan):
    units, dem, stripping = plan
    result = run(
        {
            "UNITS": units,
            "DEM": str(dem),
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_DEPTH_FIELD": "厚度",
        }
    )
    by_unit = {row["unit_id"]: row for row in rows_of(result, "OUTPUT")}
    field, face = by_unit[1], by_unit[2]
    # Cover: area × 0.5 m (dry land) and × 0.3 m (forest), on the ellipsoid, to 0.1 %.
    assert field["q_soil_cover"] == pytest.approx(geod_area(0, 0, 100, 100) * 0.5, rel=1e-3)
    assert face["q_soil_cover"] == pytest.approx(geod_area(150, 10, 60, 40) * 0.3, rel=1e-3)
    # Levelling the 0.2 slope down to 5°: cut = fill = Δ L³ / 8 with Δ = 0.2 − tan 5°.
    delta = 0.2 - math.tan(math.radians(5.0))
    assert field["q_land_levelling_cut"] == pytest.approx(delta * 100**3 / 8, rel=0.01)
    assert field["q_land_levelling_fill"] == pytest.approx(delta * 100**3 / 8, rel=0.01)
    # The face (11.3° under forest's 35°) needs no levelling (float32 DEM: a few litres).
    assert face["q_land_levelling_cut"] == pytest.approx(0.0, abs=0.05)
    # Per hm²: roads and manure on the field (organic matter limits it), trees on the face;
    # the ditch around the 20° face (perimeter 200 m on the ellipsoid ≈ the plane's).
    hectares = geod_area(0, 0, 100, 100) * 1e-4
    assert field["q_field_roads"] == pytest.approx(60 * hectares, rel=1e-3)
    assert field["q_soil_improvement"] == pytest.approx(15 * hectares, rel=1e-3)
    assert face["q_tree_planting"] == pytest.approx(
        1667 * geod_area(150, 10, 60, 40) * 1e-4, rel=1e-3
    )
    assert face["q_drainage_ditch"] == pytest.approx(200.0, rel=2e-3)
    assert is_null(field["q_drainage_ditch"])  # 4°: no ditch

    works = rows_of(result, "WORKS")
    cover = [w for w in works if w["item"] == "soil_cover"]
    assert {w["item_name"] for w in cover} == {"覆土"}  # a pack of China: Chinese names
    assert {(w["source"], w["status"]) for w in cover} == {("TDBZ1995-water", "secondary")}

    balance = {row["item"]: row["m3"] for row in rows_of(result, "BALANCE")}
    stripped = geod_area(0, 100, 100, 20) * 0.4
    cover_total = field["q_soil_cover"] + face["q_soil_cover"]
    assert balance["topsoil_stripped"] == pytest.approx(stripped, rel=1e-3)
    assert balance["topsoil_cover"] == pytest.approx(cover_total, rel=1e-6)
    assert balance["topsoil_shortfall"] == pytest.approx(cover_total - stripped, rel=1e-3)
    # Every m³ accounted for, to 0.01 m³ per 1 000 m³.
    topsoil = (
        balance["topsoil_stripped"]
        - balance["topsoil_cover"]
        - balance["topsoil_surplus"]
        + balance["topsoil_shortfall"]
    )
    assert abs(topsoil) <= 1e-5 * balance["topsoil_cover"]
    earth = (
        balance["earth_cut"]
        - balance["earth_fill"]
        - balance["earth_spoil"]
        + balance["earth_borrow"]
    )
    assert abs(earth) <= 1e-5 * balance["earth_cut"]


def test_a_design_surface_replaces_the_fitted_plane(processing_provider, plan, tmp_path):
    units, dem, _ = plan
    flat = write_tif(
        tmp_path / "设计.tif",
        np.full((120, 220), 100.0),
        (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL),
        4547,
    )
    result = run({"UNITS": units, "DEM": str(dem), "DESIGN_SURFACE": str(flat)})
    field = next(r for r in rows_of(result, "OUTPUT") if r["unit_id"] == 1)
    # Ground 100 + 0.2 x over the flat 100 m: all cut, Σ 0.2 (k + 0.5) × 100 rows.
    assert field["q_land_levelling_cut"] == pytest.approx(0.2 * 100 * 100**2 / 2, rel=1e-6)
    assert is_null(field["q_land_levelling_fill"])  # nothing to fill: no quantity


def test_without_dem_and_stripping_areas_it_says_what_is_left_out(processing_provider, plan):
    units, _, _ = plan
    feedback = WarningsFeedback()
    result = run({"UNITS": units}, feedback)
    assert any("No DEM" in w for w in feedback.warnings)
    assert any("No topsoil stripping areas" in w for w in feedback.warnings)
    balance = {row["item"]: row["m3"] for row in rows_of(result, "BALANCE")}
    assert balance["topsoil_stripped"] == 0.0
    assert balance["topsoil_shortfall"] == pytest.approx(balance["topsoil_cover"])
    assert not [w for w in rows_of(result, "WORKS") if w["item"] == "land_levelling"]


def test_refusals_name_the_problem(processing_provider, plan, tmp_path):
    units, _, _ = plan
    with pytest.raises(QgsProcessingException, match="has no works block"):
        run({"UNITS": units, "RULES": "fao-sys"})
    bare = layer("单元", "&field=名称:string", [(box(0, 0, 10, 10), ("甲",))])
    with pytest.raises(QgsProcessingException, match=r"no field use_proposed.*名称"):
        run({"UNITS": bare})
    lonlat = write_tif(
        tmp_path / "经纬度.tif", np.ones((10, 10)), (114.0, 1e-4, 0, 36.0, 0, -1e-4), 4490
    )
    square = (
        "POLYGON((114.0001 35.9995,114.0005 35.9995,114.0005 35.9999,"
        "114.0001 35.9999,114.0001 35.9995))"
    )
    values = (1, "cultivated", "excavation", None, None, 1.0)
    degrees = layer("单元", UNIT_FIELDS, [(square, values)], "EPSG:4490")
    with pytest.raises(QgsProcessingException, match="in degrees"):
        run({"UNITS": degrees, "DEM": str(lonlat)})


def test_topsoil_is_hauled_to_the_nearest_units_within_reach(processing_provider, plan):
    # The 100 m × 20 m stripping area (0.4 m: ≈ 800 m³) lies south of the field: 60 m
    # between centroids, 152.6 m to the face. The field takes it all; the face is short.
    units, _, stripping = plan
    result = run(
        {
            "UNITS": units,
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_DEPTH_FIELD": "厚度",
            "HAUL_LIMIT_M": 500,
        }
    )
    by_unit = {row["unit_id"]: row for row in rows_of(result, "OUTPUT")}
    field, face = by_unit[1], by_unit[2]
    stripped = geod_area(0, 100, 100, 20) * 0.4
    assert field["cover_haul_m"] == pytest.approx(60.0, abs=1e-6)
    assert field["cover_unserved_m3"] == pytest.approx(field["q_soil_cover"] - stripped, rel=1e-6)
    assert is_null(face["cover_haul_m"])
    assert face["cover_unserved_m3"] == pytest.approx(face["q_soil_cover"], rel=1e-9)
    balance = {row["item"]: row["m3"] for row in rows_of(result, "BALANCE")}
    assert balance["topsoil_hauled"] == pytest.approx(stripped, rel=1e-6)
    assert balance["topsoil_hauled"] + balance["topsoil_unserved"] == pytest.approx(
        balance["topsoil_cover"], rel=1e-9
    )
    # Within 50 m nothing reaches either unit, and the run says which.
    feedback = WarningsFeedback()
    short = run(
        {
            "UNITS": units,
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_DEPTH_FIELD": "厚度",
            "HAUL_LIMIT_M": 50,
        },
        feedback,
    )
    assert any("within 50 m" in w and "1, 2" in w for w in feedback.warnings)
    balance = {row["item"]: row["m3"] for row in rows_of(short, "BALANCE")}
    assert balance["topsoil_hauled"] == 0.0


def test_stripping_is_a_work_of_its_areas(processing_provider, plan):
    # Each stripping area is a row of the works table: no unit, its number, its m³ (area ×
    # depth on the ellipsoid) and the year it is stripped (for the work plan).
    units, dem, _ = plan
    stripping = layer(
        "剥离区",
        "&field=厚度:double&field=剥离年份:integer",
        [(box(0, 100, 100, 20), (0.4, 2029)), (box(120, 100, 50, 20), (None, None))],
    )
    result = run(
        {
            "UNITS": units,
            "DEM": str(dem),
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_DEPTH_FIELD": "厚度",
            "TOPSOIL_YEAR_FIELD": "剥离年份",
        }
    )
    rows = [r for r in rows_of(result, "WORKS") if r["item"] == "topsoil_stripping"]
    assert [(r["area_id"], r["year"] if not is_null(r["year"]) else None) for r in rows] == [
        (1, 2029),
        (2, None),
    ]
    assert all(is_null(r["unit_id"]) for r in rows)
    assert rows[0]["item_name"] == "表土剥离"
    assert rows[0]["quantity"] == pytest.approx(geod_area(0, 100, 100, 20) * 0.4, rel=1e-3)
    # The second area has no depth: the pack's 0.3 m, and the pack's source is named.
    assert rows[1]["quantity"] == pytest.approx(geod_area(120, 100, 50, 20) * 0.3, rel=1e-3)
    assert rows[0]["source"] == "Strip-practice"
    bad = layer("剥离区", "&field=剥离年份:integer", [(box(0, 100, 100, 20), (29,))])
    with pytest.raises(QgsProcessingException, match=r"剥离年份.*no calendar year"):
        run({"UNITS": units, "TOPSOIL_SOURCES": bad, "TOPSOIL_YEAR_FIELD": "剥离年份"})


def test_topsoil_goes_through_the_stockpiles(processing_provider, plan):
    # 0.4 m stripped from 100 m × 20 m (≈ 800 m³); one stockpile holding 500 m³ beside it:
    # 500 m³ stockpiled, the rest finds no room, and the units get the 500 m³.
    units, _, stripping = plan
    pile = layer("堆土场", "&field=容量:double", [(box(0, 130, 20, 20), (500.0,))])
    result = run(
        {
            "UNITS": units,
            "TOPSOIL_SOURCES": stripping,
            "TOPSOIL_DEPTH_FIELD": "厚度",
            "STOCKPILES": pile,
            "STOCKPILE_CAPACITY_FIELD": "容量",
        }
    )
    balance = {row["item"]: row["m3"] for row in rows_of(result, "BALANCE")}
    stripped = geod_area(0, 100, 100, 20) * 0.4
    assert balance["topsoil_stripped"] == pytest.approx(stripped, rel=1e-3)
    assert balance["topsoil_stockpiled"] == pytest.approx(500.0)
    assert balance["topsoil_not_stockpiled"] == pytest.approx(stripped - 500.0, rel=1e-3)
    assert balance["topsoil_hauled"] == pytest.approx(500.0)
    assert balance["topsoil_hauled"] + balance["topsoil_unserved"] == pytest.approx(
        balance["topsoil_cover"]
    )
    # Without a capacity the stockpile takes all.
    result = run(
        {"UNITS": units, "TOPSOIL_SOURCES": stripping, "STOCKPILES": pile},
    )
    balance = {row["item"]: row["m3"] for row in rows_of(result, "BALANCE")}
    assert balance["topsoil_not_stockpiled"] == pytest.approx(0.0, abs=1e-6)


def test_terraces_where_the_pack_gives_a_bench_width(processing_provider, plan, tmp_path):
    # A copy of cn-reclamation with 20 m terraces for cultivated land: the 0.2 slope field
    # (above its 5°) is cut into five benches, Δ W / 8 per m² = a fifth of one plane's.
    import json

    from tests.helpers import ROOT

    units, dem, _ = plan
    document = json.loads((ROOT / "resources/rules/cn-reclamation.json").read_text("utf-8"))
    document["works"]["items"]["land_levelling"]["terraces"] = {
        "value": {"cultivated": 20},
        "source": "Plugin-default",
        "status": "unverified",
    }
    pack = tmp_path / "梯田规则包.json"
    pack.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run({"UNITS": units, "DEM": str(dem), "RULES": str(pack)})
    field = {row["unit_id"]: row for row in rows_of(result, "OUTPUT")}[1]
    delta = 0.2 - math.tan(math.radians(5.0))
    assert field["q_land_levelling_cut"] == pytest.approx(delta * 20 / 8 * 100**2, rel=0.01)
    assert field["q_land_levelling_fill"] == pytest.approx(delta * 20 / 8 * 100**2, rel=0.01)
    document["works"]["items"]["soil_cover"]["terraces"] = {
        "value": {"cultivated": 20},
        "source": "Plugin-default",
        "status": "unverified",
    }
    pack.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="only levelling items take terraces"):
        run({"UNITS": units, "DEM": str(dem), "RULES": str(pack)})
