"""GDAL adapters: block reading, safe writing, slope and elevation-change files (no QGIS)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

gdal = pytest.importorskip("osgeo.gdal")
osr = pytest.importorskip("osgeo.osr")

from plugin.io import Cancelled  # noqa: E402
from plugin.io.raster import (  # noqa: E402
    NODATA,
    RasterError,
    gdal_exceptions,
    open_grid,
    read_blocks,
    write_elevation_change,
    write_raster,
    write_slope,
)

JACKSBORO = Path("/usr/share/matplotlib/mpl-data/sample_data/jacksboro_fault_dem.npz")
# matplotlib's sample jacksboro_fault_dem.npz (3″ grid, EPSG:4326) has its ymin/ymax keys
# swapped (36.73292 / 36.44625, as read from the file); this is the true geotransform.
JACKSBORO_GT = (-84.41375, 1 / 1200, 0.0, 36.7329167, 0.0, -1 / 1200)


def wkt(epsg: int) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


def write_dem(path, array, geotransform, epsg=4547, nodata=None, unit=None, crs_wkt=None):
    types = {np.dtype(np.float32): gdal.GDT_Float32, np.dtype(np.int16): gdal.GDT_Int16}
    types[np.dtype(np.float64)] = gdal.GDT_Float64
    with gdal_exceptions():
        dataset = gdal.GetDriverByName("GTiff").Create(
            str(path), array.shape[1], array.shape[0], 1, types[array.dtype]
        )
        dataset.SetGeoTransform(geotransform)
        if crs_wkt is not None or epsg is not None:
            dataset.SetProjection(crs_wkt if crs_wkt is not None else wkt(epsg))
        band = dataset.GetRasterBand(1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        if unit:
            band.SetUnitType(unit)
        band.WriteArray(array)
        dataset = None
    return str(path)


def read(path) -> np.ndarray:
    with gdal_exceptions():
        dataset = gdal.Open(str(path))
        band = dataset.GetRasterBand(1)
        array = band.ReadAsArray().astype(np.float64)
        nodata = band.GetNoDataValue()
    if nodata is not None:
        array[array == nodata] = np.nan
    return array


def gdaldem(dem, out, **options) -> np.ndarray:
    with gdal_exceptions():
        gdal.DEMProcessing(str(out), str(dem), "slope", **options)
    return read(out)


def random_dem(seed, shape=(83, 71), dtype=np.float32):
    """Rough terrain with NoData holes and scattered NoData cells.

    Elevations stay below ~150 m: gdaldem sums elevations in float32, so on high terrain
    its own rounding reaches ~5e-4 degrees (our float32 path forms exact differences).
    """
    rng = np.random.default_rng(seed)
    _rows, cols = shape
    dem = rng.uniform(0, 40, shape) + np.linspace(0, 100, cols)[None, :]
    dem = dem.astype(dtype)
    dem[rng.random(shape) < 0.03] = -9999
    dem[20:30, 10:25] = -9999
    dem[-1, 5:9] = -9999
    return dem


# --- slope against gdaldem ----------------------------------------------------------


@pytest.mark.parametrize("compute_edges", [False, True])
@pytest.mark.parametrize("percent", [False, True])
@pytest.mark.parametrize("dtype", [np.float32, np.int16, np.float64])
def test_slope_equals_gdaldem_for_any_block_size(tmp_path, compute_edges, percent, dtype):
    dem = write_dem(
        tmp_path / "dem.tif",
        random_dem(11, dtype=dtype),
        (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0),
        nodata=-9999,
    )
    options = {"computeEdges": compute_edges, "slopeFormat": "percent" if percent else "degree"}
    expected = gdaldem(dem, tmp_path / "gdaldem.tif", **options)
    results = []
    for block_rows in (None, 1, 5, 64):
        out = tmp_path / f"slope_{block_rows}.tif"
        grid = write_slope(
            dem, str(out), percent=percent, compute_edges=compute_edges, block_rows=block_rows
        )
        assert grid.nodata == NODATA
        results.append(read(out))
    tolerance = 1e-4 if not percent else 1e-4 * 100 * math.pi / 180 * 5  # same angle, in %
    np.testing.assert_array_equal(np.isnan(results[0]), np.isnan(expected))
    np.testing.assert_allclose(results[0], expected, atol=tolerance, rtol=0, equal_nan=True)
    for other in results[1:]:
        np.testing.assert_array_equal(other, results[0])  # identical whatever the block size


def test_zevenbergen_thorne_equals_gdaldem(tmp_path):
    dem = write_dem(
        tmp_path / "dem.tif", random_dem(5), (0.0, 30.0, 0.0, 0.0, 0.0, -30.0), nodata=-9999
    )
    expected = gdaldem(dem, tmp_path / "zt.tif", alg="ZevenbergenThorne")
    write_slope(dem, str(tmp_path / "ours.tif"), method="zt", block_rows=7)
    result = read(tmp_path / "ours.tif")
    np.testing.assert_array_equal(np.isnan(result), np.isnan(expected))
    np.testing.assert_allclose(result, expected, atol=1e-4, equal_nan=True)


def test_worked_plane_in_a_projected_file(tmp_path):
    plane = np.tile(np.arange(10) * 3.0, (8, 1)).astype(np.float32)  # 0.10 m/m, 30 m cells
    dem = write_dem(tmp_path / "plane.tif", plane, (500000.0, 30.0, 0.0, 4e6, 0.0, -30.0))
    write_slope(dem, str(tmp_path / "deg.tif"))
    write_slope(dem, str(tmp_path / "pct.tif"), percent=True)
    np.testing.assert_allclose(read(tmp_path / "deg.tif")[1:-1, 1:-1], 5.7106, atol=1e-4)
    np.testing.assert_allclose(read(tmp_path / "pct.tif")[1:-1, 1:-1], 10.0, atol=1e-4)


# --- geographic DEMs ------------------------------------------------------------------


def test_geographic_plane_uses_ground_cell_sizes(tmp_path):
    # 3 m rise per 1" cell at 36 N (the gdaldem manual: a geographic DEM needs a scale or a
    # reprojection). On the GRS80 ellipsoid the E-W cell is 25.045 m (pyproj.Geod), so
    # 6.8305 deg; a spherical estimate with cos(36) (25.02 m) would give 6.838 deg.
    plane = np.tile(np.arange(10) * 3.0, (8, 1)).astype(np.float32)
    top = 36.0 + 4 / 3600
    dem = write_dem(
        tmp_path / "geo.tif", plane, (117.0, 1 / 3600, 0.0, top, 0.0, -1 / 3600), epsg=4490
    )
    write_slope(dem, str(tmp_path / "slope.tif"))
    np.testing.assert_allclose(read(tmp_path / "slope.tif")[1:-1, 1:-1], 6.8305, atol=1e-3)
    # Degrees taken as metres (scale 1; GDAL >= 3.10 would otherwise correct it itself).
    naive = gdaldem(dem, tmp_path / "naive.tif", scale=1.0)
    assert np.nanmin(naive) > 89.9


def jacksboro_dem(folder: Path) -> str:
    if not JACKSBORO.exists():
        pytest.skip(f"{JACKSBORO} is absent (Debian package python3-matplotlib-data)")
    with np.load(JACKSBORO) as archive:
        elevation = archive["elevation"]
    assert elevation.shape == (344, 403)
    folder.mkdir()
    return write_dem(folder / "jacksboro.tif", elevation.astype(np.int16), JACKSBORO_GT, 4326)


def slope_via_utm(dem: str, folder: Path, resolution: float) -> np.ndarray:
    """gdaldem slope on the DEM warped to UTM 16N, sampled back onto the DEM's grid."""
    with gdal_exceptions():
        gdal.Warp(
            str(folder / "utm.tif"),
            dem,
            dstSRS="EPSG:32616",
            xRes=resolution,
            yRes=resolution,
            resampleAlg="bilinear",
            dstNodata=-9999,
            outputType=gdal.GDT_Float32,
        )
        gdal.DEMProcessing(str(folder / "utm_slope.tif"), str(folder / "utm.tif"), "slope")
        west, north = JACKSBORO_GT[0], JACKSBORO_GT[3]
        gdal.Warp(
            str(folder / "back.tif"),
            str(folder / "utm_slope.tif"),
            dstSRS="EPSG:4326",
            outputBounds=(west, north - 344 / 1200, west + 403 / 1200, north),
            width=403,
            height=344,
            resampleAlg="average",
            srcNodata=-9999,
            dstNodata=-9999,
            outputType=gdal.GDT_Float32,
        )
    return read(folder / "back.tif")


