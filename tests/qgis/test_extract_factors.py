"""reclamation:extractfactors: zonal slope, rasters, soil overlay and water distance."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests.rasters import gdal_slope, write_tif

ALG = "reclamation:extractfactors"
ORIGIN_X, ORIGIN_Y, CELL = 500000.0, 4000000.0, 10.0


def run(parameters):
    import processing

    return processing.run(ALG, parameters)


def polygon_layer(name: str, rows: list[tuple[str, dict]], crs: str = "EPSG:4547", fields=""):
    layer = QgsVectorLayer(f"Polygon?crs={crs}{fields}", name, "memory")
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        for key, value in attributes.items():
            feature[key] = value
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def box(col0: int, row0: int, cols: int, rows: int) -> str:
    """A rectangle on cell boundaries: columns col0.., rows row0.. (row 0 at the top)."""
    x0, x1 = ORIGIN_X + col0 * CELL, ORIGIN_X + (col0 + cols) * CELL
    y1, y0 = ORIGIN_Y - row0 * CELL, ORIGIN_Y - (row0 + rows) * CELL
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


@pytest.fixture
def dem(tmp_path):
    rng = np.random.default_rng(3)
    values = np.cumsum(rng.normal(0, 2, (40, 50)), axis=0) + np.linspace(0, 80, 50)
    return write_tif(tmp_path / "高程.tif", values, (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL), 4547)


def output_rows(result) -> list[dict]:
    layer = result["OUTPUT"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "out", "ogr")
    return [feature.attributeMap() for feature in layer.getFeatures()]


def test_mean_and_max_slope_equal_gdal_per_unit(processing_provider, dem, tmp_path):
    blocks = [(2, 3, 10, 8), (20, 5, 7, 20), (30, 30, 15, 6), (1, 20, 4, 4)]
    units = polygon_layer(
        "单元",
        [(box(*b), {"名称": f"单元{i}"}) for i, b in enumerate(blocks)],
        fields="&field=名称:string",
    )
    rows = output_rows(run({"UNITS": units, "DEM": str(dem), "OUTPUT": "TEMPORARY_OUTPUT"}))
    slope = gdal_slope(dem, tmp_path / "gdal_slope.tif")
    for (col0, row0, cols, rows_), row in zip(blocks, rows, strict=True):
        cells = slope[row0 : row0 + rows_, col0 : col0 + cols]
        # GDAL's reference is float32 (≈1e-6 relative per cell); ours is float64.
        assert row["slope_deg"] == pytest.approx(np.nanmean(cells), abs=1e-5)
        assert row["slope_max_deg"] == pytest.approx(np.nanmax(cells), abs=1e-5)
        assert row["名称"].startswith("单元")


def test_units_in_a_geographic_crs_are_reprojected_not_the_raster(
    processing_provider, dem, tmp_path
):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    projected = QgsGeometry.fromWkt(box(5, 5, 12, 12))
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4547"),
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance(),
    )
    projected.transform(transform)
    units = polygon_layer("geo", [(projected.asWkt(12), {})], crs="EPSG:4490")
    rows = output_rows(run({"UNITS": units, "DEM": str(dem), "OUTPUT": "TEMPORARY_OUTPUT"}))
    slope = gdal_slope(dem, tmp_path / "gdal_slope.tif")
    assert rows[0]["slope_deg"] == pytest.approx(np.nanmean(slope[5:17, 5:17]), abs=1e-4)


def test_named_raster_factor_with_statistic(processing_provider, tmp_path):
    values = np.zeros((40, 50))
    values[10:14, 10:14] = 2.5
    values[12, 12] = 3.1
    subsidence = write_tif(
        tmp_path / "沉陷.tif", values, (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL), 4547
    )
    units = polygon_layer("u", [(box(8, 8, 10, 10), {}), (box(30, 30, 5, 5), {})])
    result = run(
        {
            "UNITS": units,
            "RASTERS": [str(subsidence)],
            "RASTER_FACTORS": "沉陷=subsidence_m:max",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    assert [row["subsidence_m"] for row in output_rows(result)] == pytest.approx([3.1, 0.0])


def test_soil_overlay_weighted_mean_and_largest_class(processing_provider):
    # One 100 m × 100 m unit: 70 % on soil A (40 cm, texture 3), 30 % on soil B (80 cm,
    # texture 5): thickness 0.7·40 + 0.3·80 = 52 cm; texture 3 covers the most.
    units = polygon_layer("u", [(box(0, 0, 10, 10), {})])
    soil = polygon_layer(
        "土壤",
        [
            (box(-5, -5, 12, 20), {"土层厚度": 40.0, "质地": 3}),
            (box(7, -5, 10, 20), {"土层厚度": 80.0, "质地": 5}),
        ],
        fields="&field=土层厚度:double&field=质地:integer",
    )
    result = run(
        {
            "UNITS": units,
            "SOIL": soil,
            "SOIL_FIELDS": "土层厚度=soil_thickness_cm；质地=texture",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    row = output_rows(result)[0]
    assert row["soil_thickness_cm"] == pytest.approx(52.0)
    assert row["texture"] == 3


def test_distance_to_nearest_water_in_metres(processing_provider):
    units = polygon_layer("u", [(box(0, 0, 10, 10), {}), (box(20, 0, 5, 5), {})])
    water = QgsVectorLayer("LineString?crs=EPSG:4547", "水系", "memory")
    feature = QgsFeature()
    # A river 30 m east of the first unit (x = 500130): unit 2 straddles it (distance 0).
    feature.setGeometry(
        QgsGeometry.fromWkt(
            f"LINESTRING({ORIGIN_X + 130} {ORIGIN_Y - 500}, {ORIGIN_X + 130} {ORIGIN_Y + 500})"
        )
    )
    water.dataProvider().addFeatures([feature])
    rows = output_rows(run({"UNITS": units, "WATER": water, "OUTPUT": "TEMPORARY_OUTPUT"}))
    assert rows[0]["dist_water_m"] == pytest.approx(30.0)
    assert rows[1]["dist_water_m"] == pytest.approx(70.0)


def test_text_in_a_numeric_soil_field_is_named(processing_provider):
    units = polygon_layer("u", [(box(0, 0, 10, 10), {})])
    soil = polygon_layer(
        "soil", [(box(0, 0, 10, 10), {"thick": "deep"})], fields="&field=thick:string"
    )
    with pytest.raises(QgsProcessingException, match=r"thick.*deep.*not a number"):
        run(
            {
                "UNITS": units,
                "SOIL": soil,
                "SOIL_FIELDS": "thick=soil_thickness_cm",
                "OUTPUT": "TEMPORARY_OUTPUT",
            }
        )


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({}, "at least one source"),
        ({"RASTER_FACTORS": "x=slope"}, "not among the rasters"),
        ({"SOIL_FIELDS": "a"}, "name=value"),
    ],
)
def test_bad_parameters_are_explained(processing_provider, parameters, message):
    units = polygon_layer("u", [(box(0, 0, 10, 10), {})])
    with pytest.raises(QgsProcessingException, match=message):
        run({"UNITS": units, "OUTPUT": "TEMPORARY_OUTPUT", **parameters})


def test_unit_smaller_than_a_cell_takes_the_cell_under_it(processing_provider, dem, tmp_path):
    x, y = ORIGIN_X + 105, ORIGIN_Y - 105  # inside cell (row 10, col 10)
    tiny = f"POLYGON(({x} {y},{x + 2} {y},{x + 2} {y + 2},{x} {y + 2},{x} {y}))"
    units = polygon_layer("u", [(tiny, {})])
    rows = output_rows(run({"UNITS": units, "DEM": str(dem), "OUTPUT": "TEMPORARY_OUTPUT"}))
    slope = gdal_slope(dem, tmp_path / "gdal_slope.tif")
    assert rows[0]["slope_deg"] == pytest.approx(slope[10, 10], abs=1e-5)
    assert not math.isnan(rows[0]["slope_deg"])


def test_a_dem_that_does_not_overlap_the_units_is_refused(processing_provider, dem):
    far = box(10000, 0, 5, 5)  # 100 km east of the DEM
    units = polygon_layer("远处", [(far, {})])
    with pytest.raises(QgsProcessingException, match="overlap"):
        run({"UNITS": units, "DEM": str(dem), "OUTPUT": "TEMPORARY_OUTPUT"})
