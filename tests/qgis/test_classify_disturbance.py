"""reclamation:classifydisturbance: constructed DEM pairs, real mapped facilities, samples."""

from __future__ import annotations

import itertools
import json
import shutil

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from pyproj import Geod
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests.helpers import ROOT
from tests.qgis.conftest import WarningsFeedback
from tests.rasters import write_tif
from tests.unit.rules_helpers import RULES_DIR

ALG = "reclamation:classifydisturbance"
REAL = ROOT / "tests" / "data" / "real"
CELL = 5.0
X0, Y0 = 500000.0, 4000000.0
GT = (X0, CELL, 0.0, Y0, 0.0, -CELL)


def run(parameters, feedback=None):
    import processing

    return processing.run(
        ALG,
        {"OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT", **parameters},
        feedback=feedback,
    )


def rows_of(layer):
    return [f.attributeMap() for f in layer.getFeatures()]


def area_by_type(layer):
    totals: dict[str, float] = {}
    for row in rows_of(layer):
        totals[row["dist_type"]] = totals.get(row["dist_type"], 0.0) + row["area_m2"]
    return totals


def rules_with(tmp_path, **limits):
    document = json.loads((RULES_DIR / "cn-reclamation.json").read_text(encoding="utf-8"))
    for indicator, (damage_type, values) in limits.items():
        document["disturbance"]["types"][damage_type]["indicators"] = [
            {"indicator": indicator, "land_use": "any", "limits": values}
            | {"source": "Plugin-default", "status": "unverified", "note": "test"}
        ]
    path = tmp_path / "测试规则.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def polygon_layer(name, rows, crs="EPSG:4547", fields=""):
    layer = QgsVectorLayer(f"Polygon?crs={crs}{fields}", name, "memory")
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def cell_box(col0, row0, cols, rows):
    x0, x1 = X0 + col0 * CELL, X0 + (col0 + cols) * CELL
    y1, y0 = Y0 - row0 * CELL, Y0 - (row0 + rows) * CELL
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


@pytest.fixture
def dem_pair(tmp_path):
    """Before: flat 100 m. After: a 30 × 30-cell pit 20 m deep, a 20 × 40 dump 12 m high,
    and a subsidence bowl (3 m deep at the centre) over an undermined square."""
    before = np.full((200, 200), 100.0)
    after = before.copy()
    after[20:50, 20:50] -= 20.0
    after[120:140, 20:60] += 12.0
    rows, cols = np.mgrid[0:200, 0:200]
    distance = np.hypot(rows - 140, cols - 140)
    after -= np.where(distance < 40, 3.0 * np.cos(distance / 40 * np.pi / 2) ** 2, 0.0)
    folder = tmp_path / "高程"
    folder.mkdir()
    return (
        write_tif(folder / "采前.tif", before, GT, 4547),
        write_tif(folder / "采后.tif", after, GT, 4547),
        distance,
    )


