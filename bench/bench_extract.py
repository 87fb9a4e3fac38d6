"""Benchmark: mean slope per evaluation unit, ours (one pass) against QGIS's own chain.

Generates its own deterministic inputs (cached under --data, default a folder in the
system temp directory): an 8000 x 8000 float32 DEM in EPSG:4547 with 5 m cells (smooth
terrain + noise, quantised to 1/64 m so that QGIS's single-precision Horn sums are exact)
and 50,000 jittered quadrilateral units tiling it, in a GeoPackage. Then times, in the
same run, best of --repeat:

1. ours: ``zonal_statistics`` with the slope transform (no slope raster written);
2. QGIS: ``native:slope`` then ``native:zonalstatisticsfb`` (mean), via processing.run.

and prints both times, the ratio and the largest difference of the means over the units
that do not touch the DEM's outer two cells (QGIS's slope fills the edge cells its own
way; ours leaves them NoData). ``--large`` instead runs ours alone on a 20000 x 20000 DEM
with 200,000 units and prints its peak memory (ru_maxrss).

    .venv/bin/python bench/bench_extract.py [--large] [--repeat 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EPSG = 4547  # CGCS2000 / 3-degree Gauss-Kruger CM 114E
CELL = 5.0
ORIGIN = (380_000.0, 3_450_000.0)  # top-left corner (easting, northing)
EDGE_CELLS = 2


def dem_values(rows: slice, size: int, rng_seed: int) -> np.ndarray:
    """Smooth hills plus noise for a strip of rows, quantised to 1/64 m (float32-exact)."""
    y = np.arange(rows.start, rows.stop, dtype=np.float64)[:, None] * CELL
    x = np.arange(size, dtype=np.float64)[None, :] * CELL
    z = (
        600.0
        + 120.0 * np.sin(x / 2300.0) * np.cos(y / 1900.0)
        + 45.0 * np.sin((x + 0.6 * y) / 610.0)
        + 12.0 * np.cos((0.8 * x - y) / 170.0)
    )
    noise = np.random.default_rng([rng_seed, rows.start]).normal(0.0, 0.4, z.shape)
    return (np.round((z + noise) * 64.0) / 64.0).astype(np.float32)


def write_dem(path: Path, size: int) -> None:
    driver = gdal.GetDriverByName("GTiff")
    options = ["TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "BIGTIFF=IF_SAFER"]
    dataset = driver.Create(str(path), size, size, 1, gdal.GDT_Float32, options)
    dataset.SetGeoTransform((ORIGIN[0], CELL, 0.0, ORIGIN[1], 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(-9999.0)
    for row0 in range(0, size, 512):
        rows = slice(row0, min(row0 + 512, size))
        band.WriteArray(dem_values(rows, size, 20261128), 0, row0)
    dataset = None


def unit_corners(size: int, columns: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Jittered grid nodes (rows+1, columns+1): inner nodes move, outer ones stay on the edge."""
    rng = np.random.default_rng(4547)
    width = size * CELL
    dx, dy = width / columns, width / rows
    x = np.arange(columns + 1) * dx + np.zeros((rows + 1, 1))
    y = np.arange(rows + 1)[:, None] * dy + np.zeros((1, columns + 1))
    x[:, 1:-1] += rng.uniform(-0.3, 0.3, (rows + 1, columns - 1)) * dx
    y[1:-1, :] += rng.uniform(-0.3, 0.3, (rows - 1, columns + 1)) * dy
    return ORIGIN[0] + x, ORIGIN[1] - y


def write_units(path: Path, size: int, columns: int, rows: int) -> int:
    x, y = unit_corners(size, columns, rows)
    driver = ogr.GetDriverByName("GPKG")
    source = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    layer = source.CreateLayer("units", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("unit_id", ogr.OFTInteger))
    definition = layer.GetLayerDefn()
    layer.StartTransaction()
    label = 0
    for r in range(rows):  # the benchmark's own input writer may loop
        for c in range(columns):
            ring = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c), (r, c)]
            points = ", ".join(f"{x[i, j]!r} {y[i, j]!r}" for i, j in ring)
            feature = ogr.Feature(definition)
            label += 1
            feature.SetField("unit_id", label)
            feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({points}))"))
            layer.CreateFeature(feature)
    layer.CommitTransaction()
    source = None
    return label


def inputs(folder: Path, size: int, columns: int, rows: int) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    dem = folder / f"dem_{size}.tif"
    units = folder / f"units_{size}_{columns}x{rows}.gpkg"
    if not dem.exists():
        print(f"writing {dem} ...", flush=True)
        write_dem(dem, size)
    if not units.exists():
        print(f"writing {units} ...", flush=True)
        write_units(units, size, columns, rows)
    return dem, units


