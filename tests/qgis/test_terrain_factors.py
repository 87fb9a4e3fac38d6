"""reclamation:terrainfactors through Processing: numbers against GDAL and hand values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from tests.rasters import gdal_slope, read_tif, write_tif

ALG = "reclamation:terrainfactors"


def run(parameters):
    import processing

    return processing.run(ALG, parameters)


@pytest.fixture
def plane_dem(tmp_path):
    # A plane rising 0.10 m per metre, EPSG:4547, 30 m cells: Horn (1981) gives atan(0.10)
    # = 5.7106° and 10 %, as gdaldem slope does.
    rows, cols = 12, 15
    y = np.arange(rows)[:, None] * 30.0
    values = np.broadcast_to(100 + 0.10 * (rows * 30 - y), (rows, cols))
    return write_tif(tmp_path / "plane.tif", values, (500000, 30, 0, 4000000, 0, -30), 4547)


def _interior(values):
    return values[1:-1, 1:-1]


def test_plane_gives_the_verified_5_7106_degrees_and_10_percent(
    processing_provider, plane_dem, tmp_path
):
    degrees = run({"DEM": str(plane_dem), "SLOPE": str(tmp_path / "坡度.tif")})
    slope, _ = read_tif(degrees["SLOPE"])
    assert _interior(slope) == pytest.approx(5.7106, abs=1e-4)
    percent = run({"DEM": str(plane_dem), "SLOPE_UNIT": 1, "SLOPE": str(tmp_path / "pct.tif")})
    assert _interior(read_tif(percent["SLOPE"])[0]) == pytest.approx(10.0, abs=1e-3)


@pytest.mark.parametrize("edges", [False, True])
def test_equals_gdaldem_with_nodata(processing_provider, tmp_path, edges):
    rng = np.random.default_rng(7)
    values = rng.normal(200, 15, (60, 70)).cumsum(axis=0) / 5
    values[10:14, 20:25] = -9999
    values[40, 3] = -9999
    dem = write_tif(tmp_path / "dem.tif", values, (400000, 5, 0, 3000000, 0, -5), 4547, -9999)
    ours = run({"DEM": str(dem), "COMPUTE_EDGES": edges, "SLOPE": str(tmp_path / "s.tif")})
    slope, nodata = read_tif(ours["SLOPE"])
    slope[slope == nodata] = np.nan
    expected = gdal_slope(dem, tmp_path / "gdal.tif", computeEdges=edges)
    assert np.array_equal(np.isnan(slope), np.isnan(expected))
    assert np.nanmax(np.abs(slope - expected)) < 1e-4


def test_geographic_dem_uses_ground_metres_not_degrees(processing_provider, tmp_path):
    # A plane rising 0.10 m per metre northwards on a 1″ grid at 36° N (EPSG:4490).
    # One arc-second of latitude at 36° N is 30.83 m on the meridian (M·Δφ): the slope
    # is atan(0.10) = 5.7106° — degrees-as-metres would give 89.99° (the gdaldem manual's
    # warning on DEMs in degrees).
    rows, cols = 20, 20
    dlat = 1 / 3600
    a, f = 6378137.0, 1 / 298.257222101
    e2 = f * (2 - f)
    lat = math.radians(36.0)
    meridian = a * (1 - e2) / (1 - e2 * math.sin(lat) ** 2) ** 1.5 * math.radians(dlat)
    north = (rows - 1 - np.arange(rows))[:, None] * meridian
    values = np.broadcast_to(50 + 0.10 * north, (rows, cols))
    top = 36.0 + rows / 2 * dlat
    dem = write_tif(tmp_path / "geo.tif", values, (117.0, dlat, 0, top, 0, -dlat), 4490)
    result = run({"DEM": str(dem), "SLOPE": str(tmp_path / "geo_slope.tif")})
    slope, _ = read_tif(result["SLOPE"])
    assert _interior(slope) == pytest.approx(5.7106, abs=0.01)


def test_dem_without_crs_is_refused_by_name(processing_provider, tmp_path):
    dem = write_tif(tmp_path / "无坐标.tif", np.ones((5, 5)), (0, 1, 0, 5, 0, -1), None)
    with pytest.raises(QgsProcessingException, match=r"无坐标.*coordinate reference system"):
        run({"DEM": str(dem), "SLOPE": str(tmp_path / "x.tif")})
    assert not (tmp_path / "x.tif").exists()


def test_elevation_change_with_the_earlier_dem_on_another_grid(processing_provider, tmp_path):
    # After: a 10 m grid; before: a 5 m grid over a larger extent, flat 100 m. The after DEM
    # is 100 m with a 12 m deep pit in its centre: change = -12 there, 0 elsewhere.
    after = np.full((20, 20), 100.0)
    after[8:12, 8:12] = 88.0
    after_path = write_tif(tmp_path / "after.tif", after, (500000, 10, 0, 4000200, 0, -10), 4547)
    before = np.full((60, 60), 100.0)
    before_path = write_tif(tmp_path / "before.tif", before, (499950, 5, 0, 4000250, 0, -5), 4547)
    result = run(
        {
            "DEM": str(after_path),
            "DEM_BEFORE": str(before_path),
            "SLOPE": str(tmp_path / "s.tif"),
            "ELEVATION_CHANGE": str(tmp_path / "变化.tif"),
        }
    )
    change, _ = read_tif(result["ELEVATION_CHANGE"])
    assert change.shape == (20, 20)
    assert change[8:12, 8:12] == pytest.approx(-12.0)
    assert change[:8] == pytest.approx(0.0)


def test_change_output_without_an_earlier_dem_is_refused(processing_provider, plane_dem, tmp_path):
    with pytest.raises(QgsProcessingException, match="DEM_BEFORE"):
        run(
            {
                "DEM": str(plane_dem),
                "SLOPE": str(tmp_path / "s.tif"),
                "ELEVATION_CHANGE": str(tmp_path / "c.tif"),
            }
        )
