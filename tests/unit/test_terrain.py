"""Slope (Horn, Zevenbergen-Thorne), geodesic cell sizes and elevation change: the pure core."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plugin.core.terrain import (
    elevation_change,
    geodesic_cell_sizes,
    horn_slope,
    zevenbergen_thorne_slope,
)

# A worked 3×3 window (10 m cells): Horn (1981) 62.243504° and Zevenbergen & Thorne (1987)
# 60.25512°, by hand and with GDAL's DEMProcessing (gdaldem slope).
WORKED = np.array([[50, 45, 50], [30, 30, 30], [8, 10, 10]], dtype=np.float64)


def brute_force_horn(dem: np.ndarray, dx: float, dy: float) -> np.ndarray:
    """Cell-by-cell Horn in float64 with GDAL's default NoData rule (reference)."""
    rows, cols = dem.shape
    out = np.full((rows, cols), np.nan)
    for r in range(1, rows - 1):
        for c in range(1, cols - 1):
            (a, b, cc), (d, _e, f), (g, h, i) = dem[r - 1 : r + 2, c - 1 : c + 2]
            if np.isnan(dem[r - 1 : r + 2, c - 1 : c + 2]).any():
                continue
            gx = ((cc + 2 * f + i) - (a + 2 * d + g)) / (8 * dx)
            gy = ((g + 2 * h + i) - (a + 2 * b + cc)) / (8 * dy)
            out[r, c] = math.degrees(math.atan(math.hypot(gx, gy)))
    return out


def test_worked_window_horn_and_zevenbergen_thorne():
    assert horn_slope(WORKED, 10.0, 10.0)[0, 0] == pytest.approx(62.243504, abs=1e-5)
    assert zevenbergen_thorne_slope(WORKED, 10.0, 10.0)[0, 0] == pytest.approx(60.25512, abs=1e-5)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_plane_of_one_in_ten_on_a_30_m_grid(dtype):
    plane = (np.arange(6) * 30.0 * 0.10)[None, :].repeat(6, axis=0).astype(dtype)
    degrees = horn_slope(plane, 30.0, 30.0)
    assert degrees.dtype == dtype
    np.testing.assert_allclose(degrees, 5.7106, atol=1e-4)
    np.testing.assert_allclose(horn_slope(plane, 30.0, 30.0, percent=True), 10.0, atol=1e-4)
    np.testing.assert_allclose(zevenbergen_thorne_slope(plane, 30.0, 30.0), 5.7106, atol=1e-4)


def test_matches_a_cell_by_cell_float64_reference_with_holes():
    rng = np.random.default_rng(7)
    dem = rng.uniform(900, 1400, (40, 37)).astype(np.float32).astype(np.float64)
    dem[rng.random(dem.shape) < 0.05] = np.nan
    padded = np.pad(dem, 1, constant_values=np.nan)
    expected = brute_force_horn(padded, 5.0, 7.0)[1:-1, 1:-1]
    result = horn_slope(padded, 5.0, 7.0)
    np.testing.assert_array_equal(np.isnan(result), np.isnan(expected))
    np.testing.assert_allclose(result, expected, atol=1e-9, equal_nan=True)
    # float32 keeps the accuracy: Horn's differences of nearby elevations are exact.
    single = horn_slope(padded.astype(np.float32), 5.0, 7.0)
    np.testing.assert_allclose(single, expected, atol=2e-5, equal_nan=True)


def test_nodata_rules_follow_gdal():
    window = WORKED.copy()
    window[0, 0] = np.nan  # a neighbour
    assert np.isnan(horn_slope(window, 10.0, 10.0)[0, 0])
    assert np.isnan(zevenbergen_thorne_slope(window, 10.0, 10.0)[0, 0])
    # compute_edges: the missing neighbour takes the centre's value (30).
    filled = WORKED.copy()
    filled[0, 0] = 30.0
    assert horn_slope(window, 10.0, 10.0, compute_edges=True)[0, 0] == pytest.approx(
        horn_slope(filled, 10.0, 10.0)[0, 0]
    )
    centre_missing = WORKED.copy()
    centre_missing[1, 1] = np.nan
    assert np.isnan(horn_slope(centre_missing, 10.0, 10.0, compute_edges=True)[0, 0])


