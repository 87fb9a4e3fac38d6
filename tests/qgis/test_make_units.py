"""reclamation:makeunits on a constructed dump: a truncated pyramid, 24 m high, with a
100 m × 100 m top platform and faces at 33°, on flat land. Expectations from the geometry:
the faces run 24 / tan 33° = 36.96 m horizontally, so the footprint is 173.9 m square
(30 244 m²) and the platform 10 000 m²; the units tile the disturbed polygons exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from plugin.compat import is_null
from tests.rasters import write_tif
from tests.vectors import add_layer

CELL = 5.0
X0, Y0 = 500000.0, 4000000.0  # EPSG:4547 (CGCS2000 3° GK, CM 114° E)
SIZE = 120  # cells: 600 m × 600 m
CENTRE = (300.0, 300.0)  # metres from the grid's top-left corner (x right, y down)
TOP_HALF = 50.0
HEIGHT = 24.0
FACE_DEG = 33.0
RUN = HEIGHT / math.tan(math.radians(FACE_DEG))
FOOT_HALF = TOP_HALF + RUN


def square(cx, cy, half, half_height=None):
    half_height = half if half_height is None else half_height
    x0, x1 = X0 + cx - half, X0 + cx + half
    y0, y1 = Y0 - cy - half_height, Y0 - cy + half_height
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def write_dump(folder, reverse=False):
    rows, cols = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    x, y = (cols + 0.5) * CELL, (rows + 0.5) * CELL
    inward = FOOT_HALF - np.maximum(np.abs(x - CENTRE[0]), np.abs(y - CENTRE[1]))
    dem = 100.0 + np.clip(inward * math.tan(math.radians(FACE_DEG)), 0.0, HEIGHT)
    path = write_tif(folder / "采后.tif", dem, (X0, CELL, 0, Y0, 0, -CELL), 4547)
    gpkg = folder / "损毁.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    rows = [
        (square(*CENTRE, FOOT_HALF), ("occupation", "0103")),
        (square(100.0, 100.0, 50.0), ("subsidence", "0102")),  # flat
    ]
    fields = [("dist_type", ogr.OFTString), ("dlbm_before", ogr.OFTString)]
    add_layer(source, "损毁土地", 4547, ogr.wkbPolygon, fields, rows[::-1] if reverse else rows)
    halves = [
        (square(75.0, 100.0, 25.0, 50.0), ("西",)),
        (square(125.0, 100.0, 25.0, 50.0), ("东",)),
    ]
    add_layer(source, "分区", 4547, ogr.wkbPolygon, [("名称", ogr.OFTString)], halves)
    source = None
    return path, f"{gpkg}|layername=损毁土地", f"{gpkg}|layername=分区"


@pytest.fixture
def dump(tmp_path):
    folder = tmp_path / "排土场 单元"
    folder.mkdir()
    return write_dump(folder)


def run(parameters):
    import processing

    return processing.run("reclamation:makeunits", parameters)["OUTPUT"]


def units_of(path):
    layer = QgsVectorLayer(path, "units", "ogr")
    return [
        {
            name: None if is_null(v) else v
            for name, v in zip(layer.fields().names(), feature, strict=True)
        }
        | {"area": feature.geometry().area()}
        for feature in layer.getFeatures()
    ]


def test_dump_platform_and_faces(processing_provider, dump, tmp_path):
    dem, disturbed, _ = dump
    units = units_of(run({"INPUT": disturbed, "DEM": str(dem), "OUTPUT": str(tmp_path / "u.gpkg")}))
    on_dump = [u for u in units if u["dist_type"] == "occupation"]
    platforms = [u for u in on_dump if u["landform"] == "platform"]
    faces = [u for u in on_dump if u["landform"] == "face"]
    assert len(platforms) == 1
    assert len(faces) == 1
    # Horn's 3 × 3 slope blurs the break of slope by about one cell on each side.
    band = 4 * 2 * TOP_HALF * CELL
    assert platforms[0]["area"] == pytest.approx((2 * TOP_HALF) ** 2, abs=band)
    assert faces[0]["area"] == pytest.approx((2 * FOOT_HALF) ** 2 - (2 * TOP_HALF) ** 2, abs=band)
    # The units tile the dump exactly, and keep its fields.
    assert sum(u["area"] for u in on_dump) == pytest.approx((2 * FOOT_HALF) ** 2, rel=1e-9)
    assert {u["dlbm_before"] for u in on_dump} == {"0103"}
    assert len({u["parent_id"] for u in on_dump}) == 1
    # The flat subsidence field is one unit of the flattest class, no landform.
    (field,) = [u for u in units if u["dist_type"] == "subsidence"]
    assert field["slope_class"] == 1
    assert field["landform"] is None
    assert field["area"] == pytest.approx(100.0 * 100.0, rel=1e-9)
    # Numbered by damage type (subsidence before occupation), then platform before face.
    assert (field["unit_id"], platforms[0]["unit_id"], faces[0]["unit_id"]) == (1, 2, 3)


def test_the_same_inputs_give_the_same_units(processing_provider, dump, tmp_path):
    dem, disturbed, _ = dump
    first = units_of(run({"INPUT": disturbed, "DEM": str(dem), "OUTPUT": str(tmp_path / "a.gpkg")}))
    again = units_of(run({"INPUT": disturbed, "DEM": str(dem), "OUTPUT": str(tmp_path / "b.gpkg")}))
    key = [(u["unit_id"], u["landform"], round(u["area"], 6)) for u in first]
    assert key == [(u["unit_id"], u["landform"], round(u["area"], 6)) for u in again]


def test_unit_ids_do_not_depend_on_the_order_of_the_features(processing_provider, tmp_path):
    numbers = []
    for reverse in (False, True):
        folder = tmp_path / f"order {reverse}"
        folder.mkdir()
        dem, disturbed, _ = write_dump(folder, reverse=reverse)
        units = units_of(
            run({"INPUT": disturbed, "DEM": str(dem), "OUTPUT": str(folder / "u.gpkg")})
        )
        numbers.append(
            sorted((u["unit_id"], u["dist_type"], u["landform"], round(u["area"])) for u in units)
        )
    assert numbers[0] == numbers[1]


def test_minimum_area_merges_the_platform_into_the_faces(processing_provider, dump, tmp_path):
    dem, disturbed, _ = dump
    units = units_of(
        run(
            {
                "INPUT": disturbed,
                "DEM": str(dem),
                "MIN_UNIT_AREA": 15000,
                "OUTPUT": str(tmp_path / "u.gpkg"),
            }
        )
    )
    (on_dump,) = [u for u in units if u["dist_type"] == "occupation"]
    assert on_dump["landform"] == "face"  # the larger piece names the unit
    assert on_dump["area"] == pytest.approx((2 * FOOT_HALF) ** 2, rel=1e-9)


def test_your_own_units_as_zones(processing_provider, dump, tmp_path):
    dem, disturbed, zones = dump
    units = units_of(
        run(
            {
                "INPUT": disturbed,
                "DEM": str(dem),
                "ZONES": zones,
                "ZONE_FIELD": "名称",
                "SPLIT_BY_SLOPE": False,
                "OUTPUT": str(tmp_path / "u.gpkg"),
            }
        )
    )
    field = {u["zone"]: u["area"] for u in units if u["dist_type"] == "subsidence"}
    assert field == pytest.approx({"西": 5000.0, "东": 5000.0}, rel=1e-9)
    # Outside every zone the dump stays one unit, with no zone and no slope split.
    (on_dump,) = [u for u in units if u["dist_type"] == "occupation"]
    assert on_dump["zone"] is None
    assert on_dump["landform"] is None


def test_without_dem_each_polygon_is_one_unit(processing_provider, dump, tmp_path):
    _, disturbed, _ = dump
    units = units_of(run({"INPUT": disturbed, "OUTPUT": str(tmp_path / "u.gpkg")}))
    assert sorted(u["unit_id"] for u in units) == [1, 2]
    assert all(u["slope_class"] is None for u in units)


def test_slivers_of_zones_drawn_a_little_off_join_their_neighbour(processing_provider, tmp_path):
    # Zones reprojected to EPSG:4326 and back no longer meet the field's edges exactly:
    # the slivers between them join the largest piece of the field, no area is lost.
    import processing

    dem, disturbed, zones = write_dump(tmp_path)
    moved = str(tmp_path / "分区_4326.gpkg")
    processing.run(
        "native:reprojectlayer", {"INPUT": zones, "TARGET_CRS": "EPSG:4326", "OUTPUT": moved}
    )
    units = units_of(
        run(
            {
                "INPUT": disturbed,
                "DEM": str(dem),
                "ZONES": moved,
                "ZONE_FIELD": "名称",
                "OUTPUT": str(tmp_path / "u.gpkg"),
            }
        )
    )
    field = [u for u in units if u["dist_type"] == "subsidence"]
    assert sorted(u["zone"] for u in field) == ["东", "西"]
    assert sum(u["area"] for u in field) == pytest.approx(100.0 * 100.0, rel=1e-9)
    assert all(u["area"] > 4000 for u in units)
