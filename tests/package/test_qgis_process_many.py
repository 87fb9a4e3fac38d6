"""Many mines headless (issue 22): the installed zip under qgis_process plans the county's
mines in worker processes — the workers find QGIS's Python and the plugin under its
installed (renamed) folder — and writes the province table."""

from __future__ import annotations

import pytest
from osgeo import ogr

from tests.helpers import SLUG, run_qgis_process
from tests.province import MINE_IDS, plan_inputs, write_province

pytestmark = pytest.mark.slow


def test_planmany_with_workers_under_qgis_process(installed_profile, tmp_path):
    config, _ = installed_profile
    assert run_qgis_process(["plugins", "enable", SLUG], config).returncode == 0
    folder = tmp_path / "全县"
    folder.mkdir()
    county = write_province(folder)
    inputs = {key: value for key, value in plan_inputs(county).items() if key != "REPORTS"}
    args = ["run", "reclamation:planmany", "--"]
    args += [f"{key}={value}" for key, value in inputs.items()]
    args += ["REPORTS=0", "WORKERS=2", f"OUTPUT_FOLDER={tmp_path / '成果'}",
             f"OUTPUT={tmp_path / '全省.gpkg'}"]  # fmt: skip
    done = run_qgis_process(args, config)
    assert done.returncode == 0, done.stdout + done.stderr
    source = ogr.Open(str(tmp_path / "全省.gpkg"))
    status = {f["mine_id"]: f["status"] for f in source.GetLayer(0) if f["row_kind"] == "mine"}
    assert {mine: status[mine] for mine in MINE_IDS} == dict.fromkeys(MINE_IDS, "done")
    assert status["M-004"] == "failed"
    for mine in MINE_IDS:
        assert (tmp_path / "成果" / mine / "report.html").is_file()
