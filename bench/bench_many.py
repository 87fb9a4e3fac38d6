"""Benchmark: many mines in one run (issue 22).

``reclamation:planmany`` on ``--mines`` (20) constructed mines of one county (each 1 km ×
1 km at 10 m cells, its own DEM pair, the county's facilities, land use and soil; HTML
report; no review), with WORKERS = 2 and WORKERS = 0, against the same plans made by
one ``qgis_process run reclamation:reclamationplan`` per mine, as a user's loop would
(the county's layers and the mine's boundary as AREA), with the plugin installed from its
zip in a profile of its own. Prints the times and the ratio planmany / the loop.

    .venv/bin/python bench/bench_many.py [--mines 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from osgeo import ogr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import SLUG, qgis_process_executable  # noqa: E402 (repository on the path)
from tests.province import plan_inputs, write_province  # noqa: E402


def boundaries(county: Path, folder: Path) -> dict[str, str]:
    """One GeoPackage per mine holding its boundary (the loop's AREA)."""
    source = ogr.Open(str(county))
    mines = source.GetLayerByName("矿山")
    found = {}
    for feature in mines:
        mine = feature["矿山编号"]
        path = folder / f"{mine}.gpkg"
        target = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        layer = target.CreateLayer("area", mines.GetSpatialRef(), ogr.wkbPolygon)
        row = ogr.Feature(layer.GetLayerDefn())
        row.SetGeometry(feature.GetGeometryRef().Clone())
        layer.CreateFeature(row)
        target = None
        found[mine] = (str(path), feature["采前DEM"], feature["采后DEM"])
    return found


def installed_profile(folder: Path) -> Path:
    """A QGIS profile with the plugin unpacked from its zip (built here)."""
    archive = folder / "plugin.zip"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--output", str(archive)],
        check=True,
        capture_output=True,
    )
    config = folder / "profile"
    plugins = config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(plugins)
    return config


def qgis_process(args: list[str], config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(config))
    return subprocess.run(
        [qgis_process_executable(), *args], env=env, capture_output=True, text=True, check=False
    )


def loop(county: Path, folder: Path, config: Path) -> float:
    """One qgis_process call per mine; the seconds of all calls."""
    shared = plan_inputs(county)
    keep = ("FACILITIES", "FACILITY_TYPE_FIELD", "LANDUSE", "LANDUSE_CODE_FIELD", "SOIL",
            "SOIL_FIELDS", "RULES")  # fmt: skip
    out = folder / "loop"
    out.mkdir()
    mines = boundaries(county, folder)
    started = time.perf_counter()
    for mine, (area, before, after) in mines.items():
        args = ["run", "reclamation:reclamationplan", "--"]
        args += [f"{key}={shared[key]}" for key in keep]
        args += [f"DEM_BEFORE={county.parent / before}", f"DEM_AFTER={county.parent / after}",
                 f"AREA={area}", f"classify:DISTURBED={out / mine}_disturbance.gpkg",
                 f"evaluate:SUITABILITY={out / mine}_suitability.gpkg",
                 f"summarize:TABLES={out / mine}_tables.gpkg",
                 f"summarize:REPORT_HTML={out / mine}_report.html"]  # fmt: skip
        done = qgis_process(args, config)
        if done.returncode != 0:
            raise SystemExit(f"qgis_process failed for {mine}:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def many(county: Path, folder: Path, workers: int) -> float:
    """planmany through processing.run in this process; its seconds."""
    import processing

    started = time.perf_counter()
    result = processing.run(
        "reclamation:planmany",
        {
            **plan_inputs(county),
            "REVIEW": "",
            "WORKERS": workers,
            "OUTPUT_FOLDER": str(folder / f"many-{workers}"),
            "OUTPUT": str(folder / f"many-{workers}.gpkg"),
        },
    )
    seconds = time.perf_counter() - started
    source = ogr.Open(result["OUTPUT"])
    failed = [f["mine_id"] for f in source.GetLayer(0) if f["status"] == "failed"]
    if failed:
        raise SystemExit(f"planmany failed for {failed}")
    return seconds


def start_qgis() -> object:
    from qgis.core import QgsApplication

    application = QgsApplication([], False)
    application.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from plugin.provider.provider import ReclamationProvider

    provider = ReclamationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return application, provider


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mines", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="rp-bench-many-"))
    try:
        county_folder = folder / "county"
        county_folder.mkdir()
        county = write_province(county_folder, broken=False, count=args.mines)
        kept = start_qgis()  # noqa: F841 (alive for the runs)
        pooled = many(county, folder, workers=2)
        single = many(county, folder, workers=0)
        config = installed_profile(folder)
        qgis_process(["plugins", "enable", SLUG], config)
        looped = loop(county, folder, config)
        print(f"{args.mines} mines (1 km², 100 × 100 cells each), cores: {os.cpu_count()}")
        print(f"  planmany, 2 worker processes: {pooled:.1f} s")
        print(f"  planmany, in QGIS's process:  {single:.1f} s")
        print(f"  {args.mines} qgis_process calls:       {looped:.1f} s")
        print(f"  ratio planmany (2 workers) / qgis_process loop: {pooled / looped:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
