"""Helpers shared by the test layers (no QGIS import at module level)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "reclamation_planner"


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
