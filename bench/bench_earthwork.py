"""Benchmark: cut and fill of land levelling per unit, against one read of the DEM.

The inputs of bench_extract (a float32 DEM of 5 m cells in EPSG:4547 and jittered units
tiling it; cached under --data), at 10000 x 10000 cells and 50,000 units by default. Times,
best of --repeat:

1. one read of the DEM in blocks (the floor any per-unit pass pays);
2. ``levelling_volumes``: plane sums per unit, then cut and fill to the plane capped at 5°
   (two passes over the DEM, the unit labels rasterized per block).

and prints both, their ratio (the issue's target: under 1.5) and the peak memory.

    .venv/bin/python bench/bench_earthwork.py [--size 10000] [--units 250x200] [--repeat 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import inputs  # noqa: E402 (the bench folder on the path first)


def read_once(dem: Path) -> float:
    from plugin.io.raster import read_blocks

    start = time.perf_counter()
    total = 0.0
    for block in read_blocks(str(dem)):
        total += float(np.nansum(block.data[:1]))  # touch the block, as a pass would
    return time.perf_counter() - start


def levelling(dem: Path, units: Path, count: int) -> float:
    from plugin.io.earthwork import levelling_volumes
    from plugin.io.rasterize import UnitLayer

    start = time.perf_counter()
    result = levelling_volumes(
        UnitLayer(str(units), "units", "unit_id"), str(dem), np.full(count, 5.0)
    )
    elapsed = time.perf_counter() - start
    assert np.isfinite(result.cut_m3).sum() > 0.99 * count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--units", default="250x200", help="columns x rows of units")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "rp-bench")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.units.split("x"))
    dem, units = inputs(args.data, args.size, columns, rows)
    count = columns * rows
    print(f"DEM {args.size}x{args.size}, {count:,} units", flush=True)
    read = min(read_once(dem) for _ in range(args.repeat))
    level = min(levelling(dem, units, count) for _ in range(args.repeat))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  one read of the DEM: {read:.2f} s")
    print(f"  cut and fill (two passes): {level:.2f} s = {level / read:.2f} x one read")
    print(f"  peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
