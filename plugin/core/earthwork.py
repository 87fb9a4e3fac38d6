"""Cut and fill of land levelling (土地平整) by the grid method (方格网法), per unit.

Each unit is levelled to a design plane: the least-squares plane through its cells, made
no steeper than the design slope of its proposed use (the plane keeps its aspect and its
centroid, only its gradient shrinks), or a given design surface. Per cell, dz = ground −
design; the cut of a unit is Σ max(dz, 0) × cell area, its fill Σ max(−dz, 0) × cell area.

A unit whose proposed use allows terraces (the rule pack's bench width W for the use) and
whose ground is steeper than its design slope is levelled into terraces (梯田) instead: the
fall line of the fitted plane is cut into benches of width W (horizontal), the first
centred on the unit's centroid; each bench keeps the fitted plane's height at its centre
line and slopes at the design slope. On a plane of gradient g, cut = fill = (g − g_d) W / 8
per m², against (g − g_d) L / 8 for one plane across the unit's length L.

Two passes over the DEM, block by block: :class:`PlaneMoments` gathers the sums a plane
fit needs (count, Σx, Σy, Σz, Σx², Σxy, Σy², Σxz, Σyz per unit, by ``bincount``), then
:class:`CutFill` the volumes. Coordinates are metres from the raster's corner (column ×
cell width, row × cell height) so that the sums keep their digits. Nothing loops over
cells or units in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_MOMENTS = ("n", "x", "y", "z", "xx", "xy", "yy", "xz", "yz")


@dataclass(frozen=True)
class Planes:
    """The design plane of each unit (index i = label i + 1): z = z0 + gx (x − x0) + gy (y − y0).

    ``fitted_slope_deg``: the slope of the least-squares plane before the cap; NaN where a
    unit has no cell.
    """

    x0: np.ndarray
    y0: np.ndarray
    z0: np.ndarray
    gx: np.ndarray
    gy: np.ndarray
    fitted_slope_deg: np.ndarray
    # The fitted gradient before the cap, and the bench width of terraces (NaN: none).
    fitted_gx: np.ndarray | None = None
    fitted_gy: np.ndarray | None = None
    bench_m: np.ndarray | None = None

    def at(self, labels: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The design elevation of cells labelled ``labels`` (1..n) at x, y: the capped
        plane, or for terraced units the bench the cell lies on."""
        i = labels - 1
        dx, dy = x - self.x0[i], y - self.y0[i]
        plane = self.z0[i] + self.gx[i] * dx + self.gy[i] * dy
        if self.bench_m is None or self.fitted_gx is None or self.fitted_gy is None:
            return plane
        width = self.bench_m[i]
        fx, fy = self.fitted_gx[i], self.fitted_gy[i]
        g = np.hypot(fx, fy)
        capped = np.hypot(self.gx[i], self.gy[i])
        terraced = np.isfinite(width) & (width > 0) & (g > capped + 1e-12)
        if not terraced.any():
            return plane
        with np.errstate(invalid="ignore", divide="ignore"):
            # Distance down the fall line from the centroid, and that of the bench's centre.
            along = (dx * fx + dy * fy) / g
            centre = np.round(along / width) * width
            bench = self.z0[i] + g * centre + capped * (along - centre)
        return np.where(terraced, bench, plane)