def test_real_geographic_dem_agrees_with_gdaldem_in_utm(tmp_path):
    folder = tmp_path / "坡度测试"  # non-ASCII folder on purpose
    dem = jacksboro_dem(folder)
    write_slope(dem, str(folder / "坡度.tif"))
    ours = read(folder / "坡度.tif")
    inner = np.zeros(ours.shape, dtype=bool)
    inner[3:-3, 3:-3] = True  # leave out the border, where the warps lose cells

    # Warping resamples: at 90 m (coarser than the 74 x 93 m cells) bilinear smooths the
    # terrain and lowers the mean slope; at 30 m Horn sees the facets of the bilinear
    # surface and raises it. The true mean lies between; 60 m is closest to the native
    # cell, and there cells agree to a fraction of a degree (median) and the mean to 2 %.
    coarse, near, fine = (slope_via_utm(dem, folder, res) for res in (90.0, 60.0, 30.0))
    valid = inner & ~np.isnan(ours) & ~np.isnan(coarse) & ~np.isnan(near) & ~np.isnan(fine)
    assert valid.sum() > 0.9 * inner.sum()
    mean = ours[valid].mean()
    assert coarse[valid].mean() < mean < fine[valid].mean()
    assert mean == pytest.approx(near[valid].mean(), rel=0.02)
    assert np.median(np.abs(ours[valid] - near[valid])) < 0.5

    # Degrees taken as metres (gdaldem without scale) gives ~90 degrees everywhere; a
    # single scale of 111120 m/degree ignores cos(latitude) on E-W cells and is too flat.
    naive = gdaldem(dem, folder / "naive.tif", scale=1.0)  # degrees taken as metres
    assert np.nanmedian(naive) > 89.9
    assert np.nanmax(ours) < 45.0
    assert np.nanmedian(ours) < 20.0
    one_scale = gdaldem(dem, folder / "scale.tif", scale=111120)
    assert np.nanmean(one_scale) < 0.95 * np.nanmean(ours)


