"""Zonal statistics over rasterized units, checked against independent expectations.

Expected cells come from a plain point-in-polygon test on cell centres (even-odd ray
casting in numpy), never from GDAL's rasterizer; expected slopes from gdal.DEMProcessing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from plugin.io import Cancelled, rasterize
from plugin.io.raster import RasterError
from plugin.io.rasterize import UnitLayer, UnitRasterizer, Window
from plugin.io.zonal import slope_statistics, zonal_statistics

EPSG = 4547
ORIGIN = (500_000.0, 3_000_000.0)
CELL = 2.0
ROWS, COLS = 24, 30
ALL = ("count", "nodata", "sum", "mean", "min", "max", "std")


# --- inputs ----------------------------------------------------------------------------


def srs_of(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs


def write_raster(
    path: Path, values: np.ndarray, *, nodata=None, epsg=EPSG, cell=CELL, origin=ORIGIN
):
    rows, cols = values.shape
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((origin[0], cell, 0.0, origin[1], 0.0, -cell))
    dataset.SetProjection(srs_of(epsg).ExportToWkt())
    band = dataset.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(values.astype(np.float32))
    dataset = None
    return path


def write_units(path: Path, rings: list[list[tuple[float, float]]], *, epsg=EPSG, layer="units"):
    """Polygons from rings in cell coordinates (col, row from the top-left corner)."""
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    target = source.CreateLayer(layer, srs_of(epsg), ogr.wkbPolygon)
    target.CreateField(ogr.FieldDefn("unit_id", ogr.OFTInteger))
    for label, ring in enumerate(rings, start=1):
        feature = ogr.Feature(target.GetLayerDefn())
        feature.SetField("unit_id", label)
        points = ", ".join(f"{x!r} {y!r}" for x, y in map(to_world, [*ring, ring[0]]))
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({points}))"))
        target.CreateFeature(feature)
    source = None
    return path


def to_world(point):
    col, row = point
    return ORIGIN[0] + col * CELL, ORIGIN[1] - row * CELL


def rectangle(col0, row0, col1, row1):
    return [(col0, row0), (col1, row0), (col1, row1), (col0, row1)]


def centres_inside(ring, rows=ROWS, cols=COLS) -> np.ndarray:
    """Boolean (rows, cols): cell centres inside the ring (even-odd ray casting)."""
    row, col = np.mgrid[0:rows, 0:cols] + 0.5
    inside = np.zeros((rows, cols), dtype=bool)
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        crosses = (y0 > row) != (y1 > row)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x0 + (row - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (col < x_at)
    return inside


def brute_force(values, masks):
    expected = {name: [] for name in ALL}
    for mask in masks:
        cells = values[mask]
        valid = cells[~np.isnan(cells)]
        expected["count"].append(valid.size)
        expected["nodata"].append(cells.size - valid.size)
        empty = valid.size == 0
        expected["sum"].append(np.nan if empty else valid.sum())
        expected["mean"].append(np.nan if empty else valid.mean())
        expected["min"].append(np.nan if empty else valid.min())
        expected["max"].append(np.nan if empty else valid.max())
        expected["std"].append(np.nan if empty else valid.std())
    return {name: np.array(v, dtype=float) for name, v in expected.items()}


def assert_statistics(result, expected, names=ALL):
    for name in names:
        np.testing.assert_allclose(result[name], expected[name], rtol=1e-9, atol=1e-9, err_msg=name)


@pytest.fixture
def values():
    rng = np.random.default_rng(21)
    grid = np.round(rng.normal(50, 10, (ROWS, COLS)), 2)
    grid[rng.random((ROWS, COLS)) < 0.1] = -9999.0
    return grid.astype(np.float32).astype(np.float64)  # what the float32 raster holds


@pytest.fixture
def raster(tmp_path, values):
    return write_raster(tmp_path / "values.tif", values, nodata=-9999.0)


def as_nan(values):
    return np.where(values == -9999.0, np.nan, values)


# --- cell coverage -------------------------------------------------------------------

TRIANGLE = [(3.3, 20.7), (17.6, 12.2), (9.1, 23.4)]
RINGS = [
    rectangle(2, 3, 6, 7),  # 4 x 4 cells, edges on cell boundaries
    rectangle(6, 3, 14, 5),  # touches the first one
    TRIANGLE,
    rectangle(20.2, 1.4, 28.7, 9.6),  # edges inside cells
]


@pytest.mark.parametrize("block_rows", [1, 5, None])
def test_statistics_equal_centre_in_polygon_expectation(tmp_path, raster, values, block_rows):
    units = write_units(tmp_path / "units.gpkg", RINGS)
    result = zonal_statistics(
        UnitLayer(str(units), "units"), str(raster), statistics=ALL, block_rows=block_rows
    )
    masks = [centres_inside(ring) for ring in RINGS]
    assert [mask.sum() for mask in masks][:2] == [16, 16]
    assert_statistics(result, brute_force(as_nan(values), masks))
    assert result.subcell_units == ()
    assert result.missing_units == ()


@pytest.mark.parametrize(
    ("strip_cells", "float_labels"), [(1, False), (2 * COLS + 3, False), (1 << 20, True)]
)
def test_overlapping_units_each_get_the_shared_cells(
    tmp_path, raster, values, monkeypatch, strip_cells, float_labels
):
    monkeypatch.setattr(rasterize, "_STRIP_CELLS", strip_cells)  # GDAL strips in a block
    if float_labels:  # the Float64 burn used beyond 8 million units
        monkeypatch.setattr(rasterize, "_INT32_LABELS", 0)
    rings = [
        rectangle(2, 2, 12, 10),
        rectangle(8, 6, 18, 14),  # overlaps the first on 4 x 4 cells
        rectangle(9.2, 7.2, 11.8, 8.8),  # inside both: 3 x 2 cells
        rectangle(20, 2, 26, 8),  # alone
        [(3.2, 15.1), (14.8, 16.3), (8.7, 22.9)],  # triangle over ...
        rectangle(4, 17, 13, 21),  # ... this rectangle
    ]
    units = write_units(tmp_path / "units.gpkg", rings)
    masks = [centres_inside(ring) for ring in rings]
    assert (masks[0] & masks[1]).sum() == 16
    expected = brute_force(as_nan(values), masks)
    for block_rows in (1, 4, None):
        result = zonal_statistics(str(units), str(raster), statistics=ALL, block_rows=block_rows)
        assert_statistics(result, expected)


def test_unit_smaller_than_a_cell_gets_the_cell_of_its_point_on_surface(tmp_path, raster, values):
    tiny = rectangle(7.2, 9.3, 7.6, 9.45)  # inside cell (row 9, col 7), far from its centre
    rings = [rectangle(0, 0, 4, 4), tiny, rectangle(12.1, 12.1, 12.3, 12.4)]
    values[9, 7] = 42.5
    values[12, 12] = -9999.0  # the second tiny unit sits on NoData
    raster = write_raster(tmp_path / "v.tif", values, nodata=-9999.0)
    units = write_units(tmp_path / "units.gpkg", rings)
    result = zonal_statistics(str(units), str(raster), statistics=ALL)
    assert result.subcell_units == (2, 3)
    assert result["count"][1:].tolist() == [1, 0]
    assert result["nodata"][2] == 1
    assert result["mean"][1] == 42.5
    assert np.isnan(result["mean"][2])


def test_unit_partly_outside_the_raster_counts_only_cells_inside(tmp_path, raster, values):
    rings = [rectangle(-5, -3, 4, 6), rectangle(25, 20, 40, 30), rectangle(40, 40, 45, 45)]
    units = write_units(tmp_path / "units.gpkg", rings)
    result = zonal_statistics(str(units), str(raster), statistics=ALL)
    masks = [centres_inside(ring) for ring in rings]
    assert_statistics(result, brute_force(as_nan(values), masks))
    assert masks[0].sum() == 24
    assert result.missing_units == (3,)


def test_unit_with_only_nodata_is_nan_with_count_zero(tmp_path, values):
    values[0:4, 0:4] = -9999.0
    raster = write_raster(tmp_path / "v.tif", values, nodata=-9999.0)
    units = write_units(tmp_path / "units.gpkg", [rectangle(0, 0, 4, 4), rectangle(5, 5, 8, 8)])
    result = zonal_statistics(str(units), str(raster), statistics=ALL)
    assert result["count"][0] == 0
    assert result["nodata"][0] == 16
    assert np.isnan(result["mean"][0])
    assert np.isnan(result["max"][0])
    assert result["count"][1] + result["nodata"][1] == 9


def test_non_ascii_paths_and_layer_names(tmp_path, values):
    folder = tmp_path / "评价单元"
    folder.mkdir()
    raster = write_raster(folder / "坡度.tif", values, nodata=-9999.0)
    units = write_units(folder / "单元.gpkg", RINGS, layer="评价单元")
    result = zonal_statistics(UnitLayer(str(units), "评价单元"), str(raster), statistics=ALL)
    assert_statistics(result, brute_force(as_nan(values), [centres_inside(r) for r in RINGS]))


def test_majority_and_shares_through_the_raster_path(tmp_path):
    classes = np.random.default_rng(3).integers(1, 5, (ROWS, COLS)).astype(float)
    raster = write_raster(tmp_path / "classes.tif", classes)
    units = write_units(tmp_path / "units.gpkg", RINGS)
    result = zonal_statistics(
        str(units), str(raster), statistics=("majority",), thresholds=(2.0,), block_rows=3
    )
    for i, ring in enumerate(RINGS):
        cells = classes[centres_inside(ring)]
        found, counts = np.unique(cells, return_counts=True)
        assert result["majority"][i] == found[np.argmax(counts)]
        assert result.statistics.share_above(2.0)[i] == pytest.approx((cells > 2).mean())


# --- slope ---------------------------------------------------------------------------


def smooth_dem(rows=ROWS, cols=COLS):
    """Gentle terrain (slopes below ~6 degrees) in multiples of 1/64 m: GDAL's single-
    precision Horn sums are then exact and its float32 slopes carry < 5e-7 degree of
    rounding, so the 1e-6 degree check below measures us, not gdaldem's float32."""
    row, col = np.mgrid[0:rows, 0:cols].astype(float)
    rng = np.random.default_rng(5)
    dem = 300 + 0.5 * np.sin(col / 4) + 0.4 * np.cos(row / 3) + rng.normal(0, 0.02, (rows, cols))
    return np.round(dem * 64) / 64


