"""Land-levelling volumes streamed from files (plugin.io.earthwork), against hand sums.

The DEM is a tilted plane with a bump; units are rectangles of cells. Expected volumes
come from numpy on the whole grid (a least-squares plane per rectangle, capped by hand),
not from the block code; the runs kept from pass 1 and the units rasterized again must
give the same numbers, in one block or many.
"""

from __future__ import annotations

import numpy as np
import pytest

from plugin.io import earthwork
from plugin.io.earthwork import levelling_volumes
from plugin.io.rasterize import UnitLayer

from .test_rasterize import CELL, write_raster, write_units

ROWS, COLS = 40, 50
RECTANGLES = [(0, 0, 20, 25), (20, 0, 40, 25), (0, 25, 40, 50)]  # row0, col0, row1, col1


def _surface() -> np.ndarray:
    rows, cols = np.mgrid[0:ROWS, 0:COLS] + 0.5
    z = 100.0 + 0.20 * cols * CELL - 0.05 * rows * CELL
    z += 3.0 * np.exp(-((cols - 12) ** 2 + (rows - 10) ** 2) / 30.0)
    z[5, 40] = np.nan  # NoData inside the third unit
    return z.astype(np.float32).astype(np.float64)  # as the file holds it


def _expected(z: np.ndarray, cap_deg: float) -> tuple[np.ndarray, np.ndarray]:
    cuts, fills = [], []
    rows, cols = np.mgrid[0:ROWS, 0:COLS] + 0.5
    for row0, col0, row1, col1 in RECTANGLES:
        part = np.s_[row0:row1, col0:col1]
        keep = np.isfinite(z[part])
        x, y, h = cols[part][keep] * CELL, rows[part][keep] * CELL, z[part][keep]
        design = np.column_stack([np.ones_like(x), x - x.mean(), y - y.mean()])
        a, gx, gy = np.linalg.lstsq(design, h, rcond=None)[0]
        gradient, cap = np.hypot(gx, gy), np.tan(np.radians(cap_deg))
        if gradient > cap:
            gx, gy = gx * cap / gradient, gy * cap / gradient
        dz = h - (a + gx * (x - x.mean()) + gy * (y - y.mean()))
        cuts.append(np.maximum(dz, 0).sum() * CELL * CELL)
        fills.append(np.maximum(-dz, 0).sum() * CELL * CELL)
    return np.array(cuts), np.array(fills)


@pytest.mark.parametrize("block_rows", [None, 7])
@pytest.mark.parametrize("budget", [256 * 1024 * 1024, 0])
def test_levelling_volumes_from_files(tmp_path, monkeypatch, block_rows, budget):
    # budget 0: pass 1 keeps no runs, pass 2 rasterizes the units again.
    monkeypatch.setattr(earthwork, "_RUNS_BUDGET", budget)
    z = _surface()
    dem = write_raster(tmp_path / "dem.tif", np.where(np.isfinite(z), z, -9999), nodata=-9999)
    rings = [[(c0, r0), (c1, r0), (c1, r1), (c0, r1)] for r0, c0, r1, c1 in RECTANGLES]
    units = write_units(tmp_path / "units.gpkg", rings)
    result = levelling_volumes(
        UnitLayer(str(units), "units", "unit_id"), str(dem), np.full(3, 5.0), block_rows=block_rows
    )
    cut, fill = _expected(z, 5.0)
    assert np.allclose(result.cut_m3, cut, rtol=1e-9)
    assert np.allclose(result.fill_m3, fill, rtol=1e-9)
    assert (cut > 1.0).all()  # the case is not trivial
    assert (fill > 1.0).all()
