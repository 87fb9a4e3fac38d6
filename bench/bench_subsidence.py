"""Benchmark: subsidence of a 30-panel mine on a 4000 x 4000 grid (make bench).

Ours: ``plugin.core.subsidence.predict`` (footprints rasterized with partial cells, FFT
convolution per panel) plus the derived rasters (tilt, curvature, horizontal deformation),
best of 3, limited to 2 CPU cores. Reference: a direct numerical integration of the same
model, W(p) = Σ W0 ∬_panel exp(−π|p − q|²/r²)/r² dA (midpoint rule in each panel's own
frame, steps of r/40), on a random subsample of grid cells; its time is extrapolated to the
whole grid. ``--write`` also times writing the four float32 GeoTIFFs (DEFLATE).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugin.core.subsidence import Grid, Panel, predict  # noqa: E402

SIZE = 4000
CELL = 5.0  # metres: a 20 km x 20 km mine
PANELS = 30
SAMPLES = 2000
REPEATS = 3


def mine() -> tuple[Grid, list[Panel], list[tuple]]:
    """30 rotated longwall panels (6 x 5), deterministic; returns the frames for the reference."""
    rng = np.random.default_rng(20261128)
    grid = Grid(500_000.0, 4_020_000.0, CELL, CELL, SIZE, SIZE)
    panels, frames = [], []
    angle = math.radians(20.0)
    along = np.array([math.cos(angle), math.sin(angle)])
    across = np.array([-math.sin(angle), math.cos(angle)])
    for i in range(PANELS):
        column, row = divmod(i, 5)
        origin = np.array([grid.x0 + 3000.0 + column * 2300.0, grid.y0 - 17000.0 + row * 3000.0])
        length, width = rng.uniform(1200.0, 2000.0), rng.uniform(180.0, 300.0)
        depth, tan_beta = rng.uniform(250.0, 600.0), rng.uniform(1.8, 2.4)
        end = origin + length * along
        corners = np.array([origin, end, end + width * across, origin + width * across])
        panel = Panel(
            (corners,),
            thickness=rng.uniform(2.0, 6.0),
            depth=depth,
            dip=rng.uniform(0.0, 10.0),
            subsidence_factor=rng.uniform(0.6, 0.85),
            tan_beta=tan_beta,
            horizontal_coefficient=0.3,
            label=str(i),
        )
        panels.append(panel)
        frames.append((origin, along, across, length, width))
    return grid, panels, frames


def direct(points: np.ndarray, panels: list[Panel], frames: list[tuple]) -> np.ndarray:
    """W at points by direct midpoint integration over each panel (no FFT, no raster)."""
    total = np.zeros(len(points))
    for panel, (origin, along, across, length, width) in zip(panels, frames, strict=True):
        r = panel.radius
        nu, nv = math.ceil(length / (r / 40)), math.ceil(width / (r / 40))
        u = (np.arange(nu) + 0.5) * length / nu
        v = (np.arange(nv) + 0.5) * width / nv
        du, dv = length / nu, width / nv
        relative = points - origin
        pu, pv = relative @ along, relative @ across  # the point in the panel's frame
        gu = np.exp(-math.pi * ((pu[:, None] - u[None, :]) / r) ** 2).sum(axis=1) * du / r
        gv = np.exp(-math.pi * ((pv[:, None] - v[None, :]) / r) ** 2).sum(axis=1) * dv / r
        total += panel.w0 * gu * gv
    return total


def limit_cores(count: int = 2) -> str:
    if hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(available[:count]))
        return f"{len(os.sched_getaffinity(0))} core(s)"
    return "cores not limited (no sched_setaffinity)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="also time the GeoTIFF writing")
    args = parser.parse_args()
    cores = limit_cores(2)
    grid, panels, frames = mine()
    radii = [p.radius for p in panels]
    print(
        f"subsidence, {PANELS} panels, {SIZE}x{SIZE} grid of {CELL:g} m cells, {cores}; "
        f"r = {min(radii):.0f}-{max(radii):.0f} m"
    )
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        field = predict(panels, grid)
        for derived in (field.tilt, field.curvature, field.horizontal_deformation):
            derived()
        times.append(time.perf_counter() - start)
    ours = min(times)
    print(f"  FFT model + tilt, curvature, deformation: {ours:.2f} s (best of {REPEATS})")

    rng = np.random.default_rng(7)
    rows = rng.integers(0, SIZE, SAMPLES)
    cols = rng.integers(0, SIZE, SAMPLES)
    points = np.column_stack([grid.column_centres()[cols], grid.row_centres()[rows]])
    start = time.perf_counter()
    reference = direct(points, panels, frames)
    spent = time.perf_counter() - start
    whole = spent / SAMPLES * SIZE * SIZE
    difference = np.abs(field.w[rows, cols] - reference)
    w0 = max(p.w0 for p in panels)
    print(
        f"  direct integration: {spent:.2f} s for {SAMPLES} cells -> {whole:.0f} s for the "
        f"whole grid (extrapolated)"
    )
    print(f"  ratio direct / FFT: {whole / ours:.0f}; target: FFT under 20 s")
    print(
        f"  max |W_fft - W_direct| on the sample: {difference.max() * 1000:.2f} mm "
        f"({difference.max() / w0:.2%} of the largest W0 = {w0:.2f} m); "
        f"max W {field.w.max():.2f} m"
    )
    if args.write:
        from plugin.io.raster import RasterGrid, write_raster

        raster = RasterGrid(SIZE, SIZE, (grid.x0, CELL, 0, grid.y0, 0, -CELL), "", None)
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            for name, compute in (
                ("w", lambda rows: field.w[rows]),
                ("tilt", field.tilt),
                ("k", field.curvature),
                ("eps", field.horizontal_deformation),
            ):
                blocks = (
                    (row0, np.asarray(compute(slice(row0, row0 + 256)), np.float32))
                    for row0 in range(0, SIZE, 256)
                )
                write_raster(str(Path(folder) / f"{name}.tif"), raster, blocks)
            print(f"  writing 4 float32 GeoTIFFs: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