# --- bad input ------------------------------------------------------------------------


def test_dem_without_crs_is_refused(tmp_path):
    dem = write_dem(
        tmp_path / "无坐标.tif", random_dem(1), (0.0, 10.0, 0.0, 0.0, 0.0, -10.0), epsg=None
    )
    with pytest.raises(RasterError, match=r"无坐标\.tif.*no CRS"):
        write_slope(dem, str(tmp_path / "slope.tif"))
    assert not (tmp_path / "slope.tif").exists()


def test_dem_in_feet(tmp_path):
    feet = osr.SpatialReference()
    feet.ImportFromEPSG(2264)  # NAD83 / North Carolina (ftUS)
    plane_ft = np.tile(np.arange(10) * 3.0, (8, 1)).astype(np.float32)  # 0.1 ft per ft
    gt = (1e6, 30.0, 0.0, 5e5, 0.0, -30.0)
    no_unit = write_dem(tmp_path / "ft.tif", plane_ft, gt, crs_wkt=feet.ExportToWkt())
    with pytest.raises(RasterError, match=r"ft\.tif.*metres or in that unit"):
        write_slope(no_unit, str(tmp_path / "slope.tif"))
    with_unit = write_dem(
        tmp_path / "ft_unit.tif", plane_ft, gt, crs_wkt=feet.ExportToWkt(), unit="US survey foot"
    )
    write_slope(with_unit, str(tmp_path / "slope.tif"))
    np.testing.assert_allclose(read(tmp_path / "slope.tif")[1:-1, 1:-1], 5.7106, atol=1e-4)
    # Elevations in metres on a feet grid: 3 m per 30 ftUS.
    write_slope(no_unit, str(tmp_path / "m.tif"), z_unit_m=1.0)
    expected = math.degrees(math.atan(3.0 / (30.0 * 1200 / 3937)))
    np.testing.assert_allclose(read(tmp_path / "m.tif")[1:-1, 1:-1], expected, atol=1e-4)


