"""Statistics of predicted subsidence rasters for the report (no QGIS import): the maximum
subsidence W_max, the largest tilt and horizontal deformation (absolute), and the area
inside the basin boundary (subsidence at or above the boundary value, 10 mm by Chinese
convention), read in row blocks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .raster import open_grid, read_blocks, row_cell_areas_m2


@dataclass(frozen=True)
class PredictionStatistics:
    max_subsidence_m: float | None
    max_tilt_mm_m: float | None
    max_deformation_mm_m: float | None
    basin_area_m2: float | None
    boundary_m: float | None


def prediction_statistics(
    subsidence: str, tilt: str | None, deformation: str | None, boundary_m: float | None
) -> PredictionStatistics:
    """``boundary_m`` None: no basin area (the rule pack gives no boundary value)."""
    grid = open_grid(subsidence)
    largest, basin = -math.inf, 0.0
    # Read as float32, the type of predicted rasters: 10 mm stored as float32 is on the
    # boundary, not 2e-10 m below it.
    for block in read_blocks(subsidence, dtype=np.float32):
        values = block.data
        if np.isfinite(values).any():
            largest = max(largest, float(np.nanmax(values)))
        if boundary_m is not None:
            inside = np.nan_to_num(values, nan=-np.inf) >= np.float32(boundary_m)
            cell_areas = row_cell_areas_m2(grid, block.row0, block.rows)
            basin += float((inside.sum(axis=1) * cell_areas).sum())
    return PredictionStatistics(
        max_subsidence_m=None if largest == -math.inf else largest,
        max_tilt_mm_m=_largest_magnitude(tilt),
        max_deformation_mm_m=_largest_magnitude(deformation),
        basin_area_m2=basin if boundary_m is not None else None,
        boundary_m=boundary_m,
    )


def _largest_magnitude(path: str | None) -> float | None:
    if not path:
        return None
    largest = -math.inf
    for block in read_blocks(path):
        if np.isfinite(block.data).any():
            largest = max(largest, float(np.nanmax(np.abs(block.data))))
    return None if largest == -math.inf else largest
