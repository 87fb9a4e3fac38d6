"""Land-levelling volumes of every unit from a DEM, streamed in blocks (no QGIS import).

Pass 1 fits each unit's plane (:class:`~..core.earthwork.PlaneMoments`), pass 2 sums the
cut and fill to it, capped at the design slope of the unit's use; with a design surface
raster (same grid as the DEM) one pass sums the cut and fill to that surface instead.
Pass 1 keeps the runs of unit labels of each block (8 bytes a run, up to _RUNS_BUDGET
bytes) so that pass 2 reads the DEM again but does not rasterize the units again.
The DEM must be in a projected CRS in metres, north up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from ..core.earthwork import (
    CutFill,
    PlaneMoments,
    Runs,
    block_runs,
    cell_coordinates,
    level_runs,
)
from .raster import RasterError, RasterGrid, open_grid, read_blocks
from .rasterize import UnitLayer
from .zonal import IsCancelled, UnitBlocks, read_ahead

Progress = Callable[[float], None]

_RUNS_BUDGET = 256 * 1024 * 1024  # bytes of runs kept from pass 1 for pass 2


class _KeptRuns:
    """The runs of every block of pass 1, as long as they fit the budget."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = _RUNS_BUDGET if budget is None else budget
        self.blocks: list[tuple[np.ndarray, np.ndarray]] | None = []
        self.size = 0

    def keep(self, runs: Runs) -> None:
        if self.blocks is None:
            return
        self.size += 8 * runs.label.size
        if self.size > self.budget:
            self.blocks = None  # pass 2 rasterizes the units again
            return
        self.blocks.append((runs.label.astype(np.int32), runs.length.astype(np.int32)))


@dataclass(frozen=True)
class Levelling:
    """Per unit (index i = label i + 1): cut and fill in m³ (NaN: no DEM cell), the slope
    of the fitted plane before the cap (NaN with a design surface)."""

    cut_m3: np.ndarray
    fill_m3: np.ndarray
    fitted_slope_deg: np.ndarray


def levelling_volumes(
    units: UnitLayer,
    dem_path: str,
    design_slope_deg: np.ndarray,
    *,
    design_path: str | None = None,
    bench_m: np.ndarray | None = None,
    block_rows: int | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Levelling:
    """Cut and fill of every unit. ``design_slope_deg``: per unit (index = label − 1), the
    steepest design plane allowed (NaN: the fitted plane as it is); ``bench_m``: per unit
    the bench width of terraces where the ground is steeper (NaN: one plane)."""
    grid = open_grid(dem_path)
    _check_metric(grid, dem_path)
    if design_path:
        _check_same_grid(grid, open_grid(design_path), dem_path, design_path)
    width, height = abs(grid.geotransform[1]), abs(grid.geotransform[5])
    report = progress or (lambda _: None)
    with UnitBlocks(units, dem_path, block_rows=block_rows, is_cancelled=is_cancelled) as blocks:
        count = blocks.unit_count
        slopes = np.full(count, np.nan)
        given = np.asarray(design_slope_deg, dtype=float)[:count]
        slopes[: given.shape[0]] = given
        volumes = CutFill(count, width * height)
        if design_path:
            designs = read_blocks(design_path, block_rows=blocks.block_rows)
            for (row0, ground, labels), design in zip(blocks, designs, strict=False):
                volumes.add(labels, ground, design.data)
                report(100.0 * (row0 + labels.shape[0]) / grid.height)
            cut, fill = volumes.volumes()
            return Levelling(cut, fill, np.full(count, np.nan))
        moments = PlaneMoments(count)
        kept = _KeptRuns()
        for row0, ground, labels in blocks:
            x, y = cell_coordinates(row0, labels.shape[0], labels.shape[1], width, height)
            runs = block_runs(labels, ground)
            kept.keep(runs)
            moments.add_runs(runs, x, y, ground)
            report(50.0 * (row0 + labels.shape[0]) / grid.height)
        benches = None
        if bench_m is not None:
            benches = np.full(count, np.nan)
            given_benches = np.asarray(bench_m, dtype=float)[:count]
            benches[: given_benches.shape[0]] = given_benches
        planes = moments.planes(slopes, benches)
        for row0, ground, runs in _second_pass(blocks, kept, dem_path, is_cancelled):
            x, y = cell_coordinates(row0, ground.shape[0], ground.shape[1], width, height)
            level_runs(planes, runs, x, y, ground, volumes)
            report(50.0 + 50.0 * (row0 + ground.shape[0]) / grid.height)
    cut, fill = volumes.volumes()
    return Levelling(cut, fill, planes.fitted_slope_deg)


def _second_pass(
    blocks: UnitBlocks, kept: _KeptRuns, dem_path: str, is_cancelled: IsCancelled | None
) -> Iterator[tuple[int, np.ndarray, Runs]]:
    """The blocks of the DEM again with their runs: kept from pass 1 (the DEM read ahead by
    a thread), or rasterized again when they did not fit."""
    if kept.blocks is None:
        for row0, ground, labels in blocks:
            yield row0, ground, block_runs(labels, ground)
        return
    dem = read_blocks(dem_path, block_rows=blocks.block_rows)
    with contextlib.closing(read_ahead(dem, is_cancelled)) as read:
        for block, (label, length) in zip(read, kept.blocks, strict=True):
            yield block.row0, block.data, Runs.from_lengths(label, length, block.data.shape[1])


def _check_metric(grid: RasterGrid, path: str) -> None:
    if not grid.is_north_up:
        raise RasterError(f"The DEM '{path}' is rotated; warp it north up first.")
    if grid.is_geographic:
        raise RasterError(
            f"The DEM '{path}' is in degrees; cut and fill need metres: reproject it to a "
            "projected CRS (CGCS2000 Gauss–Krüger in China) first."
        )


def _check_same_grid(dem: RasterGrid, design: RasterGrid, dem_path: str, path: str) -> None:
    same = (dem.width, dem.height) == (design.width, design.height) and np.allclose(
        dem.geotransform, design.geotransform, rtol=0, atol=1e-6
    )
    if not same:
        raise RasterError(
            f"The design surface '{path}' is not on the grid of the DEM '{dem_path}' "
            f"({design.width} × {design.height} cells against {dem.width} × {dem.height}, "
            "or another origin or cell size): resample it onto the DEM's grid."
        )