def test_nodata_everywhere_gives_nodata_everywhere(tmp_path):
    empty = np.full((20, 30), -9999, dtype=np.float32)
    dem = write_dem(tmp_path / "empty.tif", empty, (0.0, 5.0, 0.0, 0.0, 0.0, -5.0), nodata=-9999)
    for compute_edges in (False, True):
        write_slope(dem, str(tmp_path / "slope.tif"), compute_edges=compute_edges)
        assert np.isnan(read(tmp_path / "slope.tif")).all()


def test_cancel_leaves_no_file(tmp_path):
    dem = write_dem(
        tmp_path / "dem.tif", random_dem(2), (0.0, 5.0, 0.0, 0.0, 0.0, -5.0), nodata=-9999
    )
    out = tmp_path / "out" / "slope.tif"
    calls = []

    def cancel_after_two_blocks() -> bool:
        calls.append(1)
        return len(calls) > 2

    progress = []
    with pytest.raises(Cancelled):
        write_slope(
            dem,
            str(out),
            block_rows=10,
            progress=progress.append,
            is_cancelled=cancel_after_two_blocks,
        )
    assert progress
    assert all(0 < p < 100 for p in progress)
    assert list(out.parent.iterdir()) == []


def test_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "result.tif"
    out.write_bytes(b"previous result")
    grid = open_grid(
        write_dem(tmp_path / "dem.tif", random_dem(3), (0.0, 5.0, 0.0, 0.0, 0.0, -5.0))
    )

    def failing_blocks():
        yield 0, np.zeros((5, grid.width))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_raster(str(out), grid, failing_blocks())
    assert out.read_bytes() == b"previous result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dem.tif", "result.tif"]


def test_unreadable_file_names_the_path(tmp_path):
    with pytest.raises(RasterError, match=r"missing\.tif"):
        open_grid(str(tmp_path / "missing.tif"))


def test_gdal_exception_state_is_restored():
    before = (gdal.GetUseExceptions(), osr.GetUseExceptions())
    with gdal_exceptions():
        assert gdal.GetUseExceptions()
        assert osr.GetUseExceptions()
    assert (gdal.GetUseExceptions(), osr.GetUseExceptions()) == before


# --- reading blocks ------------------------------------------------------------------


@pytest.mark.parametrize("block_rows", [None, 1, 4, 13, 100])
def test_blocks_carry_the_halo_of_their_neighbours(tmp_path, block_rows):
    dem = random_dem(4, shape=(37, 11))
    path = write_dem(tmp_path / "dem.tif", dem, (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), nodata=-9999)
    padded = np.pad(
        np.where(dem == -9999, np.nan, dem).astype(np.float64), 2, constant_values=np.nan
    )
    rows_seen = 0
    for block in read_blocks(path, block_rows=block_rows, halo=2):
        assert block.data.dtype == np.float64
        expected = padded[block.row0 : block.row0 + block.rows + 4]
        np.testing.assert_array_equal(block.data, expected)
        rows_seen += block.rows
    assert rows_seen == 37


def test_grid_properties(tmp_path):
    path = write_dem(
        tmp_path / "g.tif",
        np.zeros((4, 6), np.float32),
        (100.0, 0.5, 0.0, 40.0, 0.0, -0.25),
        epsg=4490,
        nodata=-1,
    )
    grid = open_grid(path)
    assert grid.is_geographic
    assert grid.is_north_up
    assert grid.nodata == -1
    assert grid.extent == (100.0, 39.0, 103.0, 40.0)
    np.testing.assert_allclose(grid.row_centres_y(), [39.875, 39.625, 39.375, 39.125])
    assert grid.same_grid(open_grid(path))