@pytest.mark.parametrize("block_rows", [1, 7, None])
def test_mean_slope_equals_gdaldem_slope_averaged_over_cell_centres(tmp_path, block_rows):
    dem = smooth_dem()
    dem[10, 12] = -9999.0  # a NoData hole: its 3 x 3 neighbourhood has no slope
    dem_path = write_raster(tmp_path / "dem.tif", dem, nodata=-9999.0)
    gdal.DEMProcessing(str(tmp_path / "slope.tif"), str(dem_path), "slope")
    reference = gdal.Open(str(tmp_path / "slope.tif")).ReadAsArray().astype(float)
    reference[reference == -9999.0] = np.nan
    rings = [*RINGS, rectangle(0, 0, 30, 24), rectangle(8, 8, 16, 14)]
    units = write_units(tmp_path / "units.gpkg", rings)
    result = slope_statistics(
        str(units), str(dem_path), statistics=("mean", "max", "count"), block_rows=block_rows
    )
    masks = [centres_inside(ring) for ring in rings]
    expected = brute_force(reference, masks)
    np.testing.assert_allclose(result["mean"], expected["mean"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(result["max"], expected["max"], atol=1e-4)
    np.testing.assert_array_equal(result["count"], expected["count"])


def test_slope_of_a_geographic_dem_matches_the_slope_raster(tmp_path):
    from plugin.io.raster import write_slope

    dem = smooth_dem()
    dem_path = tmp_path / "geo.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(dem_path), COLS, ROWS, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((114.0, 1 / 3600, 0.0, 36.0, 0.0, -1 / 3600))
    dataset.SetProjection(srs_of(4490).ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(dem.astype(np.float32))
    dataset = None
    write_slope(str(dem_path), str(tmp_path / "slope.tif"))
    reference = gdal.Open(str(tmp_path / "slope.tif")).ReadAsArray().astype(float)
    reference[reference == -9999.0] = np.nan
    units_path = tmp_path / "units.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(units_path))
    srs = srs_of(4490)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = source.CreateLayer("units", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("unit_id", ogr.OFTInteger))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("unit_id", 1)
    x0, x1, y0, y1 = 114 + 2 / 3600, 114 + 20 / 3600, 36 - 3 / 3600, 36 - 15 / 3600
    wkt = f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"
    feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
    layer.CreateFeature(feature)
    source = None
    result = slope_statistics(str(units_path), str(dem_path), statistics=("mean",))
    expected = np.nanmean(reference[3:15, 2:20])
    assert result["mean"][0] == pytest.approx(expected, abs=1e-5)


# --- refusals and control ------------------------------------------------------------


def test_raster_that_does_not_overlap_the_units_is_refused(tmp_path, raster):
    units = write_units(tmp_path / "far.gpkg", [rectangle(1000, 1000, 1010, 1010)])
    with pytest.raises(RasterError, match=r"values\.tif.*does not overlap.*far\.gpkg"):
        zonal_statistics(str(units), str(raster))


def test_units_in_another_crs_are_refused(tmp_path, raster):
    units = write_units(tmp_path / "other.gpkg", [rectangle(0, 0, 4, 4)], epsg=4548)
    with pytest.raises(RasterError, match="reproject"):
        zonal_statistics(str(units), str(raster))


def test_unreadable_units_source_names_the_file(tmp_path, raster):
    missing = tmp_path / "评价单元" / "none.gpkg"
    with pytest.raises(RasterError, match=r"none\.gpkg"):
        zonal_statistics(str(missing), str(raster))


def test_missing_layer_and_bad_labels_are_refused(tmp_path, raster):
    units = write_units(tmp_path / "units.gpkg", [rectangle(0, 0, 4, 4)] * 2)
    with pytest.raises(RasterError, match="no layer 'roads'"):
        zonal_statistics(UnitLayer(str(units), "roads"), str(raster))
    with pytest.raises(RasterError, match="no field 'fid_x'"):
        zonal_statistics(UnitLayer(str(units), "units", "fid_x"), str(raster))
    source = ogr.Open(str(units), 1)
    source.ExecuteSQL("UPDATE units SET unit_id = 1")
    source = None
    with pytest.raises(RasterError, match=r"distinct integers from 1 \(found 1\.\.1, 1 distinct"):
        zonal_statistics(str(units), str(raster))


def test_gaps_in_the_labels_are_units_without_cells(tmp_path, raster, values):
    units = write_units(tmp_path / "units.gpkg", RINGS[:2])
    source = ogr.Open(str(units), 1)
    source.ExecuteSQL("UPDATE units SET unit_id = 3 WHERE unit_id = 2")
    source = None
    result = zonal_statistics(str(units), str(raster), statistics=ALL)
    masks = [centres_inside(RINGS[0]), np.zeros((ROWS, COLS), bool), centres_inside(RINGS[1])]
    assert_statistics(result, brute_force(as_nan(values), masks))
    assert result.missing_units == (2,)


def test_gdal_exception_state_is_restored(tmp_path, raster):
    units = write_units(tmp_path / "units.gpkg", RINGS)
    before = (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions())
    zonal_statistics(str(units), str(raster))
    with pytest.raises(RasterError):
        zonal_statistics(str(tmp_path / "nothing.gpkg"), str(raster))
    assert (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions()) == before


def test_progress_and_cancel(tmp_path, raster):
    units = write_units(tmp_path / "units.gpkg", RINGS)
    seen = []
    zonal_statistics(str(units), str(raster), block_rows=4, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 100.0
    assert len(seen) > 3
    calls = []

    def cancel_after_two() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        zonal_statistics(str(units), str(raster), block_rows=2, is_cancelled=cancel_after_two)


def test_block_labels_report_overlaps_only_where_they_are(tmp_path, raster):
    rings = [rectangle(0, 0, 10, 4), rectangle(5, 2, 15, 8)]
    units = write_units(tmp_path / "units.gpkg", rings)
    gt = gdal.Open(str(raster)).GetGeoTransform()
    with UnitRasterizer(UnitLayer(str(units))) as rasterizer:
        clean = rasterizer.block_labels(Window(gt, 10, 5, 0, COLS))
        shared = rasterizer.block_labels(Window(gt, 0, 5, 0, COLS))
    assert clean.extra_cells.size == 0
    assert shared.extra_cells.size == 2 * 10  # rows 2-3, cols 5-9, two units each
    assert sorted(set(shared.extra_labels.tolist())) == [1, 2]
    assert (shared.labels[2:4, 5:10] == 0).all()