def test_pit_dump_and_bowl_from_dems(processing_provider, dem_pair, tmp_path):
    before, after, distance = dem_pair
    zone = polygon_layer("采动影响范围", [(cell_box(95, 95, 90, 90), ())])
    pit = polygon_layer(
        "设施", [(cell_box(20, 20, 30, 30), ("露天采场",))], fields="&field=类型:string"
    )
    rules = rules_with(
        tmp_path,
        excavation_depth_m=("excavation", [0, 5, 10]),
        dump_height_m=("occupation", [0, 5, 10]),
        subsidence_m=("subsidence", [0.5, 1.5, 2.5]),
    )
    parameters = {
        "DEM_BEFORE": str(before),
        "DEM_AFTER": str(after),
        "UNDERMINED": zone,
        "RULES": rules,
    }
    cell = CELL * CELL
    # The pit lies outside the mining influence zone: lowered ground there is not
    # classified, it is reported with its area (900 cells).
    feedback = WarningsFeedback()
    zoned = run(parameters, feedback)
    assert "excavation" not in area_by_type(zoned["OUTPUT"])
    (warning,) = [w for w in feedback.warnings if "outside the mining influence zone" in w]
    reported_hm2 = float(warning.split(": ")[1].split(" hm²")[0])
    assert reported_hm2 * 1e4 == pytest.approx(900 * cell, abs=0.5)
    # Mapped as a facility, the pit is excavation, and nothing is left out any more.
    feedback = WarningsFeedback()
    result = run({**parameters, "FACILITIES": pit, "FACILITY_TYPE_FIELD": "类型"}, feedback)
    assert not [w for w in feedback.warnings if "outside the mining influence zone" in w]
    areas = area_by_type(result["OUTPUT"])
    # Ellipsoidal vs Gauss-Krüger plane: at 3° zone's CM (117° E for EPSG:4547 at
    # x = 500 km) the ratio is 1 within 1e-6, so the footprints compare directly.
    assert areas["excavation"] == pytest.approx(900 * cell, rel=0.02)
    assert areas["occupation"] == pytest.approx(800 * cell, rel=0.02)
    bowl = np.count_nonzero(distance < 40 * (2 / np.pi) * np.arccos(np.sqrt(1 / 3)))
    assert areas["subsidence"] == pytest.approx(bowl * cell, rel=0.02)
    rows = rows_of(result["OUTPUT"])
    pit_rows = [r for r in rows if r["dist_type"] == "excavation"]
    assert pit_rows[0]["chg_mean_m"] == pytest.approx(-20.0, abs=0.05)
    assert {r["dist_degree"] for r in rows if r["dist_type"] == "occupation"} == {3}
    assert {r["evidence"] for r in rows if r["dist_type"] != "excavation"} == {"dem"}
    summary = rows_of(result["SUMMARY"])
    total = next(r for r in summary if r["dist_type"] == "total")
    assert total["area_m2"] == pytest.approx(sum(areas.values()))
    # Names beside the codes, in Chinese for a pack of China (whatever QGIS's language).
    assert total["type_name"] == "合计"
    names = {"excavation": "挖损", "subsidence": "塌陷", "occupation": "压占"}
    for row in summary:
        if row["dist_type"] in names:
            assert row["type_name"] == names[row["dist_type"]]
    (dump,) = [r for r in summary if r["dist_type"] == "occupation"]
    assert dump["degree_name"].startswith("重度")  # degree 3


def test_an_open_pit_mine_without_a_zone_is_excavation(processing_provider, dem_pair):
    before, after, _ = dem_pair
    result = run({"DEM_BEFORE": str(before), "DEM_AFTER": str(after)})
    areas = area_by_type(result["OUTPUT"])
    assert "subsidence" not in areas
    # Pit and bowl (deeper than the pack's 1 m minimum change) are both lowered ground.
    assert areas["excavation"] > 900 * CELL * CELL


def test_real_mined_mask_as_mapped_facilities(processing_provider, tmp_path):
    # The Mud River mined/unmined mask (10 m, EPSG:26917) polygonized as open pits.
    mask = gdal.Open(str(REAL / "appalachia-mtr-wv" / "mudriver_mined_mask_10m.asc"))
    values = mask.GetRasterBand(1).ReadAsArray()
    mined_cells = int(np.count_nonzero(values == 1))
    path = tmp_path / "mined.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(26917)
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer("mined", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("mined", ogr.OFTInteger))
    band = mask.GetRasterBand(1)
    gdal.Polygonize(band, band, layer, 0)
    layer.SetAttributeFilter("mined <> 1")
    for feature in list(layer):
        layer.DeleteFeature(feature.GetFID())
    layer = source = None
    facilities = QgsVectorLayer(f"{path}|layername=mined", "mined", "ogr")
    result = run(
        {
            "FACILITIES": facilities,
            "FACILITY_TYPE_FIELD": "mined",
            "FACILITY_TYPE_MAP": "1=excavation",
        }
    )
    areas = area_by_type(result["OUTPUT"])
    # 23.47 km² mined (tests/data/real/appalachia-mtr-wv/SOURCES.md); ellipsoidal differs
    # from the UTM plane by k² ≈ 0.9994.
    assert mined_cells * 100.0 == pytest.approx(23.47e6, rel=0.001)
    assert areas == {"excavation": pytest.approx(mined_cells * 100.0, rel=0.002)}


