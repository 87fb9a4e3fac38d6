"""Helpers shared by the test layers (no QGIS import at module level)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "reclamation_planner"


SAMPLE_SOIL_FIELDS = "有效土层厚度=soil_thickness_cm;pH值=ph;质地代码=texture"


def sample_plan_inputs(sample: Path) -> dict[str, str]:
    """The plan run's inputs on a copy of the sample mine in ``sample`` (DEMs, mining
    influence zone, groundwater, facilities, land use, soil; no panels, no prices), without
    the study area."""
    gpkg = sample / "sample_mine.gpkg"

    def layer(name: str) -> str:
        return f"{gpkg}|layername={name}"

    return {
        "DEM_BEFORE": str(sample / "dem_before.tif"),
        "DEM_AFTER": str(sample / "dem_after.tif"),
        "UNDERMINED": layer("采动影响范围"),
        "GROUNDWATER_DEPTH": str(sample / "groundwater_depth.tif"),
        "FACILITIES": layer("矿山设施"),
        "FACILITY_TYPE_FIELD": "类型",
        "LANDUSE": layer("土地利用现状"),
        "LANDUSE_CODE_FIELD": "DLBM",
        "SOIL": layer("土壤图斑"),
        "SOIL_FIELDS": SAMPLE_SOIL_FIELDS,
        "RULES": "cn-reclamation",
    }


def metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    with (ROOT / "metadata.txt").open(encoding="utf-8") as handle:
        parser.read_file(handle)
    return dict(parser["general"])


def qgis_process_executable() -> str:
    """qgis_process.bin where it exists: Debian 12's wrapper passes an option it rejects."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("qgis_process not found; run 'make deps'")


def run_qgis_process(args: list[str], config_dir: Path, timeout: int = 300):
    """Run qgis_process headless with its own profile folder; return the CompletedProcess."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(config_dir),
        XDG_RUNTIME_DIR=str(config_dir / "runtime"),
    )
    (config_dir / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    return subprocess.run(
        [qgis_process_executable(), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
