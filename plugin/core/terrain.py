"""Terrain from DEM windows: slope (Horn, Zevenbergen-Thorne), ground cell sizes, elevation change.

A *window* is a DEM block with a one-cell halo on every side: shape (rows + 2, cols + 2),
NaN where the DEM has NoData or where the halo lies outside the raster. The result has
shape (rows, cols): one value per cell of the block, NaN where ``gdaldem slope`` (GDAL's
``DEMProcessing``) writes NoData. Blocks are independent, so any raster size is processed
in bounded memory and the result does not depend on the block size.

GDAL's rules, reproduced here (apps/gdaldem_lib.cpp, ``GDALGeneric3x3Processing``):

- default: a cell is NoData when its centre or any of its 8 neighbours is NoData or outside
  the raster (so the outermost rows and columns are NoData);
- ``compute_edges``: a NoData centre stays NoData; a NoData neighbour takes the centre's
  value; neighbours outside the raster are extrapolated linearly from the edge (2a - b),
  except at the four raster corners, where GDAL repeats the edge column instead. The halo
  cannot tell "outside" from "NoData", so the caller says which sides of the window are
  raster edges (``raster_edges``); without it, outside cells count as NoData neighbours.

Arithmetic runs in the window's dtype (float32 or float64). Horn's sums are formed from
differences of neighbouring elevations, ``(c - a) + (i - g) + 2 (f - d)``: a difference of
two float32 elevations of similar size is exact, so float32 loses nothing that matters
(the gradient's relative error stays ~1e-7, far below the 1e-4 degree tolerance), while
halving memory traffic.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

# Rows processed at a time inside one window: the temporaries of a few hundred kilobytes
# to a few megabytes stay in the CPU cache, which is faster than whole-block passes.
_CACHE_CELLS = 1 << 18

# Which sides of a window's halo lie outside the raster: top, bottom, left, right.
RasterEdges = tuple[bool, bool, bool, bool]

_GradientFn = Callable[[Callable[[int, int], np.ndarray]], tuple[np.ndarray, np.ndarray]]


def horn_slope(
    window: np.ndarray,
    cell_x: float | np.ndarray,
    cell_y: float | np.ndarray,
    *,
    percent: bool = False,
    compute_edges: bool = False,
    raster_edges: RasterEdges | None = None,
) -> np.ndarray:
    """Slope by Horn's method (GDAL's default), in degrees or percent.

    ``window``: (rows + 2, cols + 2) DEM block with a one-cell halo, NaN = NoData or
    outside. ``cell_x`` / ``cell_y``: ground cell width / height in the z unit (metres),
    scalars or per-row arrays of shape (rows,) for geographic grids. ``raster_edges``:
    (top, bottom, left, right) sides of the halo that lie outside the raster; only used
    with ``compute_edges``. Returns (rows, cols) in the window's float dtype (float64 for
    any other input dtype), NaN where ``gdaldem slope`` writes NoData.
    """
    return _slope(window, cell_x, cell_y, "horn", percent, compute_edges, raster_edges or _NO_EDGES)


def zevenbergen_thorne_slope(
    window: np.ndarray,
    cell_x: float | np.ndarray,
    cell_y: float | np.ndarray,
    *,
    percent: bool = False,
    compute_edges: bool = False,
    raster_edges: RasterEdges | None = None,
) -> np.ndarray:
    """Slope by Zevenbergen & Thorne (1987); same conventions as :func:`horn_slope`."""
    return _slope(window, cell_x, cell_y, "zt", percent, compute_edges, raster_edges or _NO_EDGES)


def slope_from_tangent(tangent: np.ndarray, *, percent: bool = False) -> np.ndarray:
    """Degrees (or percent) from the gradient magnitude tan(slope), in place."""
    if percent:
        tangent *= 100.0
    else:
        np.arctan(tangent, out=tangent)
        np.degrees(tangent, out=tangent)
    return tangent


def geodesic_cell_sizes(
    lat_centres_deg: np.ndarray,
    dlon_deg: float,
    dlat_deg: float,
    semi_major: float,
    inverse_flattening: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row ground cell width and height in metres on an ellipsoid.

    Width: the parallel arc N(phi) cos(phi) dlon at the row centre. Height: the meridian
    arc M(phi) dlat. ``inverse_flattening`` 0 (or inf) means a sphere, as OSR reports it.
    """
    phi = np.radians(np.asarray(lat_centres_deg, dtype=np.float64))
    flattening = 0.0 if inverse_flattening in (0.0, math.inf) else 1.0 / inverse_flattening
    e2 = flattening * (2.0 - flattening)
    w2 = 1.0 - e2 * np.sin(phi) ** 2
    prime_vertical = semi_major / np.sqrt(w2)  # N
    meridional = semi_major * (1.0 - e2) / w2**1.5  # M
    width = prime_vertical * np.cos(phi) * math.radians(abs(dlon_deg))
    height = meridional * math.radians(abs(dlat_deg))
    return width, height


