"""Benchmark: the algorithms as the user waits for them, through ``processing.run`` in one
QGIS process, each beside its reference run in the same process.

Cases (``--case``, default all but the large ones):

- ``terrain``: ``reclamation:terrainfactors`` (slope GeoTIFF) against ``gdal.DEMProcessing``
  slope with the same output options, on an N × N DEM (``--size``, 6000; target ≤ 1.0;
  ``make bench`` also runs it at 20 000, a DEM of 1.6 GB);
- ``extract``: ``reclamation:extractfactors`` (mean slope of 30 000 units, to a GeoPackage)
  against ``native:slope`` + ``native:zonalstatisticsfb`` (target ≤ 0.25);
- ``evaluate``: ``reclamation:evaluatesuitability`` of ``--evaluate-units`` units (1 000 000)
  × 5 uses to a GeoPackage (targets: under 60 s and 2 GB);
- ``subsidence``: ``reclamation:predictsubsidence``, 30 panels on 4000 × 4000 cells, every
  output written (target: under 5 s);
- ``classify``: ``reclamation:classifydisturbance`` on a DEM pair of ``--classify-size``
  (10 000) cells a side with a 3 m subsidence basin;
- ``plan``: ``reclamation:reclamationplan`` on the sample mine (the demo's inputs);
- ``network``: ``reclamation:ecologicalnetwork`` on an N × N grid (``--network-size``,
  2000: 20 km of land use in 1 600 squares of 500 m at 10 m cells; ``make bench`` also runs
  it at 4000, 5 m cells, whose grids go to scratch files) against one SciPy Dijkstra over
  the whole grid's 8-neighbour graph from 50 sources, in the same process.

Each line gives the time (best of ``--repeat``), the reference's time and their ratio, and
the peak memory of the run above the process's memory before it (RSS sampled every 5 ms).
Inputs are made once and cached under ``--data`` (``/tmp/rp-bench``).

    .venv/bin/python bench/bench_algorithms.py [--case terrain,extract] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import gdal, ogr, osr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_extract import CELL, EPSG, ORIGIN, inputs  # noqa: E402 (bench folder on the path)

CASES = ("terrain", "extract", "evaluate", "subsidence", "classify", "plan", "network")
PAGE = os.sysconf("SC_PAGE_SIZE")
STATM = Path("/proc/self/statm")


class PeakMemory:
    """The largest resident set above the level at start, sampled by a thread."""

    def __init__(self) -> None:
        self.base = self._rss()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def _rss() -> int:
        return int(STATM.read_text(encoding="ascii").split()[1]) * PAGE

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def megabytes(self) -> float:
        return (self.peak - self.base) / 2**20


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best time in s, largest peak memory in MB) of ``repeat`` runs."""
    times, peaks = [], []
    for _ in range(repeat):
        with PeakMemory() as memory:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        peaks.append(memory.megabytes)
    return min(times), max(peaks)


def report(name: str, ours: tuple[float, float], reference: tuple[float, float] | None,
           what: str, target: str) -> None:  # fmt: skip
    line = f"{name:<11} {ours[0]:7.2f} s  {ours[1]:7.0f} MB"
    if reference is not None:
        line += f"   {what} {reference[0]:.2f} s ({reference[1]:.0f} MB)"
        line += f"   ratio {ours[0] / reference[0]:.2f}"
    print(f"{line}   [{target}]", flush=True)


def fresh(path: Path) -> str:
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    return str(path)


# --- cases ----------------------------------------------------------------------------------


