"""Final surface subsidence over working panels: the probability integral method (概率积分法).

Numpy only. The caller (``reclamation:predictsubsidence``) hands over each panel's
*effective* footprint, already shrunk by the inflection-point offset s, as polygon rings in
a metric, north-up grid CRS, with the panel's parameters. This module rasterizes the
footprints with partial-cell coverage, convolves them with the influence function by FFT
and accumulates subsidence and its first and second derivatives on the grid.

Model (the probability integral method of the Chinese coal-industry "三下" code, 《建筑物、
水体、铁路及主要井巷煤柱留设与压煤开采规范》 (2017), and the mining-subsidence textbooks;
see docs/standards.md §6 for the sources and what was and was not verified):

- influence function of a unit element of extraction at distance ρ:
  ``f(ρ) = (1 / r²) · exp(−π ρ² / r²)``, which integrates to 1 over the plane;
- major influence radius ``r = H / tan β`` (H mean mining depth);
- subsidence of the fully extracted (supercritical) case ``W0 = m · q · cos α``
  (m mining thickness, q subsidence factor, α seam dip);
- final subsidence ``W(x, y) = W0 · ∬_panel f(ρ) dA`` over the effective panel: the
  footprint shrunk inward by the inflection-point offset s and moved down-dip by
  ``H · cot θ`` (θ the propagation angle of extraction influence);
- several panels add up (superposition).

Because f is a product of two 1-D Gaussians, ``f = g(x) g(y)`` with ``g(u) = exp(−π u² / r²) / r``,
every kernel is separable; the kernels are integrated over a cell (exact for a source that
is uniform within the cell), so even a cell size comparable to r gives W to a fraction of a
percent. Derivatives are convolutions with the derivatives of the kernel (exact, no finite
differences):

- tilt ``i = |∇W|`` (largest slope of the basin, any direction);
- curvature ``K``: the principal curvature of the basin (eigenvalue of the Hessian of W)
  with the largest magnitude, signed. W is positive downwards, so K > 0 where the surface
  is convex (hogging: the basin margin, outside the inflection line) and K < 0 where it is
  concave (sagging: over the panel), the sign convention of the textbook formula
  ``K(x) = d²W/dx²``;
- horizontal movement ``U = b · r · ∇W`` (per panel, then summed), so ``|U| = b·r·i`` for one
  panel; horizontal deformation ``ε``: the principal strain of largest magnitude of U, which
  is ``b · r · K`` for one panel (or any panels sharing b·r), positive = tension.

Units of the results: W in metres; i in mm/m; K in 10⁻³/m; ε in mm/m; U in metres.

Simplifications (stated in docs/standards.md §6): one radius r per panel from its mean depth (the
code's separate up-dip and down-dip radii r1 = H1/tan β, r2 = H2/tan β for inclined seams
are not modelled); the footprint is the plan view of the panel as drawn on mine plans; the
inflection-point offset is the same on every edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .cancel import Cancelled

Progress = Callable[[float], None]  # percent done, 0-100
IsCancelled = Callable[[], bool]
# A zero float32 accumulator of a shape: a numpy array, or an array-like indexed by slices.
Allocate = Callable[[tuple[int, int]], Any]

SUPERSAMPLE = 16  # sub-rows per cell row when rasterizing a footprint
TRUNCATION = 2.5  # kernel radius in units of r: the influence beyond it is < 3e-9 of W0
SQRT_PI = math.sqrt(math.pi)

_erf = np.vectorize(math.erf, otypes=[np.float64])


@dataclass(frozen=True)
class Grid:
    """A north-up grid in a metric CRS: left and top edges, cell sizes (metres), size."""

    x0: float
    y0: float
    cell_x: float
    cell_y: float
    width: int
    height: int

    def __post_init__(self) -> None:
        if not (self.cell_x > 0 and self.cell_y > 0):
            raise ValueError("cell sizes must be positive")
        if self.width < 1 or self.height < 1:
            raise ValueError("the grid must have at least one cell")

    def column_centres(self) -> np.ndarray:
        return self.x0 + (np.arange(self.width) + 0.5) * self.cell_x

    def row_centres(self) -> np.ndarray:
        return self.y0 - (np.arange(self.height) + 0.5) * self.cell_y


@dataclass(frozen=True)
class Panel:
    """One working panel: effective footprint rings and the prediction parameters.

    ``rings``: closed or open (n, 2) arrays of x, y in the grid CRS (metres), outer rings and
    holes alike (filled by the even-odd rule), already shrunk by the inflection-point
    offset. Angles in degrees; ``dip_direction`` is the azimuth of the dip (down-dip
    direction), clockwise from grid north, needed only when ``propagation_angle`` < 90.
    """

    rings: tuple[np.ndarray, ...]
    thickness: float
    depth: float
    dip: float = 0.0
    subsidence_factor: float = 0.8
    tan_beta: float = 2.0
    horizontal_coefficient: float = 0.3
    propagation_angle: float = 90.0
    dip_direction: float | None = None
    label: str = ""

    @property
    def w0(self) -> float:
        """Full-extraction subsidence W0 = m q cos α (metres)."""
        return self.thickness * self.subsidence_factor * math.cos(math.radians(self.dip))

    @property
    def radius(self) -> float:
        """Major influence radius r = H / tan β (metres)."""
        return self.depth / self.tan_beta

    @property
    def shift(self) -> tuple[float, float]:
        """Displacement (dx, dy) of the influence centre: H·cot θ towards the dip direction."""
        if self.propagation_angle >= 90.0:
            return 0.0, 0.0
        distance = self.depth / math.tan(math.radians(self.propagation_angle))
        if self.dip_direction is None:
            raise ValueError(
                f"panel {self.label or '?'}: a propagation angle below 90 degrees needs the "
                "dip direction"
            )
        azimuth = math.radians(self.dip_direction)
        return distance * math.sin(azimuth), distance * math.cos(azimuth)

    def moved_rings(self) -> list[np.ndarray]:
        dx, dy = self.shift
        return [np.asarray(ring, dtype=np.float64)[:, :2] + (dx, dy) for ring in self.rings]


# --- rasterizing footprints ----------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Fraction of each cell covered by a footprint, over a window of the (unbounded) grid.

    ``row0``/``col0`` may be negative or beyond the grid: a panel partly outside the grid
    still influences the cells inside it.
    """

    row0: int
    col0: int
    values: np.ndarray


