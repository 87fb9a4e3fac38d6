"""Benchmark: evaluation units, reclamation:makeunits against the QGIS chain a user would
click instead, both through processing.run in one QGIS process.

Generates a deterministic DEM (default 1000 x 1000 cells of 5 m, EPSG:4547, hills with
short-wave relief) and a grid of disturbed squares (default 15 x 15 = 225; every other one
a dump, whose faces are split from its platforms). Then times, best of --repeat:

1. ours: ``reclamation:makeunits`` (slope classes, platforms and faces, the minimum area
   merged by the longest border, exact geometry, unit ids);
2. QGIS: ``native:slope`` → ``native:reclassifybytable`` (the same slope classes) →
   ``gdal:polygonize`` → ``native:intersection`` with the squares: slope-class pieces cut
   by the disturbed land, with no minimum area, no landform and no numbering (less work
   than ours).

    .venv/bin/python bench/bench_units.py [--size 1000] [--squares 15] [--repeat 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import gdal, ogr, osr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EPSG = 4547
CELL = 5.0
ORIGIN = (500_000.0, 4_000_000.0)


def write_inputs(folder: Path, size: int, squares: int) -> tuple[str, str]:
    rows, cols = np.mgrid[0:size, 0:size].astype(np.float32)
    dem = 100 + 30 * np.sin(cols / 37.0) * np.cos(rows / 53.0) + 5 * np.sin(cols / 7 + rows / 11)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    path = folder / "dem.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), size, size, 1, gdal.GDT_Float32, ["TILED=YES", "COMPRESS=DEFLATE"]
    )
    dataset.SetGeoTransform((ORIGIN[0], CELL, 0, ORIGIN[1], 0, -CELL))
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(dem)
    dataset = None
    gpkg = folder / "disturbed.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    layer = source.CreateLayer("disturbed", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("dist_type", ogr.OFTString))
    side = size * CELL / squares
    layer.StartTransaction()
    for i in range(squares):
        for j in range(squares):
            x0, y1 = ORIGIN[0] + j * side, ORIGIN[1] - i * side
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("dist_type", ("subsidence", "occupation")[(i + j) % 2])
            ring = f"{x0} {y1 - side},{x0 + side} {y1 - side},{x0 + side} {y1},{x0} {y1}"
            feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({ring},{x0} {y1 - side}))"))
            layer.CreateFeature(feature)
    layer.CommitTransaction()
    source = None
    return str(path), f"{gpkg}|layername=disturbed"


def ours(processing: Any, dem: str, disturbed: str, out: Path) -> int:
    result = processing.run(
        "reclamation:makeunits", {"INPUT": disturbed, "DEM": dem, "OUTPUT": str(out)}
    )
    dataset = ogr.Open(result["OUTPUT"])
    return dataset.GetLayer(0).GetFeatureCount()


def qgis_chain(processing: Any, dem: str, disturbed: str, out: Path) -> int:
    slope = processing.run(
        "native:slope", {"INPUT": dem, "Z_FACTOR": 1, "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    table = [-1, 2, 1, 2, 6, 2, 6, 15, 3, 15, 25, 4, 25, 90, 5]
    classes = processing.run(
        "native:reclassifybytable",
        {
            "INPUT_RASTER": slope,
            "RASTER_BAND": 1,
            "TABLE": table,
            "RANGE_BOUNDARIES": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    polygons = processing.run(
        "gdal:polygonize",
        {"INPUT": classes, "BAND": 1, "FIELD": "class", "OUTPUT": "TEMPORARY_OUTPUT"},
    )["OUTPUT"]
    result = processing.run(
        "native:intersection",
        {"INPUT": disturbed, "OVERLAY": polygons, "OUTPUT": str(out)},
    )["OUTPUT"]
    dataset = ogr.Open(result.split("|")[0])
    return dataset.GetLayer(0).GetFeatureCount()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--squares", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from qgis.core import QgsApplication

    application = QgsApplication([], False)
    application.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    from plugin.provider.provider import ReclamationProvider

    Processing.initialize()
    provider = ReclamationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    with tempfile.TemporaryDirectory() as folder:
        dem, disturbed = write_inputs(Path(folder), args.size, args.squares)
        timings = {}
        for name, run in (("makeunits", ours), ("QGIS chain", qgis_chain)):
            best, count = float("inf"), 0
            for attempt in range(args.repeat):
                out = Path(folder) / f"{name.replace(' ', '_')}_{attempt}.gpkg"
                start = time.perf_counter()
                count = run(processing, dem, disturbed, out)
                best = min(best, time.perf_counter() - start)
            timings[name] = best
            print(f"{name:11s} {best:7.2f} s  {count} polygons")
        ratio = timings["QGIS chain"] / timings["makeunits"]
        print(
            f"{args.size} x {args.size} DEM, {args.squares**2} disturbed polygons: makeunits "
            f"is {ratio:.2f}x the speed of slope → reclassify → polygonize → intersection"
        )
    QgsApplication.processingRegistry().removeProvider(provider)
    return 0


if __name__ == "__main__":
    sys.exit(main())
