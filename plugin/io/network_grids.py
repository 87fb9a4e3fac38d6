"""The ecological network's grids, built band by band of rows (GDAL and numpy; no QGIS).

For each band the land use, the units, their damage and proposed use are burnt, the DEM is
resampled (with one row of each neighbour, for the slope) and the damaged land is read
with as many rows around as the farthest disturbance band reaches. The resistance as it
is and after reclamation, the unit numbers and the source cells are written to grids the
caller allocates: arrays, or files (:class:`~.disk_grid.DiskGrid`) for a grid too large
for memory. Every cell gets the value a whole-grid computation gives, since each band sees
every cell its values depend on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.bands import band_rows
from ..core.cancel import Cancelled
from ..core.network import (
    CORRIDOR_BAND_CELLS,
    disturbance_factor,
    resistance_surface,
    source_patches,
)
from ..core.rules.network import NetworkRules
from ..core.terrain import horn_slope
from .grid_burn import BurnLayer, resampled, resampling_scale, rows_of
from .raster import RasterError, RasterGrid

Allocate = Callable[[tuple[int, int], Any], Any]  # (shape, dtype) → a zero-filled grid


class DemError(RasterError):
    """The DEM could not be resampled onto the grid (GDAL's reason)."""


@dataclass(frozen=True)
class UnitShapes:
    """The evaluation units, in reading order (unit number = position + 1)."""

    shapes: list[bytes]  # WKB in the grid's CRS
    damage: list[float | None]  # resistance of the unit's damage; None: not dug or buried
    proposed: list[float | None]  # resistance of its proposed use; None: not reclaimed
    damaged: list[bool]  # its damage type is one of the four


@dataclass
class NetworkGrids:
    grid: RasterGrid
    now: Any  # resistance as it is (damaged), float64
    after: Any  # resistance after the proposed reclamation (``now`` itself without units)
    sources: Any  # source id per cell, int32, 0 elsewhere
    units: Any  # unit number (1-based, reading order) per cell, int32, 0 elsewhere
    damaged_unit: np.ndarray  # bool by unit number (index 0: no unit)
    changed: bool  # ``after`` differs from ``now`` somewhere
    source_count: int


def build_grids(
    grid: RasterGrid,
    land: Sequence[tuple[bytes, float]],
    source_land: Sequence[bytes],
    units: UnitShapes | None,
    given_sources: Sequence[bytes] | None,
    dem_path: str | None,
    rules: NetworkRules,
    *,
    allocate: Allocate | None = None,
    band_cells: int = CORRIDOR_BAND_CELLS,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> NetworkGrids:
    """The grids of the network over ``grid``: ``land`` (WKB, resistance; NaN where the
    land use has none), ``source_land`` (the land-use polygons of the source classes),
    the units (or None) and the given sources (or None: patches of the source classes)."""
    allocate = allocate or (lambda shape, dtype: np.zeros(shape, dtype))
    shape = (grid.height, grid.width)
    now = allocate(shape, np.float64)
    after = allocate(shape, np.float64) if units is not None else now
    numbers = allocate(shape, np.int32)
    sources = allocate(shape, np.int32)
    burner = _Burner(grid, land, source_land, units, given_sources)
    dem = None if dem_path is None else _Dem(dem_path, grid)
    changed = False
    bands = band_rows(grid.height, grid.width, band_cells)
    for index, (r0, r1) in enumerate(bands):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled
        band = _band(burner, grid, r0, r1, dem, rules)
        now[r0:r1] = band.now
        if units is not None:
            after[r0:r1] = band.after
            changed = changed or not np.array_equal(band.now, band.after, equal_nan=True)
        numbers[r0:r1] = band.numbers
        sources[r0:r1] = band.sources
        if progress is not None:
            progress(100.0 * (index + 1) / len(bands))
    if given_sources is None:  # the band's usable cells, numbered into patches
        cell = grid.geotransform[1]
        source_patches(sources, cell * cell, rules.source_min_area_hm2, out=sources,
                       band_cells=band_cells)  # fmt: skip
    count = max(int(np.max(sources[r0:r1], initial=0)) for r0, r1 in bands)
    return NetworkGrids(grid, now, after, sources, numbers, burner.damaged_unit, changed, count)


@dataclass
class _Band:
    now: np.ndarray
    after: np.ndarray
    numbers: np.ndarray
    sources: np.ndarray  # source ids, or 1 on the cells usable as a source


class _Burner:
    """The polygons to burn, each set in an OGR layer made once for every band."""

    def __init__(
        self,
        grid: RasterGrid,
        land: Sequence[tuple[bytes, float]],
        source_land: Sequence[bytes],
        units: UnitShapes | None,
        given_sources: Sequence[bytes] | None,
    ) -> None:
        self.land = BurnLayer(land, grid)
        self.given = given_sources is not None
        shapes = given_sources if given_sources is not None else source_land
        values = range(1, len(shapes) + 1) if given_sources is not None else [1] * len(shapes)
        self.sources = BurnLayer(list(zip(shapes, values, strict=True)), grid)
        self.has_units = units is not None
        if units is None:
            self.damaged_unit = np.zeros(1, dtype=bool)
            return
        pairs = list(zip(units.shapes, units.damage, units.proposed, strict=True))
        self.numbers = BurnLayer([(s, n) for n, s in enumerate(units.shapes, start=1)], grid)
        self.damage = BurnLayer([(s, d) for s, d, _ in pairs if d is not None], grid)
        self.proposed = BurnLayer([(s, p) for s, _, p in pairs if p is not None], grid)
        self.damaged_unit = np.array([False, *units.damaged])
        # Damaged units that stay damaged: those not reclaimed.
        staying = [d and p is None for d, p in zip(units.damaged, units.proposed, strict=True)]
        self.staying_unit = np.array([False, *staying])


def _band(
    burner: _Burner, grid: RasterGrid, r0: int, r1: int, dem: _Dem | None, rules: NetworkRules
) -> _Band:
    own = rows_of(grid, r0, r1)
    cell = grid.geotransform[1]
    land = burner.land.burn(own)
    slope = None if dem is None else dem.slope(r0, r1)
    damage = None
    after_land = land
    factor_now = factor_after = np.ones(land.shape)
    numbers = np.zeros(land.shape, dtype=np.int32)
    if burner.has_units:
        reach = _reach_rows(rules, cell)
        w0, w1 = max(0, r0 - reach), min(grid.height, r1 + reach)
        around = burner.numbers.burn(rows_of(grid, w0, w1), 0.0).astype(np.int32)
        mine = slice(r0 - w0, r1 - w0)
        numbers = around[mine]
        bands = rules.disturbance_bands
        factor_now = disturbance_factor(burner.damaged_unit[around], cell, bands)[mine]
        factor_after = disturbance_factor(burner.staying_unit[around], cell, bands)[mine]
        damage = burner.damage.burn(own)
        proposed = burner.proposed.burn(own)
        after_land = land.copy()
        done = np.isfinite(proposed)
        after_land[done] = proposed[done]
        kept = np.isfinite(damage) & ~done  # damage stays where the unit is not reclaimed
        after_land[kept] = damage[kept]
    now = resistance_surface(land, damage, slope, rules.slope_classes)
    now *= factor_now
    after = resistance_surface(after_land, None, slope, rules.slope_classes)
    after *= factor_after
    sources = burner.sources.burn(own, 0.0)
    if not burner.given:
        usable = sources > 0
        if damage is not None:
            usable &= ~np.isfinite(damage)  # dug or buried land is no source
        sources = usable
    return _Band(now, after, numbers, sources.astype(np.int32))


def _reach_rows(rules: NetworkRules, cell: float) -> int:
    """Rows around a band whose damaged land can raise the band's resistance."""
    farthest = max((distance for distance, _ in rules.disturbance_bands), default=0.0)
    return math.ceil(farthest / cell) + 1 if farthest > 0 else 0


class _Dem:
    """The DEM resampled onto the grid's rows, with one bilinear kernel for every band."""

    def __init__(self, path: str, grid: RasterGrid) -> None:
        self.path, self.grid = path, grid
        try:
            self.scale = resampling_scale(path, grid)
        except RasterError as error:
            raise DemError(str(error)) from None

    def slope(self, r0: int, r1: int) -> np.ndarray:
        """The slope of rows r0…r1-1, from the heights with one row of each neighbour
        (NaN beyond the grid's edges, as around the whole grid)."""
        grid = self.grid
        w0, w1 = max(0, r0 - 1), min(grid.height, r1 + 1)
        try:
            heights = resampled(self.path, rows_of(grid, w0, w1), self.scale)
        except RasterError as error:
            raise DemError(str(error)) from None
        above = w0 == r0  # the band starts the grid: no row above
        below = w1 == r1
        window = np.pad(heights, ((int(above), int(below)), (1, 1)), constant_values=np.nan)
        cell = grid.geotransform[1]
        return horn_slope(window, cell, cell, compute_edges=True)
