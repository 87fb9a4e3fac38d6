"""Data safety headless (issue 15): the installed zip under qgis_process refuses outputs
that name inputs (exit code and message, input unchanged), runs with only the main
output, and leaves nothing behind when it fails."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.helpers import ROOT, SLUG, run_qgis_process

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "resources" / "sample"


def _run(config, algorithm, **parameters):
    args = ["run", f"reclamation:{algorithm}", "--"]
    args += [f"{key}={value}" for key, value in parameters.items()]
    return run_qgis_process(args, config)


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def enabled(installed_profile):
    config, _ = installed_profile
    assert run_qgis_process(["plugins", "enable", SLUG], config).returncode == 0
    return config


@pytest.fixture
def mine(tmp_path):
    folder = tmp_path / "样例 矿山"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def out(tmp_path):
    """An empty output folder with a non-ASCII name."""
    folder = tmp_path / "成果"
    folder.mkdir()
    return folder


def test_output_over_the_input_geopackage_exits_non_zero(enabled, mine):
    gpkg = mine / "sample_mine.gpkg"
    before = _sha(gpkg)
    done = _run(
        enabled,
        "classifydisturbance",
        FACILITIES=f"{gpkg}|layername=矿山设施",
        FACILITY_TYPE_FIELD="类型",
        OUTPUT=gpkg,
    )
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "OUTPUT" in said
    assert "FACILITIES" in said
    assert _sha(gpkg) == before


def test_slope_over_the_dem_exits_non_zero(enabled, mine):
    dem = mine / "dem_after.tif"
    before = _sha(dem)
    done = _run(enabled, "terrainfactors", DEM=dem, SLOPE=dem)
    assert done.returncode != 0
    assert "SLOPE" in done.stdout + done.stderr
    assert _sha(dem) == before


def test_only_the_main_outputs(enabled, mine, out):
    gpkg = mine / "sample_mine.gpkg"
    done = _run(
        enabled,
        "predictsubsidence",
        PANELS=f"{gpkg}|layername=开采工作面",
        THICKNESS_FIELD="采厚",
        DEPTH_FIELD="埋深",
        DEM=mine / "dem_before.tif",
        SUBSIDENCE=out / "下沉.tif",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in out.iterdir()] == ["下沉.tif"]
    done = _run(
        enabled,
        "classifydisturbance",
        FACILITIES=f"{gpkg}|layername=矿山设施",
        FACILITY_TYPE_FIELD="类型",
        OUTPUT=out / "损毁.gpkg",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["下沉.tif", "损毁.gpkg"]


def test_points_as_panels_is_a_sentence_and_leaves_nothing(enabled, mine, out):
    gpkg = mine / "sample_mine.gpkg"
    done = _run(
        enabled,
        "predictsubsidence",
        PANELS=f"{gpkg}|layername=土壤采样点",
        THICKNESS=3,
        DEPTH=300,
        SUBSIDENCE=out / "下沉.tif",
    )
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "PANELS" in said
    assert "土壤采样点" in said
    assert "Traceback" not in said
    assert list(out.iterdir()) == []


def test_a_failed_run_leaves_nothing_headless(enabled, mine, tmp_path, out):
    import numpy as np

    from tests.rasters import write_tif

    far = write_tif(tmp_path / "远处.tif", np.full((10, 10), 5.0), (0, 10, 0, 100, 0, -10), 4527)
    done = _run(
        enabled,
        "terrainfactors",
        DEM=mine / "dem_after.tif",
        DEM_BEFORE=far,
        SLOPE=out / "坡度.tif",
        ELEVATION_CHANGE=out / "变化.tif",
    )
    assert done.returncode != 0
    assert list(out.iterdir()) == []


def test_an_impossible_value_is_refused_headless(enabled, tmp_path):
    from tests.qgis.test_data_safety import GOOD_ROWS, make_gpkg

    units = make_gpkg(tmp_path / "单元.gpkg", [*GOOD_ROWS, (3.0, 80.0, "15")])
    done = _run(enabled, "evaluatesuitability", UNITS=units, OUTPUT=tmp_path / "out.gpkg")
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "“ph”" in said
    assert "15" in said
    assert not (tmp_path / "out.gpkg").exists()


def test_geopackage_outputs_leave_wal_mode_headless(enabled, mine, tmp_path):
    gpkg = mine / "sample_mine.gpkg"
    out = tmp_path / "损毁.gpkg"
    done = _run(
        enabled,
        "classifydisturbance",
        FACILITIES=f"{gpkg}|layername=矿山设施",
        FACILITY_TYPE_FIELD="类型",
        OUTPUT=out,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL (2, 2)
    assert not out.with_name(out.name + "-wal").exists()