def elevation_change(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """after - before in float64; NaN (NoData) in either gives NaN."""
    return np.subtract(after, before, dtype=np.float64)


# --- implementation ------------------------------------------------------------------

_NO_EDGES: RasterEdges = (False, False, False, False)

# Offsets (row, column) of the 3x3 neighbourhood relative to the window's top-left.
_OFFSETS = [(dr, dc) for dr in range(3) for dc in range(3)]


def _horn_gradient(cell: Callable[[int, int], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Horn sums (not yet divided by 8 dx, 8 dy) from neighbour accessor cell(row, col).

    Same operation order as the fast path in ``_horn_fast`` so both give identical bits.
    """
    top, middle, bottom = (cell(r, 2) - cell(r, 0) for r in range(3))
    gx = top + bottom
    gx += middle
    gx += middle
    left, centre, right = (cell(2, c) - cell(0, c) for c in range(3))
    gy = left + right
    gy += centre
    gy += centre
    return gx, gy


def _zt_gradient(cell: Callable[[int, int], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Zevenbergen-Thorne differences (not yet divided by 2 dx, 2 dy)."""
    return cell(1, 2) - cell(1, 0), cell(2, 1) - cell(0, 1)


_GRADIENTS: dict[str, tuple[_GradientFn, float]] = {
    "horn": (_horn_gradient, 8.0),
    "zt": (_zt_gradient, 2.0),
}


def _as_float_window(window: np.ndarray) -> np.ndarray:
    window = np.asarray(window)
    if window.dtype not in (np.float32, np.float64):
        window = window.astype(np.float64)
    if window.ndim != 2 or window.shape[0] < 3 or window.shape[1] < 3:
        raise ValueError(f"a window needs 2 dimensions of at least 3 cells, got {window.shape}")
    return window


def _inverse_spacing(cell: float | np.ndarray, divisor: float, rows: int, dtype: type) -> Any:
    """1 / (divisor * cell) as a scalar or a (rows, 1) column, in the window's dtype."""
    cell = np.asarray(cell, dtype=np.float64)
    if np.any(~np.isfinite(cell)) or np.any(cell <= 0):
        raise ValueError("cell sizes must be finite and positive")
    if cell.ndim == 0:
        return dtype(1.0 / (divisor * float(cell)))
    if cell.shape != (rows,):
        raise ValueError(f"per-row cell sizes need shape ({rows},), got {cell.shape}")
    return (1.0 / (divisor * cell)).astype(dtype).reshape(rows, 1)


def _slope(
    window: np.ndarray,
    cell_x: float | np.ndarray,
    cell_y: float | np.ndarray,
    method: str,
    percent: bool,
    compute_edges: bool,
    raster_edges: RasterEdges,
) -> np.ndarray:
    window = _as_float_window(window)
    rows, cols = window.shape[0] - 2, window.shape[1] - 2
    gradient, divisor = _GRADIENTS[method]
    dtype = window.dtype.type
    kx = _inverse_spacing(cell_x, divisor, rows, dtype)
    ky = _inverse_spacing(cell_y, divisor, rows, dtype)

    edges_outside = compute_edges and any(raster_edges)
    if edges_outside and _too_small_for_edges(rows, cols, raster_edges):
        return np.full((rows, cols), np.nan, dtype=dtype)  # GDAL: nothing to extrapolate from
    if edges_outside:
        window = _extrapolate_outside(window, raster_edges)

    out = np.empty((rows, cols), dtype=dtype)
    step = max(1, _CACHE_CELLS // max(cols, 1))
    for start in range(0, rows, step):
        stop = min(rows, start + step)
        part = window[start : stop + 2]
        kx_part = kx if np.ndim(kx) == 0 else kx[start:stop]
        ky_part = ky if np.ndim(ky) == 0 else ky[start:stop]
        if method == "horn":
            _horn_fast(part, kx_part, ky_part, out[start:stop])
        else:
            _zt_fast(part, kx_part, ky_part, out[start:stop])
    slope_from_tangent(out, percent=percent)
    _blank_invalid(window, out, method)

    if compute_edges:
        _fill_with_centre(window, out, gradient, kx, ky, percent)
        if edges_outside:
            _gdal_corners(window, out, gradient, kx, ky, percent, raster_edges)
    return out


def _horn_fast(part: np.ndarray, kx: Any, ky: Any, out: np.ndarray) -> None:
    """tan(slope) by Horn into ``out`` for the window rows ``part`` (NaN-propagating)."""
    across = part[:, 2:] - part[:, :-2]  # c - a per window row
    gx = out
    np.add(across[:-2], across[2:], out=gx)
    gx += across[1:-1]
    gx += across[1:-1]
    down = part[2:] - part[:-2]  # g - a per window column
    gy = down[:, :-2] + down[:, 2:]
    gy += down[:, 1:-1]
    gy += down[:, 1:-1]
    _tangent(gx, gy, kx, ky)


def _zt_fast(part: np.ndarray, kx: Any, ky: Any, out: np.ndarray) -> None:
    gx = out
    np.subtract(part[1:-1, 2:], part[1:-1, :-2], out=gx)
    gy = part[2:, 1:-1] - part[:-2, 1:-1]
    _tangent(gx, gy, kx, ky)


def _tangent(gx: np.ndarray, gy: np.ndarray, kx: Any, ky: Any) -> None:
    """gx <- sqrt((gx kx)^2 + (gy ky)^2), in place."""
    gx *= kx
    gy *= ky
    np.multiply(gx, gx, out=gx)
    np.multiply(gy, gy, out=gy)
    gx += gy
    np.sqrt(gx, out=gx)


def _blank_invalid(window: np.ndarray, out: np.ndarray, method: str) -> None:
    """NaN where the centre is NaN, and for ZT where any of the 9 cells is (GDAL's rule).

    Horn already propagates NaN from all 8 neighbours; ZT only reads 4 of them.
    """
    if method == "horn":
        np.copyto(out, np.nan, where=np.isnan(window[1:-1, 1:-1]))
        return
    missing = np.isnan(window)
    across = missing[:, :-2] | missing[:, 1:-1] | missing[:, 2:]
    box = across[:-2] | across[1:-1] | across[2:]
    np.copyto(out, np.nan, where=box)


def _fill_with_centre(
    window: np.ndarray,
    out: np.ndarray,
    gradient: _GradientFn,
    kx: Any,
    ky: Any,
    percent: bool,
) -> None:
    """compute_edges: recompute cells with a valid centre and a NaN neighbour.

    GDAL gives a missing neighbour the centre's value. Only these few cells (along NoData
    holes and the raster border) are gathered and recomputed, vectorised.
    """
    centre = window[1:-1, 1:-1]
    rows, cols = np.nonzero(np.isnan(out) & ~np.isnan(centre))
    if rows.size == 0:
        return
    cells = np.stack([window[rows + dr, cols + dc] for dr, dc in _OFFSETS], axis=1)
    out[rows, cols] = _slope_of_cells(cells.reshape(-1, 3, 3), rows, gradient, kx, ky, percent)


def _slope_of_cells(
    cells: np.ndarray,
    rows: np.ndarray,
    gradient: _GradientFn,
    kx: Any,
    ky: Any,
    percent: bool,
) -> np.ndarray:
    """Slope of gathered 3x3 windows (n, 3, 3), NaN neighbours replaced by the centre."""
    centre = cells[:, 1, 1][:, None, None]
    cells = np.where(np.isnan(cells), centre, cells)
    gx, gy = gradient(lambda r, c: cells[:, r, c])
    kx_cells = kx if np.ndim(kx) == 0 else kx[rows, 0]
    ky_cells = ky if np.ndim(ky) == 0 else ky[rows, 0]
    _tangent(gx, gy, kx_cells, ky_cells)
    return slope_from_tangent(gx, percent=percent)


def _too_small_for_edges(rows: int, cols: int, edges: RasterEdges) -> bool:
    """GDAL computes edges only for rasters of at least 2 x 2 cells."""
    top, bottom, left, right = edges
    return (left and right and cols < 2) or (top and bottom and rows < 2)


def _extrapolate_outside(window: np.ndarray, edges: RasterEdges) -> np.ndarray:
    """Copy of the window whose outside halo holds GDAL's linear extrapolation 2a - b.

    NaN in a or b gives NaN, which later takes the centre's value, as in GDAL.
    """
    top, bottom, left, right = edges
    padded = window.copy()
    if top:
        padded[0, 1:-1] = 2 * window[1, 1:-1] - window[2, 1:-1]
    if bottom:
        padded[-1, 1:-1] = 2 * window[-2, 1:-1] - window[-3, 1:-1]
    real_rows = slice(1 if top else 0, -1 if bottom else None)
    if left:
        padded[real_rows, 0] = 2 * window[real_rows, 1] - window[real_rows, 2]
    if right:
        padded[real_rows, -1] = 2 * window[real_rows, -2] - window[real_rows, -3]
    return padded


def _gdal_corners(
    padded: np.ndarray,
    out: np.ndarray,
    gradient: _GradientFn,
    kx: Any,
    ky: Any,
    percent: bool,
    edges: RasterEdges,
) -> None:
    """Raster corners with compute_edges: GDAL repeats the edge column there.

    In the first and last raster rows GDAL clamps the column index instead of
    extrapolating, so the corner window's outer column is a copy of its centre column.
    """
    top, bottom, left, right = edges
    rows, cols = out.shape
    corners = []
    if left:
        corners.append((1, [1, 1, 2], 0))
    if right:
        corners.append((cols, [cols - 1, cols, cols], cols - 1))
    for row_flag, row_start, out_row in ((top, 0, 0), (bottom, rows - 1, rows - 1)):
        if not row_flag:
            continue
        for _, columns, out_col in corners:
            cells = padded[row_start : row_start + 3][:, columns][None]
            if np.isnan(cells[0, 1, 1]):
                continue
            index = np.array([out_row])
            out[out_row, out_col] = _slope_of_cells(cells, index, gradient, kx, ky, percent)[0]