def test_real_highwalls_with_chinese_names_in_a_geographic_crs(processing_provider, tmp_path):
    folder = tmp_path / "高墙 数据"
    folder.mkdir()
    for part in (REAL / "appalachia-highwalls").glob("unreclaimed_highwalls.*"):
        shutil.copy(part, folder / f"未复垦高墙{part.suffix}")
    layer = QgsVectorLayer(str(folder / "未复垦高墙.shp"), "未复垦高墙", "ogr")
    assert layer.isValid()
    result = run(
        {
            "FACILITIES": layer,
            "FACILITY_TYPE_FIELD": "Status",
            "FACILITY_TYPE_MAP": "Unreclaimed=excavation;Revegetated=none",
        }
    )
    # Expected: the geodesic area (WGS 84) of the union of the unreclaimed polygons.
    geod = Geod(ellps="WGS84")
    union = None
    for feature in layer.getFeatures():
        if feature["Status"] == "Unreclaimed":
            geometry = feature.geometry()
            union = geometry if union is None else union.combine(geometry)
    expected = 0.0
    for polygon in union.asMultiPolygon():
        for index, ring in enumerate(polygon):
            area, _ = geod.polygon_area_perimeter([p.x() for p in ring], [p.y() for p in ring])
            expected += abs(area) if index == 0 else -abs(area)
    areas = area_by_type(result["OUTPUT"])
    assert set(areas) == {"excavation"}
    assert areas["excavation"] == pytest.approx(expected, rel=0.001)


def test_unmapped_facility_types_are_listed(processing_provider):
    facilities = polygon_layer(
        "设施",
        [(cell_box(0, 0, 10, 10), ("排土场",)), (cell_box(20, 0, 10, 10), ("炸药库",))],
        fields="&field=类型:string",
    )
    with pytest.raises(QgsProcessingException, match="炸药库"):
        run({"FACILITIES": facilities, "FACILITY_TYPE_FIELD": "类型"})


def test_facilities_take_the_pack_default_and_land_use_before(processing_provider):
    facilities = polygon_layer(
        "设施", [(cell_box(0, 0, 20, 20), ("排土场",))], fields="&field=类型:string"
    )
    landuse = polygon_layer(
        "地类",
        [(cell_box(0, 0, 10, 20), ("0103",)), (cell_box(10, 0, 10, 20), ("0301",))],
        fields="&field=DLBM:string",
    )
    result = run(
        {
            "FACILITIES": facilities,
            "FACILITY_TYPE_FIELD": "类型",
            "LANDUSE": landuse,
            "LANDUSE_CODE_FIELD": "DLBM",
        }
    )
    rows = sorted(rows_of(result["OUTPUT"]), key=lambda r: r["dlbm_before"])
    assert [(r["dist_type"], r["dist_degree"], r["dlbm_before"]) for r in rows] == [
        ("occupation", 3, "0103"),
        ("occupation", 3, "0301"),
    ]
    assert [r["dlmc_before"] for r in rows] == ["旱地", "乔木林地"]
    assert rows[0]["area_m2"] == pytest.approx(50 * 100 * 1.0, rel=1e-3)


def test_polluted_land_around_failing_samples(processing_provider, tmp_path):
    # Two samples 200 m apart: Cd 0.9 mg/kg at pH 7.0 (other land: screening 0.3 ->
    # ratio 3.0, degree 2 by [1, 2, 3]) and a clean one. Radius 50 m: a disc of 50 m.
    layer = QgsVectorLayer(
        "Point?crs=EPSG:4547&field=Cd:double&field=pH:double", "采样点", "memory"
    )
    features = []
    for x, cd in ((X0, 0.9), (X0 + 200, 0.1)):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT({x} {Y0})"))
        feature.setAttributes([cd, 7.0])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    result = run({"SOIL_SAMPLES": layer, "SAMPLE_RADIUS": 50})
    rows = rows_of(result["OUTPUT"])
    assert [(r["dist_type"], r["dist_degree"]) for r in rows] == [("pollution", 2)]
    assert rows[0]["exceed_ratio"] == pytest.approx(3.0)
    assert rows[0]["pollution"] == 1  # over the screening value, under the intervention value
    assert rows[0]["area_m2"] == pytest.approx(np.pi * 50**2, rel=0.01)