# --- elevation change -----------------------------------------------------------------


def test_elevation_change_on_the_same_grid(tmp_path):
    gt = (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0)
    before = np.full((6, 7), 100.0, np.float32)
    after = before + np.arange(7, dtype=np.float32)[None, :]
    after[2, 3] = -9999
    b = write_dem(tmp_path / "before.tif", before, gt)
    a = write_dem(tmp_path / "after.tif", after, gt, nodata=-9999)
    write_elevation_change(b, a, str(tmp_path / "change.tif"))
    change = read(tmp_path / "change.tif")
    expected = np.tile(np.arange(7.0), (6, 1))
    expected[2, 3] = np.nan
    np.testing.assert_array_equal(change, expected)


def test_elevation_change_of_dems_tiled_differently(tmp_path, monkeypatch):
    # A tiled DEM before and a striped DEM after on the same grid: both are read in blocks
    # of one height (their own defaults differ: 64-row tiles against 1-row strips).
    from plugin.io import raster

    monkeypatch.setattr(raster, "BLOCK_BUDGET_BYTES", 300 * 8 * 100)  # 100 rows a block
    gt = (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0)
    rng = np.random.default_rng(3)
    before = rng.uniform(90, 110, (330, 300)).astype(np.float32)
    after = (before - rng.uniform(0, 3, before.shape)).astype(np.float32)
    tiled = tmp_path / "before.tif"
    with gdal_exceptions():
        source = gdal.GetDriverByName("MEM").Create("", 300, 330, 1, gdal.GDT_Float32)
        source.SetGeoTransform(gt)
        source.SetProjection(wkt(4547))
        source.GetRasterBand(1).WriteArray(before)
        options = ["TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"]
        gdal.GetDriverByName("GTiff").CreateCopy(str(tiled), source, options=options)
        source = None
    a = write_dem(tmp_path / "after.tif", after, gt)
    write_elevation_change(str(tiled), a, str(tmp_path / "change.tif"))
    np.testing.assert_allclose(read(tmp_path / "change.tif"), after - before, atol=1e-4)


def test_elevation_change_warps_before_onto_the_after_grid(tmp_path):
    # A plane defined in UTM 50N coordinates; BEFORE is sampled on a geographic grid
    # (another CRS, another resolution), AFTER is the same plane raised by 2 m.
    def plane(east, north):
        return 150.0 + 0.01 * (east - 500000.0) + 0.02 * (north - 4000000.0)

    after_gt = (500000.0, 10.0, 0.0, 4001000.0, 0.0, -10.0)
    east = after_gt[0] + (np.arange(100) + 0.5) * 10.0
    north = after_gt[3] - (np.arange(100) + 0.5) * 10.0
    after = (plane(east[None, :], north[:, None]) + 2.0).astype(np.float64)
    a = write_dem(tmp_path / "after.tif", after, after_gt, epsg=32650)

    to_lonlat = osr.CoordinateTransformation(_srs(32650), _srs(4326))
    lon0, lat0, _ = to_lonlat.TransformPoint(499800.0, 4001200.0)
    # Coarser than AFTER (~15 m x 18.5 m): GDAL's bilinear then interpolates exactly; when
    # it downsamples it widens its kernel, which shifts a sloping surface by centimetres.
    step = 1 / 6000
    lons = lon0 + (np.arange(100) + 0.5) * step
    lats = lat0 - (np.arange(90) + 0.5) * step
    grid_lon, grid_lat = np.meshgrid(lons, lats)
    to_utm = osr.CoordinateTransformation(_srs(4326), _srs(32650))
    points = np.array(to_utm.TransformPoints(np.column_stack([grid_lon.ravel(), grid_lat.ravel()])))
    before = plane(points[:, 0], points[:, 1]).reshape(grid_lon.shape)
    b = write_dem(tmp_path / "before.tif", before, (lon0, step, 0.0, lat0, 0.0, -step), epsg=4326)

    grid = write_elevation_change(b, a, str(tmp_path / "change.tif"), block_rows=17)
    assert grid.width == 100
    assert grid.height == 100
    assert grid.geotransform == after_gt
    change = read(tmp_path / "change.tif")
    assert not np.isnan(change).any()  # BEFORE covers the whole AFTER grid
    # Bilinear interpolation of a plane is exact (the plane is linear in UTM, and lon/lat
    # is linear in UTM to ~1e-9 over a cell); near BEFORE's own border GDAL's kernel is cut.
    np.testing.assert_allclose(change[5:-5, 5:-5], 2.0, atol=1e-5)
    np.testing.assert_allclose(change, 2.0, atol=0.05)