def test_compute_edges_extrapolates_outside_the_raster_except_at_corners():
    plane = np.add.outer(np.arange(5) * 2.0, np.arange(6) * 3.0)  # dz/dy 0.2, dz/dx 0.3
    window = np.pad(plane, 1, constant_values=np.nan)
    result = horn_slope(
        window, 10.0, 10.0, compute_edges=True, raster_edges=(True, True, True, True)
    )
    true_slope = math.degrees(math.atan(math.hypot(0.3, 0.2)))
    # Edges: linear extrapolation 2a - b reproduces the plane exactly.
    np.testing.assert_allclose(result[:, 1:-1], true_slope, atol=1e-9)
    np.testing.assert_allclose(result[1:-1, :], true_slope, atol=1e-9)
    # Corners: GDAL repeats the edge column there, which halves the x gradient.
    corner = math.degrees(math.atan(math.hypot(0.15, 0.2)))
    np.testing.assert_allclose(result[[0, 0, -1, -1], [0, -1, 0, -1]], corner, atol=1e-9)
    # Without compute_edges the border is NoData.
    default = horn_slope(window, 10.0, 10.0)
    assert np.isnan(default[0]).all()
    assert np.isnan(default[:, -1]).all()
    np.testing.assert_allclose(default[1:-1, 1:-1], true_slope, atol=1e-9)


def test_per_row_cell_sizes():
    plane = (np.arange(5) * 3.0)[None, :].repeat(5, axis=0)
    widths = np.array([30.0, 25.0, 20.0])
    result = horn_slope(plane, widths, np.full(3, 30.0))
    expected = np.degrees(np.arctan(3.0 / widths))
    np.testing.assert_allclose(result, expected[:, None].repeat(3, axis=1), atol=1e-12)
    with pytest.raises(ValueError, match="shape"):
        horn_slope(plane, np.ones(4), 1.0)
    with pytest.raises(ValueError, match="positive"):
        horn_slope(plane, 0.0, 1.0)


def test_result_does_not_depend_on_how_the_raster_is_cut():
    rng = np.random.default_rng(3)
    dem = rng.uniform(0, 300, (50, 31)).astype(np.float32)
    dem[rng.random(dem.shape) < 0.1] = np.nan
    padded = np.pad(dem, 1, constant_values=np.nan)
    for compute_edges in (False, True):
        whole = horn_slope(padded, 5.0, 5.0, compute_edges=compute_edges, raster_edges=(1, 1, 1, 1))
        for rows in (1, 7, 50):
            parts = [
                horn_slope(
                    padded[start : start + rows + 2],
                    5.0,
                    5.0,
                    compute_edges=compute_edges,
                    raster_edges=(start == 0, start + rows >= 50, True, True),
                )
                for start in range(0, 50, rows)
            ]
            np.testing.assert_array_equal(np.vstack(parts), whole)


@pytest.mark.parametrize("latitude", [0.0, 23.5, 36.0, 52.0, 70.0])
def test_geodesic_cell_sizes_agree_with_pyproj(latitude):
    geod = pytest.importorskip("pyproj").Geod(ellps="GRS80")
    dlon = dlat = 1.0 / 1200.0  # 3 arc-seconds
    width, height = geodesic_cell_sizes(np.array([latitude]), dlon, dlat, 6378137.0, 298.257222101)
    _, _, east_west = geod.inv(0.0, latitude, dlon, latitude)
    _, _, north_south = geod.inv(0.0, latitude - dlat / 2, 0.0, latitude + dlat / 2)
    assert width[0] == pytest.approx(east_west, rel=1e-7)
    assert height[0] == pytest.approx(north_south, rel=1e-7)


def test_geodesic_cell_sizes_on_a_sphere():
    width, height = geodesic_cell_sizes(np.array([60.0]), 1.0, 1.0, 6371000.0, 0.0)
    assert width[0] == pytest.approx(6371000.0 * math.radians(1.0) * 0.5)
    assert height[0] == pytest.approx(6371000.0 * math.radians(1.0))


def test_elevation_change_propagates_nodata():
    before = np.array([[1.0, np.nan], [3.0, 4.0]], dtype=np.float32)
    after = np.array([[2.5, 2.0], [np.nan, 1.0]])
    change = elevation_change(before, after)
    assert change.dtype == np.float64
    np.testing.assert_array_equal(change, [[1.5, np.nan], [np.nan, -3.0]])
