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
fit needs (count, Σx, Σy, Σz, Σx², Σxy, Σy², Σxz, Σyz per unit), then :func:`level_block`
the volumes into a :class:`CutFill`. Both work on the runs of equal labels along the rows
(:func:`block_runs`, kept between the passes in 8 bytes a run): a run's coordinate sums in
closed form, its sums of z by ``reduceat``, then one ``bincount`` per sum over the runs,
not the cells. Coordinates are
metres from the raster's corner (column × cell width, row × cell height) so that the sums
keep their digits. Nothing loops over cells or units in Python.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

_MOMENTS = ("n", "x", "y", "z", "xx", "xy", "yy", "xz", "yz")
_CHUNK_CELLS = 1 << 18  # cells levelled at a time: the temporaries stay in the CPU cache


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

    def terraced(self) -> np.ndarray | None:
        """Per unit: levelled as terraces (a bench width, ground steeper than the cap);
        None without bench widths."""
        if self.bench_m is None or self.fitted_gx is None or self.fitted_gy is None:
            return None
        g = np.hypot(self.fitted_gx, self.fitted_gy)
        capped = np.hypot(self.gx, self.gy)
        width = self.bench_m
        return np.isfinite(width) & (width > 0) & (g > capped + 1e-12)

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
        """Cells of a block: labels (rows, cols; 0 = no unit), x (cols,) or (1, cols) and y
        (rows,) or (rows, 1) in metres, z (NaN = NoData)."""
        self.add_runs(block_runs(labels, z), x, y, z)

    def add_runs(self, runs: Runs, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> None:
        """The same from the block's runs (:func:`block_runs` of its labels and z).

        The sums of the coordinates of a run come from prefix sums of x (closed form),
        those of z and x·z from one ``reduceat`` each; then one ``bincount`` per moment
        over the runs, not over the cells (runs of label 0 fall into the unused bin 0)."""
        if not (runs.label > 0).any():
            return
        rows = z.shape[0]
        xs = np.asarray(x, dtype=np.float64).reshape(-1)
        ys = np.asarray(y, dtype=np.float64).reshape(-1)
        zero = np.zeros(1)
        cx = np.concatenate((zero, np.cumsum(xs)))
        cxx = np.concatenate((zero, np.cumsum(xs * xs)))
        zs = _finite_or_zero(z)
        sz = np.add.reduceat(zs.reshape(-1), runs.start)
        sxz = np.add.reduceat((zs * xs.reshape(1, -1)).reshape(-1), runs.start)
        del zs
        n = runs.length.astype(np.float64)
        yr = ys[runs.row] if rows else ys[:0]
        sx = cx[runs.col1] - cx[runs.col0]
        weights = {
            "n": n,
            "x": sx,
            "y": n * yr,
            "z": sz,
            "xx": cxx[runs.col1] - cxx[runs.col0],
            "xy": yr * sx,
            "yy": n * yr * yr,
            "xz": sxz,
            "yz": yr * sz,
        }
        length = self.unit_count + 1
        for name, weight in weights.items():
            self.sums[name] += np.bincount(runs.label, weights=weight, minlength=length)

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


@dataclass(frozen=True)
class Runs:
    """Runs of equal labels along the rows of a block (row-major order), never across a
    row's end."""

    label: np.ndarray
    start: np.ndarray  # index of the first cell in the flattened block
    length: np.ndarray
    row: np.ndarray
    col0: np.ndarray
    col1: np.ndarray  # exclusive

    @classmethod
    def from_lengths(cls, label: np.ndarray, length: np.ndarray, cols: int) -> Runs:
        """Runs covering a block of ``cols`` columns, from their labels and lengths in
        order (a compact form to keep between passes: 8 bytes a run)."""
        length = length.astype(np.int64)
        start = np.zeros(length.size, dtype=np.int64)
        np.cumsum(length[:-1], out=start[1:])
        row, col0 = np.divmod(start, cols)
        return cls(label, start, length, row, col0, col0 + length)


def block_runs(labels: np.ndarray, z: np.ndarray) -> Runs:
    """The runs covering a block, cells without a value (NaN z) labelled 0: what both
    passes of the levelling work on."""
    finite = np.isfinite(z)
    if not finite.all():
        labels = np.where(finite, labels, 0)
    return label_runs(labels, every_cell=True)


def _finite_or_zero(z: np.ndarray) -> np.ndarray:
    finite = np.isfinite(z)
    return z if finite.all() else np.where(finite, z, 0.0)


def label_runs(labels: np.ndarray, every_cell: bool = False) -> Runs:
    """The runs of a (rows, cols) label block; runs never cross a row's end. Cells
    labelled 0 belong to no run, unless ``every_cell`` (then the runs cover the block)."""
    cols = labels.shape[1]
    flat = labels.reshape(-1)
    change = np.ones(flat.size, dtype=bool)
    change[1:] = flat[1:] != flat[:-1]
    change[::cols] = True
    start = np.flatnonzero(change)
    end = np.append(start[1:], flat.size)
    if not every_cell:
        keep = flat[start] > 0
        start, end = start[keep], end[keep]
    row, col0 = np.divmod(start, cols)
    return Runs(flat[start], start, end - start, row, col0, col0 + (end - start))


def level_block(
    planes: Planes,
    labels: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    ground: np.ndarray,
    volumes: CutFill,
) -> None:
    """Add a block's cut and fill to ``volumes`` (labels 0 = no unit, ground NaN = none)."""
    level_runs(planes, block_runs(labels, ground), x, y, ground, volumes)


def level_runs(
    planes: Planes,
    runs: Runs,
    x: np.ndarray,
    y: np.ndarray,
    ground: np.ndarray,
    volumes: CutFill,
) -> None:
    """The same from the block's runs (:func:`block_runs`), run by run: along a run of
    equal labels the design is the unit's plane a + gx x (terraced units: ``Planes.at``
    cell by cell); cut Σ max(dz, 0) and net Σ dz by ``reduceat`` (fill = cut − net), then
    one ``bincount`` per volume over the runs. Runs of label 0 (and their NaN) fall into
    the unused bin 0."""
    rows, cols = ground.shape
    label, length, start = runs.label, runs.length, runs.start
    inside = label > 0
    if not inside.any():
        return
    xs = np.asarray(x, dtype=np.float64).reshape(-1)
    ys = np.asarray(y, dtype=np.float64).reshape(-1)
    i = np.maximum(label, 1) - 1
    yr = ys[runs.row]
    a = np.where(inside, planes.z0[i] - planes.gx[i] * planes.x0[i], 0.0)
    a = a + np.where(inside, planes.gy[i] * (yr - planes.y0[i]), 0.0)
    g = np.where(inside, planes.gx[i], 0.0)
    terraced = planes.terraced()
    stepped = None
    if terraced is not None and (terraced[i] & inside).any():
        stepped = terraced[i] & inside
    cut = np.empty(label.size)
    net = np.empty(label.size)
    flat_ground = ground.reshape(-1)
    # Rows in chunks of about _CHUNK_CELLS cells, so that the temporaries stay in cache.
    step = max(1, _CHUNK_CELLS // max(1, cols))
    bounds = np.searchsorted(runs.row, np.arange(0, rows + step, step)).clip(max=label.size)
    for k0, k1 in itertools.pairwise(bounds.tolist()):
        if k0 >= k1:
            continue
        first, cells = start[k0], start[k0] + length[k0:k1].sum()
        part = slice(k0, k1)
        dz = np.repeat(g[part], length[part]).reshape(-1, cols)
        dz *= xs.reshape(1, -1)
        dz += np.repeat(a[part], length[part]).reshape(-1, cols)
        flat = dz.reshape(-1)
        if stepped is not None and stepped[part].any():
            where = np.flatnonzero(np.repeat(stepped[part], length[part]))
            cell = where + first
            labels = np.repeat(label[part], length[part])[where]
            flat[where] = planes.at(labels, xs[cell % cols], ys[cell // cols])
        np.subtract(flat_ground[first:cells], flat, out=flat)
        offsets = start[part] - first
        net[part] = np.add.reduceat(flat, offsets)
        np.maximum(flat, 0.0, out=flat)
        cut[part] = np.add.reduceat(flat, offsets)
    size = volumes.unit_count + 1
    volumes.cut += np.bincount(label, weights=cut, minlength=size)
    volumes.fill += np.bincount(label, weights=cut - net, minlength=size)
    volumes.cells += np.bincount(label, weights=np.where(inside, length, 0), minlength=size)
