"""A second mine of another kind (issue 13): an open-pit metal mine in hills with a waste
dump and a tailings pond whose seepage pollutes the fields below it. Constructed here, every
number of the construction written out: the plan run and the toolbox steps give the same
damaged area; excavation and occupation are where the pit, the dump and the pond are; no
polluted piece goes to food crops against the rule pack."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from tests.rasters import write_tif
from tests.vectors import add_layer

CELL = 10.0
X0, Y0 = 400000.0, 3000000.0  # EPSG:4547 (CGCS2000 3° GK, CM 114° E)
SIZE = 200  # cells: 2 km × 2 km
PIT = (40, 80, 40, 90)  # rows, cols: 40 × 50 cells lowered 40 m
DUMP = (120, 150, 30, 80)  # 30 × 50 cells raised 25 m
POND = (110, 170, 110, 170)  # 60 × 60 cells raised 8 m (the tailings)


def box(rows_cols):
    r0, r1, c0, c1 = rows_cols
    x0, x1 = X0 + c0 * CELL, X0 + c1 * CELL
    y1, y0 = Y0 - r0 * CELL, Y0 - r1 * CELL
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def write_mine(folder):
    rows, cols = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    before = 300 + 60 * np.sin(cols / 30) * np.cos(rows / 40) + 0.5 * rows
    after = before.copy()
    for (r0, r1, c0, c1), change in ((PIT, -40.0), (DUMP, 25.0), (POND, 8.0)):
        after[r0:r1, c0:c1] += change
    gt = (X0, CELL, 0, Y0, 0, -CELL)
    dems = (
        write_tif(folder / "采前.tif", before, gt, 4547),
        write_tif(folder / "采后.tif", after, gt, 4547),
    )
    gpkg = folder / "金属矿.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))

    def layer(name, kind, fields, rows_):
        add_layer(source, name, 4547, kind, fields, rows_)

    whole = box((0, SIZE, 0, SIZE))
    layer(
        "设施",
        ogr.wkbPolygon,
        [("类型", ogr.OFTString)],
        [(box(PIT), ("露天采场",)), (box(DUMP), ("排土场",)), (box(POND), ("尾矿库",))],
    )
    # Land use: forest on the hills (north), dry land in the valley (south).
    layer(
        "地类",
        ogr.wkbPolygon,
        [("DLBM", ogr.OFTString)],
        [(box((0, 100, 0, SIZE)), ("0301",)), (box((100, SIZE, 0, SIZE)), ("0103",))],
    )
    layer(
        "土壤",
        ogr.wkbPolygon,
        [("有效土层厚度", ogr.OFTReal), ("pH值", ogr.OFTReal), ("质地", ogr.OFTString)],
        [(whole, (80.0, 6.2, "中壤土"))],
    )
    layer("范围", ogr.wkbPolygon, [], [(whole, ())])
    # Samples in the valley below the pond (pH 6.2: Cd screening 0.3, intervention 2.0 mg/kg
    # for "other" land): 5.0 over intervention, 0.6 over screening, 0.1 clean.
    samples = [(180, 120, 5.0), (185, 150, 0.6), (190, 60, 0.1), (175, 185, 0.6)]
    points = [(f"POINT({X0 + c * CELL} {Y0 - r * CELL})", (cd, 6.2)) for r, c, cd in samples]
    layer("采样点", ogr.wkbPoint, [("Cd", ogr.OFTReal), ("pH", ogr.OFTReal)], points)
    source = None
    return dems, gpkg


@pytest.fixture
def mine(tmp_path):
    folder = tmp_path / "金属矿 山区"
    folder.mkdir()
    return write_mine(folder)


def inputs(mine):
    (before, after), gpkg = mine

    def source(name):
        return f"{gpkg}|layername={name}"

    return {
        "DEM_BEFORE": str(before),
        "DEM_AFTER": str(after),
        "FACILITIES": source("设施"),
        "FACILITY_TYPE_FIELD": "类型",
        "SOIL_SAMPLES": source("采样点"),
        "SAMPLE_RADIUS": 150,
        "LANDUSE": source("地类"),
        "LANDUSE_CODE_FIELD": "DLBM",
        "AREA": source("范围"),
        "SOIL": source("土壤"),
        "SOIL_FIELDS": "有效土层厚度=soil_thickness_cm;pH值=ph;质地=texture",
        "RULES": "cn-reclamation",
    }


def areas(layer_path):
    layer = QgsVectorLayer(layer_path, "l", "ogr")
    result: dict[str, float] = {}
    for feature in layer.getFeatures():
        result[feature["dist_type"]] = result.get(feature["dist_type"], 0.0) + feature["area_m2"]
    return result


def test_the_open_pit_metal_mine(processing_provider, mine, tmp_path):
    import processing

    plan = processing.run(
        "reclamation:reclamationplan",
        {
            **inputs(mine),
            "classify:DISTURBED": str(tmp_path / "损毁.gpkg"),
            "evaluate:SUITABILITY": str(tmp_path / "适宜性.gpkg"),
            "summarize:TABLES": str(tmp_path / "表.gpkg"),
        },
    )
    by_type = areas(plan["classify:DISTURBED"])
    cell = CELL * CELL
    # GK plane vs ellipsoid 3° off the central meridian: within 0.2 %.
    assert by_type["excavation"] == pytest.approx(40 * 50 * cell, rel=0.002)
    assert by_type["occupation"] == pytest.approx((30 * 50 + 60 * 60) * cell, rel=0.002)
    assert by_type["pollution"] > 0
    assert "subsidence" not in by_type  # an open-pit mine without a zone
    suitability = QgsVectorLayer(plan["evaluate:SUITABILITY"], "s", "ogr")
    polluted = [f for f in suitability.getFeatures() if f["dist_type"] == "pollution"]
    assert {f["pollution"] for f in polluted} == {1, 2}
    for feature in polluted:
        if feature["pollution"] == 2:
            assert feature["use_proposed"] not in ("cultivated", "garden")
        elif feature["use_proposed"] == "cultivated":
            assert feature["grade_cultivated"] >= 2
            assert "安全利用" in feature["measures"] or "safe use" in feature["measures"]

    # The dump's and the pit's faces are units of their own, never cultivated.
    faces = [f for f in suitability.getFeatures() if f["landform"] == "face"]
    assert {f["dist_type"] for f in faces} == {"excavation", "occupation"}
    assert all(f["use_proposed"] != "cultivated" for f in faces)

    # The toolbox, step by step, gives the same damaged area.
    keys = ("DEM_BEFORE", "DEM_AFTER", "FACILITIES", "FACILITY_TYPE_FIELD", "SOIL_SAMPLES",
            "SAMPLE_RADIUS", "LANDUSE", "LANDUSE_CODE_FIELD", "AREA", "RULES")  # fmt: skip
    step = processing.run(
        "reclamation:classifydisturbance",
        {
            **{key: inputs(mine)[key] for key in keys},
            "OUTPUT": str(tmp_path / "单步.gpkg"),
        },
    )
    assert sum(areas(step["OUTPUT"]).values()) == pytest.approx(sum(by_type.values()), rel=1e-4)


def test_the_work_plan_of_the_open_pit_mine(processing_provider, mine, tmp_path):
    # No subsidence: one settling year for the closure works. The polluted fields are
    # remediated from the first year, the pit, the dump and the tailings pond after
    # production (2037, the last works year), with three years of after-care to 2040.
    import processing

    from tests.helpers import ROOT

    costs = ROOT / "resources" / "costs"
    plan = processing.run(
        "reclamation:reclamationplan",
        {
            **inputs(mine),
            "PRICES": str(costs / "example_prices_sample_mine.csv"),
            "COSTS": str(costs / "example_sample_mine.json"),
            "FIRST_YEAR": 2027,
            "PRODUCTION_YEARS": 10,
            "SETTLING_YEARS": 1,
            "AFTERCARE_YEARS": 3,
            "schedule:OUTPUT": str(tmp_path / "阶段.gpkg"),
            "schedule:STAGE_TABLE": str(tmp_path / "阶段表.gpkg"),
            "summarize:TABLES": str(tmp_path / "表.gpkg"),
        },
    )
    units = QgsVectorLayer(plan["schedule:OUTPUT"], "u", "ogr")
    seen = set()
    for feature in units.getFeatures():
        kind = feature["dist_type"]
        if feature["use_proposed"] in ("keep", "construction") or kind in (None, "none"):
            continue
        expected = (2027, 1) if kind == "pollution" else (2037, 3)
        assert (feature["ready_year"], feature["stage"]) == expected, kind
        if kind != "pollution":
            assert (feature["year_end"], feature["care_end"]) == (2037, 2040)
        seen.add(kind)
    assert seen == {"pollution", "excavation", "occupation"}
    stages = QgsVectorLayer(plan["schedule:STAGE_TABLE"], "s", "ogr")
    rows = {f["stage"]: f for f in stages.getFeatures()}
    assert [(rows[n]["year_start"], rows[n]["year_end"]) for n in (1, 2, 3)] == [
        (2027, 2031),
        (2032, 2036),
        (2037, 2040),
    ]
    assert rows[2]["works_hm2"] == 0  # nothing is ready in the second stage
    assert sum(rows[n]["investment"] for n in rows) > 0