@pytest.mark.parametrize(
    "cuts",
    [
        [X0 - 20],  # two parcels, the sample in the eastern one
        [X0 - 30, X0 + 10, X0 + 30],  # four strips
        [X0 + 25],  # the sample in the bigger western parcel
    ],
)
def test_every_piece_of_a_polluted_patch_keeps_its_pollution_class(
    processing_provider, tmp_path, cuts
):
    # One sample above the intervention value (Cd 5 mg/kg at pH 7: 0.3 / 3.0 -> class 2),
    # its 50 m disc cut by land-use parcels (north-south strips at ``cuts``): every piece,
    # with or without the sample point, is pollution class 2 with the sample's ratio.
    samples = QgsVectorLayer(
        "Point?crs=EPSG:4547&field=Cd:double&field=pH:double", "采样点", "memory"
    )
    feature = QgsFeature(samples.fields())
    feature.setGeometry(QgsGeometry.fromWkt(f"POINT({X0} {Y0})"))
    feature.setAttributes([5.0, 7.0])
    samples.dataProvider().addFeatures([feature])
    edges = [X0 - 100, *cuts, X0 + 100]
    low, high = Y0 - 100, Y0 + 100
    strips = [
        (
            f"POLYGON(({a} {low},{b} {low},{b} {high},{a} {high},{a} {low}))",
            ("0103" if n % 2 == 0 else "0301",),  # both "other" land in GB 15618
        )
        for n, (a, b) in enumerate(itertools.pairwise(edges))
    ]
    landuse = polygon_layer("地类", strips, fields="&field=DLBM:string")
    result = run(
        {
            "SOIL_SAMPLES": samples,
            "SAMPLE_RADIUS": 50,
            "LANDUSE": landuse,
            "LANDUSE_CODE_FIELD": "DLBM",
            "MIN_PATCH_AREA": 0,
        }
    )
    rows = rows_of(result["OUTPUT"])
    assert len(rows) == len(cuts) + 1
    assert {r["dist_type"] for r in rows} == {"pollution"}
    assert [r["pollution"] for r in rows] == [2] * len(rows)
    assert [r["exceed_ratio"] for r in rows] == pytest.approx([5.0 / 0.3] * len(rows))
    assert sum(r["area_m2"] for r in rows) == pytest.approx(np.pi * 50**2, rel=0.01)


def test_no_evidence_is_refused(processing_provider):
    with pytest.raises(QgsProcessingException, match="at least one kind of evidence"):
        run({})


def test_dems_that_do_not_overlap(processing_provider, tmp_path):
    a = write_tif(tmp_path / "a.tif", np.ones((10, 10)), GT, 4547)
    b = write_tif(tmp_path / "b.tif", np.ones((10, 10)), (X0 + 1e5, CELL, 0, Y0, 0, -CELL), 4547)
    with pytest.raises(QgsProcessingException, match="do not overlap"):
        run({"DEM_BEFORE": str(a), "DEM_AFTER": str(b)})


def test_a_pit_below_the_water_table_ponds(processing_provider, tmp_path):
    # A 20 m deep pit with the groundwater 1.5 m below the old surface: water 18.5 m deep.
    before = np.full((60, 60), 100.0)
    after = before.copy()
    after[10:40, 10:40] -= 20.0
    before_path = write_tif(tmp_path / "before.tif", before, GT, 4547)
    after_path = write_tif(tmp_path / "after.tif", after, GT, 4547)
    result = run(
        {
            "DEM_BEFORE": str(before_path),
            "DEM_AFTER": str(after_path),
            "GROUNDWATER_DEPTH_VALUE": 1.5,
        }
    )
    (pit,) = rows_of(result["OUTPUT"])
    assert pit["dist_type"] == "excavation"
    assert pit["ponding_m"] == pytest.approx(18.5, abs=0.01)
    # Storage by hand: 30 × 30 cells of 5 m × 5 m, 18.5 m of water = 416 250 m³.
    assert pit["pond_volume_m3"] == pytest.approx(30 * 30 * 25 * 18.5, rel=0.01)
    # More than the pack's 100 000 m³: a reservoir water surface 1103, not a pond 1104.
    import processing

    evaluated = processing.run(
        "reclamation:evaluatesuitability",
        {
            "UNITS": result["OUTPUT"],
            "DESIGN_VALUES": "slope_deg=2;soil_thickness_cm=80;ph=7",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    (unit,) = rows_of(evaluated["OUTPUT"])
    assert (unit["use_proposed"], unit["dlbm"]) == ("water", "1103")