def rasterize(
    rings: Sequence[np.ndarray], grid: Grid, supersample: int = SUPERSAMPLE
) -> Coverage | None:
    """Partial-cell coverage of polygon rings (even-odd fill) on the grid's cell lattice.

    Scanlines: ``supersample`` horizontal lines per cell row; on each line the covered
    intervals are exact in x (a cell gets the covered length of the line inside it), so
    the coverage is exact across vertical edges and sampled at 1/supersample of a row
    across horizontal ones. None if the rings enclose no scanline.
    """
    rings = [np.asarray(r, dtype=np.float64)[:, :2] for r in rings if len(r) >= 3]
    if not rings:
        return None
    points = np.concatenate(rings)
    if not np.all(np.isfinite(points)):
        raise ValueError("footprint coordinates must be finite")
    xmin, ymin = points.min(axis=0)
    xmax, ymax = points.max(axis=0)
    row0 = math.floor((grid.y0 - ymax) / grid.cell_y)
    row1 = math.ceil((grid.y0 - ymin) / grid.cell_y)
    col0 = math.floor((xmin - grid.x0) / grid.cell_x)
    col1 = math.ceil((xmax - grid.x0) / grid.cell_x)
    rows, cols = max(1, row1 - row0), max(1, col1 - col0)
    step = grid.cell_y / supersample
    top = grid.y0 - row0 * grid.cell_y
    left = grid.x0 + col0 * grid.cell_x
    lines = rows * supersample

    starts, ends = [], []
    for ring in rings:
        closed = ring if np.array_equal(ring[0], ring[-1]) else np.vstack([ring, ring[:1]])
        starts.append(closed[:-1])
        ends.append(closed[1:])
    a, b = np.concatenate(starts), np.concatenate(ends)
    sloped = a[:, 1] != b[:, 1]
    a, b = a[sloped], b[sloped]
    low, high = np.minimum(a[:, 1], b[:, 1]), np.maximum(a[:, 1], b[:, 1])
    # Scanline t lies at y = top - (t + 0.5) * step; an edge spans y in [low, high).
    first = np.floor((top - high) / step - 0.5).astype(np.int64) + 1
    last = np.floor((top - low) / step - 0.5).astype(np.int64)
    first, last = np.maximum(first, 0), np.minimum(last, lines - 1)
    counts = np.maximum(last - first + 1, 0)
    total = int(counts.sum())
    if total == 0:
        return None
    edge = np.repeat(np.arange(len(a)), counts)
    offsets = np.cumsum(counts) - counts
    line = first[edge] + (np.arange(total) - offsets[edge])
    y = top - (line + 0.5) * step
    xa, ya, xb, yb = a[edge, 0], a[edge, 1], b[edge, 0], b[edge, 1]
    x = xa + (y - ya) * (xb - xa) / (yb - ya)
    order = np.lexsort((x, line))
    line, x = line[order], x[order]
    # Every scanline crosses the rings an even number of times (half-open edge rule).
    begin, finish, line = x[0::2], x[1::2], line[0::2]
    row = line // supersample

    def locate(value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u = np.clip((value - left) / grid.cell_x, 0.0, float(cols))
        k = np.minimum(np.floor(u).astype(np.int64), cols)
        return k, u - k

    k_begin, f_begin = locate(begin)
    k_end, f_end = locate(finish)
    steps = np.zeros((rows, cols + 1))
    parts = np.zeros((rows, cols + 1))
    weight = 1.0 / supersample
    np.add.at(steps, (row, k_begin), weight)
    np.add.at(steps, (row, k_end), -weight)
    np.add.at(parts, (row, k_end), weight * f_end)
    np.add.at(parts, (row, k_begin), -weight * f_begin)
    values = (np.cumsum(steps, axis=1) + parts)[:, :cols]
    return Coverage(row0, col0, np.clip(values, 0.0, 1.0))


# --- kernels ---------------------------------------------------------------------------


def _kernels_1d(radius: float, cell: float, half: int, flip: bool) -> np.ndarray:
    """Cell-integrated 1-D kernels g, g', g'' at offsets -half..half (rows: 0, 1, 2).

    ``g(u) = exp(-π u²/r²)/r``; offset o (cells) is the map distance ``o·cell`` from the
    source cell to the target cell, negated when ``flip`` (rows run southwards while y
    runs northwards).
    """
    distance = np.arange(-half, half + 1, dtype=np.float64) * cell
    if flip:
        distance = -distance
    upper, lower = distance + cell / 2, distance - cell / 2

    def g(u: np.ndarray) -> np.ndarray:
        return np.exp(-math.pi * (u / radius) ** 2) / radius

    def dg(u: np.ndarray) -> np.ndarray:
        return -2.0 * math.pi * u / radius**2 * g(u)

    zero = 0.5 * (_erf(SQRT_PI * upper / radius) - _erf(SQRT_PI * lower / radius))
    return np.stack([zero, g(upper) - g(lower), dg(upper) - dg(lower)])


def _fast_length(n: int) -> int:
    """The smallest 2^a 3^b 5^c >= n (FFT sizes numpy handles fastest)."""
    best = 1 << max(0, (n - 1).bit_length())
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            size = power35
            while size < n:
                size *= 2
            best = min(best, size)
            power35 *= 3
        power5 *= 5
    return best


# --- prediction -------------------------------------------------------------------------


@dataclass
class SubsidenceField:
    """Subsidence and its derivatives accumulated over a grid (float32 arrays)."""

    grid: Grid
    w: np.ndarray  # m
    wx: np.ndarray  # dW/dx (east), m/m
    wy: np.ndarray  # dW/dy (north), m/m
    hxx: np.ndarray  # 1/m
    hyy: np.ndarray
    hxy: np.ndarray
    ux: np.ndarray | None = None  # horizontal movement Σ b·r·∇W (m), if b·r varies and asked
    uy: np.ndarray | None = None
    exx: np.ndarray | None = None  # strain b·r·Hessian, only if b·r varies
    eyy: np.ndarray | None = None
    exy: np.ndarray | None = None
    movement_scale: float = 0.0  # the common b·r when exx is None
    panels: int = 0
    skipped: list[str] = field(default_factory=list)  # panels too far from the grid

    def tilt(self, rows: slice = slice(None)) -> np.ndarray:
        """Tilt i = |∇W| in mm/m."""
        return 1000.0 * np.hypot(self.wx[rows], self.wy[rows])

    def curvature(self, rows: slice = slice(None)) -> np.ndarray:
        """Signed principal curvature of largest magnitude, 10⁻³/m (> 0 convex, tension)."""
        return 1000.0 * _dominant(self.hxx[rows], self.hyy[rows], self.hxy[rows])

    def horizontal_deformation(self, rows: slice = slice(None)) -> np.ndarray:
        """Signed principal horizontal strain of largest magnitude, mm/m (> 0 tension)."""
        if self.exx is None:
            return self.movement_scale * self.curvature(rows)
        return 1000.0 * _dominant(self.exx[rows], self.eyy[rows], self.exy[rows])

    def horizontal_movement(self, rows: slice = slice(None)) -> np.ndarray:
        """Magnitude of the horizontal movement U, metres."""
        if self.exx is None:
            return self.movement_scale * np.hypot(self.wx[rows], self.wy[rows])
        if self.ux is None:
            raise ValueError("panels differ in b·r: predict(..., movement=True) keeps U")
        return np.hypot(self.ux[rows], self.uy[rows])


def _dominant(xx: np.ndarray, yy: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Eigenvalue of the symmetric 2×2 tensor with the largest magnitude, signed."""
    mean = 0.5 * (xx + yy)
    radius = np.hypot(0.5 * (xx - yy), xy)
    return mean + np.where(mean >= 0, radius, -radius)


def predict(
    panels: Iterable[Panel],
    grid: Grid,
    *,
    supersample: int = SUPERSAMPLE,
    truncation: float = TRUNCATION,
    movement: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    allocate: Allocate | None = None,
) -> SubsidenceField:
    """Final subsidence and derivatives of all panels on ``grid``.

    Each panel is convolved on its own window (footprint plus ``truncation``·r on every
    side, zero-padded) with ``numpy.fft.rfft2``; panels sharing a radius reuse nothing but
    cost little, as the windows are small. Progress and cancel are checked per panel.
    ``movement``: also keep the horizontal movement U when panels differ in b·r (two more
    grid-sized arrays; with a common b·r, U comes from the tilt at no cost).
    ``allocate(shape)``: a zero float32 accumulator (default in memory; the caller may give
    arrays kept in files, indexed by slices of rows and columns, when the grid is large).
    """
    panels = list(panels)
    shape = (grid.height, grid.width)
    make = allocate or _in_memory
    arrays = {name: make(shape) for name in accumulator_names(panels, movement)}
    scales = _movement_scales(panels)
    result = SubsidenceField(
        grid=grid,
        movement_scale=scales.pop() if len(scales) == 1 else 0.0,
        **arrays,
    )
    for index, panel in enumerate(panels):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled
        if not _add_panel(result, panel, supersample, truncation):
            result.skipped.append(panel.label)
        result.panels += 1
        if progress is not None:
            progress(100.0 * (index + 1) / len(panels))
    return result


def accumulator_names(panels: Sequence[Panel], movement: bool = False) -> tuple[str, ...]:
    """The grid-sized arrays a prediction keeps: W and its derivatives; with panels of
    different b·r also the strain, and the movement when asked."""
    names = ("w", "wx", "wy", "hxx", "hyy", "hxy")
    if len(_movement_scales(panels)) > 1:
        names += ("exx", "eyy", "exy") + (("ux", "uy") if movement else ())
    return names


def _movement_scales(panels: Sequence[Panel]) -> set[float]:
    """The distinct b·r of the panels (to 1e-9 m)."""
    return {round(p.horizontal_coefficient * p.radius, 9) for p in panels}


def _in_memory(shape: tuple[int, int]) -> np.ndarray:
    return np.zeros(shape, np.float32)


def largest(values: Callable[[slice], np.ndarray], height: int, rows: int = 256) -> float:
    """The largest of ``values(rows)`` over rows 0…height, block by block (a field's tilt,
    |curvature| … without a grid-sized array); NaN ignored, -inf when none."""
    found = -math.inf
    for row0 in range(0, height, rows):
        block = values(slice(row0, min(height, row0 + rows)))
        if np.isfinite(block).any():
            found = max(found, float(np.nanmax(block)))
    return found


def _add_panel(field_: SubsidenceField, panel: Panel, supersample: int, truncation: float) -> bool:
    """Add one panel's contribution; False if it has no cell or cannot reach the grid."""
    grid = field_.grid
    coverage = rasterize(panel.moved_rings(), grid, supersample)
    if coverage is None:
        return False
    radius = panel.radius
    half_y = max(1, math.ceil(truncation * radius / grid.cell_y))
    half_x = max(1, math.ceil(truncation * radius / grid.cell_x))
    rows, cols = coverage.values.shape
    out_row0, out_col0 = coverage.row0 - half_y, coverage.col0 - half_x
    out_rows, out_cols = rows + 2 * half_y, cols + 2 * half_x
    # The part of the full convolution that lies on the grid.
    r_lo, r_hi = max(0, out_row0), min(grid.height, out_row0 + out_rows)
    c_lo, c_hi = max(0, out_col0), min(grid.width, out_col0 + out_cols)
    if r_lo >= r_hi or c_lo >= c_hi:
        return False
    size = (_fast_length(out_rows), _fast_length(out_cols))
    source = np.fft.rfft2(coverage.values * panel.w0, s=size)
    ky = np.fft.fft(_kernels_1d(radius, grid.cell_y, half_y, flip=True), n=size[0], axis=1)
    kx = np.fft.rfft(_kernels_1d(radius, grid.cell_x, half_x, flip=False), n=size[1], axis=1)
    window = (slice(r_lo - out_row0, r_hi - out_row0), slice(c_lo - out_col0, c_hi - out_col0))
    target = (slice(r_lo, r_hi), slice(c_lo, c_hi))

    def convolve(order_y: int, order_x: int) -> np.ndarray:
        spectrum = source * np.outer(ky[order_y], kx[order_x])
        return np.fft.irfft2(spectrum, s=size)[window]

    parts = {
        "w": convolve(0, 0),
        "wx": convolve(0, 1),
        "wy": convolve(1, 0),
        "hxx": convolve(0, 2),
        "hyy": convolve(2, 0),
        "hxy": convolve(1, 1),
    }
    for name, values in parts.items():
        _accumulate(getattr(field_, name), target, values)
    if field_.exx is not None:
        scale = panel.horizontal_coefficient * radius
        for name, part in (("ux", "wx"), ("uy", "wy"), ("exx", "hxx"), ("eyy", "hyy")):
            if getattr(field_, name) is not None:
                _accumulate(getattr(field_, name), target, scale * parts[part])
        _accumulate(field_.exy, target, scale * parts["hxy"])
    return True


def _accumulate(array: Any, window: tuple[slice, slice], values: np.ndarray) -> None:
    """``array[window] += values``; an accumulator kept in a file adds in place."""
    add_window = getattr(array, "add_window", None)
    if add_window is not None:
        add_window(window, values)
    else:
        array[window] += values


def needed_cell_size(panels: Iterable[Panel]) -> float:
    """The largest cell size that resolves every panel's influence radius: min r / 10."""
    return min(panel.radius for panel in panels) / 10.0


MAX_CONTOUR_LEVELS = 20


def contour_levels(maximum: float) -> list[float]:
    """Default contour levels (m): 0.01 (the usual subsidence edge), 0.5, 1, 2, 3, … ≤ max;
    above 20 m, whole steps of 2, 5, 10, 20, … so that about 20 levels remain."""
    step, decade = 1, 1
    while maximum / step > MAX_CONTOUR_LEVELS:
        for multiple in (2, 5, 10):
            step = multiple * decade
            if maximum / step <= MAX_CONTOUR_LEVELS:
                break
        decade *= 10
    levels = [0.01, 0.5] + [float(v) for v in range(step, math.floor(maximum) + 1, step)]
    return [level for level in levels if level <= maximum]