def terrain(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    dem, _ = inputs(data, args.size, 10, 10)
    options = ["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"]

    def ours() -> None:
        processing.run(
            "reclamation:terrainfactors",
            {"DEM": str(dem), "SLOPE": fresh(work / "slope_ours.tif")},
        )

    def reference() -> None:
        gdal.DEMProcessing(
            fresh(work / "slope_gdal.tif"), str(dem), "slope", creationOptions=options
        )

    report(
        f"terrain {args.size}",
        timed(ours, args.repeat),
        timed(reference, args.repeat),
        "gdal.DEMProcessing",
        "target ≤ 1.0",
    )


def extract(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    dem, units = inputs(data, args.size, 200, 150)

    def ours() -> None:
        processing.run(
            "reclamation:extractfactors",
            {"UNITS": f"{units}|layername=units", "DEM": str(dem),
             "OUTPUT": fresh(work / "factors.gpkg")},
        )  # fmt: skip

    def reference() -> None:
        slope = fresh(work / "qgis_slope.tif")
        processing.run("native:slope", {"INPUT": str(dem), "Z_FACTOR": 1, "OUTPUT": slope})
        processing.run(
            "native:zonalstatisticsfb",
            {"INPUT": f"{units}|layername=units", "INPUT_RASTER": slope, "RASTER_BAND": 1,
             "COLUMN_PREFIX": "z_", "STATISTICS": [2], "OUTPUT": fresh(work / "zonal.gpkg")},
        )  # fmt: skip

    report(
        "extract",
        timed(ours, args.repeat),
        timed(reference, args.repeat),
        "native:slope + zonalstatisticsfb",
        "30 000 units; target ≤ 0.25",
    )


def factor_units(path: Path, count: int) -> None:
    """``count`` 20 m squares with the factors of cn-reclamation, written by OGR from a CSV
    (one bulk translation, no Python loop over features)."""
    rng = np.random.default_rng(2026)
    side = int(np.ceil(np.sqrt(count)))
    index = np.arange(count)
    x0 = ORIGIN[0] + (index % side) * 20.0
    y0 = ORIGIN[1] - (index // side) * 20.0
    columns = {
        "slope_deg": rng.uniform(0, 35, count),
        "soil_thickness_cm": rng.uniform(10, 150, count),
        "ph": rng.uniform(4.5, 9.0, count),
        "gravel_pct": rng.uniform(0, 60, count),
        "ec_dsm": rng.uniform(0, 10, count),
        "pollution": rng.integers(0, 3, count),
        "ponding_m": np.where(rng.random(count) < 0.05, rng.uniform(0.1, 3, count), 0.0),
        "dist_water_m": rng.uniform(0, 2000, count),
    }
    csv = path.with_suffix(".csv")
    names = list(columns)
    rows = zip(x0.tolist(), y0.tolist(), *(v.tolist() for v in columns.values()), strict=True)
    with csv.open("w", encoding="utf-8") as out:  # the benchmark's own input writer may loop
        out.write("WKT,unit_id," + ",".join(names) + "\n")
        for number, (x, y, *values) in enumerate(rows, start=1):
            ring = f"{x} {y},{x + 20} {y},{x + 20} {y - 20},{x} {y - 20},{x} {y}"
            out.write(f'"POLYGON(({ring}))",{number},' + ",".join(map(str, values)) + "\n")
    gdal.VectorTranslate(
        str(path), str(csv), format="GPKG", layerName="units",
        options=["-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO",
                 "-oo", "AUTODETECT_TYPE=YES", "-a_srs", f"EPSG:{EPSG}", "-nlt", "POLYGON"],
    )  # fmt: skip
    csv.unlink()


def evaluate(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    count = args.evaluate_units
    units = data / f"factor_units_{count}.gpkg"
    if not units.exists():
        print(f"writing {units} ...", flush=True)
        factor_units(units, count)

    def ours() -> None:
        processing.run(
            "reclamation:evaluatesuitability",
            {"UNITS": f"{units}|layername=units", "RULES": "cn-reclamation",
             "OUTPUT": fresh(work / "suitability.gpkg")},
        )  # fmt: skip

    report(f"evaluate {count:,}", timed(ours, 1), None, "", "target < 60 s, < 2048 MB")


def panels_layer(path: Path, size: int, count: int = 30) -> None:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = source.CreateLayer("panels", srs, ogr.wkbPolygon)
    for name in ("thickness", "depth"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTReal))
    width = size * CELL
    columns = 6
    panel_w, panel_h = width / (columns + 2), width / (count // columns + 3)
    for i in range(count):  # the benchmark's own 30 inputs
        col, row = i % columns, i // columns
        x = ORIGIN[0] + (col + 1) * panel_w
        y = ORIGIN[1] - (row + 1.5) * panel_h
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("thickness", 3.0 + (i % 4) * 0.5)
        feature.SetField("depth", 300.0 + 20 * (i % 5))
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x} {y},{x + 0.8 * panel_w} {y},{x + 0.8 * panel_w} {y - 0.8 * panel_h},"
            f"{x} {y - 0.8 * panel_h},{x} {y}))"
        ))  # fmt: skip
        layer.CreateFeature(feature)
    source = None


def subsidence(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    size = 4000
    dem, _ = inputs(data, size, 10, 10)
    panels = data / f"panels_{size}.gpkg"
    if not panels.exists():
        panels_layer(panels, size)

    def ours() -> None:
        processing.run(
            "reclamation:predictsubsidence",
            {"PANELS": f"{panels}|layername=panels", "THICKNESS_FIELD": "thickness",
             "DEPTH_FIELD": "depth", "DEM": str(dem), "GROUNDWATER_DEPTH_VALUE": 2.0,
             **{key: fresh(work / f"{key.lower()}.tif") for key in
                ("SUBSIDENCE", "TILT", "CURVATURE", "HORIZONTAL_DEFORMATION", "PONDING",
                 "DEM_AFTER")},
             "CONTOURS": fresh(work / "contours.gpkg")},
        )  # fmt: skip

    report("subsidence", timed(ours, args.repeat), None, "", "30 panels, 4000²; target < 5 s")


def lowered_dem(before: Path, after: Path) -> None:
    """The DEM after mining: a subsidence basin of up to 3 m in the middle of the DEM
    before, written in blocks."""
    source = gdal.Open(str(before))
    size = source.RasterXSize
    target = gdal.GetDriverByName("GTiff").CreateCopy(
        str(after), source, options=["TILED=YES", "BIGTIFF=IF_SAFER"]
    )
    band = target.GetRasterBand(1)
    cols = np.arange(size, dtype=np.float64)
    for row0 in range(0, size, 512):
        rows = np.arange(row0, min(row0 + 512, size), dtype=np.float64)[:, None]
        distance = np.hypot(cols - size / 2, rows - size / 2) / (size / 5)
        basin = (3.0 * np.exp(-(distance**2))).astype(np.float32)
        values = source.GetRasterBand(1).ReadAsArray(0, row0, size, rows.shape[0])
        band.WriteArray(values - basin, 0, row0)
    target = source = None


def classify(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    size = args.classify_size
    before, _ = inputs(data, size, 10, 10)
    after = data / f"dem_{size}_after.tif"
    if not after.exists():
        print(f"writing {after} ...", flush=True)
        lowered_dem(before, after)

    def ours() -> None:
        processing.run(
            "reclamation:classifydisturbance",
            {"DEM_BEFORE": str(before), "DEM_AFTER": str(after), "UNDERGROUND": True,
             "OUTPUT": fresh(work / "disturbed.gpkg")},
        )  # fmt: skip

    report(f"classify {size}", timed(ours, args.repeat), None, "", "a DEM pair, basin of 3 m")


def plan(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    import demo

    sample = demo.SAMPLE
    gpkg = sample / demo.GPKG

    def source(name: str) -> str:
        return f"{gpkg}|layername={name}"

    parameters = {
        "DEM_BEFORE": str(sample / "dem_before.tif"), "DEM_AFTER": str(sample / "dem_after.tif"),
        "UNDERMINED": source("采动影响范围"),
        "GROUNDWATER_DEPTH": str(sample / "groundwater_depth.tif"),
        "FACILITIES": source("矿山设施"), "FACILITY_TYPE_FIELD": "类型",
        "SOIL_SAMPLES": source("土壤采样点"), "PH_FIELD": "pH", "LANDUSE": source("土地利用现状"),
        "LANDUSE_CODE_FIELD": "DLBM", "AREA": source("项目区范围"), "SOIL": source("土壤图斑"),
        "SOIL_FIELDS": demo.SOIL_FIELDS, "WATER": source("河流"), "RULES": "cn-reclamation",
        **demo.PANELS, "PANELS": source("开采工作面"),
        "summarize:TABLES": fresh(work / "tables.gpkg"),
        "summarize:REPORT_HTML": fresh(work / "report.html"),
    }  # fmt: skip

    def ours() -> None:
        processing.run("reclamation:reclamationplan", parameters)

    report("plan", timed(ours, args.repeat), None, "", "the sample mine, report included")


def landscape(path: Path, squares: int = 40, side_m: float = 500.0) -> None:
    """``squares`` × ``squares`` land-use squares of ``side_m``: forest, grassland, dry land,
    paddy, water, built-up and mining land at random (a fixed seed), written by OGR."""
    rng = np.random.default_rng(21)
    codes = np.array(["0301", "0404", "0103", "0101", "1101", "0702", "0602"])
    chosen = rng.choice(codes, squares * squares, p=[0.12, 0.1, 0.4, 0.1, 0.06, 0.12, 0.1])
    csv = path.with_suffix(".csv")
    with csv.open("w", encoding="utf-8") as out:
        out.write("WKT,DLBM\n")
        for index, code in enumerate(chosen.tolist()):
            x = ORIGIN[0] + (index % squares) * side_m
            y = ORIGIN[1] - (index // squares) * side_m
            ring = f"{x} {y},{x + side_m} {y},{x + side_m} {y - side_m},{x} {y - side_m},{x} {y}"
            out.write(f'"POLYGON(({ring}))",{code}\n')
    gdal.VectorTranslate(
        str(path), str(csv), format="GPKG", layerName="landuse",
        options=["-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO",
                 "-a_srs", f"EPSG:{EPSG}", "-nlt", "POLYGON"],
    )  # fmt: skip
    csv.unlink()


def network(processing: Any, data: Path, work: Path, args: argparse.Namespace) -> None:
    from scipy.sparse.csgraph import dijkstra

    from plugin.core.network import grid_graph

    data.mkdir(parents=True, exist_ok=True)
    land = data / "landuse_2000.gpkg"
    if not land.exists():
        landscape(land)
    size = args.network_size
    cell = 20_000.0 / size  # the landscape is 20 km wide
    rng = np.random.default_rng(5)
    resistance = rng.choice([1.0, 10.0, 30.0, 40.0, 50.0, 500.0], (size, size))
    sources = np.zeros((size, size), dtype=np.int64)
    sources[rng.integers(0, size, 50), rng.integers(0, size, 50)] = np.arange(1, 51)

    def ours() -> None:
        processing.run(
            "reclamation:ecologicalnetwork",
            {"LANDUSE": f"{land}|layername=landuse", "LANDUSE_CODE_FIELD": "DLBM",
             "CELL_SIZE": cell, "MCR": fresh(work / "mcr.tif"),
             "CORRIDORS": fresh(work / "corridors.gpkg")},
        )  # fmt: skip

    def reference() -> None:
        starts = np.flatnonzero(sources.ravel() > 0)
        dijkstra(grid_graph(resistance, cell), directed=False, indices=starts, min_only=True,
                 return_predecessors=True)  # fmt: skip

    report(
        f"network {size}",
        timed(ours, args.repeat),
        timed(reference, args.repeat),
        "graph + Dijkstra alone",
        f"{size * size / 1e6:g} M cells, corridors and MCR written",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="terrain,extract,subsidence,classify,plan,evaluate")
    parser.add_argument("--size", type=int, default=6000)
    parser.add_argument("--evaluate-units", type=int, default=1_000_000)
    parser.add_argument("--classify-size", type=int, default=10000)
    parser.add_argument("--network-size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "rp-bench")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a single case, in this process
    args = parser.parse_args()
    chosen = [case.strip() for case in (args.one or args.case).split(",") if case.strip()]
    unknown = sorted(set(chosen) - set(CASES))
    if unknown:
        parser.error(f"unknown case(s) {unknown}; choose from {', '.join(CASES)}")
    if args.one is None:
        run_each_in_its_process(args, chosen)
        return
    gdal.UseExceptions()
    import demo

    demo._prepare_environment()
    app = demo.start_qgis()
    demo.ensure_provider()
    import processing

    with tempfile.TemporaryDirectory(prefix="rp-bench-") as folder:
        globals()[args.one](processing, args.data, Path(folder), args)
    app.exitQgis()


def run_each_in_its_process(args: argparse.Namespace, cases: list[str]) -> None:
    """Each case in a QGIS process of its own, so that its peak memory is its own (GDAL's
    block cache, filled by an earlier case, would hide it)."""
    print(f"{'case':<11} {'time':>9}  {'peak':>10}", flush=True)
    for name in cases:
        command = [sys.executable, __file__, "--one", name, "--size", str(args.size),
                   "--evaluate-units", str(args.evaluate_units), "--repeat", str(args.repeat),
                   "--classify-size", str(args.classify_size),
                   "--network-size", str(args.network_size),
                   "--data", str(args.data)]  # fmt: skip
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
