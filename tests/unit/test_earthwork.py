"""Cut and fill by the grid method, against hand-computed and analytic cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plugin.core.earthwork import CutFill, PlaneMoments, cell_coordinates


def levelled(labels, z, cap_deg, cell=1.0, block_rows=None, bench_m=None):
    """Cut and fill of every unit, the grid fed in blocks of ``block_rows`` rows; terraces of
    ``bench_m`` m where given."""
    rows, cols = z.shape
    count = int(labels.max())
    step = block_rows or rows
    moments = PlaneMoments(count)
    for row0 in range(0, rows, step):
        x, y = cell_coordinates(row0, min(step, rows - row0), cols, cell, cell)
        moments.add(labels[row0 : row0 + step], x, y, z[row0 : row0 + step])
    benches = None if bench_m is None else np.full(count, bench_m, dtype=float)
    planes = moments.planes(np.full(count, cap_deg, dtype=float), benches)
    volumes = CutFill(count, cell * cell)
    for row0 in range(0, rows, step):
        x, y = cell_coordinates(row0, min(step, rows - row0), cols, cell, cell)
        lab = labels[row0 : row0 + step]
        xs, ys = np.broadcast_to(x, lab.shape), np.broadcast_to(y, lab.shape)
        design = np.where(lab > 0, planes.at(np.maximum(lab, 1), xs, ys), np.nan)
        volumes.add(lab, z[row0 : row0 + step], design)
    return (*volumes.volumes(), planes)


def test_a_hand_computed_grid():
    # Four cells of 2 m × 2 m, levelled flat (cap 0°) to their mean 3 m: cut (6 − 3) × 4 m²,
    # fill ((3 − 1) + (3 − 2)) × 4 m².
    z = np.array([[1.0, 2.0], [3.0, 6.0]])
    cut, fill, planes = levelled(np.ones((2, 2), dtype=np.int32), z, 0.0, cell=2.0)
    assert planes.z0[0] == pytest.approx(3.0)
    assert cut[0] == pytest.approx(12.0)
    assert fill[0] == pytest.approx(12.0)


def test_a_plane_within_the_design_slope_needs_no_earthwork():
    yy, xx = np.mgrid[0:100, 0:100] + 0.5
    z = 50.0 + 0.1 * xx + 0.05 * yy  # 6.4°: under a 10° cap
    cut, fill, planes = levelled(np.ones((100, 100), dtype=np.int32), z, 10.0, block_rows=7)
    assert planes.fitted_slope_deg[0] == pytest.approx(
        math.degrees(math.atan(math.hypot(0.1, 0.05)))
    )
    assert cut[0] == pytest.approx(0.0, abs=1e-6)
    assert fill[0] == pytest.approx(0.0, abs=1e-6)


def test_a_plane_steeper_than_the_design_slope():
    # z = 0.1 x on a 100 m square, capped at 2°: dz = (0.1 − tan 2°)(x − x0); the cut is
    # Δ × 100 rows × Σ(k + 0.5) over the 50 cells east of the centre = Δ × 125 000 m³,
    # the analytic Δ L³ / 8 as well; the fill is the same.
    _, xx = np.mgrid[0:100, 0:100] + 0.5
    z = 0.1 * xx
    delta = 0.1 - math.tan(math.radians(2.0))
    cut, fill, planes = levelled(np.ones((100, 100), dtype=np.int32), z, 2.0, block_rows=13)
    assert cut[0] == pytest.approx(delta * 125_000, rel=1e-9)
    assert fill[0] == pytest.approx(delta * 125_000, rel=1e-9)
    assert math.degrees(math.atan(math.hypot(planes.gx[0], planes.gy[0]))) == pytest.approx(2.0)


def test_terraces_move_the_earth_of_their_benches_only():
    # The same 0.1 slope in 20 m benches: five whole benches across the 100 m (the first
    # centred on the centroid), each cut and filled Δ W / 8 per m² as for one plane across
    # its width: Δ × 20 / 8 × 10 000 m², a fifth of the single plane's earthwork.
    _, xx = np.mgrid[0:100, 0:100] + 0.5
    z = 0.1 * xx
    delta = 0.1 - math.tan(math.radians(2.0))
    cut, fill, _ = levelled(
        np.ones((100, 100), dtype=np.int32), z, 2.0, block_rows=11, bench_m=20.0
    )
    assert cut[0] == pytest.approx(delta * 20 / 8 * 10_000, rel=1e-9)
    assert fill[0] == pytest.approx(cut[0], rel=1e-9)
    # A unit within its design slope is not terraced.
    cut, _, _ = levelled(np.ones((100, 100), dtype=np.int32), z, 10.0, bench_m=20.0)
    assert cut[0] == pytest.approx(0.0, abs=1e-6)


def test_a_cone_levelled_flat_within_one_percent():
    # z = r on a disk of radius R = 200 m (1 m cells), levelled flat: the plane is the mean
    # a = 2R/3; cut = 2π ∫ (r − a) r dr over a … R = 2π (R³/3 − aR²/2 + a³/6) = 8πR³/81
    # (and the fill the same: the volumes balance at the mean).
    radius = 200.0
    yy, xx = np.mgrid[0:400, 0:400] + 0.5
    r = np.hypot(xx - 200.0, yy - 200.0)
    labels = (r <= radius).astype(np.int32)
    cut, fill, planes = levelled(labels, r, 0.0, block_rows=64)
    assert planes.z0[0] == pytest.approx(2 * radius / 3, rel=1e-3)
    expected = 8 * math.pi * radius**3 / 81
    assert cut[0] == pytest.approx(expected, rel=0.01)
    assert fill[0] == pytest.approx(cut[0], rel=1e-6)


def test_units_apart_and_a_unit_without_cells():
    z = np.array([[1.0, 3.0, 10.0, 10.0], [1.0, 3.0, 10.0, np.nan]])
    labels = np.array([[1, 1, 2, 2], [1, 1, 2, 2]], dtype=np.int32)
    cut, fill, _ = levelled(labels, z, 0.0)
    assert cut[0] == pytest.approx(2.0)  # mean 2: two cells 1 m above
    assert fill[0] == pytest.approx(2.0)
    assert cut[1] == pytest.approx(0.0)  # flat; the NoData cell is left out
    moments = PlaneMoments(3)
    moments.add(labels, *cell_coordinates(0, 2, 4, 1.0, 1.0), z)
    planes = moments.planes(np.zeros(3))
    assert math.isnan(planes.fitted_slope_deg[2])
    volumes = CutFill(3, 1.0)
    volumes.add(labels, z, np.zeros_like(z))
    assert np.isnan(volumes.volumes()[0][2])


def test_the_run_sums_are_the_cell_sums():
    # The moments by runs against the nine sums taken cell by cell.
    rng = np.random.default_rng(5)
    labels = rng.integers(0, 4, (20, 31)).astype(np.int32)
    z = rng.normal(100, 5, (20, 31))
    z[rng.random((20, 31)) < 0.05] = np.nan
    x, y = cell_coordinates(7, 20, 31, 5.0, 5.0)
    moments = PlaneMoments(3)
    moments.add(labels, x, y, z)
    xs, ys = np.broadcast_to(x, labels.shape), np.broadcast_to(y, labels.shape)
    for unit in (1, 2, 3):
        cells = (labels == unit) & np.isfinite(z)
        zs, cx, cy = z[cells], xs[cells], ys[cells]
        expected = {
            "n": cells.sum(), "x": cx.sum(), "y": cy.sum(), "z": zs.sum(),
            "xx": (cx * cx).sum(), "xy": (cx * cy).sum(), "yy": (cy * cy).sum(),
            "xz": (cx * zs).sum(), "yz": (cy * zs).sum(),
        }  # fmt: skip
        for name, value in expected.items():
            assert moments.sums[name][unit] == pytest.approx(value, rel=1e-12), name


@pytest.mark.parametrize("chunk_cells", [1 << 18, 100, 1])
def test_levelling_by_runs_is_levelling_cell_by_cell(monkeypatch, chunk_cells):
    # Cut and fill of random units (gaps, NoData, some terraced) by runs, against CutFill
    # fed the design of every cell by Planes.at; in one chunk of rows, in chunks of two
    # rows (100 cells) and of one row each (1 cell: rounded up to a row).
    from plugin.core import earthwork
    from plugin.core.earthwork import level_block

    monkeypatch.setattr(earthwork, "_CHUNK_CELLS", chunk_cells)

    rng = np.random.default_rng(11)
    labels = rng.integers(0, 5, (29, 41)).astype(np.int32)
    labels[3:9, :] = 3
    yy, xx = np.mgrid[0:29, 0:41] + 0.5
    z = 50 + 0.25 * xx + 0.1 * yy + rng.normal(0, 0.3, (29, 41))
    z[rng.random((29, 41)) < 0.03] = np.nan
    x, y = cell_coordinates(0, 29, 41, 2.0, 2.0)
    moments = PlaneMoments(4)
    moments.add(labels, x, y, z)
    planes = moments.planes(
        np.array([2.0, np.nan, 3.0, 1.0]), np.array([6.0, np.nan, 10.0, np.nan])
    )
    by_runs = CutFill(4, 4.0)
    level_block(planes, labels, x, y, z, by_runs)
    by_cells = CutFill(4, 4.0)
    xs, ys = np.broadcast_to(x, labels.shape), np.broadcast_to(y, labels.shape)
    design = np.where(labels > 0, planes.at(np.maximum(labels, 1), xs, ys), np.nan)
    by_cells.add(labels, z, design)
    for got, expected in zip(by_runs.volumes(), by_cells.volumes(), strict=True):
        assert np.allclose(got, expected, rtol=1e-12, atol=1e-9)