def inner_units(size: int, columns: int, rows: int) -> np.ndarray:
    """Mask of the units whose corners all stay EDGE_CELLS cells inside the DEM."""
    x, y = unit_corners(size, columns, rows)
    col = (x - ORIGIN[0]) / CELL
    row = (ORIGIN[1] - y) / CELL
    inside = (col > EDGE_CELLS) & (col < size - EDGE_CELLS)
    inside &= (row > EDGE_CELLS) & (row < size - EDGE_CELLS)
    corners = inside[:-1, :-1] & inside[:-1, 1:] & inside[1:, :-1] & inside[1:, 1:]
    return corners.reshape(-1)


def run_ours(dem: Path, units: Path, read_ahead: bool = True) -> tuple[float, np.ndarray]:
    from plugin.io import zonal
    from plugin.io.zonal import slope_statistics

    zonal.READ_AHEAD = read_ahead
    start = time.perf_counter()
    result = slope_statistics(str(units), str(dem), layer="units", label_field="unit_id")
    return time.perf_counter() - start, result.statistics["mean"]


def start_qgis(config: Path) -> object:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(config)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def run_qgis(dem: Path, units: Path, work: Path) -> tuple[float, np.ndarray]:
    import processing

    slope = work / "qgis_slope.tif"
    output = work / "qgis_zonal.gpkg"
    for old in (slope, output):
        old.unlink(missing_ok=True)
    start = time.perf_counter()
    processing.run("native:slope", {"INPUT": str(dem), "Z_FACTOR": 1, "OUTPUT": str(slope)})
    processing.run(
        "native:zonalstatisticsfb",
        {
            "INPUT": f"{units}|layername=units",
            "INPUT_RASTER": str(slope),
            "RASTER_BAND": 1,
            "COLUMN_PREFIX": "z_",
            "STATISTICS": [2],  # mean
            "OUTPUT": str(output),
        },
    )
    elapsed = time.perf_counter() - start
    source = ogr.Open(str(output))
    layer = source.GetLayer(0)
    pairs = np.array(
        [(f.GetField("unit_id"), f.GetField("z_mean") or np.nan) for f in layer], dtype=float
    )
    means = np.full(int(pairs[:, 0].max()), np.nan)
    means[pairs[:, 0].astype(int) - 1] = pairs[:, 1]
    return elapsed, means


def best_of(repeat: int, run: callable) -> tuple[float, np.ndarray]:
    results = [run() for _ in range(repeat)]
    times = [elapsed for elapsed, _ in results]
    print(f"  runs: {', '.join(f'{t:.2f} s' for t in times)}", flush=True)
    return min(times), results[0][1]


def compare(args: argparse.Namespace) -> None:
    size, columns, rows = 8000, 250, 200
    dem, units = inputs(args.data, size, columns, rows)
    print(f"DEM {size}x{size} ({CELL:g} m, EPSG:{EPSG}), {columns * rows:,} units", flush=True)
    print("ours: zonal statistics with the slope transform (one pass)", flush=True)
    ours_time, ours = best_of(args.repeat, lambda: run_ours(dem, units))
    print("ours on one thread (no read-ahead thread), for comparison", flush=True)
    single_time, _ = best_of(args.repeat, lambda: run_ours(dem, units, read_ahead=False))
    print("QGIS: native:slope + native:zonalstatisticsfb (mean)", flush=True)
    with tempfile.TemporaryDirectory() as config:
        app = start_qgis(Path(config))
        qgis_time, theirs = best_of(args.repeat, lambda: run_qgis(dem, units, args.data))
        app.exitQgis()
    inner = inner_units(size, columns, rows)
    difference = np.abs(ours - theirs)[inner]
    print(
        f"ours {ours_time:.2f} s (one thread: {single_time:.2f} s), QGIS {qgis_time:.2f} s, "
        f"ratio {qgis_time / ours_time:.2f}x"
    )
    print(
        f"max |mean difference| over {int(inner.sum()):,} units away from the DEM edge "
        f"({EDGE_CELLS} cells; {int((~inner).sum())} edge units excluded): "
        f"{np.nanmax(difference):.3g} deg; NaN in ours/QGIS: "
        f"{int(np.isnan(ours[inner]).sum())}/{int(np.isnan(theirs[inner]).sum())}"
    )


def large(args: argparse.Namespace) -> None:
    size, columns, rows = 20000, 500, 400
    dem, units = inputs(args.data, size, columns, rows)
    print(f"DEM {size}x{size}, {columns * rows:,} units: ours only", flush=True)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    elapsed, means = run_ours(dem, units)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"ours {elapsed:.2f} s, peak RSS {peak:.0f} MB (before the run {baseline:.0f} MB), "
        f"{int(np.isfinite(means).sum()):,} units with a mean"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="20000x20000 DEM, ours only")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--data", type=Path, default=Path(tempfile.gettempdir()) / "reclamation-bench"
    )
    args = parser.parse_args()
    large(args) if args.large else compare(args)


if __name__ == "__main__":
    main()
