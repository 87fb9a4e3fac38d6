"""The whole workflow (reclamation:reclamationplan), run headless by qgis_process."""

from __future__ import annotations

import json

import pytest

from tests.helpers import SLUG, run_qgis_process
from tests.qgis.test_reclamation_model import model_parameters, write_layers


@pytest.mark.slow
def test_model_through_qgis_process(installed_profile, tmp_path):
    config, _ = installed_profile
    assert run_qgis_process(["plugins", "enable", SLUG], config).returncode == 0
    layers = write_layers(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    args = ["--json", "run", "reclamation:reclamationplan", "--"]
    args += [f"{key}={value}" for key, value in model_parameters(layers, out).items()]
    done = run_qgis_process(args, config)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout[done.stdout.index("{") :])
    assert result["results"]
    assert (out / "tables.gpkg").exists()
