"""Benchmark: slope of an 8000 x 8000 projected DEM, ours against gdaldem (make bench).

Both write the same output (float32 GeoTIFF, same creation options) from the same input in
the same run; each is timed 3 times and the best time counts (the machine may be shared).
``--large`` also measures the peak memory of write_slope on a 20000 x 20000 DEM in a
fresh subprocess, which reports its own peak resident size (VmHWM).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from osgeo import gdal, osr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugin.io.raster import creation_options, gdal_exceptions, write_slope  # noqa: E402

SIZE = 8000
LARGE = 20000
CELL = 5.0
EPSG = 4547  # CGCS2000 / 3-degree Gauss-Kruger CM 114E
REPEATS = 3


def make_dem(path: Path, size: int) -> None:
    """Deterministic terrain: sum of sines (hills, 0-~400 m) plus noise, tiled, uncompressed."""
    driver = gdal.GetDriverByName("GTiff")
    options = ["TILED=YES", "BIGTIFF=YES"]
    with gdal_exceptions():
        dataset = driver.Create(str(path), size, size, 1, gdal.GDT_Float32, options=options)
        dataset.SetGeoTransform((500000.0, CELL, 0.0, 4000000.0, 0.0, -CELL))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(EPSG)
        dataset.SetProjection(srs.ExportToWkt())
        band = dataset.GetRasterBand(1)
        band.SetNoDataValue(-9999.0)
        rng = np.random.default_rng(20261128)
        x = np.arange(size, dtype=np.float64) * CELL
        for row0 in range(0, size, 1024):
            rows = min(1024, size - row0)
            y = (np.arange(row0, row0 + rows, dtype=np.float64) * CELL)[:, None]
            z = (
                200.0
                + 120.0 * np.sin(x / 900.0) * np.cos(y / 1300.0)
                + 40.0 * np.sin((x + y) / 210.0)
                + 8.0 * np.sin(x / 37.0) * np.sin(y / 53.0)
                + rng.normal(0.0, 0.5, (rows, size))
            )
            band.WriteArray(z.astype(np.float32), 0, row0)
        dataset = None


def best_time(function: object, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def compare(folder: Path) -> None:
    dem = folder / "dem.tif"
    make_dem(dem, SIZE)
    ours = folder / "ours.tif"
    reference = folder / "gdaldem.tif"
    options = creation_options(gdal.GDT_Float32)

    def run_gdaldem() -> None:
        with gdal_exceptions():
            gdal.DEMProcessing(str(reference), str(dem), "slope", creationOptions=options)

    def run_ours() -> None:
        write_slope(str(dem), str(ours))

    timings = []
    for _ in range(REPEATS):  # interleaved, so both see the same machine load
        timings.append((best_time(run_gdaldem, 1), best_time(run_ours, 1)))
    gdaldem_time = min(t for t, _ in timings)
    ours_time = min(t for _, t in timings)
    with gdal_exceptions():
        a = gdal.Open(str(ours)).ReadAsArray()
        b = gdal.Open(str(reference)).ReadAsArray()
    valid = (a != -9999) & (b != -9999)
    print(f"slope {SIZE}x{SIZE} float32 DEM, {CELL:g} m cells, options {' '.join(options)}")
    print(f"  gdaldem slope (DEMProcessing): {gdaldem_time:.2f} s (best of {REPEATS})")
    print(f"  write_slope:                   {ours_time:.2f} s (best of {REPEATS})")
    print(f"  ratio ours / gdaldem: {ours_time / gdaldem_time:.2f} (target <= 1.5)")
    print(
        f"  same NoData cells: {bool(np.array_equal(a == -9999, b == -9999))}, "
        f"max |difference| {np.abs(a[valid] - b[valid]).max():.2e} degrees"
    )


def peak_memory(folder: Path) -> None:
    """Peak resident memory of write_slope on a LARGE x LARGE DEM, in a fresh process.

    The child reports its own peak resident size (VmHWM of /proc/self/status, in kB).
    getrusage's ru_maxrss is not used: Linux carries the parent's peak into a child's
    ru_maxrss at fork/exec, so it would include the memory used to generate the DEM.
    """
    dem = folder / "large.tif"
    make_dem(dem, LARGE)
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1]);"
        "from plugin.io.raster import write_slope;"
        "start = time.perf_counter();"
        "write_slope(sys.argv[2], sys.argv[3]);"
        "status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0];"
        "print(time.perf_counter() - start, status)"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(dem), str(folder / "large_slope.tif")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    elapsed, peak_kb = float(output[-2]), int(output[-1])
    print(
        f"write_slope {LARGE}x{LARGE}: {elapsed:.1f} s, peak memory {peak_kb / 1024:,.0f} MB "
        f"(target < 1,536 MB; GDAL cache max {gdal.GetCacheMax() / 2**20:,.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also the 20000 x 20000 memory run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_terrain_") as folder:
        compare(Path(folder))
        if args.large:
            peak_memory(Path(folder))


if __name__ == "__main__":
    main()