class PlaneMoments:
    """Sums for a least-squares plane per unit, accumulated over blocks of cells."""

    def __init__(self, unit_count: int) -> None:
        self.unit_count = unit_count
        self.sums = {name: np.zeros(unit_count + 1) for name in _MOMENTS}

    def add(self, labels: np.ndarray, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> None:
        """Cells of any shape: labels (0 = no unit), x and y in metres (broadcast against
        the labels, e.g. a row and a column), z (NaN = NoData)."""
        valid = (labels > 0) & np.isfinite(z)
        # Invalid cells go to bin 0 with zero weights: no boolean extraction of arrays.
        lab = np.where(valid, labels, 0).ravel()
        zs = np.where(valid, z, 0.0).ravel()
        xs = np.broadcast_to(x, labels.shape).ravel()
        ys = np.broadcast_to(y, labels.shape).ravel()
        length = self.unit_count + 1
        count = np.bincount(lab, minlength=length)
        xz, yz = xs * zs, ys * zs
        weights = {
            "x": xs,
            "y": ys,
            "z": zs,
            "xx": xs * xs,
            "xy": xs * ys,
            "yy": ys * ys,
            "xz": xz,
            "yz": yz,
        }
        self.sums["n"] += count
        for name, weight in weights.items():
            self.sums[name] += np.bincount(lab, weights=weight, minlength=length)

    def planes(self, max_slope_deg: np.ndarray, bench_m: np.ndarray | None = None) -> Planes:
        """Each unit's plane, its gradient capped at ``max_slope_deg`` (per unit; NaN = no
        cap); with ``bench_m`` (per unit, NaN = none) the units steeper than their cap are
        terraced. A unit of one row or column of cells gets a level plane at its mean."""
        s = {name: values[1:] for name, values in self.sums.items()}
        n = s["n"]
        with np.errstate(invalid="ignore", divide="ignore"):
            x0, y0, z0 = s["x"] / n, s["y"] / n, s["z"] / n
            sxx = s["xx"] / n - x0 * x0
            sxy = s["xy"] / n - x0 * y0
            syy = s["yy"] / n - y0 * y0
            sxz = s["xz"] / n - x0 * z0
            syz = s["yz"] / n - y0 * z0
            det = sxx * syy - sxy * sxy
            scale = np.maximum(sxx * syy, 1e-300)
            solvable = (n >= 3) & (det > 1e-9 * scale)
            gx = np.where(solvable, (syy * sxz - sxy * syz) / det, 0.0)
            gy = np.where(solvable, (sxx * syz - sxy * sxz) / det, 0.0)
        gradient = np.hypot(gx, gy)
        fitted = np.degrees(np.arctan(gradient))
        cap = np.tan(np.radians(np.asarray(max_slope_deg, dtype=float)))
        with np.errstate(invalid="ignore", divide="ignore"):
            shrink = np.where(np.isfinite(cap) & (gradient > cap), cap / gradient, 1.0)
        fitted = np.where(n > 0, fitted, np.nan)
        benches = None if bench_m is None else np.asarray(bench_m, dtype=float)
        return Planes(x0, y0, z0, gx * shrink, gy * shrink, fitted, gx, gy, benches)


class CutFill:
    """Cut and fill volumes per unit (m³), accumulated over blocks of cells."""

    def __init__(self, unit_count: int, cell_area_m2: float) -> None:
        self.unit_count = unit_count
        self.cell_area_m2 = cell_area_m2
        self.cut = np.zeros(unit_count + 1)
        self.fill = np.zeros(unit_count + 1)
        self.cells = np.zeros(unit_count + 1)

    def add(self, labels: np.ndarray, ground: np.ndarray, design: np.ndarray) -> None:
        """Cells of one shape: labels (0 = none), ground and design elevations (NaN = none)."""
        keep = (labels > 0) & np.isfinite(ground) & np.isfinite(design)
        lab = labels[keep]
        dz = ground[keep] - design[keep]
        length = self.unit_count + 1
        self.cut += np.bincount(lab, weights=np.maximum(dz, 0.0), minlength=length)
        self.fill += np.bincount(lab, weights=np.maximum(-dz, 0.0), minlength=length)
        self.cells += np.bincount(lab, minlength=length)

    def volumes(self) -> tuple[np.ndarray, np.ndarray]:
        """(cut, fill) per unit in m³; NaN for a unit without a cell."""
        has = self.cells[1:] > 0
        cut = np.where(has, self.cut[1:] * self.cell_area_m2, np.nan)
        fill = np.where(has, self.fill[1:] * self.cell_area_m2, np.nan)
        return cut, fill


def cell_coordinates(
    row0: int, rows: int, cols: int, cell_width: float, cell_height: float
) -> tuple[np.ndarray, np.ndarray]:
    """x (1, cols) and y (rows, 1) of the cell centres of a block, metres from the
    raster's corner (y grows down the rows: only differences matter)."""
    x = (np.arange(cols, dtype=np.float64) + 0.5)[np.newaxis, :] * cell_width
    y = (np.arange(row0, row0 + rows, dtype=np.float64) + 0.5)[:, np.newaxis] * cell_height
    return x, y