def test_non_overlapping_dems_are_refused(tmp_path):
    dem = random_dem(6)
    b = write_dem(tmp_path / "前.tif", dem, (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0))
    a = write_dem(tmp_path / "后.tif", dem, (900000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0))
    with pytest.raises(RasterError, match=r"前\.tif.*后\.tif.*do not overlap"):
        write_elevation_change(b, a, str(tmp_path / "change.tif"))
    assert not (tmp_path / "change.tif").exists()


def _srs(epsg: int):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def test_cell_window_is_cut_to_the_grid(tmp_path):
    from plugin.io.raster import open_grid
    from tests.rasters import write_tif

    path = write_tif(
        tmp_path / "g.tif", np.zeros((50, 40)), (1000.0, 10.0, 0, 5000.0, 0, -10.0), 4547
    )
    grid = open_grid(str(path))
    # x 1000..1400, y 4500..5000; cells of 10 m
    assert grid.cell_window((1105.0, 4801.0, 1195.0, 4899.0)) == (10, 10, 10, 10)
    assert grid.cell_window((1105.0, 4801.0, 1195.0, 4899.0), margin=2) == (8, 8, 14, 14)
    assert grid.cell_window((900.0, 4400.0, 1020.0, 4520.0)) == (0, 48, 2, 2)  # partly out
    assert grid.cell_window((2000.0, 0.0, 3000.0, 100.0)) is None


def test_copy_window_from_bounds_in_another_crs(tmp_path):
    from plugin.io.raster import copy_window
    from tests.rasters import read_tif, write_tif

    values = np.arange(100 * 100, dtype=float).reshape(100, 100)
    x0, y0 = 400000.0, 3000000.0  # EPSG:4547, 10 m cells
    source = write_tif(tmp_path / "源.tif", values, (x0, 10.0, 0, y0, 0, -10.0), 4547)
    # The cells 20..40 (columns) × 30..50 (rows) as geographic bounds (CGCS2000).
    to_geo = osr.CoordinateTransformation(_srs(4547), _srs(4490))
    corners = [to_geo.TransformPoint(x0 + c * 10.0, y0 - r * 10.0) for c, r in ((20, 50), (40, 30))]
    (west, south, _), (east, north, _) = corners
    target = tmp_path / "窗口.tif"
    assert copy_window(str(source), (west, south, east, north), _srs(4490), str(target))
    copied, _ = read_tif(target)
    # Bounds transformed twice may take a sliver of the next cell: never less, at most one
    # more on each side.
    assert 20 <= copied.shape[0] <= 22
    assert 20 <= copied.shape[1] <= 22
    geotransform = gdal.Open(str(target)).GetGeoTransform()
    column = round((geotransform[0] - x0) / 10.0)
    row = round((y0 - geotransform[3]) / 10.0)
    assert np.array_equal(
        copied, values[row : row + copied.shape[0], column : column + copied.shape[1]]
    )
    assert column in (19, 20)
    assert row in (29, 30)
    assert not copy_window(
        str(source), (100.0, 10.0, 101.0, 11.0), _srs(4490), str(tmp_path / "x.tif")
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["源.tif", "窗口.tif"]


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs
